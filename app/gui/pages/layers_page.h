#pragma once
// Layers: the table of every layer (PE/SIMD editable in manual mode with a delegate offering
// only valid values) and a per-layer bar chart of cycles or resources.
#include "pages/exportable.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace bitfold::gui {

class LayerBarChart;
class LayerTableModel;

class LayersPage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit LayersPage(LayerTableModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }
    LayerBarChart* chart() const { return m_chart; }
    void selectLayer(int layer);

    QWidget* exportWidget() override;
    QAbstractItemModel* exportTable() override;
    QItemSelectionModel* exportSelection() override;
    const char* exportName() const override { return "layers"; }

Q_SIGNALS:
    void layerSelected(int layer);

private:
    LayerTableModel* m_model;
    QTableView* m_view;
    LayerBarChart* m_chart;
    QComboBox* m_metric;
};

} // namespace bitfold::gui
