#include "widgets/pipeline_view.h"

#include "help/glossary.h"
#include "util/format.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <cmath>

namespace bitfold::gui {

namespace {
constexpr double kGapX = 36, kGapY = 40, kMargin = 16;
}

PipelineView::PipelineView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    QSizePolicy sp(QSizePolicy::Expanding, QSizePolicy::Preferred);
    sp.setHeightForWidth(true);
    setSizePolicy(sp);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

QColor PipelineView::loadColor(double load) {
    // Green (idle) through amber to red (the bottleneck): light fills that keep text readable.
    const QColor lo(0xe6, 0xf4, 0xea), mid(0xfe, 0xf0, 0xc7), hi(0xf9, 0xc9, 0xc4);
    auto mix = [](const QColor& a, const QColor& b, double t) {
        return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                                a.blueF() + (b.blueF() - a.blueF()) * t);
    };
    load = std::clamp(load, 0.0, 1.0);
    return load < 0.6 ? mix(lo, mid, load / 0.6) : mix(mid, hi, (load - 0.6) / 0.4);
}

void PipelineView::setDesign(const DesignState& s) {
    m_state = s;
    m_blocks.clear();
    if (!s.valid) return update();
    const double ii = std::max<double>(1, double(s.estimate.cycles));
    // The memory interface bounds every design: its reader and writer are blocks like the others.
    auto memoryBlock = [&](BlockKind kind) {
        for (const PlanStage& st : s.estimate.stages)
            if (st.kind == kind)
                m_blocks.push_back({-1, BlockType::Memory, st.cycles, double(st.cycles) / ii, {}, s.device.port.bits, {}});
    };
    memoryBlock(BlockKind::Read);
    for (std::size_t i = 0; i < s.estimate.layers.size(); ++i) {
        const LayerEstimate& e = s.estimate.layers[i];
        const Layer& l = s.network.layers[i];
        const LayerPrecision& p = s.precision[i];
        if (l.kind == LayerKind::Conv) {
            Block w{int(i), BlockType::Window, e.windowCycles, double(e.windowCycles) / ii, e.window, e.simd * p.inputBits, {}};
            m_blocks.push_back(w);
        }
        if (l.isMatrix()) {
            const Resources r = e.compute + e.weights + e.thresholds + e.glue;
            m_blocks.push_back({int(i), BlockType::Mvtu, e.computeCycles, double(e.computeCycles) / ii, r,
                                e.pe * p.outputBits, {}});
        } else {
            m_blocks.push_back({int(i), BlockType::Pool, e.computeCycles, double(e.computeCycles) / ii, e.res,
                                e.pe * p.outputBits, {}});
        }
    }
    memoryBlock(BlockKind::Write);
    layoutBlocks(width());
    updateGeometry();
    update();
}

void PipelineView::setSelectedLayer(int layer) {
    m_selected = layer;
    update();
}

QSizeF PipelineView::blockSize() const {
    const QFontMetricsF fm(font());
    return {fm.horizontalAdvance(QStringLiteral("0")) * 22, fm.lineSpacing() * 4 + 16};
}

int PipelineView::layoutBlocks(int width) {
    const QSizeF bs = blockSize();
    const int perRow = std::max(1, int((width - 2 * kMargin + kGapX) / (bs.width() + kGapX)));
    const double top = kMargin + QFontMetricsF(font()).lineSpacing() * 3; // the legend, two lines
    for (std::size_t k = 0; k < m_blocks.size(); ++k) {
        const int row = int(k) / perRow, col = int(k) % perRow;
        m_blocks[k].rect = QRectF(kMargin + col * (bs.width() + kGapX), top + row * (bs.height() + kGapY), bs.width(),
                                  bs.height());
    }
    const int rows = (int(m_blocks.size()) + perRow - 1) / perRow;
    return int(top + rows * (bs.height() + kGapY) + kMargin);
}

int PipelineView::heightForWidth(int w) const { return const_cast<PipelineView*>(this)->layoutBlocks(w); }

QSize PipelineView::sizeHint() const { return {900, heightForWidth(900)}; }

