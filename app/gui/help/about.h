#pragma once
// Help -> About: what Bitfold is and the papers it is built on.
class QWidget;

namespace bitfold::gui {

void showAboutBox(QWidget* parent);

} // namespace bitfold::gui
