#pragma once
// Device scaling: predicted FPS of the network against device size for a few precisions,
// each point's limiting resource marked (the prediction of Blott et al., ICCD 2017).
#include "pages/exportable.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace bitfold::gui {

class ScalingModel;
class ScalingPlot;

class ScalingPage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit ScalingPage(ScalingModel* model, QWidget* parent = nullptr);
    ScalingPlot* plot() const { return m_plot; }
    void setBusy(bool busy);
    void setContext(const QString& text, const QString& deviceId);

    QWidget* exportWidget() override;
    QAbstractItemModel* exportTable() override;
    const char* exportName() const override { return "device-scaling"; }

private:
    ScalingModel* m_model;
    ScalingPlot* m_plot;
    QTableView* m_table;
    QLabel* m_context;
    QLabel* m_busy;
};

} // namespace bitfold::gui
