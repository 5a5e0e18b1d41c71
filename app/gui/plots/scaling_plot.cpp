#include "plots/scaling_plot.h"

#include "bitfold/catalog.h"
#include "models/scaling_model.h"
#include "plots/pareto_plot.h"
#include "util/format.h"

#include <cmath>
#include <map>

namespace bitfold::gui {

QCPScatterStyle::ScatterShape ScalingPlot::shapeFor(const QString& r) {
    if (r == QLatin1String("LUT")) return QCPScatterStyle::ssCircle;
    if (r == QLatin1String("BRAM")) return QCPScatterStyle::ssSquare;
    if (r == QLatin1String("DSP")) return QCPScatterStyle::ssTriangle;
    if (r == QLatin1String("URAM")) return QCPScatterStyle::ssDiamond;
    if (r == QLatin1String("FF")) return QCPScatterStyle::ssTriangleInverted;
    if (r == QLatin1String("memory")) return QCPScatterStyle::ssCrossSquare; // the memory port
    return QCPScatterStyle::ssStar; // "folding": fully unfolded, the device is not the limit
}

ScalingPlot::ScalingPlot(QWidget* parent) : PlotWidget(parent) {
    setObjectName(QStringLiteral("scaling"));
    setFigureName(tr("FPS against device size"));
    setProvenance(tr("predicted"));
    xAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    auto xt = QSharedPointer<QCPAxisTickerText>::create();
    for (int k = -7; k <= 1; ++k)
        xt->addTick(std::pow(2.0, k), k < 0 ? QStringLiteral("1/%1").arg(1 << -k) : QString::number(1 << k));
    xAxis->setTicker(xt);
    yAxis->setNumberFormat(QStringLiteral("eb"));
    yAxis->setNumberPrecision(0);
    xAxis->setLabel(tr("Device size (fraction of a VU9P's LUTs) — log scale"));
    yAxis->setLabel(tr("Predicted throughput (FPS) — log scale"));
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend); // beside the axes, never over the data
    plotLayout()->addElement(0, 1, legend);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    legend->setMargins(QMargins(8, 8, 8, 8));
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    connect(this, &QCustomPlot::afterLayout, this, &ScalingPlot::placeLabels);
    restyle();
}

void ScalingPlot::setModel(ScalingModel* model) {
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, &ScalingPlot::rebuild);
    rebuild();
}

void ScalingPlot::setCurrentDevice(const QString& id) {
    m_device = id;
    rebuild();
}

void ScalingPlot::rebuild() {
    if (!m_model) return;
    clearGraphs();
    clearItems();
    m_labels.clear();
    const auto& all = m_model->series();
    double lo = INFINITY, hi = 0;
    for (std::size_t si = 0; si < all.size(); ++si) {
        const ScalingSeries& s = all[si];
        const QColor color = ParetoPlot::precisionColor(s.weightBits, s.actBits);
        const bool primary = si == 0;
        // The continuous axis: a line.
        std::vector<std::pair<double, double>> curve;
        for (const ScalingPoint& p : s.points)
            if (p.device.find('@') != std::string::npos && p.fits && p.fps > 0) curve.emplace_back(p.fraction, p.fps);
        std::sort(curve.begin(), curve.end());
        QCPGraph* line = addGraph();
        line->setName(fmt::precision(s.weightBits, s.actBits) + (primary ? tr(" (configured)") : QString()));
        line->setPen(QPen(color, primary ? 3 : 1.6, primary ? Qt::SolidLine : Qt::DashLine));
        for (const auto& [x, y] : curve) {
            line->addData(x, y);
            lo = std::min(lo, y);
            hi = std::max(hi, y);
        }
        // Every point's limiting resource, by marker shape.
        std::map<QString, QCPGraph*> byResource;
        for (const ScalingPoint& p : s.points) {
            if (!p.fits || p.fps <= 0) continue;
            const QString res = QString::fromStdString(p.limitingResource);
            QCPGraph*& g = byResource[res];
            if (!g) {
                g = addGraph();
                g->setLineStyle(QCPGraph::lsNone);
                const bool shipped = p.device.find('@') == std::string::npos;
                g->setScatterStyle(QCPScatterStyle(shapeFor(res), color, shipped ? Qt::white : color, 7));
                g->removeFromLegend();
            }
            g->addData(p.fraction, p.fps);
            lo = std::min(lo, p.fps);
            hi = std::max(hi, p.fps);
            // The shipped parts are named, on the configured precision's curve.
            if (primary && p.device.find('@') == std::string::npos) {
                const Device* d = Catalog::shipped().findDevice(p.device);
                auto* t = new QCPItemText(this);
                t->position->setCoords(p.fraction, p.fps); // placed beside it by placeLabels()
                QString name = d ? QString::fromStdString(d->name) : QString::fromStdString(p.device);
                name = name.startsWith(QLatin1String("Alveo")) ? name.section(QLatin1Char(' '), 0, 1)
                                                               : name.section(QLatin1Char(' '), 0, 0);
                t->setText(QString::fromStdString(p.device) == m_device ? QStringLiteral("▶ ") + name : name);
                QFont f = font();
                f.setPointSizeF(font().pointSizeF() * 0.8);
                f.setBold(QString::fromStdString(p.device) == m_device);
                t->setFont(f);
                t->setColor(QColor(0x3c, 0x40, 0x43));
                m_labels.push_back(t);
            }
        }
    }
    // The marker legend: limiting resources.
    for (const char* r : {"LUT", "FF", "BRAM", "DSP", "URAM", "memory", "folding"}) {
        QCPGraph* g = addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(shapeFor(QLatin1String(r)), QColor(0x5f, 0x63, 0x68), 8));
        g->setName(std::string(r) == "folding"      ? tr("fully parallel already")
                       : std::string(r) == "memory" ? tr("held back by the memory port")
                                                    : tr("held back by %1").arg(QLatin1String(r)));
    }
    QCPGraph* shippedKey = addGraph();
    shippedKey->setLineStyle(QCPGraph::lsNone);
    shippedKey->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0x5f, 0x63, 0x68), Qt::white, 8));
    shippedKey->setName(tr("hollow = a shipped device"));
    if (std::isfinite(lo)) {
        yAxis->setRange(lo / 2, hi * 3);
        yAxis->setTicker(logTicker(lo / 2, hi * 3));
    }
    xAxis->setRange(1.0 / 96, 4.0); // room for the largest part's label
    restyle();
    requestReplot();
}

