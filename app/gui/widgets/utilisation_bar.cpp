#include "widgets/utilisation_bar.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace bitfold::gui {

UtilisationBar::UtilisationBar(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void UtilisationBar::setValues(double used, double limit, const QString& text) {
    m_used = std::isfinite(used) ? used : 1e9;
    m_limit = limit;
    m_text = text;
    update();
}

QSize UtilisationBar::sizeHint() const { return {320, fontMetrics().height() * 2}; }
QSize UtilisationBar::minimumSizeHint() const { return {120, fontMetrics().height() + 8}; }

void UtilisationBar::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(QColor(0xbd, 0xc1, 0xc6));
    p.setBrush(QColor(0xf1, 0xf3, 0xf4));
    p.drawRoundedRect(r, 3, 3);

    const bool over = m_used > m_limit + 1e-12;
    const bool near = !over && m_used > 0.85 * m_limit;
    const QColor fill = over ? QColor(0xd9, 0x30, 0x25) : near ? QColor(0xf2, 0x99, 0x00) : QColor(0x34, 0xa8, 0x53);
    QRectF bar = r;
    bar.setWidth(r.width() * std::clamp(m_used, 0.0, 1.0));
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(bar, 3, 3);

    // The limit: a dark line with a small notch on top.
    const double x = r.left() + r.width() * std::clamp(m_limit, 0.0, 1.0);
    p.setPen(QPen(QColor(0x20, 0x21, 0x24), 2));
    p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));

    // Dark text over the empty part, white over the filled part.
    const QRectF textRect = r.adjusted(6, 0, -6, 0);
    p.setClipRect(QRectF(bar.right(), r.top(), r.right() - bar.right() + 1, r.height()));
    p.setPen(QColor(0x20, 0x21, 0x24));
    p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, m_text);
    p.setClipRect(bar);
    p.setPen(Qt::white);
    p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, m_text);
}

} // namespace bitfold::gui
