#include "plots/design_scatter.h"

#include <cmath>

namespace bitfold::gui {

DesignScatter::DesignScatter(QCPAxis* keyAxis, QCPAxis* valueAxis) : QCPAbstractPlottable(keyAxis, valueAxis) {
    setSelectable(QCP::stNone);
}

void DesignScatter::setItems(std::vector<Item> items) { m_items = std::move(items); }

QPainterPath DesignScatter::shapePath(int shape) {
    QPainterPath p;
    auto polygon = [&](int n, double rotation, double r) {
        QPolygonF poly;
        for (int i = 0; i < n; ++i) {
            const double a = rotation + 2 * M_PI * i / n;
            poly << QPointF(r * std::cos(a), r * std::sin(a));
        }
        p.addPolygon(poly);
        p.closeSubpath();
    };
    auto star = [&](int points, double rotation, double outer, double inner) {
        QPolygonF poly;
        for (int i = 0; i < 2 * points; ++i) {
            const double a = rotation + M_PI * i / points, r = i % 2 ? inner : outer;
            poly << QPointF(r * std::cos(a), r * std::sin(a));
        }
        p.addPolygon(poly);
        p.closeSubpath();
    };
    switch (((shape % kShapeCount) + kShapeCount) % kShapeCount) {
    case 0: p.addEllipse(QPointF(0, 0), 2.7, 2.7); break;
    case 1: p.addRect(-2.4, -2.4, 4.8, 4.8); break;
    case 2: polygon(4, 0, 3.2); break; // diamond
    case 3: polygon(3, -M_PI / 2, 3.2); break; // triangle up
    case 4: polygon(3, M_PI / 2, 3.2); break; // triangle down
    case 5: polygon(5, -M_PI / 2, 3.0); break; // pentagon
    case 6: polygon(6, 0, 2.9); break; // hexagon
    case 7: star(5, -M_PI / 2, 3.3, 1.4); break;
    case 8: polygon(3, M_PI, 3.2); break; // triangle left
    case 9: polygon(3, 0, 3.2); break; // triangle right
    case 10: star(4, 0, 3.3, 1.2); break; // plus
    case 11: star(4, M_PI / 4, 3.3, 1.2); break; // cross
    case 12:
        p.addPolygon(QPolygonF{{-2.6, -2.8}, {2.6, -2.8}, {-2.6, 2.8}, {2.6, 2.8}});
        p.closeSubpath();
        break; // hourglass
    case 13:
        p.addPolygon(QPolygonF{{-2.8, -2.6}, {-2.8, 2.6}, {2.8, -2.6}, {2.8, 2.6}});
        p.closeSubpath();
        break; // bow tie
    case 14: star(6, -M_PI / 2, 3.3, 1.7); break; // six-pointed star
    case 15: p.addRect(-3.0, -1.5, 6.0, 3.0); break; // bar
    }
    return p;
}

void DesignScatter::drawMarker(QPainter* p, const QPointF& c, double size, const QColor& color, int shape,
                               AccuracyKind kind) {
    const double s = size / 6.0;
    QPainterPath path = shapePath(shape);
    QTransform t;
    t.translate(c.x(), c.y());
    t.scale(s, s);
    path = t.map(path);
    QColor fill = color, line = color.darker(140);
    switch (kind) {
    case AccuracyKind::Published: break;
    case AccuracyKind::Measured:
        fill = Qt::white;
        line = color.darker(115);
        break;
    case AccuracyKind::Simulated: fill = Qt::white; break;
    case AccuracyKind::UserSupplied: fill = Qt::white; break;
    case AccuracyKind::None:
        fill.setAlpha(90);
        line.setAlpha(120);
        break;
    }
    const bool outlined =
        kind == AccuracyKind::Measured || kind == AccuracyKind::Simulated || kind == AccuracyKind::UserSupplied;
    p->setPen(QPen(line, outlined ? 2.0 : 1.0, kind == AccuracyKind::UserSupplied ? Qt::DotLine : Qt::SolidLine));
    p->setBrush(fill);
    p->drawPath(path);
    if (kind == AccuracyKind::UserSupplied) { // a dotted outline around a dot: typed in, not measured
        p->setPen(Qt::NoPen);
        p->setBrush(color);
        p->drawEllipse(c, 1.3 * s, 1.3 * s);
    }
    if (kind == AccuracyKind::Simulated) {
        const double r = 2.2 * s;
        p->setPen(QPen(color.darker(130), 1.8));
        p->drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
        p->drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
    }
}

void DesignScatter::drawErrorBar(QPainter* p, const QPointF& a, const QPointF& b, const QColor& color) {
    const QPointF d = b - a;
    const double len = std::hypot(d.x(), d.y());
    if (len <= 0) return;
    const QPointF cap = QPointF(-d.y(), d.x()) / len * 6.0; // wider than a marker: short bars still show
    p->setPen(QPen(color, 1.4));
    p->drawLine(a, b);
    p->drawLine(a - cap, a + cap);
    p->drawLine(b - cap, b + cap);
}

QPointF DesignScatter::pixelOf(const Item& it) const { return coordsToPixels(it.x, it.y); }

int DesignScatter::nearest(const QPointF& pixel, double radius) const {
    int best = -1;
    double bestD = radius * radius;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const QPointF d = pixelOf(m_items[i]) - pixel;
        const double dd = d.x() * d.x() + d.y() * d.y();
        if (dd <= bestD) {
            bestD = dd;
            best = int(i);
        }
    }
    return best;
}

