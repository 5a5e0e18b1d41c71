#include "plots/marker_legend_item.h"

#include "plots/design_scatter.h"

namespace bitfold::gui {

MarkerLegendItem::MarkerLegendItem(QCPLegend* legend, const QString& text, Style style, const QColor& color, int shape,
                                   AccuracyKind kind)
    : QCPAbstractLegendItem(legend), m_text(text), m_style(style), m_color(color), m_shape(shape), m_kind(kind) {
    setSelectable(false);
}

void MarkerLegendItem::draw(QCPPainter* painter) {
    QFont f = mParentLegend->font();
    if (m_style == Style::Header) f.setBold(true);
    painter->setFont(f);
    const QSize icon = mParentLegend->iconSize();
    const QFontMetrics fm(f);
    const int h = std::max(fm.height(), icon.height());
    const int textX =
        m_style == Style::Header ? mRect.x() : mRect.x() + icon.width() + mParentLegend->iconTextPadding();
    painter->setPen(mParentLegend->textColor());
    painter->drawText(QRect(textX, mRect.y(), mRect.right() - textX, h), Qt::AlignVCenter | Qt::AlignLeft, m_text);
    const QRectF iconRect(mRect.x(), mRect.y() + (h - icon.height()) / 2.0, icon.width(), icon.height());
    painter->setAntialiasing(true);
    if (m_style == Style::Marker)
        DesignScatter::drawMarker(painter, iconRect.center(), icon.height() * 0.85, m_color, m_shape, m_kind);
    else if (m_style == Style::Line) {
        static const Qt::PenStyle dashes[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
        painter->setPen(QPen(m_color, 2.5, dashes[m_shape % 4])); // the shape picks the dash of a front
        painter->drawLine(QPointF(iconRect.left(), iconRect.center().y()),
                          QPointF(iconRect.right(), iconRect.center().y()));
    } else if (m_style == Style::ErrorBar) {
        const QPointF c = iconRect.center();
        const double h = iconRect.height() / 2;
        DesignScatter::drawErrorBar(painter, c - QPointF(0, h), c + QPointF(0, h), m_color);
        DesignScatter::drawMarker(painter, c, icon.height() * 0.6, m_color, 0, AccuracyKind::Measured);
    }
}

QSize MarkerLegendItem::minimumOuterSizeHint() const {
    QFont f = mParentLegend->font();
    if (m_style == Style::Header) f.setBold(true);
    const QFontMetrics fm(f);
    const QSize icon = mParentLegend->iconSize();
    const int iconPart = m_style == Style::Header ? 0 : icon.width() + mParentLegend->iconTextPadding();
    return {iconPart + fm.horizontalAdvance(m_text) + mMargins.left() + mMargins.right(),
            std::max(fm.height(), icon.height()) + mMargins.top() + mMargins.bottom()};
}

void addLegendItem(QCPLegend* legend, MarkerLegendItem* item) { legend->addItem(item); }

} // namespace bitfold::gui
