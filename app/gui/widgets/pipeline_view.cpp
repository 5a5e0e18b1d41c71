#include "widgets/pipeline_view.h"

#include "help/glossary.h"
#include "util/format.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <cmath>

namespace bitfold::gui {

namespace {
constexpr double kGapY = 48, kMargin = 16;
const QColor kArrow(0x5f, 0x63, 0x68);

QString blockKindName(BlockKind k) {
    switch (k) {
    case BlockKind::Quantize: return QObject::tr("quantizer");
    case BlockKind::CropPad: return QObject::tr("crop/pad adapter");
    case BlockKind::WidthConverter: return QObject::tr("width converter");
    case BlockKind::LabelSelect: return QObject::tr("label select");
    default: return QString::fromLatin1(toString(k));
    }
}
} // namespace

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
    m_arrows.clear();
    if (!s.valid) return update();
    const double ii = std::max<double>(1, double(s.estimate.cycles));
    // One block per plan stage that does the work (the adapters between them sit on the arrows).
    const auto& stages = s.estimate.stages;
    for (std::size_t k = 0; k < stages.size(); ++k) {
        const PlanStage& st = stages[k];
        Block b{st.layer, BlockType::Memory, int(k), st.cycles, double(st.cycles) / ii, {}, {}};
        const LayerEstimate* e = st.layer >= 0 ? &s.estimate.layers[std::size_t(st.layer)] : nullptr;
        switch (st.kind) {
        case BlockKind::Read:
        case BlockKind::Write: b.layer = -1; break;
        case BlockKind::SlidingWindow:
            b.type = BlockType::Window;
            b.res = e->window;
            break;
        case BlockKind::Mvtu:
            b.type = BlockType::Mvtu;
            b.res = e->compute + e->weights + e->thresholds + e->glue;
            break;
        case BlockKind::MaxPool:
            b.type = BlockType::Pool;
            b.res = e->res;
            break;
        default: continue;
        }
        m_blocks.push_back(b);
    }
    buildArrows();
    layoutBlocks(width());
    updateGeometry();
    update();
}

void PipelineView::buildArrows() {
    const auto& stages = m_state.estimate.stages;
    for (std::size_t k = 0; k + 1 < m_blocks.size(); ++k) {
        const int from = m_blocks[k].stage, to = m_blocks[k + 1].stage;
        const PlanStage& a = stages[std::size_t(from)];
        const PlanStage& b = stages[std::size_t(to)];
        Arrow arrow;
        arrow.elements = b.inPerWord;
        arrow.bits = b.elemBits;
        // The reader writes port words of bytes; any other block writes the bits its successor reads.
        arrow.fromElements = a.outPerWord;
        arrow.fromBits = a.kind == BlockKind::Read ? 8 : stages[std::size_t(from) + 1].elemBits;
        for (int v = from + 1; v < to; ++v) {
            arrow.via.push_back(v);
            arrow.viaCycles = std::max(arrow.viaCycles, stages[std::size_t(v)].cycles);
        }
        m_arrows.push_back(std::move(arrow));
    }
}

void PipelineView::setSelectedLayer(int layer) {
    m_selected = layer;
    update();
}

QSizeF PipelineView::blockSize() const {
    const QFontMetricsF fm(font());
    return {fm.horizontalAdvance(QStringLiteral("0")) * 22, fm.lineSpacing() * 4 + 16};
}

QFont PipelineView::smallFont() const {
    QFont f = font();
    f.setPointSizeF(font().pointSizeF() * 0.85);
    return f;
}

QString PipelineView::legendText() const {
    return tr("colour: a block's cycles per frame as a share of the slowest block's (red = the bottleneck, %1 cycles "
              "per frame) · arrows: what one clock cycle carries into the next block, elements × bits each, and the "
              "total · ◆ on an arrow: a width converter or the quantizer reshapes the stream on the way (hover for "
              "details) · %2")
        .arg(fmt::count(double(m_state.estimate.cycles)), fmt::predicted(m_state.estimate.model));
}

QRectF PipelineView::legendRect(int width) const {
    const QFontMetricsF fm(font());
    const double x = kMargin + fm.lineSpacing() * 3 + 8; // after the colour ramp
    const double w = std::max(100.0, width - kMargin - x);
    const QRectF need = fm.boundingRect(QRectF(0, 0, w, 1e6), Qt::AlignTop | Qt::TextWordWrap, legendText());
    return {x, kMargin, w, std::ceil(need.height())};
}

