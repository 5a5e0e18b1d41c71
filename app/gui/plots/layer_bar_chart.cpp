#include "plots/layer_bar_chart.h"

#include "models/layer_table_model.h"
#include "models/roles.h"

namespace bitfold::gui {

LayerBarChart::LayerBarChart(QWidget* parent) : PlotWidget(parent), m_column(LayerTableModel::Cycles) {
    setObjectName(QStringLiteral("layerChart"));
    setFigureName(tr("Per-layer cycles and resources"));
    setProvenance(tr("predicted"));
    m_bars = new QCPBars(xAxis, yAxis);
    m_bottleneck = new QCPBars(xAxis, yAxis);
    m_bars->setName(tr("layer"));
    m_bottleneck->setName(tr("bottleneck"));
    for (QCPBars* b : {m_bars, m_bottleneck}) b->setWidth(0.7);
    m_bars->setBrush(QColor(0x1a, 0x73, 0xe8, 200));
    m_bars->setPen(QPen(QColor(0x1a, 0x73, 0xe8)));
    m_bottleneck->setBrush(QColor(0xd9, 0x30, 0x25, 220));
    m_bottleneck->setPen(QPen(QColor(0xd9, 0x30, 0x25)));
    xAxis->setTickLabelRotation(-35);
    xAxis->grid()->setVisible(false);
    yAxis->setNumberFormat(QStringLiteral("gbc"));
    // The legend in a row of its own above the axes: inside, it covered the last bars.
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, legend);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    plotLayout()->setRowStretchFactor(0, 0.001);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal);
    axisRect()->setRangeZoom(Qt::Horizontal);
    restyle();
}

void LayerBarChart::setModel(QAbstractItemModel* model) {
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, &LayerBarChart::refresh);
    connect(model, &QAbstractItemModel::dataChanged, this, &LayerBarChart::refresh);
    refresh();
}

void LayerBarChart::setColumn(int column) {
    m_column = column;
    refresh();
}

void LayerBarChart::refresh() {
    if (!m_model) return;
    QVector<double> keys, values, bKeys, bValues;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double top = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex i = m_model->index(r, m_column);
        const double v = i.data(RawValueRole).toDouble();
        const bool b = i.data(BottleneckRole).toBool();
        (b ? bKeys : keys).append(r);
        (b ? bValues : values).append(v);
        top = std::max(top, v);
        ticker->addTick(r, m_model->index(r, LayerTableModel::Name).data().toString());
    }
    m_bars->setData(keys, values, true);
    m_bottleneck->setData(bKeys, bValues, true);
    m_bottleneck->setName(m_column == LayerTableModel::Cycles ? tr("bottleneck (slowest stage)")
                                                              : tr("bottleneck layer"));
    xAxis->setTicker(ticker);
    xAxis->setRange(-0.7, std::max(1, m_model->rowCount()) - 0.3);
    yAxis->setRange(0, top > 0 ? top * 1.12 : 1);
    const QString header = m_model->headerData(m_column, Qt::Horizontal).toString();
    QString unit = header;
    if (m_column == LayerTableModel::Cycles) unit = tr("cycles per frame");
    yAxis->setLabel(unit);
    requestReplot();
}

} // namespace bitfold::gui
