#include "models/model_comparison_model.h"

#include "models/roles.h"
#include "util/format.h"

namespace bitfold::gui {

ModelComparisonModel::ModelComparisonModel(QObject* parent) : QAbstractTableModel(parent) {}

void ModelComparisonModel::setEstimates(std::vector<Estimate> estimates) {
    beginResetModel();
    m_estimates = std::move(estimates);
    endResetModel();
}

int ModelComparisonModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || m_estimates.empty() ? 0 : RowCount;
}
int ModelComparisonModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_estimates.size());
}

double ModelComparisonModel::value(const Estimate& e, int row) const {
    switch (row) {
    case Fps: return e.fps;
    case Latency: return e.latencyUs;
    case Lut: return e.totals.lut;
    case Ff: return e.totals.ff;
    case Bram: return e.totals.bram36();
    case Uram: return e.totals.uram;
    case Dsp: return e.totals.dsp;
    case LutUtil: return e.utilisation.lut;
    case BramUtil: return e.utilisation.bram18;
    case DspUtil: return e.utilisation.dsp;
    }
    return 0;
}

QVariant ModelComparisonModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const Estimate& e = m_estimates[index.column()];
    const double v = value(e, index.row());
    const bool unknown =
        (index.row() == Ff && !e.modelled.ff) || ((index.row() == Dsp || index.row() == DspUtil) && !e.modelled.dsp);
    switch (role) {
    case Qt::DisplayRole:
        if (unknown) return tr("n/a"); // not estimated by this model, not zero
        switch (index.row()) {
        case Fps: return fmt::fps(v);
        case Latency: return fmt::latencyUs(v);
        case Bram: return fmt::count(v, 1);
        case LutUtil:
        case BramUtil:
        case DspUtil: return fmt::percent(v);
        default: return fmt::count(v);
        }
    case RawValueRole: return v;
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return tr("%1; totals include accelerator infrastructure and the platform shell")
            .arg(fmt::predicted(m_estimates[index.column()].model));
    }
    return {};
}

QVariant ModelComparisonModel::headerData(int section, Qt::Orientation o, int role) const {
    if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    if (o == Qt::Horizontal)
        return section < columnCount()
            ? QVariant(tr("model %1").arg(QString::fromStdString(m_estimates[section].model)))
            : QVariant();
    static const char* names[] = {"FPS",  "Latency", "LUT",     "FF",       "BRAM36",
                                  "URAM", "DSP",     "LUT use", "BRAM use", "DSP use"};
    return section >= 0 && section < RowCount ? tr(names[section]) : QVariant();
}

} // namespace bitfold::gui
