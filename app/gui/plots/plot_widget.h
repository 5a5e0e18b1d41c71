#pragma once
// QCustomPlot with the house look: light theme, fonts following the application font (so
// presentation mode enlarges plots too), and a context menu to export or copy the plot.
#include <qcustomplot.h>

namespace bitfold::gui {

class PlotWidget : public QCustomPlot {
    Q_OBJECT
public:
    explicit PlotWidget(QWidget* parent = nullptr);

    /// Applies fonts and colours to every axis rect, axis and legend; call after adding axes.
    void restyle();
    /// Asks for a file name and exports (PNG, PDF or SVG by suffix).
    void exportInteractive();

Q_SIGNALS:
    void statusMessage(const QString& text);

protected:
    void changeEvent(QEvent* e) override;
};

/// A pleasant categorical palette (colour-blind safe, Okabe–Ito order).
QColor categoryColor(int i);

} // namespace bitfold::gui
