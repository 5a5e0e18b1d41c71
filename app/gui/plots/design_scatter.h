#pragma once
// A QCustomPlot plottable drawing design points each with its own colour, shape and fill:
// colour = precision, shape = network, fill = where the accuracy comes from (filled =
// published, hollow = measured, crossed = simulated, faint = none); error bars where an item
// has a spread (accuracy ± its standard deviation over trained seeds).
#include "bitfold/sweep.h"

#include <qcustomplot.h>

namespace bitfold::gui {

class DesignScatter : public QCPAbstractPlottable {
    Q_OBJECT
public:
    struct Item {
        double x = 0, y = 0;
        QColor color;
        int shape = 0;
        AccuracyKind kind = AccuracyKind::None;
        int row = 0; ///< model row
        double xErr = 0, yErr = 0; ///< half-widths of error bars in plot units (0: none)
    };

    DesignScatter(QCPAxis* keyAxis, QCPAxis* valueAxis);
    void setItems(std::vector<Item> items);
    const std::vector<Item>& items() const { return m_items; }
    /// Index into items() of the point nearest to a pixel position, within `radius` px; -1 if none.
    int nearest(const QPointF& pixel, double radius) const;
    QPointF pixelOf(const Item& item) const;

    /// A marker outline in ±3 units (QCPScatterStyle custom-path convention).
    static QPainterPath shapePath(int shape);
    static constexpr int kShapeCount = 16;
    /// Draws one marker centred on `c`, `size` pixels across.
    static void drawMarker(QPainter* p, const QPointF& c, double size, const QColor& color, int shape,
                           AccuracyKind kind);
    /// Draws an error bar from `a` to `b` with caps across it.
    static void drawErrorBar(QPainter* p, const QPointF& a, const QPointF& b, const QColor& color);

    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange& inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    std::vector<Item> m_items;
};

} // namespace bitfold::gui