void PipelineView::resizeEvent(QResizeEvent*) { layoutBlocks(width()); }

QString PipelineView::blockTitle(const Block& b) const {
    if (b.type == BlockType::Memory)
        return &b == &m_blocks.front() ? tr("memory · read images") : tr("memory · write results");
    const QString name = QString::fromStdString(m_state.network.layers[b.layer].name);
    switch (b.type) {
    case BlockType::Window: return name + tr(" · SWU");
    case BlockType::Mvtu: return name + tr(" · MVTU");
    case BlockType::Pool: return name + tr(" · pool");
    }
    return name;
}

QStringList PipelineView::blockLines(const Block& b) const {
    if (b.type == BlockType::Memory)
        return {tr("%1-bit port, one word/cycle").arg(b.outBits),
                tr("%1 cycles · %2").arg(fmt::count(double(b.cycles)), fmt::percent(b.load, 0)),
                m_state.estimate.computeUnits > 1 ? tr("one port per unit (%1 units)").arg(m_state.estimate.computeUnits)
                                                  : tr("bound: %1").arg(QString::fromLatin1(toString(m_state.estimate.bound)))};
    const LayerEstimate& e = m_state.estimate.layers[b.layer];
    const QString fold = b.type == BlockType::Mvtu ? (e.mmv > 1 ? tr("PE %1 × SIMD %2 × MMV %3").arg(e.pe).arg(e.simd).arg(e.mmv)
                                                                 : tr("PE %1 × SIMD %2").arg(e.pe).arg(e.simd))
                         : b.type == BlockType::Window ? tr("SIMD %1 (channels/cycle)").arg(e.simd)
                                                       : tr("PE %1 (channels/cycle)").arg(e.pe);
    const double bram = b.res.bram36();
    return {fold, tr("%1 cycles · %2").arg(fmt::count(double(b.cycles)), fmt::percent(b.load, 0)),
            tr("%1 LUT · %2 BRAM36").arg(fmt::count(b.res.lut), fmt::count(bram, bram == std::floor(bram) ? 0 : 1))};
}

void PipelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    if (m_blocks.empty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("No design evaluated yet"));
        return;
    }
    // Legend.
    QRectF legend(kMargin, kMargin, width() - 2 * kMargin, fm.lineSpacing() * 2); // two lines, wrapped
    p.setPen(palette().color(QPalette::WindowText));
    const double sw = fm.lineSpacing() * 3;
    const double lx = legend.left();
    for (int i = 0; i < 30; ++i)
        p.fillRect(QRectF(lx + i * sw / 30, legend.top() + 2, sw / 30 + 0.5, fm.lineSpacing() - 4), loadColor(i / 29.0));
    p.drawText(QRectF(lx + sw + 8, legend.top(), legend.width() - sw - 8, legend.height()),
               Qt::AlignTop | Qt::TextWordWrap,
               tr("colour: block cycles as a share of the slowest stage (red = bottleneck, %1 cycles/frame) · "
                  "arrows: stream width, bits/cycle · %2")
                   .arg(fmt::count(double(m_state.estimate.cycles)), fmt::predicted(m_state.estimate.model)));

    // Arrows first, blocks over them.
    p.setPen(QPen(QColor(0x5f, 0x63, 0x68), 1.5));
    for (std::size_t k = 0; k + 1 < m_blocks.size(); ++k) {
        const QRectF a = m_blocks[k].rect, b = m_blocks[k + 1].rect;
        QPainterPath path;
        QPointF end;
        if (qFuzzyCompare(a.top(), b.top())) {
            path.moveTo(a.right(), a.center().y());
            end = QPointF(b.left(), b.center().y());
            path.lineTo(end);
        } else { // wrap to the next row
            const double midY = a.bottom() + kGapY / 2;
            path.moveTo(a.center().x(), a.bottom());
            path.lineTo(a.center().x(), midY);
            path.lineTo(b.center().x(), midY);
            end = QPointF(b.center().x(), b.top());
            path.lineTo(end);
        }
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        const QPointF dir = end - path.pointAtPercent(0.97);
        const double len = std::hypot(dir.x(), dir.y());
        if (len > 0) {
            const QPointF u = dir / len, n(-u.y(), u.x());
            QPolygonF head({end, end - u * 8 + n * 4, end - u * 8 - n * 4});
            p.setBrush(QColor(0x5f, 0x63, 0x68));
            p.drawPolygon(head);
        }
        QFont small = font();
        small.setPointSizeF(font().pointSizeF() * 0.8);
        p.save();
        p.setFont(small);
        const QPointF lp = qFuzzyCompare(a.top(), b.top()) ? QPointF((a.right() + b.left()) / 2, a.center().y() - 6)
                                                           : QPointF(a.center().x() + 6, a.bottom() + kGapY / 2 - 4);
        const QString label = QString::number(m_blocks[k].outBits);
        p.drawText(QRectF(lp.x() - 30, lp.y() - fm.lineSpacing(), 60, fm.lineSpacing()), Qt::AlignCenter | Qt::AlignBottom,
                   label);
        p.restore();
    }

    for (const Block& b : m_blocks) {
        const bool bottleneck = (b.type == BlockType::Memory || b.layer == m_state.estimate.bottleneck) &&
                                b.cycles == m_state.estimate.cycles;
        const bool selected = b.layer >= 0 && b.layer == m_selected;
        p.setBrush(loadColor(b.load));
        p.setPen(QPen(bottleneck ? QColor(0xd9, 0x30, 0x25) : selected ? QColor(0x1a, 0x73, 0xe8) : QColor(0x9a, 0xa0, 0xa6),
                      bottleneck || selected ? 2.5 : 1));
        p.drawRoundedRect(b.rect, 6, 6);
        const QRectF inner = b.rect.adjusted(8, 6, -8, -6);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(QColor(0x20, 0x21, 0x24));
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), fm.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(blockTitle(b), Qt::ElideRight, inner.width()));
        p.setFont(font());
        const QStringList lines = blockLines(b);
        for (int i = 0; i < lines.size(); ++i)
            p.drawText(QRectF(inner.left(), inner.top() + (i + 1) * fm.lineSpacing(), inner.width(), fm.lineSpacing()),
                       Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(lines[i], Qt::ElideRight, inner.width()));
    }
}

const PipelineView::Block* PipelineView::blockAt(const QPointF& pt) const {
    for (const Block& b : m_blocks)
        if (b.rect.contains(pt)) return &b;
    return nullptr;
}

QPoint PipelineView::blockCenter(int layer) const {
    for (const Block& b : m_blocks)
        if (b.layer == layer) return b.rect.center().toPoint();
    return {};
}

void PipelineView::mousePressEvent(QMouseEvent* e) {
    if (const Block* b = blockAt(e->position()); b && b->layer >= 0) {
        setSelectedLayer(b->layer);
        Q_EMIT layerClicked(b->layer);
    }
}

bool PipelineView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        if (const Block* b = blockAt(he->pos())) {
            const QString what = b->type == BlockType::Window ? glossaryDefinition(QStringLiteral("Sliding window"))
                                 : b->type == BlockType::Mvtu ? glossaryDefinition(QStringLiteral("MVTU"))
                                 : b->type == BlockType::Pool ? tr("Streaming max-pool")
                                                              : tr("Memory interface: one port-wide word per cycle to or from DDR");
            QToolTip::showText(he->globalPos(),
                               QStringLiteral("<b>%1</b><br>%2<br>%3<br>%4 LUT, %5 FF, %6 BRAM36, %7 DSP<br><i>%8</i><br>%9")
                                   .arg(blockTitle(*b), what.toHtmlEscaped(), blockLines(*b).mid(0, 2).join(QStringLiteral("<br>")),
                                        fmt::count(b->res.lut), fmt::count(b->res.ff), fmt::count(b->res.bram36(), 1),
                                        fmt::count(b->res.dsp), fmt::predicted(m_state.estimate.model),
                                        tr("Click to explain this layer")),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    if (e->type() == QEvent::FontChange) {
        layoutBlocks(width());
        updateGeometry();
    }
    return QWidget::event(e);
}

} // namespace bitfold::gui
