#pragma once
// The formulas behind one layer's numbers, with the values substituted, as HTML a lecturer
// can teach from. Every result is the engine's (LayerEstimate fields, cycles.h functions);
// the page only writes the symbols and the inputs next to it.
#include "session/design_state.h"

#include <QString>

namespace bitfold::gui {

/// HTML for layer `layer` of the evaluated design; empty when out of range.
QString explainLayerHtml(const DesignState& state, int layer);
/// HTML for the whole pipeline: throughput from the bottleneck, latency, totals.
QString explainDesignHtml(const DesignState& state);

} // namespace bitfold::gui
