#pragma once
// Scatter of a sweep's design points on two chosen objectives, the Pareto front drawn over
// them; hover for details, drag/wheel to pan/zoom, click to pick a point. Reads a
// SweepModel; owns no data.
#include "bitfold/sweep.h"
#include "plots/plot_widget.h"

namespace bitfold::gui {

class DesignScatter;
class SweepModel;

class ParetoPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit ParetoPlot(QWidget* parent = nullptr);
    void setModel(SweepModel* model);
    void setAxes(Objective x, Objective y);
    void setFitsOnly(bool on);
    Objective xObjective() const { return m_x; }
    Objective yObjective() const { return m_y; }

    /// Model rows currently plotted, and those on the front.
    std::vector<int> plottedRows() const;
    const std::vector<int>& frontRows() const { return m_front; }
    /// One front per accuracy data set (empty name: no accuracy axis), model rows.
    const std::vector<std::pair<QString, std::vector<int>>>& fronts() const { return m_fronts; }
    /// What the legend shows for precisions and networks: text, colour, marker shape.
    struct LegendEntry {
        QString text;
        QColor color;
        int shape = 0;
    };
    const std::vector<LegendEntry>& legendEntries() const { return m_legendEntries; }
    const DesignScatter* scatter() const { return m_scatter; }
    /// The hover text of a model row: the design, its figures and its accuracy's provenance.
    QString tooltipFor(int row) const;
    /// Where a model row is drawn, in widget pixels (invalid if not plotted).
    QPoint pixelOfRow(int row) const;
    void rebuild();

    /// Weights by hue, activations by lightness (colour-blind-safe hues).
    static QColor precisionColor(int weightBits, int actBits);
    /// A shape of its own for each network shown (DesignScatter::kShapeCount of them).
    static int networkShape(const QString& network, const std::vector<QString>& shown);

Q_SIGNALS:
    void pointClicked(int row);

protected:
    void mousePressEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;

private:
    void buildLegend(const std::vector<std::pair<int, int>>& precisions, const std::vector<QString>& networks,
                     bool spreads);

    SweepModel* m_model = nullptr;
    DesignScatter* m_scatter;
    std::vector<QCPGraph*> m_frontGraphs;
    Objective m_x = Objective::Fps, m_y = Objective::Accuracy;
    bool m_fitsOnly = true;
    std::vector<int> m_front;
    std::vector<std::pair<QString, std::vector<int>>> m_fronts;
    std::vector<LegendEntry> m_legendEntries;
    QPoint m_pressPos;
};

} // namespace bitfold::gui