void ScalingPlot::placeLabels() {
    // Every marker is an obstacle; the names are placed left to right, each at the first of
    // eight spots around its marker that collides with the least.
    std::vector<QRectF> markers;
    for (int g = 0; g < graphCount(); ++g)
        for (auto it = graph(g)->data()->constBegin(); it != graph(g)->data()->constEnd(); ++it)
            if (graph(g)->scatterStyle().shape() != QCPScatterStyle::ssNone)
                markers.emplace_back(QPointF(xAxis->coordToPixel(it->key), yAxis->coordToPixel(it->value)) -
                                         QPointF(5, 5),
                                     QSizeF(10, 10));
    const QRectF area = axisRect()->rect();
    std::vector<QRectF> placed;
    struct Spot {
        Qt::Alignment align;
        QMargins padding;
    };
    static const Spot spots[] = {
        {Qt::AlignLeft | Qt::AlignTop, {6, 4, 0, 0}},       {Qt::AlignLeft | Qt::AlignBottom, {6, 0, 0, 4}},
        {Qt::AlignRight | Qt::AlignTop, {0, 4, 6, 0}},      {Qt::AlignRight | Qt::AlignBottom, {0, 0, 6, 4}},
        {Qt::AlignLeft | Qt::AlignVCenter, {8, 0, 0, 0}},   {Qt::AlignRight | Qt::AlignVCenter, {0, 0, 8, 0}},
        {Qt::AlignHCenter | Qt::AlignBottom, {0, 0, 0, 8}}, {Qt::AlignHCenter | Qt::AlignTop, {0, 8, 0, 0}},
    };
    std::vector<QCPItemText*> order = m_labels;
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->position->key() < b->position->key(); });
    for (QCPItemText* t : order) {
        const QPointF at = t->position->pixelPosition();
        const QFontMetricsF fm(t->font());
        const QSizeF size(fm.horizontalAdvance(t->text()) + 2, fm.height());
        QRectF best;
        double bestScore = INFINITY;
        for (const Spot& s : spots) {
            const double w = size.width() + s.padding.left() + s.padding.right();
            const double h = size.height() + s.padding.top() + s.padding.bottom();
            const double x = s.align & Qt::AlignLeft ? at.x() : s.align & Qt::AlignRight ? at.x() - w : at.x() - w / 2;
            const double y = s.align & Qt::AlignTop ? at.y() : s.align & Qt::AlignBottom ? at.y() - h : at.y() - h / 2;
            const QRectF r = QRectF(x, y, w, h).marginsRemoved(QMarginsF(s.padding));
            double score = area.contains(r) ? 0 : 1000;
            for (const QRectF& o : placed) score += r.intersects(o) ? 100 : 0;
            for (const QRectF& m : markers) score += r.intersects(m) ? 1 : 0;
            if (score < bestScore) {
                bestScore = score;
                best = r;
                t->setPositionAlignment(s.align);
                t->setPadding(s.padding);
            }
        }
        placed.push_back(best);
    }
}

std::vector<QRectF> ScalingPlot::labelRects() const {
    std::vector<QRectF> out;
    for (QCPItemText* t : m_labels) {
        const QMargins p = t->padding();
        out.push_back(
            QRectF(t->topLeft->pixelPosition(), t->bottomRight->pixelPosition()).marginsRemoved(QMarginsF(p)));
    }
    return out;
}

} // namespace bitfold::gui
