#include "models/run_stage_model.h"

#include "models/roles.h"
#include "util/format.h"

#include <QBrush>
#include <QColor>

namespace bitfold::gui {

RunStageModel::RunStageModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunStageModel::setRun(const RunRecord& run) {
    beginResetModel();
    m_stages = run.stages;
    endResetModel();
}

int RunStageModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_stages.size()); }
int RunStageModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunStageModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const RunStageRecord& s = m_stages[std::size_t(index.row())];
    const bool match = s.cyclesCounted == s.cyclesPredicted;
    if (role == RawValueRole) {
        switch (index.column()) {
        case ModelCycles: return s.modelCycles >= 0 ? QVariant(qlonglong(s.modelCycles)) : QVariant();
        case Predicted: return qulonglong(s.cyclesPredicted);
        case Counted: return qulonglong(s.cyclesCounted);
        case Match: return match;
        default: break;
        }
    }
    if (role == Qt::DisplayRole || role == RawValueRole) {
        switch (index.column()) {
        case Block: return QString::fromStdString(s.name);
        case Kind: return QString::fromStdString(s.kind);
        case Layer: return QString::fromStdString(s.layer);
        case ModelCycles: return s.modelCycles >= 0 ? fmt::count(double(s.modelCycles)) : QStringLiteral("–");
        case Predicted: return fmt::count(double(s.cyclesPredicted));
        case Counted: return fmt::count(double(s.cyclesCounted));
        case Match:
            return match ? QStringLiteral("✓")
                         : tr("differs by %1").arg(qlonglong(s.cyclesCounted) - qlonglong(s.cyclesPredicted));
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= ModelCycles && index.column() <= Counted)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Match)
        return QBrush(match ? QColor(0x18, 0x80, 0x38) : QColor(0xd9, 0x30, 0x25));
    return {};
}

QVariant RunStageModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal) return QAbstractTableModel::headerData(section, o, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ModelCycles: return tr("The cost model's cycles per frame for this block's layer (predicted)");
        case Predicted: return tr("cycles.h's formula for the generated block (predicted)");
        case Counted: return tr("Iterations of the block's II=1 loop counted in C simulation (measured)");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    static const char* names[] = {"Block",         "Kind", "Layer", "Model cycles", "Predicted (cycles.h)",
                                  "Counted (sim)", ""};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace bitfold::gui
