#include "models/scaling_model.h"

#include "models/roles.h"
#include "util/format.h"

namespace bitfold::gui {

ScalingModel::ScalingModel(QObject* parent) : QAbstractTableModel(parent) {}

void ScalingModel::setSeries(std::vector<ScalingSeries> series) {
    beginResetModel();
    m_series = std::move(series);
    m_rows = 0;
    for (const auto& s : m_series) m_rows += int(s.points.size());
    endResetModel();
}

std::pair<const ScalingSeries*, const ScalingPoint*> ScalingModel::at(int row) const {
    for (const auto& s : m_series) {
        if (row < int(s.points.size())) return {&s, &s.points[std::size_t(row)]};
        row -= int(s.points.size());
    }
    return {nullptr, nullptr};
}

int ScalingModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_rows; }
int ScalingModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ScalingModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const auto [s, p] = at(index.row());
    QVariant raw;
    switch (index.column()) {
    case Precision: raw = fmt::precision(s->weightBits, s->actBits); break;
    case Device: raw = QString::fromStdString(p->device); break;
    case Fraction: raw = p->fraction; break;
    case Fps: raw = p->fps; break;
    case Fits: raw = p->fits; break;
    case Limiting:
        raw = p->computeUnits > 1 ? QString::fromStdString(p->limitingResource) + tr(" (%1 units)").arg(p->computeUnits)
                                  : QString::fromStdString(p->limitingResource);
        break;
    case LutUse: raw = p->utilisation.lut; break;
    case BramUse: raw = p->utilisation.bram18; break;
    case DspUse: raw = p->utilisation.dsp; break;
    }
    if (role == RawValueRole || role == SortRole) return raw;
    // Why the rate stops growing there, in words (the engine's, deviceScaling()).
    if (role == Qt::ToolTipRole) return QString::fromStdString(p->why);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Fraction: return QString::number(raw.toDouble(), 'g', 3);
    case Fps: return p->fits ? fmt::fps(raw.toDouble()) : tr("does not fit");
    case Fits: return raw.toBool() ? tr("yes") : tr("no");
    case LutUse:
    case BramUse:
    case DspUse: return fmt::percent(raw.toDouble());
    default: return raw;
    }
}

QVariant ScalingModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {"Precision",    "Device",  "Size (× VU9P LUTs)", "FPS",    "Fits",
                                  "Held back by", "LUT use", "BRAM use",           "DSP use"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace bitfold::gui
