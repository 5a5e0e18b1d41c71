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

/// Half-width of the error bar on an objective's axis: the accuracy's standard deviation over
/// trained seeds (percent) where two or more seeds were measured, otherwise none.
double errorOf(const DesignPoint& p, Objective o) {
    return o == Objective::Accuracy && fmt::hasSpread(p.accuracy) ? 100 * p.accuracy.sd : 0;
}

bool wantsLog(const std::vector<double>& v) {
    if (v.empty()) return false;
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return *lo > 0 && *hi / *lo > 30;
}

} // namespace

QColor ParetoPlot::precisionColor(int w, int a) {
    // Weights by hue (Okabe-Ito, safe for the common colour-vision deficiencies), activations
    // by lightness: dark for few bits, light for many.
    auto level = [](int bits) {
        switch (bits) {
        case 1: return 0.0;
        case 2: return 1.0;
        case 3: return 1.5;
        case 4: return 2.0;
        case 8: return 3.0;
        case 16: return 3.5;
        default: return 4.0; // float32
        }
    };
    QColor hue;
    switch (w) {
    case 1: hue = QColor(0x00, 0x72, 0xb2); break; // blue
    case 2: hue = QColor(0xe6, 0x9f, 0x00); break; // orange
    case 3: hue = QColor(0x56, 0xb4, 0xe9); break; // sky blue
    case 4: hue = QColor(0x00, 0x9e, 0x73); break; // bluish green
    case 8: hue = QColor(0xd5, 0x5e, 0x00); break; // vermillion
    case 16: hue = QColor(0xcc, 0x79, 0xa7); break; // reddish purple
    default: hue = QColor(0x78, 0x78, 0x78); break; // float32: grey
    }
    // -0.6 (mixed with black) .. +0.65 (mixed with white): any two of W/A in {1, 2, 4, 8,
    // float32} differ by a CIELAB distance of 14 or more.
    const double t = -0.6 + 1.25 * level(a) / 4.0;
    const QColor to = t < 0 ? QColor(Qt::black) : QColor(Qt::white);
    const double f = std::abs(t);
    return QColor::fromRgbF(hue.redF() + (to.redF() - hue.redF()) * f, hue.greenF() + (to.greenF() - hue.greenF()) * f,
                            hue.blueF() + (to.blueF() - hue.blueF()) * f);
}

int ParetoPlot::networkShape(const QString& network, const std::vector<QString>& shown) {
    return int(std::find(shown.begin(), shown.end(), network) - shown.begin());
}

