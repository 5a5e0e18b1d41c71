#include "models/run_history_model.h"

#include "models/roles.h"
#include "session/run_history.h"

#include <QBrush>
#include <QColor>

namespace bitfold::gui {

RunHistoryModel::RunHistoryModel(RunHistory* history, QObject* parent)
    : QAbstractTableModel(parent), m_history(history) {
    connect(history, &RunHistory::aboutToChange, this, [this] { beginResetModel(); });
    connect(history, &RunHistory::changed, this, [this] { endResetModel(); });
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_history->runs().size());
}
int RunHistoryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const RunRecord& r = m_history->runs()[std::size_t(index.row())];
    const bool done = r.status == RunRecord::Status::Finished;
    if (role == Qt::DisplayRole || role == RawValueRole) {
        switch (index.column()) {
        case Started: return QString::fromStdString(r.started).replace(QLatin1Char('T'), QLatin1Char(' ')).left(16);
        case Target:
            return QString::fromStdString(r.target) + (r.measured() ? tr(" (measured)") : QString()) +
                (r.host.empty() ? QString() : QStringLiteral(" @ ") + QString::fromStdString(r.host));
        case Design:
            return QStringLiteral("%1 %2 · %3")
                .arg(QString::fromStdString(r.networkName), QString::fromStdString(r.precision),
                     QString::fromStdString(r.device));
        case Params: return QString::fromStdString(r.params);
        case Status: return QString::fromLatin1(toString(r.status));
        case BitExact:
            if (role == RawValueRole) return r.bitExact;
            return !done || !r.goldenChecked ? QStringLiteral("–")
                : r.bitExact                 ? tr("yes")
                                             : tr("NO (%1)").arg(r.mismatches);
        case Cycles:
            if (role == RawValueRole) return r.cyclesMatch();
            return !done ? QStringLiteral("–") : r.cyclesMatch() ? tr("as predicted") : tr("differ");
        case Accuracy:
            if (role == RawValueRole) return r.accuracy ? QVariant(*r.accuracy) : QVariant();
            return r.accuracy ? QString::number(100 * *r.accuracy, 'f', 2) + QLatin1Char('%') : QStringLiteral("–");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (!r.error.empty()) return QString::fromStdString(r.error);
        if (index.column() == Accuracy) return tr("Top-1 accuracy measured in C simulation (simulated, not published)");
        if (index.column() == BitExact) return tr("Every image's outputs equal the golden integer reference's");
        if (index.column() == Cycles) return tr("Cycles counted per block in simulation against cycles.h's prediction");
        if (index.column() == Design || index.column() == Params) return data(index, Qt::DisplayRole); // may be elided
    }
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (r.status == RunRecord::Status::Failed) return QBrush(QColor(0xd9, 0x30, 0x25));
        if (r.status == RunRecord::Status::Finished) return QBrush(QColor(0x18, 0x80, 0x38));
    }
    if (role == Qt::ForegroundRole && index.column() == BitExact && done && r.goldenChecked && !r.bitExact)
        return QBrush(QColor(0xd9, 0x30, 0x25));
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {"Started", "Design",   "Status", "Bit-exact",
                                  "Cycles",  "Accuracy", "Target", "Parameters"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace bitfold::gui