double PipelineView::gapX() const {
    // As wide as the widest arrow label needs, so labels never clip and blocks pack tight.
    const QFontMetricsF sm(smallFont());
    double w = 40;
    for (const Arrow& a : m_arrows)
        w = std::max({w, sm.horizontalAdvance(arrowLabel(a)), sm.horizontalAdvance(arrowTotal(a))});
    return w + 10;
}

int PipelineView::layoutBlocks(int width) {
    const QSizeF bs = blockSize();
    const double kGapX = gapX();
    const int perRow = std::max(1, int((width - 2 * kMargin + kGapX) / (bs.width() + kGapX)));
    const double top = legendRect(width).bottom() + QFontMetricsF(font()).lineSpacing();
    for (std::size_t k = 0; k < m_blocks.size(); ++k) {
        const int row = int(k) / perRow, col = int(k) % perRow;
        m_blocks[k].rect =
            QRectF(kMargin + col * (bs.width() + kGapX), top + row * (bs.height() + kGapY), bs.width(), bs.height());
    }
    // Arrows: straight between neighbours in a row, down-across-down where the chain wraps.
    const QFontMetricsF sm(smallFont());
    for (std::size_t k = 0; k < m_arrows.size() && k + 1 < m_blocks.size(); ++k) {
        Arrow& ar = m_arrows[k];
        const QRectF a = m_blocks[k].rect, b = m_blocks[k + 1].rect;
        ar.path = QPainterPath();
        const double h = sm.height();
        if (qFuzzyCompare(a.top(), b.top())) {
            const double y = a.center().y();
            ar.path.moveTo(a.right(), y);
            ar.path.lineTo(b.left(), y);
            ar.marker = QPointF((a.right() + b.left()) / 2, y);
            ar.labelRect = QRectF(a.right() + 2, y - 7 - h, b.left() - a.right() - 4, h); // clear of the ◆
            ar.totalRect = QRectF(a.right() + 2, y + 7, b.left() - a.right() - 4, h);
        } else {
            // The label sits right of the drop, above the horizontal run, which goes left.
            const double midY = a.bottom() + kGapY / 2;
            ar.path.moveTo(a.center().x(), a.bottom());
            ar.path.lineTo(a.center().x(), midY);
            ar.path.lineTo(b.center().x(), midY);
            ar.path.lineTo(b.center().x(), b.top());
            ar.marker = QPointF((a.center().x() + b.center().x()) / 2, midY);
            const double w = sm.horizontalAdvance(arrowLabel(ar) + QStringLiteral("  ") + arrowTotal(ar)) + 4;
            ar.labelRect = QRectF(a.center().x() + 6, midY - 2 - h, w, h);
            ar.totalRect = QRectF();
        }
    }
    const int rows = (int(m_blocks.size()) + perRow - 1) / perRow;
    return int(top + rows * (bs.height() + kGapY) + kMargin);
}

int PipelineView::heightForWidth(int w) const { return const_cast<PipelineView*>(this)->layoutBlocks(w); }

QSize PipelineView::sizeHint() const { return {900, heightForWidth(900)}; }

void PipelineView::resizeEvent(QResizeEvent*) { layoutBlocks(width()); }

QString PipelineView::arrowLabel(const Arrow& a) const {
    return tr("%1\u202f×\u202f%2 bit").arg(a.elements).arg(a.bits); // narrow spaces: "64 × 1 bit"
}

QString PipelineView::arrowTotal(const Arrow& a) const { return tr("= %1 bit").arg(a.totalBits()); }

QString PipelineView::arrowTip(const Arrow& a) const {
    const std::size_t k = std::size_t(&a - m_arrows.data());
    QString tip = tr("<b>%1 → %2</b><br>%3 writes %4 × %5-bit per cycle (%6 bits)")
                      .arg(blockTitle(m_blocks[k]), blockTitle(m_blocks[k + 1]), blockTitle(m_blocks[k]))
                      .arg(a.fromElements)
                      .arg(a.fromBits)
                      .arg(a.fromElements * a.fromBits);
    for (int v : a.via) {
        const PlanStage& st = m_state.estimate.stages[std::size_t(v)];
        tip += tr("<br>%1 <i>%2</i>: %3 cycles per frame (%4 of the slowest)")
                   .arg(blockKindName(st.kind), QString::fromStdString(st.name), fmt::count(double(st.cycles)),
                        fmt::percent(double(st.cycles) / std::max<double>(1, double(m_state.estimate.cycles)), 0));
    }
    return tip +
        tr("<br>%1 reads %2 × %3-bit per cycle (%4 bits)<br><i>%5</i>")
            .arg(blockTitle(m_blocks[k + 1]))
            .arg(a.elements)
            .arg(a.bits)
            .arg(a.totalBits())
            .arg(fmt::predicted(m_state.estimate.model));
}

