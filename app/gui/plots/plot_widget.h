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
    /// Replots soon if shown, else when next shown: hidden pages cost nothing.
    void requestReplot();
    /// Asks for a file name and exports (PNG, PDF or SVG by suffix).
    void exportInteractive();
    /// What an exported figure is titled with: the plot, the design it shows
    /// ("CNV W1A1 on PYNQ-Z1 at 100 MHz") and where its numbers come from.
    void setExportContext(const QString& design) { m_context = design; }
    void setProvenance(const QString& provenance) { m_provenance = provenance; }
    void setFigureName(const QString& name) { m_figureName = name; }
    QString exportTitle() const;

Q_SIGNALS:
    void statusMessage(const QString& text);

protected:
    void changeEvent(QEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    bool m_stale = false;
    QString m_context, m_figureName;
    QString m_provenance = QStringLiteral("predicted");
};

/// A ticker for a logarithmic axis over [lo, hi]: decades when the range is wide, 1-2-5
/// steps when it spans only a decade or two (so there are always a few labels).
QSharedPointer<QCPAxisTicker> logTicker(double lo, double hi);

/// A pleasant categorical palette (colour-blind safe, Okabe–Ito order).
QColor categoryColor(int i);

} // namespace bitfold::gui
