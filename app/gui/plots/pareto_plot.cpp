#include "plots/pareto_plot.h"

#include "models/sweep_model.h"
#include "plots/design_scatter.h"
#include "plots/marker_legend_item.h"
#include "util/format.h"

#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <map>

namespace bitfold::gui {

namespace {

double plotValue(const DesignPoint& p, Objective o) {
    const double v = valueOf(p, o);
    return o == Objective::Accuracy ? 100 * v : v;
}

bool wantsLog(const std::vector<double>& v) {
    if (v.empty()) return false;
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return *lo > 0 && *hi / *lo > 30;
}

} // namespace

QColor ParetoPlot::precisionColor(int w, int a) {
    // A ramp from few bits (blue) to many (red), keyed on the bits of one product.
    const double t = std::clamp(std::log2(double(w) * double(a)) / 10.0, 0.0, 1.0); // W1A1 .. float32
    static const QColor stops[] = {QColor(0x31, 0x36, 0x95), QColor(0x45, 0x75, 0xb4), QColor(0x1a, 0x98, 0x50),
                                   QColor(0xd9, 0x8e, 0x04), QColor(0xd7, 0x30, 0x27), QColor(0x7f, 0x00, 0x26)};
    const double x = t * 5;
    const int i = std::min(4, int(x));
    const double f = x - i;
    const QColor a0 = stops[i], a1 = stops[i + 1];
    return QColor::fromRgbF(a0.redF() + (a1.redF() - a0.redF()) * f, a0.greenF() + (a1.greenF() - a0.greenF()) * f,
                            a0.blueF() + (a1.blueF() - a0.blueF()) * f);
}

ParetoPlot::ParetoPlot(QWidget* parent) : PlotWidget(parent) {
    setObjectName(QStringLiteral("pareto"));
    m_scatter = new DesignScatter(xAxis, yAxis);
    m_scatter->removeFromLegend();
    m_frontGraph = addGraph();
    m_frontGraph->setPen(QPen(QColor(0x20, 0x21, 0x24, 200), 2, Qt::DashLine));
    m_frontGraph->setLineStyle(QCPGraph::lsLine);
    m_frontGraph->removeFromLegend();
    m_frontGraph->setLayer(QStringLiteral("grid")); // under the points
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setMouseTracking(true);

    // The legend lives to the right of the axes, in columns.
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    auto* side = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, side);
    side->addElement(0, 0, legend);
    side->setRowStretchFactor(0, 1);
    legend->setFillOrder(QCPLegend::foRowsFirst);
    legend->setWrap(22);
    legend->setRowSpacing(0);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    restyle();
}

void ParetoPlot::setModel(SweepModel* model) {
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, &ParetoPlot::rebuild);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ParetoPlot::rebuild);
    rebuild();
}

void ParetoPlot::setAxes(Objective x, Objective y) {
    m_x = x;
    m_y = y;
    rebuild();
}

void ParetoPlot::setFitsOnly(bool on) {
    m_fitsOnly = on;
    rebuild();
}

std::vector<int> ParetoPlot::plottedRows() const {
    std::vector<int> rows;
    for (const auto& it : m_scatter->items()) rows.push_back(it.row);
    return rows;
}

QPoint ParetoPlot::pixelOfRow(int row) const {
    for (const auto& it : m_scatter->items())
        if (it.row == row) return m_scatter->pixelOf(it).toPoint();
    return {};
}

void ParetoPlot::rebuild() {
    if (!m_model) return;
    const auto& pts = m_model->points();
    std::vector<DesignPoint> shown;
    std::vector<int> rows;
    std::vector<double> xs, ys;
    std::vector<std::pair<int, int>> precisions;
    std::vector<QString> networks;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const DesignPoint& p = pts[i];
        if (m_fitsOnly && !p.fits) continue;
        const bool needsAcc = m_x == Objective::Accuracy || m_y == Objective::Accuracy;
        if (needsAcc && p.accuracy.kind == AccuracyKind::None) continue;
        shown.push_back(p);
        rows.push_back(int(i));
        xs.push_back(plotValue(p, m_x));
        ys.push_back(plotValue(p, m_y));
        const std::pair<int, int> pr{p.weightBits, p.actBits};
        if (std::find(precisions.begin(), precisions.end(), pr) == precisions.end()) precisions.push_back(pr);
        const QString net = QString::fromStdString(p.network);
        if (std::find(networks.begin(), networks.end(), net) == networks.end()) networks.push_back(net);
    }
    std::sort(precisions.begin(), precisions.end(),
              [](auto a, auto b) { return double(a.first) * a.second < double(b.first) * b.second || (double(a.first) * a.second == double(b.first) * b.second && a < b); });

    std::vector<DesignScatter::Item> items;
    for (std::size_t k = 0; k < shown.size(); ++k) {
        const DesignPoint& p = shown[k];
        const int shape = int(std::find(networks.begin(), networks.end(), QString::fromStdString(p.network)) - networks.begin());
        items.push_back({xs[k], ys[k], precisionColor(p.weightBits, p.actBits), shape, p.accuracy.kind, rows[k]});
    }
    m_scatter->setItems(items);

    // The front, on the two plotted objectives, drawn left to right.
    m_front.clear();
    QVector<double> fx, fy;
    std::vector<std::pair<double, double>> front;
    for (std::size_t idx : paretoFront(shown, {m_x, m_y})) {
        m_front.push_back(rows[idx]);
        front.emplace_back(xs[idx], ys[idx]);
    }
    std::sort(front.begin(), front.end());
    for (const auto& [x, y] : front) {
        fx << x;
        fy << y;
    }
    m_frontGraph->setData(fx, fy, true);

    for (auto [axis, values, obj] : {std::tuple{xAxis, &xs, m_x}, std::tuple{yAxis, &ys, m_y}}) {
        const bool log = wantsLog(*values);
        axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (log) {
            const auto [lo, hi] = std::minmax_element(values->begin(), values->end());
            axis->setTicker(logTicker(*lo, *hi));
        }
        else axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        axis->setNumberFormat(log ? QStringLiteral("eb") : QStringLiteral("gb"));
        axis->setNumberPrecision(log ? 0 : 6);
        axis->setLabel(SweepModel::objectiveLabel(obj) + (log ? tr(" — log scale") : QString()));
    }
    rescaleAxes();
    for (QCPAxis* a : {xAxis, yAxis}) {
        const QCPRange r = a->range();
        if (a->scaleType() == QCPAxis::stLogarithmic) a->setRange(r.lower / 1.4, r.upper * 1.4);
        else {
            const double pad = r.size() > 0 ? r.size() * 0.06 : std::max(1.0, std::abs(r.lower) * 0.1);
            a->setRange(r.lower - pad, r.upper + pad);
        }
    }
    buildLegend(precisions, networks);
    restyle();
    requestReplot();
}

