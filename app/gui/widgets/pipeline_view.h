#pragma once
// The dataflow drawn as a chain of blocks (memory reader, sliding window, MVTU, pool, memory
// writer), each with its
// PE × SIMD, cycles and resources, coloured by how close it is to the bottleneck. Blocks
// wrap onto rows to fit the width; clicking one selects its layer.
#include "session/design_state.h"

#include <QWidget>

namespace bitfold::gui {

class PipelineView : public QWidget {
    Q_OBJECT
public:
    enum class BlockType { Window, Mvtu, Pool, Memory };
    struct Block {
        int layer = 0;       ///< network layer, -1 for the memory reader and writer
        BlockType type = BlockType::Mvtu;
        std::int64_t cycles = 0;
        double load = 0;     ///< cycles / initiation interval
        Resources res;
        int outBits = 0;     ///< stream width it emits, bits per cycle
        QRectF rect;
    };

    explicit PipelineView(QWidget* parent = nullptr);
    void setDesign(const DesignState& state);
    void setSelectedLayer(int layer);
    const std::vector<Block>& blocks() const { return m_blocks; }
    /// Centre of the first block of `layer` in widget coordinates (tests click there).
    QPoint blockCenter(int layer) const;

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
    int layoutBlocks(int width); ///< positions blocks, returns the height needed
    const Block* blockAt(const QPointF& p) const;
    QString blockTitle(const Block& b) const;
    QStringList blockLines(const Block& b) const;

    DesignState m_state;
    std::vector<Block> m_blocks;
    int m_selected = -1;
};

} // namespace bitfold::gui
