#pragma once
// The blocks of one run: cycles the cost model predicted, the block's cycles.h figure and
// what the simulation counted, side by side.
#include "session/run_record.h"

#include <QAbstractTableModel>

namespace bitfold::gui {

class RunStageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Block, Kind, Layer, ModelCycles, Predicted, Counted, Match, ColumnCount };

    explicit RunStageModel(QObject* parent = nullptr);
    void setRun(const RunRecord& run);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<RunStageRecord> m_stages;
};

} // namespace bitfold::gui
