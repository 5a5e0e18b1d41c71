#pragma once
// --screenshot DIR: once the design is evaluated and background pages are filled, shows
// every page in turn, saves QWidget::grab() of the window as DIR/<page>.png, then quits.
#include <QString>

namespace bitfold::gui {

class MainWindow;

void startScreenshots(MainWindow* window, const QString& dir);

} // namespace bitfold::gui
