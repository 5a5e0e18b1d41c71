#pragma once
// Device scaling (Blott et al. 2017): predicted FPS of the network at a few precisions on
// every shipped device and along a "fraction of a VU9P" axis; one row per (precision, device).
#include "bitfold/sweep.h"
#include "metatypes.h"

#include <QAbstractTableModel>

namespace bitfold::gui {

/// FPS of one precision across devices (Blott et al.'s scaling prediction).
struct ScalingSeries {
    int weightBits = 0, actBits = 0;
    std::vector<ScalingPoint> points;
};

class ScalingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Precision, Device, Fraction, Fps, Fits, Limiting, LutUse, BramUse, DspUse, ColumnCount };

    explicit ScalingModel(QObject* parent = nullptr);
    void setSeries(std::vector<ScalingSeries> series);
    const std::vector<ScalingSeries>& series() const { return m_series; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::pair<const ScalingSeries*, const ScalingPoint*> at(int row) const;
    std::vector<ScalingSeries> m_series;
    int m_rows = 0;
};

} // namespace bitfold::gui

Q_DECLARE_METATYPE(std::vector<bitfold::gui::ScalingSeries>)
