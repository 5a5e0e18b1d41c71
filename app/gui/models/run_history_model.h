#pragma once
// The run history as a table: one row per run, newest first.
#include <QAbstractTableModel>

namespace bitfold::gui {

class RunHistory;

class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The verdict (status, bit-exact, cycles, accuracy) before the long texts, so it shows
    // without scrolling.
    enum Column { Started, Design, Status, BitExact, Cycles, Accuracy, Target, Params, ColumnCount };

    explicit RunHistoryModel(RunHistory* history, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    RunHistory* m_history;
};

} // namespace bitfold::gui
