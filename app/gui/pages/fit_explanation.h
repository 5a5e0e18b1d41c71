#pragma once
// Why a design does not fit, in words a newcomer follows: the resource over its limit, what
// in the design uses it (weights, arithmetic, thresholds, buffers, shell) and whether folding
// could help, from the engine's fit report and the estimate's per-layer breakdown.
#include "session/design_config.h"
#include "session/design_state.h"

#include <QString>

namespace bitfold::gui {

/// Rich text for the Overview; empty when the design fits.
QString whyItDoesNotFit(const DesignState& state, const DesignConfig& config);

} // namespace bitfold::gui
