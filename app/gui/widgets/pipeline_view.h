#pragma once
// The dataflow drawn as a chain of blocks (memory reader, sliding window, MVTU, pool, memory
// writer), each with its PE × SIMD, cycles and resources, coloured by how close it is to the
// bottleneck; the arrows say what one clock cycle carries into the next block. Blocks and
// arrows come from the engine's pipeline plan (Estimate::stages). Blocks wrap onto rows to
// fit the width; clicking one selects its layer.
#include "session/design_state.h"

#include <QPainterPath>
#include <QWidget>

namespace bitfold::gui {

class PipelineView : public QWidget {
    Q_OBJECT
public:
    enum class BlockType { Window, Mvtu, Pool, Memory };
    struct Block {
        int layer = 0; ///< network layer, -1 for the memory reader and writer
        BlockType type = BlockType::Mvtu;
        int stage = -1; ///< index into the estimate's pipeline plan (Estimate::stages)
        std::int64_t cycles = 0;
        double load = 0; ///< cycles / initiation interval
        Resources res;
        QRectF rect;
    };
    /// The stream between two neighbouring blocks, per clock cycle.
    struct Arrow {
        int elements = 0, bits = 0; ///< what the next block reads: elements × bits each
        int fromElements = 0, fromBits = 0; ///< what the previous block writes
        std::vector<int> via; ///< plan stages in between (quantizer, width converters, crop/pad, label select)
        std::int64_t viaCycles = 0; ///< the slowest of those, cycles per frame
        QPainterPath path;
        QPointF marker; ///< where the ◆ of an adapter sits (via not empty)
        QRectF labelRect, totalRect; ///< "elements × bits" and "= total" texts
        int totalBits() const { return elements * bits; }
    };

    explicit PipelineView(QWidget* parent = nullptr);
    void setDesign(const DesignState& state);
    void setSelectedLayer(int layer);
    const std::vector<Block>& blocks() const { return m_blocks; }
    const std::vector<Arrow>& arrows() const { return m_arrows; }
    /// Centre of the first block of `layer` in widget coordinates (tests click there).
    QPoint blockCenter(int layer) const;
    /// Texts that do not fit the space they are drawn in at the current size (empty: nothing clipped).
    QStringList clippedTexts() const;
    QString arrowLabel(const Arrow& a) const;
    QString arrowTotal(const Arrow& a) const;
    QString arrowTip(const Arrow& a) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override;
    QSize sizeHint() const override;

    static QColor loadColor(double load);

Q_SIGNALS:
    void layerClicked(int layer);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    bool event(QEvent* e) override;

private:
    QSizeF blockSize() const;
    double gapX() const;
    QFont smallFont() const;
    QString legendText() const;
    QRectF legendRect(int width) const;
    int layoutBlocks(int width); ///< positions blocks and arrows, returns the height needed
    void buildArrows();
    const Block* blockAt(const QPointF& p) const;
    const Arrow* arrowAt(const QPointF& p) const;
    QString blockTitle(const Block& b) const;
    QStringList blockLines(const Block& b) const;
    QString blockTip(const Block& b) const;
    void paintArrow(QPainter& p, const Arrow& a) const;

    DesignState m_state;
    std::vector<Block> m_blocks;
    std::vector<Arrow> m_arrows;
    int m_selected = -1;
};

} // namespace bitfold::gui
