#pragma once
// The light theme and presentation mode (large fonts for projectors).
class QApplication;

namespace bitfold::gui {

/// Fusion style with a light, high-contrast palette. Call once at start-up.
void applyLightTheme(QApplication& app);
/// Scales the application font (plots and bars follow through FontChange events).
void setPresentationMode(bool on);
bool presentationMode();

} // namespace bitfold::gui
