#pragma once
// The same design under every cost model, side by side: one row per metric, one column per
// model (the configured one first).
#include "bitfold/estimate.h"

#include <QAbstractTableModel>

namespace bitfold::gui {

class ModelComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Row { Fps, Latency, Lut, Ff, Bram, Uram, Dsp, LutUtil, BramUtil, DspUtil, RowCount };

    explicit ModelComparisonModel(QObject* parent = nullptr);
    void setEstimates(std::vector<Estimate> estimates);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    double value(const Estimate& e, int row) const;
    std::vector<Estimate> m_estimates;
};

} // namespace bitfold::gui
