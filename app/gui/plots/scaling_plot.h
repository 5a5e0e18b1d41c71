#pragma once
// FPS against device size (fraction of a VU9P's LUTs), one curve per precision, the shipped
// devices labelled, each point's limiting resource shown by its marker. Reads a ScalingModel.
#include "plots/plot_widget.h"

namespace bitfold::gui {

class ScalingModel;

class ScalingPlot : public PlotWidget {
    Q_OBJECT
public:
    explicit ScalingPlot(QWidget* parent = nullptr);
    void setModel(ScalingModel* model);
    void setCurrentDevice(const QString& deviceId);
    void rebuild();

    static QCPScatterStyle::ScatterShape shapeFor(const QString& limitingResource);

private:
    ScalingModel* m_model = nullptr;
    QString m_device;
};

} // namespace bitfold::gui
