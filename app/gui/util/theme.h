#pragma once
// The light theme and presentation mode (large fonts for projectors).
class QApplication;
class QColor;
class QWidget;

namespace bitfold::gui {

/// Fusion style with a light, high-contrast palette. Call once at start-up.
void applyLightTheme(QApplication& app);
/// Scales the application font (plots and bars follow through FontChange events).
void setPresentationMode(bool on);
bool presentationMode();

// Styling through palettes and font flags, never style sheets: a style sheet freezes a
// widget's font, and presentation mode must be able to enlarge every text.
/// Grey explanatory text; `italic` for "predicted (model ...)" captions.
void setSecondaryText(QWidget* w, bool italic = false);
/// A filled panel (cards, banners).
void setPanel(QWidget* w, const QColor& background);

} // namespace bitfold::gui