void ParetoPlot::buildLegend(const std::vector<std::pair<int, int>>& precisions, const std::vector<QString>& networks) {
    legend->clearItems();
    using S = MarkerLegendItem::Style;
    if (precisions.empty()) {
        addLegendItem(legend, new MarkerLegendItem(legend, tr("no design points yet"), S::Header));
        return;
    }
    addLegendItem(legend, new MarkerLegendItem(legend, tr("Accuracy (fill)"), S::Header));
    addLegendItem(legend, new MarkerLegendItem(legend, tr("published"), S::Marker, Qt::darkGray, 0, AccuracyKind::Published));
    addLegendItem(legend, new MarkerLegendItem(legend, tr("measured here"), S::Marker, Qt::darkGray, 0, AccuracyKind::Measured));
    addLegendItem(legend, new MarkerLegendItem(legend, tr("simulated"), S::Marker, Qt::darkGray, 0, AccuracyKind::Simulated));
    addLegendItem(legend, new MarkerLegendItem(legend, tr("none known"), S::Marker, Qt::darkGray, 0, AccuracyKind::None));
    addLegendItem(legend, new MarkerLegendItem(legend, tr("Pareto front"), S::Line, QColor(0x20, 0x21, 0x24)));
    addLegendItem(legend, new MarkerLegendItem(legend, tr("Precision (colour)"), S::Header));
    for (auto [w, a] : precisions)
        addLegendItem(legend, new MarkerLegendItem(legend, fmt::precision(w, a), S::Marker, precisionColor(w, a), 0,
                                                   AccuracyKind::Published));
    addLegendItem(legend, new MarkerLegendItem(legend, tr("Network (shape)"), S::Header));
    for (std::size_t i = 0; i < networks.size(); ++i)
        addLegendItem(legend, new MarkerLegendItem(legend, networks[i], S::Marker, QColor(0x5f, 0x63, 0x68), int(i),
                                                   AccuracyKind::Published));
}

QString ParetoPlot::tooltipFor(int row) const {
    const DesignPoint& p = m_model->point(row);
    QString acc = tr("accuracy unknown");
    if (p.accuracy.kind != AccuracyKind::None)
        acc = tr("%1% top-1 on %2 (<b>%3</b>: %4)")
                  .arg(100 * p.accuracy.top1, 0, 'f', 2)
                  .arg(QString::fromStdString(p.accuracy.dataset), QString::fromLatin1(toString(p.accuracy.kind)),
                       QString::fromStdString(p.accuracy.source).toHtmlEscaped());
    return tr("<b>%1 %2</b> on %3 at %4 MHz<br>%5, %6 LUT, %7 BRAM36, %8 DSP, latency %9<br>%10<br>%11<br><i>click to load</i>")
        .arg(QString::fromStdString(p.network), fmt::precision(p.weightBits, p.actBits),
             QString::fromStdString(p.device), fmt::count(p.clockMhz), fmt::fps(p.fps), fmt::count(p.totals.lut),
             fmt::count(p.totals.bram36(), 1), fmt::count(p.totals.dsp), fmt::latencyUs(p.latencyUs))
        .arg(acc, p.fits ? tr("fits; limited by %1").arg(QString::fromStdString(p.limitingResource))
                         : tr("<span style='color:#d93025'>does not fit</span> (%1)").arg(QString::fromStdString(p.limitingResource)));
}

void ParetoPlot::mousePressEvent(QMouseEvent* e) {
    m_pressPos = e->pos();
    PlotWidget::mousePressEvent(e);
}

void ParetoPlot::mouseReleaseEvent(QMouseEvent* e) {
    PlotWidget::mouseReleaseEvent(e);
    if (e->button() != Qt::LeftButton || (e->pos() - m_pressPos).manhattanLength() > 4) return;
    const int i = m_scatter->nearest(e->position(), 12);
    if (i >= 0) Q_EMIT pointClicked(m_scatter->items()[std::size_t(i)].row);
}

void ParetoPlot::mouseMoveEvent(QMouseEvent* e) {
    PlotWidget::mouseMoveEvent(e);
    if (e->buttons() != Qt::NoButton) return;
    const int i = m_scatter->nearest(e->position(), 12);
    if (i >= 0) QToolTip::showText(e->globalPosition().toPoint(), tooltipFor(m_scatter->items()[std::size_t(i)].row), this);
    else QToolTip::hideText();
}

} // namespace bitfold::gui
