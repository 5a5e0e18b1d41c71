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
    MaxFps, ///< the fastest folding within the resource limits (optimizer)
    TargetFps, ///< the cheapest folding reaching targetFps (optimizer)
    Manual, ///< the user's PE/SIMD values
};
const char* toString(FoldingMode m);
FoldingMode foldingModeFromString(const std::string& s); // throws Error

/// An accuracy the user typed in for one design (their own data set, e.g. of an imported
/// model): shown on the Pareto page as user-supplied, never as Bitfold's own figure.
struct UserAccuracy {
    std::string network; ///< as DesignConfig::network
    PrecisionSpec precision; ///< the design's precisions when it was typed in
    double top1 = 0; ///< fraction
    std::string dataset;
    bool operator==(const UserAccuracy&) const = default;
};

struct DesignConfig {
    std::string network = "cnv"; ///< shipped network id, or a path to a network JSON file
    PrecisionSpec precision; ///< default W1A1
    std::string device = "xc7z020";
    double clockMhz = 100; ///< MHz
    CostModel model = CostModel::Bitfold;
    bool compareModels = false; ///< show every cost model side by side
    FoldingMode mode = FoldingMode::MaxFps;
    double targetFps = 1000; ///< frames per second, TargetFps mode
    ResourceLimits limits; ///< fractions of the device
    Folding manualFolding; ///< Manual mode: one entry per layer (empty: start from minimal)
    std::vector<UserAccuracy> userAccuracies; ///< at most one per network and precision
    bool operator==(const DesignConfig&) const = default;

    /// The request the optimizer gets for this configuration.
    FoldingRequest foldingRequest() const;
    /// The user's accuracy for the configured network and precision, if they typed one in.
    const UserAccuracy* userAccuracy() const;
    /// Sets (top1 >= 0) or forgets (top1 < 0) the user's accuracy of the configured design.
    void setUserAccuracy(double top1, const std::string& dataset);
};

/// Session file form ({"bitfold_session": 1, ...}). Unknown keys are ignored; a malformed
/// value throws Error naming the key.
nlohmann::json toJson(const DesignConfig& c);
DesignConfig designConfigFromJson(const nlohmann::json& j, const std::string& origin);

} // namespace bitfold::gui