double DesignScatter::selectTest(const QPointF& pos, bool onlySelectable, QVariant*) const {
    if (onlySelectable && !mSelectable) return -1;
    const int i = nearest(pos, mParentPlot->selectionTolerance() * 2);
    if (i < 0) return -1;
    const QPointF d = pixelOf(m_items[std::size_t(i)]) - pos;
    return std::sqrt(d.x() * d.x() + d.y() * d.y());
}

QCPRange DesignScatter::getKeyRange(bool& found, QCP::SignDomain sd) const {
    QCPRange r;
    found = false;
    for (const Item& it : m_items) {
        if ((sd == QCP::sdPositive && it.x <= 0) || (sd == QCP::sdNegative && it.x >= 0)) continue;
        if (!found) r = QCPRange(it.x, it.x);
        r.expand(it.x - it.xErr);
        r.expand(it.x + it.xErr);
        found = true;
    }
    return r;
}

QCPRange DesignScatter::getValueRange(bool& found, QCP::SignDomain sd, const QCPRange&) const {
    QCPRange r;
    found = false;
    for (const Item& it : m_items) {
        if ((sd == QCP::sdPositive && it.y <= 0) || (sd == QCP::sdNegative && it.y >= 0)) continue;
        if (!found) r = QCPRange(it.y, it.y);
        r.expand(it.y - it.yErr);
        r.expand(it.y + it.yErr);
        found = true;
    }
    return r;
}

void DesignScatter::draw(QCPPainter* painter) {
    applyScattersAntialiasingHint(painter);
    const double size = 11;
    // Error bars under the markers, in the marker's colour.
    for (const Item& it : m_items) {
        if (it.xErr > 0)
            drawErrorBar(painter, coordsToPixels(it.x - it.xErr, it.y), coordsToPixels(it.x + it.xErr, it.y),
                         it.color.darker(115));
        if (it.yErr > 0)
            drawErrorBar(painter, coordsToPixels(it.x, it.y - it.yErr), coordsToPixels(it.x, it.y + it.yErr),
                         it.color.darker(115));
    }
    // Faint points first, so those with an accuracy stay on top.
    for (int pass = 0; pass < 2; ++pass)
        for (const Item& it : m_items) {
            if ((it.kind == AccuracyKind::None) != (pass == 0)) continue;
            drawMarker(painter, pixelOf(it), it.kind == AccuracyKind::None ? size * 0.8 : size, it.color, it.shape,
                       it.kind);
        }
}

void DesignScatter::drawLegendIcon(QCPPainter*, const QRectF&) const {}

} // namespace bitfold::gui