QString PipelineView::blockTitle(const Block& b) const {
    if (b.type == BlockType::Memory) return &b == &m_blocks.front() ? tr("memory · read") : tr("memory · write");
    const QString name = QString::fromStdString(m_state.network.layers[std::size_t(b.layer)].name);
    switch (b.type) {
    case BlockType::Window: return name + tr(" · SWU");
    case BlockType::Mvtu: return name + tr(" · MVTU");
    case BlockType::Pool: return name + tr(" · pool");
    case BlockType::Memory: break;
    }
    return name;
}

QStringList PipelineView::blockLines(const Block& b) const {
    const QString cycles = tr("%1 cycles · %2").arg(fmt::count(double(b.cycles)), fmt::percent(b.load, 0));
    if (b.type == BlockType::Memory) {
        const PlanStage& st = m_state.estimate.stages[std::size_t(b.stage)];
        const int units = m_state.estimate.computeUnits;
        const QString port = units > 1 ? tr("%1-bit port × %2 units").arg(m_state.device.port.bits).arg(units)
                                       : tr("%1-bit port to DDR").arg(m_state.device.port.bits);
        return {port, cycles,
                st.kind == BlockKind::Read ? tr("%1 bytes/image in").arg(fmt::count(double(st.frameBits / 8)))
                                           : tr("%1 words/image out").arg(fmt::count(double(st.frameBits / 32)))};
    }
    const LayerEstimate& e = m_state.estimate.layers[std::size_t(b.layer)];
    const QString fold = b.type == BlockType::Mvtu
        ? (e.mmv > 1 ? tr("PE %1, SIMD %2, MMV %3").arg(e.pe).arg(e.simd).arg(e.mmv)
                     : tr("PE %1 × SIMD %2").arg(e.pe).arg(e.simd))
        : b.type == BlockType::Window ? tr("SIMD %1 (channels/cycle)").arg(e.simd)
                                      : tr("PE %1 (channels/cycle)").arg(e.pe);
    const double bram = b.res.bram36();
    return {fold, cycles,
            tr("%1 LUT · %2 BRAM36").arg(fmt::count(b.res.lut), fmt::count(bram, bram == std::floor(bram) ? 0 : 1))};
}

QStringList PipelineView::clippedTexts() const {
    QStringList out;
    const QFontMetricsF fm(font()), sm(smallFont());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF bm(bold);
    for (const Block& b : m_blocks) {
        const double w = b.rect.width() - 16;
        if (bm.horizontalAdvance(blockTitle(b)) > w) out << blockTitle(b);
        for (const QString& l : blockLines(b))
            if (fm.horizontalAdvance(l) > w) out << l;
    }
    for (const Arrow& a : m_arrows) {
        if (sm.horizontalAdvance(arrowLabel(a)) > a.labelRect.width()) out << arrowLabel(a);
        if (!a.totalRect.isNull() && sm.horizontalAdvance(arrowTotal(a)) > a.totalRect.width()) out << arrowTotal(a);
    }
    const QRectF legend = legendRect(width());
    if (fm.boundingRect(QRectF(0, 0, legend.width(), 1e6), Qt::AlignTop | Qt::TextWordWrap, legendText()).height() >
        legend.height() + 0.5)
        out << legendText();
    return out;
}

