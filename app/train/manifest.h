#pragma once
// resources/models/manifest.json: one entry per trained model (docs/training.md).
#include <nlohmann/json.hpp>

#include <string>

namespace bitfold::train {

/// The manifest at `path`, or an empty one ({"format": "bitfold-models", "models": []})
/// when the file does not exist. Throws Error on malformed JSON.
nlohmann::json readManifest(const std::string& path);

/// Merges one training run (`run`: a single seed's entry, with "seed" and "accuracy") into
/// `existing`, the entry of the same id (null when there is none), and returns the result:
/// - `seeds` (ascending) and `accuracies` (one per seed) collect the runs of one recipe
///   (epochs, lr, batch, train/test images, input bits, layer_bits, warmup, distill,
///   bn_recalibrate); a run of another recipe
///   starts the lists over, a run of a seed already listed replaces that seed's accuracy;
/// - `accuracy_mean`, `accuracy_sd` (sample standard deviation, 0 for one seed) and
///   `accuracy` = the mean;
/// - every other field (package, seed, command, float_graph_accuracy, ...) describes the
///   shipped package: the run of the lowest seed (docs/training.md). `package_accuracy` is
///   that run's accuracy, the number the package itself records.
/// Entries written before seeds were kept (one "seed", one "accuracy") are read as one run.
nlohmann::json mergeRun(const nlohmann::json& existing, const nlohmann::json& run);

/// True when the manifest at `path` has an entry with `run`'s id whose seeds include `run`'s
/// seed, trained with `run`'s recipe (see mergeRun).
bool manifestHasRun(const std::string& path, const nlohmann::json& run);

/// Merges `run` (mergeRun) into the entry with the same id or inserts it, keeps the models
/// sorted (network, width, weight bits, activation bits) and rewrites the file atomically
/// (temporary file, then rename).
void upsertManifestEntry(const std::string& path, const nlohmann::json& run);

} // namespace bitfold::train
