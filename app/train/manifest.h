#pragma once
// resources/models/manifest.json: one entry per trained model (docs/training.md).
#include <nlohmann/json.hpp>

#include <string>

namespace bitfold::train {

/// The manifest at `path`, or an empty one ({"format": "bitfold-models", "models": []})
/// when the file does not exist. Throws Error on malformed JSON.
nlohmann::json readManifest(const std::string& path);

/// Inserts `entry` (an object with a string "id"), replacing an entry with the same id, keeps
/// the models sorted (network, width, weight bits, activation bits) and rewrites the file
/// atomically (temporary file, then rename).
void upsertManifestEntry(const std::string& path, const nlohmann::json& entry);

} // namespace bitfold::train
