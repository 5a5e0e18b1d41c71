#pragma once
// The run history as a table: one row per run, newest first.
#include <QAbstractTableModel>

namespace bitfold::gui {

class RunHistory;

class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Started, Target, Design, Params, Status, BitExact, Cycles, Accuracy, ColumnCount };

    explicit RunHistoryModel(RunHistory* history, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    RunHistory* m_history;
};

} // namespace bitfold::gui
