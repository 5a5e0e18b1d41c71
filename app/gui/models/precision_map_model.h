#pragma once
// The W × A grid of one network on one device: each cell the folded design at that
// precision; the metric shown (FPS, LUT, FPS/LUT, accuracy) is chosen by the view.
#include "bitfold/sweep.h"
#include "metatypes.h"

#include <QAbstractTableModel>

namespace bitfold::gui {

class PrecisionMapModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Metric { Fps, Lut, FpsPerLut, Accuracy, Bram };

    explicit PrecisionMapModel(QObject* parent = nullptr);

    /// `points` in row-major order: weightBits[r] × actBits[c].
    void setGrid(std::vector<int> weightBits, std::vector<int> actBits, std::vector<DesignPoint> points);
    void setMetric(Metric m);
    Metric metric() const { return m_metric; }
    const std::vector<int>& weightBits() const { return m_w; }
    const std::vector<int>& actBits() const { return m_a; }
    const DesignPoint& cell(int row, int column) const;
    /// The metric's value, NaN where it does not exist (no accuracy, design does not fit).
    double value(int row, int column) const;
    static QString metricLabel(Metric m);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<int> m_w, m_a;
    std::vector<DesignPoint> m_points;
    Metric m_metric = Metric::Fps;
};

} // namespace bitfold::gui
