#pragma once
// Parameter packages: a trained (or random) network in the accelerator's integer form.
// Format and semantics: docs/semantics.md.
#include "bitfold/network.h"
#include "bitfold/precision.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bitfold {

/// Integer parameters of one layer, unpacked. Max-pool layers have empty vectors.
struct LayerParams {
    int weightBits = 0;
    int actBits = 0; ///< 0 when the layer has no activation
    std::int64_t mh = 0, mw = 0; ///< logical sizes
    std::vector<std::int8_t> weights; ///< mh*mw, row-major, values in the W-bit range (-1/+1 for 1 bit)
    std::vector<std::int32_t> thresholds; ///< mh*(2^A-1), ascending per row; empty without activation
    bool operator==(const LayerParams&) const = default;
};

struct ParamPackage {
    Network network; ///< logical network (no hardware padding needed)
    int inputBits = 8;
    std::string dataset; ///< "fashion-mnist", or "" for random parameters
    std::vector<LayerParams> layers; ///< one per network layer
    std::optional<double> accuracy; ///< top-1 measured by the golden reference, if any
    int accuracyImages = 0;
    std::string trainingJson; ///< the "training" object, verbatim (may be empty)
    bool operator==(const ParamPackage&) const = default;

    /// The per-layer precisions the package was built for.
    std::vector<LayerPrecision> precision() const;
};

/// Reads dir/package.json and dir/params.bin; throws Error naming the file and layer on any
/// inconsistency (truncated payload, wrong section size, descending thresholds, ...).
ParamPackage loadPackage(const std::string& dir);
/// Writes the package (creating dir); overwrites existing files.
void savePackage(const ParamPackage& pkg, const std::string& dir);

/// Random parameters with realistic thresholds (spread around each row's accumulator
/// distribution so activations are not constant), reproducible from `seed`.
ParamPackage randomPackage(const Network& net, const std::vector<LayerPrecision>& prec, std::uint64_t seed);

} // namespace bitfold
