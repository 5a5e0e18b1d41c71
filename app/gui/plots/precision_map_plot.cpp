#include "plots/precision_map_plot.h"

#include "models/precision_map_model.h"
#include "util/format.h"

#include <cmath>

namespace bitfold::gui {

namespace {
QCPColorGradient viridis() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0x44, 0x01, 0x54));
    g.setColorStopAt(0.25, QColor(0x3b, 0x52, 0x8b));
    g.setColorStopAt(0.5, QColor(0x21, 0x91, 0x8c));
    g.setColorStopAt(0.75, QColor(0x5e, 0xc9, 0x62));
    g.setColorStopAt(1.0, QColor(0xfd, 0xe7, 0x25));
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(QColor(0xe8, 0xea, 0xed));
    return g;
}
} // namespace

PrecisionMapPlot::PrecisionMapPlot(QWidget* parent) : PlotWidget(parent) {
    setObjectName(QStringLiteral("precisionMap"));
    setFigureName(tr("Precision map"));
    setProvenance(tr("FPS and resources predicted; accuracy published or measured (mean ± sd of seeds where known)"));
    m_map = new QCPColorMap(xAxis, yAxis);
    m_scale = new QCPColorScale(this);
    plotLayout()->addElement(0, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_map->setColorScale(m_scale);
    m_map->setGradient(viridis());
    m_map->setInterpolate(false);
    auto* group = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_current = new QCPItemRect(this);
    m_current->setPen(QPen(QColor(0xd9, 0x30, 0x25), 3));
    m_current->setBrush(Qt::NoBrush);
    xAxis->setLabel(tr("Activation bits"));
    yAxis->setLabel(tr("Weight bits"));
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);
    restyle();
}

void PrecisionMapPlot::setModel(PrecisionMapModel* model) {
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, &PrecisionMapPlot::rebuild);
    rebuild();
}

void PrecisionMapPlot::setCurrent(int w, int a) {
    m_currentW = w;
    m_currentA = a;
    rebuild();
}

QPoint PrecisionMapPlot::cellCenter(int row, int column) const {
    return QPointF(xAxis->coordToPixel(column), yAxis->coordToPixel(row)).toPoint();
}

void PrecisionMapPlot::rebuild() {
    if (!m_model) return;
    clearItems(); // the cell labels; the outline is re-created below
    m_current = new QCPItemRect(this);
    m_current->setPen(QPen(QColor(0xd9, 0x30, 0x25), 3));
    m_current->setBrush(Qt::NoBrush);
    const int rows = m_model->rowCount(), cols = m_model->columnCount();
    if (rows == 0 || cols == 0) {
        m_map->data()->clear();
        m_current->setVisible(false);
        requestReplot();
        return;
    }
    m_map->data()->setSize(cols, rows);
    m_map->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
    double lo = INFINITY, hi = -INFINITY;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double v = m_model->value(r, c);
            m_map->data()->setCell(c, r, v);
            if (!std::isnan(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    const auto metric = m_model->metric();
    const bool log = metric != PrecisionMapModel::Metric::Accuracy && lo > 0 && hi / lo > 20;
    m_scale->setDataScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        m_scale->axis()->setTicker(logTicker(lo, hi));
    else
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_scale->axis()->setNumberFormat(QStringLiteral("gb"));
    m_scale->setLabel(PrecisionMapModel::metricLabel(metric));
    if (std::isfinite(lo)) m_map->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1));

    auto xt = QSharedPointer<QCPAxisTickerText>::create();
    auto yt = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < cols; ++c) xt->addTick(c, fmt::bits(m_model->actBits()[std::size_t(c)]));
    for (int r = 0; r < rows; ++r) yt->addTick(r, fmt::bits(m_model->weightBits()[std::size_t(r)]));
    xAxis->setTicker(xt);
    yAxis->setTicker(yt);
    xAxis->setRange(-0.5, cols - 0.5);
    yAxis->setRange(-0.5, rows - 0.5);

    // Values in the cells, dark on light colours and light on dark ones.
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.8);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            auto* t = new QCPItemText(this);
            t->position->setType(QCPItemPosition::ptPlotCoords);
            t->position->setCoords(c, r);
            t->setText(m_model->index(r, c).data().toString().remove(QStringLiteral(" FPS")));
            t->setFont(small);
            const double v = m_model->value(r, c);
            QColor color(0x5f, 0x63, 0x68);
            if (!std::isnan(v)) {
                const QColor bg = QColor::fromRgb(m_map->gradient().color(v, m_map->dataRange(), log));
                color = bg.lightnessF() > 0.55 ? QColor(0x20, 0x21, 0x24) : Qt::white;
            }
            t->setColor(color);
            t->setClipToAxisRect(true);
        }
    const auto& ws = m_model->weightBits();
    const auto& as = m_model->actBits();
    const int r = int(std::find(ws.begin(), ws.end(), m_currentW) - ws.begin());
    const int c = int(std::find(as.begin(), as.end(), m_currentA) - as.begin());
    m_current->setVisible(r < rows && c < cols);
    m_current->topLeft->setCoords(c - 0.5, r + 0.5);
    m_current->bottomRight->setCoords(c + 0.5, r - 0.5);
    restyle();
    requestReplot();
}

void PrecisionMapPlot::mouseReleaseEvent(QMouseEvent* e) {
    PlotWidget::mouseReleaseEvent(e);
    if (!m_model || e->button() != Qt::LeftButton || !axisRect()->rect().contains(e->pos())) return;
    const int c = int(std::lround(xAxis->pixelToCoord(e->position().x())));
    const int r = int(std::lround(yAxis->pixelToCoord(e->position().y())));
    if (r < 0 || c < 0 || r >= m_model->rowCount() || c >= m_model->columnCount()) return;
    Q_EMIT cellClicked(m_model->weightBits()[std::size_t(r)], m_model->actBits()[std::size_t(c)]);
}

} // namespace bitfold::gui
