#pragma once
// The evaluated design the pages show: resolved inputs, the folding in use and the
// predictions. A value; the session replaces it whole on every change.
#include "bitfold/device.h"
#include "bitfold/estimate.h"
#include "bitfold/network.h"

#include <QString>
#include <string>
#include <vector>

namespace bitfold::gui {

/// A message for the inline banner. Never modal.
struct Notice {
    enum class Level { None, Info, Warning, Error };
    Level level = Level::None;
    QString text;
    bool operator==(const Notice&) const = default;
};

struct DesignState {
    bool valid = false; ///< false until a first design evaluated
    Network network;
    Device device;
    std::vector<LayerPrecision> precision; ///< resolved, one per layer
    Folding folding; ///< in use (optimizer's or manual)
    Estimate estimate; ///< with the configured cost model
    std::vector<Estimate> comparisons; ///< the other cost models (compare mode), same folding
    bool fromOptimizer = false;
    bool fits = true; ///< within every resource limit
    bool targetMet = true;
    QString limitingResource; ///< optimizer: what stopped it; manual: most used resource
    QString optimizerMessage;
    QString fitReason; ///< when it does not fit: why, one sentence (bitfold::fitReason)
    int optimizerEvaluations = 0;
    double evaluationMs = 0; ///< wall time of the estimate or optimizer run
};

} // namespace bitfold::gui