void PipelineView::paintArrow(QPainter& p, const Arrow& a) const {
    p.setPen(QPen(kArrow, 1.5));
    p.setBrush(Qt::NoBrush);
    p.drawPath(a.path);
    const QPointF end = a.path.currentPosition();
    const QPointF dir = end - a.path.pointAtPercent(0.97);
    if (const double len = std::hypot(dir.x(), dir.y()); len > 0) {
        const QPointF u = dir / len, n(-u.y(), u.x());
        p.setBrush(kArrow);
        p.drawPolygon(QPolygonF({end, end - u * 8 + n * 4, end - u * 8 - n * 4}));
    }
    if (!a.via.empty()) { // an adapter on the way: red when it is the bottleneck itself
        const bool slowest = a.viaCycles == m_state.estimate.cycles;
        p.setBrush(slowest ? QColor(0xd9, 0x30, 0x25) : Qt::white);
        p.setPen(QPen(slowest ? QColor(0xd9, 0x30, 0x25) : kArrow, 1.5));
        const QPointF m = a.marker;
        p.drawPolygon(QPolygonF({m + QPointF(0, -5), m + QPointF(5, 0), m + QPointF(0, 5), m + QPointF(-5, 0)}));
    }
    p.setFont(smallFont());
    p.setPen(QColor(0x3c, 0x40, 0x43));
    if (a.totalRect.isNull()) {
        p.drawText(a.labelRect, Qt::AlignLeft | Qt::AlignBottom, arrowLabel(a) + QStringLiteral("  ") + arrowTotal(a));
    } else {
        p.drawText(a.labelRect, Qt::AlignHCenter | Qt::AlignBottom, arrowLabel(a));
        p.drawText(a.totalRect, Qt::AlignHCenter | Qt::AlignTop, arrowTotal(a));
    }
    p.setFont(font());
}

void PipelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    if (m_blocks.empty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("No design evaluated yet"));
        return;
    }
    // Legend: the colour ramp, then the text wrapped beside it.
    const QRectF legend = legendRect(width());
    const double sw = fm.lineSpacing() * 3;
    for (int i = 0; i < 30; ++i)
        p.fillRect(QRectF(kMargin + i * sw / 30, legend.top() + 2, sw / 30 + 0.5, fm.lineSpacing() - 4),
                   loadColor(i / 29.0));
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(legend, Qt::AlignTop | Qt::TextWordWrap, legendText());

    for (const Arrow& a : m_arrows) paintArrow(p, a); // arrows first, blocks over them

    for (const Block& b : m_blocks) {
        const bool bottleneck = b.stage == m_state.estimate.slowestStage;
        const bool selected = b.layer >= 0 && b.layer == m_selected;
        p.setBrush(loadColor(b.load));
        p.setPen(QPen(bottleneck     ? QColor(0xd9, 0x30, 0x25)
                          : selected ? QColor(0x1a, 0x73, 0xe8)
                                     : QColor(0x9a, 0xa0, 0xa6),
                      bottleneck || selected ? 2.5 : 1));
        p.drawRoundedRect(b.rect, 6, 6);
        const QRectF inner = b.rect.adjusted(8, 6, -8, -6);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(QColor(0x20, 0x21, 0x24));
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), fm.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(bold).elidedText(blockTitle(b), Qt::ElideRight, inner.width()));
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

const PipelineView::Arrow* PipelineView::arrowAt(const QPointF& pt) const {
    for (const Arrow& a : m_arrows) {
        const QRectF near(a.marker - QPointF(8, 8), QSizeF(16, 16));
        if (a.labelRect.contains(pt) || a.totalRect.contains(pt) || near.contains(pt)) return &a;
    }
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

QString PipelineView::blockTip(const Block& b) const {
    const QString what = b.type == BlockType::Window ? glossaryDefinition(QStringLiteral("Sliding window"))
        : b.type == BlockType::Mvtu                  ? glossaryDefinition(QStringLiteral("MVTU"))
        : b.type == BlockType::Pool                  ? tr("Streaming max-pool")
        : b.stage == 0
        ? tr("Memory interface: reads the images from DDR, one port-wide word of 8-bit pixels per cycle")
        : tr("Memory interface: writes the results to DDR, one port-wide word of 32-bit words per cycle");
    return QStringLiteral("<b>%1</b><br>%2<br>%3<br>%4 LUT, %5 FF, %6 BRAM36, %7 DSP<br><i>%8</i>%9")
        .arg(blockTitle(b), what.toHtmlEscaped(), blockLines(b).mid(0, 2).join(QStringLiteral("<br>")),
             fmt::count(b.res.lut), fmt::count(b.res.ff), fmt::count(b.res.bram36(), 1), fmt::count(b.res.dsp),
             fmt::predicted(m_state.estimate.model), b.layer >= 0 ? tr("<br>Click to explain this layer") : QString());
}

bool PipelineView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        if (const Block* b = blockAt(he->pos()))
            QToolTip::showText(he->globalPos(), blockTip(*b), this);
        else if (const Arrow* a = arrowAt(he->pos()))
            QToolTip::showText(he->globalPos(), arrowTip(*a), this);
        else
            QToolTip::hideText();
        return true;
    }
    if (e->type() == QEvent::FontChange) {
        layoutBlocks(width());
        updateGeometry();
    }
    return QWidget::event(e);
}

} // namespace bitfold::gui
