#pragma once
// Everything the user chooses about one design: the value the configuration panel edits,
// the undo stack records and a session file stores. Plain value type, no Qt.
#include "bitfold/cost_model.h"
#include "bitfold/folding.h"
#include "bitfold/optimizer.h"
#include "bitfold/precision.h"

#include <nlohmann/json.hpp>
#include <string>

namespace bitfold::gui {

/// How the folding (PE/SIMD per layer) is chosen.
enum class FoldingMode {
    MaxFps,    ///< the fastest folding within the resource limits (optimizer)
    TargetFps, ///< the cheapest folding reaching targetFps (optimizer)
    Manual,    ///< the user's PE/SIMD values
};
const char* toString(FoldingMode m);
FoldingMode foldingModeFromString(const std::string& s); // throws Error

struct DesignConfig {
    std::string network = "cnv";   ///< shipped network id, or a path to a network JSON file
    PrecisionSpec precision;       ///< default W1A1
    std::string device = "xc7z020";
    double clockMhz = 100;         ///< MHz
    CostModel model = CostModel::Bitfold;
    bool compareModels = false;    ///< show every cost model side by side
    FoldingMode mode = FoldingMode::MaxFps;
    double targetFps = 1000;       ///< frames per second, TargetFps mode
    ResourceLimits limits;         ///< fractions of the device
    Folding manualFolding;         ///< Manual mode: one entry per layer (empty: start from minimal)
    bool operator==(const DesignConfig&) const = default;

    /// The request the optimizer gets for this configuration.
    FoldingRequest foldingRequest() const;
};

/// Session file form ({"bitfold_session": 1, ...}). Unknown keys are ignored; a malformed
/// value throws Error naming the key.
nlohmann::json toJson(const DesignConfig& c);
DesignConfig designConfigFromJson(const nlohmann::json& j, const std::string& origin);

} // namespace bitfold::gui
