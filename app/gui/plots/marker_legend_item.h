#pragma once
// A legend entry showing a design-point marker (or a line) and a text; lets one legend
// explain three encodings at once: colour, shape and fill.
#include "bitfold/sweep.h"

#include <qcustomplot.h>

namespace bitfold::gui {

class MarkerLegendItem : public QCPAbstractLegendItem {
    Q_OBJECT
public:
    enum class Style { Marker, Line, Header, ErrorBar };
    MarkerLegendItem(QCPLegend* legend, const QString& text, Style style, const QColor& color = Qt::gray, int shape = 0,
                     AccuracyKind kind = AccuracyKind::Published);
    const QString& text() const { return m_text; }

protected:
    void draw(QCPPainter* painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QString m_text;
    Style m_style;
    QColor m_color;
    int m_shape;
    AccuracyKind m_kind;
};

/// Adds an item to the legend's next free cell (the legend wraps it into rows/columns).
void addLegendItem(QCPLegend* legend, MarkerLegendItem* item);

} // namespace bitfold::gui
