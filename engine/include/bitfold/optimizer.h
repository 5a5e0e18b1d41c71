#pragma once
// Folding search: the fastest design that fits a device, or the cheapest that reaches a
// target frame rate. Two faithful baselines beside it, for comparison.
#include "bitfold/cost_model.h"
#include "bitfold/device.h"
#include "bitfold/folding.h"
#include "bitfold/network.h"

#include <optional>
#include <string>
#include <vector>

namespace bitfold {

/// Fractions of the device's resources a design (its platform shell included) may use.
/// Defaults: FINN's timing-closure guideline.
struct ResourceLimits {
    double lut = 0.70, ff = 0.50, bram = 0.80, uram = 0.80, dsp = 0.80;
    bool operator==(const ResourceLimits&) const = default;
};
double limitOf(const ResourceLimits& l, ResourceKind k);

enum class FoldingStrategy {
    Bitfold, ///< ours: resource-aware search, never worse than the baselines
    FinnSetFolding, ///< today's FINN SetFolding: SIMD then PE until a cycle target; ignores resources
    FinnRGreedy, ///< FINN-R 2018: raise the slowest layer's SIMD, then PE, while within 70% LUT / 100% BRAM
};
const char* toString(FoldingStrategy s);
FoldingStrategy foldingStrategyFromString(const std::string& s); // throws Error

enum class FoldingGoal { MaxFps, TargetFps };

struct FoldingRequest {
    FoldingStrategy strategy = FoldingStrategy::Bitfold;
    FoldingGoal goal = FoldingGoal::MaxFps;
    double targetFps = 0; ///< TargetFps: reach at least this rate with the fewest resources
    ResourceLimits limits;
    double clockMhz = 0; ///< <= 0: device default
    CostModel model = CostModel::Bitfold; ///< the model that judges fit
};

struct FoldingResult {
    Folding folding;
    Estimate estimate;
    bool fits = false; ///< within every limit
    bool targetMet = true; ///< TargetFps only
    std::string limitingResource; ///< what stopped the search: "LUT", "BRAM", ..., or "folding" (fully unfolded)
    std::string message; ///< for users: why it does not fit, the ceiling, the smallest device that fits
    int evaluations = 0; ///< estimates the search made
};

/// Runs a strategy. Never throws for "does not fit": fits=false and message say why.
FoldingResult optimizeFolding(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                              const FoldingRequest& request);

/// The fully unfolded folding: PE = MH, SIMD the largest valid, and for convolutions the
/// largest valid MMV (one compute unit).
Folding maximalFolding(const Network& net, const std::vector<LayerPrecision>& prec);

} // namespace bitfold
