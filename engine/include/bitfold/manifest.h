#pragma once
// The trained models' manifest, resources/models/manifest.json (written by bitfold-train,
// docs/training.md), read strictly: one key per field, accuracies as fractions, and an Error
// naming the file, the entry and the field for anything else. And the one answer to "which
// trained model is this design": the sweeps' accuracy look-up, the CLI and the GUI's Runs page
// all ask here.
#include "bitfold/network.h"
#include "bitfold/precision.h"
#include "bitfold/sweep.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace bitfold {

/// One trained model: what was trained (network kind, width, depth, precision) and what it measured.
struct ManifestEntry {
    std::string id; ///< "mlp256-w2a2"
    std::string network; ///< what bitfold-train built: "mlp" or "cnv-fm"
    int width = 0; ///< mlp: hidden features; cnv-fm: base channel count
    int layers = 0; ///< mlp: hidden layers (>= 1); cnv-fm: 0
    int weightBits = 0, actBits = 0;
    int inputBits = 8;
    /// First and last matrix layers' weight bits when "layer_bits" gives them apart from the
    /// rest ("-first8" models), else 0; -1 for any other per-layer precision (no sweep design).
    int edgeWeightBits = 0;
    std::string package; ///< package folder, relative to the manifest; empty for a float baseline
    AccuracyInfo accuracy; ///< kind Measured
    bool operator==(const ManifestEntry&) const = default;
};

struct Manifest {
    std::string path; ///< the file it was read from
    std::string dataset; ///< "fashion-mnist"
    std::vector<ManifestEntry> models;
};

/// Reads a manifest from its JSON; `path` names it in errors ("manifest.json: models[3]
/// (mlp64-w1a1): accuracy 90.2 is not a fraction (0..1)"). Throws Error.
Manifest parseManifest(const nlohmann::json& j, const std::string& path);
/// Reads the manifest at `path`; a missing file is an empty manifest. Throws Error.
Manifest loadManifest(const std::string& path);
/// resourceDir()/models/manifest.json, re-read when the file changes (the trainer may add
/// models while the GUI runs). Thread-safe. Throws Error when it is malformed.
std::shared_ptr<const Manifest> shippedManifest();

/// True when `net` is the network `entry` was trained as: for "mlp", fully connected
/// 784 -> layers x width -> 10; for "cnv-fm", the shipped network "cnv-fm<width>".
bool isTrainedShape(const ManifestEntry& entry, const Network& net);

/// The trained model of `net` at `weightBits`/`actBits`, the first and last matrix layers at
/// `edgeWeightBits` (0: the same), or null.
const ManifestEntry* findTrainedModel(const Manifest& manifest, const Network& net, int weightBits, int actBits,
                                      int edgeWeightBits = 0);

/// True when a parameter package for `trained` at `trainedPrec` implements the design `net`
/// at `prec`: the same layers (layer names and hardware padding aside) at the same per-layer
/// precision. The GUI offers a package for a design by this test.
bool isTrainedDesign(const Network& trained, const std::vector<LayerPrecision>& trainedPrec, const Network& net,
                     const std::vector<LayerPrecision>& prec);

} // namespace bitfold
