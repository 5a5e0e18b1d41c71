#include "models/precision_override_model.h"

#include "models/roles.h"
#include "util/format.h"

#include <QFont>

namespace bitfold::gui {

PrecisionOverrideModel::PrecisionOverrideModel(QObject* parent) : QAbstractTableModel(parent) {}

void PrecisionOverrideModel::setNetwork(const Network& net, const PrecisionSpec& spec) {
    beginResetModel();
    m_layers.clear();
    for (const bitfold::Layer& l : net.layers)
        if (l.isMatrix()) m_layers.push_back(l.name);
    m_spec = spec;
    endResetModel();
}

int PrecisionOverrideModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_layers.size());
}
int PrecisionOverrideModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const LayerPrecisionOverride* PrecisionOverrideModel::find(const std::string& layer) const {
    for (const auto& o : m_spec.overrides)
        if (o.layer == layer) return &o;
    return nullptr;
}

QVariantList PrecisionOverrideModel::bitChoices() { return {0, 1, 2, 3, 4, 5, 6, 7, 8, 16, kFloatBits}; }

QString PrecisionOverrideModel::bitsLabel(int bits, int global) {
    if (bits == 0) return tr("global (%1)").arg(fmt::bits(global));
    return fmt::bits(bits);
}

QVariant PrecisionOverrideModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const std::string& name = m_layers[index.row()];
    const LayerPrecisionOverride* o = find(name);
    const int w = o ? o->weightBits : 0, a = o ? o->actBits : 0;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Layer) return QString::fromStdString(name);
        return index.column() == Weights ? bitsLabel(w, m_spec.weightBits) : bitsLabel(a, m_spec.actBits);
    case Qt::EditRole:
    case RawValueRole:
        if (index.column() == Layer) return QString::fromStdString(name);
        return index.column() == Weights ? w : a;
    case ValidValuesRole: return index.column() == Layer ? QVariant() : QVariant(bitChoices());
    case Qt::FontRole:
        if (index.column() != Layer && (index.column() == Weights ? w : a) != 0) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Layer ? QVariant()
                                       : tr("Double-click to override this layer's %1 bits")
                                             .arg(index.column() == Weights ? tr("weight") : tr("activation"));
    }
    return {};
}

QVariant PrecisionOverrideModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case Layer: return tr("Layer");
        case Weights: return tr("W bits");
        case Acts: return tr("A bits");
        }
    }
    return QAbstractTableModel::headerData(section, o, role);
}

Qt::ItemFlags PrecisionOverrideModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() != Layer) f |= Qt::ItemIsEditable;
    return f;
}

bool PrecisionOverrideModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() || index.column() == Layer) return false;
    const int bits = value.toInt();
    if (!bitChoices().contains(bits)) return false;
    PrecisionSpec spec = m_spec;
    const std::string& name = m_layers[index.row()];
    auto it = std::find_if(spec.overrides.begin(), spec.overrides.end(), [&](auto& o) { return o.layer == name; });
    if (it == spec.overrides.end()) it = spec.overrides.insert(spec.overrides.end(), {name, 0, 0});
    (index.column() == Weights ? it->weightBits : it->actBits) = bits;
    if (it->weightBits == 0 && it->actBits == 0) spec.overrides.erase(it);
    if (spec == m_spec) return true;
    Q_EMIT overridesEdited(spec);
    return true;
}

} // namespace bitfold::gui
