#pragma once
// JSON forms of the engine's types: the documented file formats (docs/formats.md) and
// the machine-readable results of the CLI.
#include "bitfold/device.h"
#include "bitfold/estimate.h"
#include "bitfold/folding.h"
#include "bitfold/network.h"
#include "bitfold/sweep.h"

#include <nlohmann/json.hpp>
#include <string>

namespace bitfold {

/// Parses JSON text; a syntax error becomes an Error "origin:line:column: message".
nlohmann::json parseJson(const std::string& text, const std::string& origin);
nlohmann::json readJsonFile(const std::string& path);

Network networkFromJson(const nlohmann::json& j, const std::string& origin);
nlohmann::json toJson(const Network& net);
Device deviceFromJson(const nlohmann::json& j, const std::string& origin);
nlohmann::json toJson(const Device& dev);

/// {"layers":[{"name":"conv0","pe":16,"simd":3},...]}; other keys are ignored, layers
/// missing from the file (pooling) keep PE = SIMD = 1. Unknown layer names are errors.
Folding foldingFromJson(const nlohmann::json& j, const Network& net, const std::string& origin);
Folding loadFoldingFile(const std::string& path, const Network& net);
nlohmann::json toJson(const Folding& folding, const Network& net);

nlohmann::json toJson(const Resources& r);
nlohmann::json toJson(const Estimate& e);

/// A design point as `bitfold-cli sweep/pareto --format json` writes it; with `net` (the
/// possibly width-scaled network) its per-layer folding too.
nlohmann::json toJson(const DesignPoint& p, const Network* net = nullptr);
/// A device-scaling curve as `bitfold-cli scaling --format json` writes it.
nlohmann::json scalingJson(const std::vector<ScalingPoint>& points);

} // namespace bitfold
