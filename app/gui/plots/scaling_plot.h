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
    /// Where the shipped devices' names are drawn, in widget pixels (after a replot).
    std::vector<QRectF> labelRects() const;

private:
    /// Puts each device name beside its marker where it overlaps no other name and no marker
    /// and stays inside the axes (run after every layout: it works in pixels).
    void placeLabels();

    ScalingModel* m_model = nullptr;
    QString m_device;
    std::vector<QCPItemText*> m_labels;
};

} // namespace bitfold::gui
