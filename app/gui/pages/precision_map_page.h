#pragma once
// Precision map: a W × A heat map of FPS, LUT, FPS/LUT or accuracy for the configured network
// and device, computed in the background. Clicking a cell picks that precision.
#include "pages/exportable.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace bitfold::gui {

class PrecisionMapModel;
class PrecisionMapPlot;

class PrecisionMapPage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit PrecisionMapPage(PrecisionMapModel* model, QWidget* parent = nullptr);
    PrecisionMapPlot* plot() const { return m_plot; }
    void setCurrent(int weightBits, int actBits);
    void setBusy(bool busy);
    void setContext(const QString& text);

    QWidget* exportWidget() override;
    QAbstractItemModel* exportTable() override;
    const char* exportName() const override { return "precision-map"; }

Q_SIGNALS:
    void precisionSelected(int weightBits, int actBits);

private:
    PrecisionMapModel* m_model;
    PrecisionMapPlot* m_plot;
    QComboBox* m_metric;
    QLabel* m_context;
    QLabel* m_busy;
};

} // namespace bitfold::gui