ParetoPlot::ParetoPlot(QWidget* parent) : PlotWidget(parent) {
    setObjectName(QStringLiteral("pareto"));
    setFigureName(tr("Pareto front of a sweep"));
    setProvenance(tr("FPS and resources predicted; accuracy published / measured / simulated as marked, "
                     "error bars ± sd over trained seeds"));
    m_scatter = new DesignScatter(xAxis, yAxis);
    m_scatter->removeFromLegend();
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
    std::sort(precisions.begin(), precisions.end(), [](auto a, auto b) {
        return double(a.first) * a.second < double(b.first) * b.second ||
            (double(a.first) * a.second == double(b.first) * b.second && a < b);
    });

    std::vector<DesignScatter::Item> items;
    for (std::size_t k = 0; k < shown.size(); ++k) {
        const DesignPoint& p = shown[k];
        const int shape = networkShape(QString::fromStdString(p.network), networks);
        items.push_back({xs[k], ys[k], precisionColor(p.weightBits, p.actBits), shape, p.accuracy.kind, rows[k]});
        items.back().xErr = errorOf(p, m_x);
        items.back().yErr = errorOf(p, m_y);
    }
    m_scatter->setItems(items);

    // One front per accuracy data set (the engine's rule), each drawn left to right.
    for (QCPGraph* g : m_frontGraphs) removeGraph(g);
    m_frontGraphs.clear();
    m_front.clear();
    m_fronts.clear();
    static const Qt::PenStyle dashes[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
    for (const ParetoFront& f : paretoFronts(shown, {m_x, m_y})) {
        std::vector<std::pair<double, double>> line;
        std::vector<int> frontRows;
        for (std::size_t idx : f.points) {
            frontRows.push_back(rows[idx]);
            line.emplace_back(xs[idx], ys[idx]);
        }
        std::sort(line.begin(), line.end());
        QVector<double> fx, fy;
        for (const auto& [x, y] : line) {
            fx << x;
            fy << y;
        }
        QCPGraph* g = addGraph();
        g->setPen(QPen(QColor(0x20, 0x21, 0x24, 200), 2, dashes[m_frontGraphs.size() % 4]));
        g->setLineStyle(QCPGraph::lsLine);
        g->removeFromLegend();
        g->setLayer(QStringLiteral("grid")); // under the points
        g->setData(fx, fy, true);
        m_frontGraphs.push_back(g);
        m_front.insert(m_front.end(), frontRows.begin(), frontRows.end());
        m_fronts.push_back({QString::fromStdString(f.dataset), frontRows});
    }

    for (auto [axis, values, obj] : {std::tuple{xAxis, &xs, m_x}, std::tuple{yAxis, &ys, m_y}}) {
        const bool log = wantsLog(*values);
        axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (log) {
            const auto [lo, hi] = std::minmax_element(values->begin(), values->end());
            axis->setTicker(logTicker(*lo, *hi));
        } else
            axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        axis->setNumberFormat(log ? QStringLiteral("eb") : QStringLiteral("gb"));
        axis->setNumberPrecision(log ? 0 : 6);
        axis->setLabel(SweepModel::objectiveLabel(obj) + (log ? tr(" — log scale") : QString()));
    }
    rescaleAxes();
    for (QCPAxis* a : {xAxis, yAxis}) {
        const QCPRange r = a->range();
        if (a->scaleType() == QCPAxis::stLogarithmic)
            a->setRange(r.lower / 1.4, r.upper * 1.4);
        else {
            const double pad = r.size() > 0 ? r.size() * 0.06 : std::max(1.0, std::abs(r.lower) * 0.1);
            a->setRange(r.lower - pad, r.upper + pad);
        }
    }
    const bool spreads = std::any_of(items.begin(), items.end(), [](auto& it) { return it.xErr > 0 || it.yErr > 0; });
    buildLegend(precisions, networks, spreads);
    restyle();
    requestReplot();
}

void ParetoPlot::buildLegend(const std::vector<std::pair<int, int>>& precisions, const std::vector<QString>& networks,
                             bool spreads) {
    legend->clearItems();
    m_legendEntries.clear();
    using S = MarkerLegendItem::Style;
    if (precisions.empty()) {
        legend->setWrap(1);
        addLegendItem(legend, new MarkerLegendItem(legend, tr("no design points yet"), S::Header));
        return;
    }
    // Each section starts a column of its own, so a heading stays above its entries.
    std::vector<std::vector<MarkerLegendItem*>> sections(3);
    auto add = [&](int section, MarkerLegendItem* item) { sections[std::size_t(section)].push_back(item); };
    add(0, new MarkerLegendItem(legend, tr("Accuracy (fill)"), S::Header));
    add(0, new MarkerLegendItem(legend, tr("published"), S::Marker, Qt::darkGray, 0, AccuracyKind::Published));
    add(0, new MarkerLegendItem(legend, tr("measured here"), S::Marker, Qt::darkGray, 0, AccuracyKind::Measured));
    add(0, new MarkerLegendItem(legend, tr("simulated"), S::Marker, Qt::darkGray, 0, AccuracyKind::Simulated));
    add(0, new MarkerLegendItem(legend, tr("user-supplied"), S::Marker, Qt::darkGray, 0, AccuracyKind::UserSupplied));
    add(0, new MarkerLegendItem(legend, tr("none known"), S::Marker, Qt::darkGray, 0, AccuracyKind::None));
    if (spreads) add(0, new MarkerLegendItem(legend, tr("mean ± sd of seeds"), S::ErrorBar, Qt::darkGray));
    for (std::size_t i = 0; i < m_fronts.size(); ++i) {
        const QString ds = m_fronts[i].first;
        add(0,
            new MarkerLegendItem(legend, ds.isEmpty() ? tr("Pareto front") : tr("front, %1").arg(ds), S::Line,
                                 QColor(0x20, 0x21, 0x24), int(i)));
    }
    add(1, new MarkerLegendItem(legend, tr("Precision (colour)"), S::Header));
    for (auto [w, a] : precisions) {
        add(1,
            new MarkerLegendItem(legend, fmt::precision(w, a), S::Marker, precisionColor(w, a), 0,
                                 AccuracyKind::Published));
        m_legendEntries.push_back({fmt::precision(w, a), precisionColor(w, a), 0});
    }
    add(2, new MarkerLegendItem(legend, tr("Network (shape)"), S::Header));
    for (const QString& n : networks) {
        const int shape = networkShape(n, networks);
        add(2, new MarkerLegendItem(legend, n, S::Marker, QColor(0x5f, 0x63, 0x68), shape, AccuracyKind::Published));
        m_legendEntries.push_back({n, QColor(0x5f, 0x63, 0x68), shape});
    }
    std::size_t rowsPerColumn = 0;
    for (const auto& sec : sections) rowsPerColumn = std::max(rowsPerColumn, sec.size());
    rowsPerColumn = std::min<std::size_t>(rowsPerColumn, 26);
    legend->setWrap(int(rowsPerColumn));
    for (const auto& sec : sections) {
        for (MarkerLegendItem* item : sec) addLegendItem(legend, item);
        for (std::size_t pad = sec.size() % rowsPerColumn; pad && pad < rowsPerColumn; ++pad)
            addLegendItem(legend, new MarkerLegendItem(legend, QString(), S::Header));
    }
}

QString ParetoPlot::tooltipFor(int row) const {
    const DesignPoint& p = m_model->point(row);
    const QString acc = fmt::accuracyText(p.accuracy, true);
    return tr("<b>%1 %2</b> on %3 at %4 MHz<br>%5, %6 LUT, %7 BRAM36, %8 DSP, latency %9<br>%10<br>%11<br><i>click to load</i>")
        .arg(QString::fromStdString(p.network), fmt::precision(p.weightBits, p.actBits, p.edgeWeightBits),
             QString::fromStdString(p.device), fmt::count(p.clockMhz), fmt::fps(p.fps), fmt::count(p.totals.lut),
             fmt::count(p.totals.bram36(), 1), fmt::count(p.totals.dsp), fmt::latencyUs(p.latencyUs))
        .arg(acc,
             p.fits ? fmt::limitExplained(p.limitingResource)
                    : tr("<span style='color:#d93025'>does not fit</span> (%1)")
                          .arg(QString::fromStdString(p.limitingResource)));
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
    if (i >= 0)
        QToolTip::showText(e->globalPosition().toPoint(), tooltipFor(m_scatter->items()[std::size_t(i)].row), this);
    else
        QToolTip::hideText();
}

} // namespace bitfold::gui
