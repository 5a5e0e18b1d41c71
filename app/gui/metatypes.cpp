#include "metatypes.h"

namespace bitfold::gui {

void registerMetaTypes() {
    qRegisterMetaType<bitfold::Estimate>();
    qRegisterMetaType<bitfold::Folding>();
    qRegisterMetaType<bitfold::FoldingResult>();
    qRegisterMetaType<bitfold::DesignPoint>();
    qRegisterMetaType<std::vector<bitfold::DesignPoint>>();
    qRegisterMetaType<std::vector<bitfold::ScalingPoint>>();
    qRegisterMetaType<bitfold::LayerFolding>();
    qRegisterMetaType<bitfold::PrecisionSpec>();
    qRegisterMetaType<bitfold::gui::DesignConfig>();
    qRegisterMetaType<bitfold::gui::Notice>();
}

} // namespace bitfold::gui
