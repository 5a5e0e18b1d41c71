#pragma once
// W × A heat map (QCPColorMap) of a PrecisionMapModel's metric, values written in the
// cells, the configured precision outlined. Click a cell to pick that precision.
#include "plots/plot_widget.h"

namespace bitfold::gui {

class PrecisionMapModel;

class PrecisionMapPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit PrecisionMapPlot(QWidget* parent = nullptr);
    void setModel(PrecisionMapModel* model);
    void setCurrent(int weightBits, int actBits);
    void rebuild();
    /// Pixel centre of a cell (tests click there).
    QPoint cellCenter(int row, int column) const;

Q_SIGNALS:
    void cellClicked(int weightBits, int actBits);

protected:
    void mouseReleaseEvent(QMouseEvent* e) override;

private:
    PrecisionMapModel* m_model = nullptr;
    QCPColorMap* m_map;
    QCPColorScale* m_scale;
    QCPItemRect* m_current;
    int m_currentW = 1, m_currentA = 1;
};

} // namespace bitfold::gui
