#pragma once
// Per-layer bar chart of one column of a LayerTableModel (cycles, LUT, BRAM, DSP); the
// bottleneck bar is drawn in red. Reads the model's raw numbers, owns no data.
#include "plots/plot_widget.h"

class QAbstractItemModel;

namespace bitfold::gui {

class LayerBarChart : public PlotWidget {
    Q_OBJECT
public:
    explicit LayerBarChart(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model);
    void setColumn(int column); ///< a LayerTableModel::Column
    int column() const { return m_column; }
    void refresh();

private:
    QAbstractItemModel* m_model = nullptr;
    int m_column = 0;
    QCPBars* m_bars;
    QCPBars* m_bottleneck;
};

} // namespace bitfold::gui
