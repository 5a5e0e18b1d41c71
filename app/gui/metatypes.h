#pragma once
// Engine types that cross threads in queued signals or QVariants. The engine stays Qt-free;
// this header is the only place that teaches Qt about it.
#include "bitfold/estimate.h"
#include "bitfold/optimizer.h"
#include "bitfold/sweep.h"
#include "session/design_config.h"
#include "session/design_state.h"

#include <QMetaType>
#include <vector>

Q_DECLARE_METATYPE(bitfold::Estimate)
Q_DECLARE_METATYPE(bitfold::Folding)
Q_DECLARE_METATYPE(bitfold::FoldingResult)
Q_DECLARE_METATYPE(bitfold::DesignPoint)
Q_DECLARE_METATYPE(std::vector<bitfold::DesignPoint>)
Q_DECLARE_METATYPE(std::vector<bitfold::ScalingPoint>)
Q_DECLARE_METATYPE(bitfold::LayerFolding)
Q_DECLARE_METATYPE(bitfold::PrecisionSpec)
Q_DECLARE_METATYPE(bitfold::gui::DesignConfig)
Q_DECLARE_METATYPE(bitfold::gui::Notice)

namespace bitfold::gui {
/// Registers the types above with Qt's meta-type system; call once before queued use.
void registerMetaTypes();
} // namespace bitfold::gui
