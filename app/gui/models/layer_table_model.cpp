#include "models/layer_table_model.h"

#include "help/glossary.h"
#include "models/roles.h"
#include "util/format.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace bitfold::gui {

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setDesign(const DesignState& state, bool manualFolding) {
    beginResetModel();
    m_state = state;
    m_manual = manualFolding;
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_state.valid ? 0 : int(m_state.estimate.layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString LayerTableModel::shapeText(const Layer& l) {
    const QString x = QStringLiteral("×");
    if (l.kind == LayerKind::Fc) return QStringLiteral("%1 → %2").arg(l.hwIn()).arg(l.hwOut());
    const QString in = QStringLiteral("%1%2%3%2%3").arg(l.hwIn()).arg(x).arg(l.inDim);
    const QString out =
        QStringLiteral("%1%2%3%2%3").arg(l.isMatrix() ? l.hwOut() : l.outChannels).arg(x).arg(l.outDim());
    QString extra = QStringLiteral(", k%1").arg(l.kernel);
    if (l.stride != 1) extra += QStringLiteral(" s%1").arg(l.stride);
    if (l.groups != 1) extra += QStringLiteral(" g%1").arg(l.groups);
    return in + QStringLiteral(" → ") + out + extra;
}

QVariant LayerTableModel::raw(int row, int column) const {
    const LayerEstimate& e = m_state.estimate.layers[row];
    const Layer& l = m_state.network.layers[row];
    switch (column) {
    case Name: return QString::fromStdString(e.name);
    case Kind: return QString::fromLatin1(toString(e.kind));
    case Shape: return shapeText(l);
    case Pe: return e.pe;
    case Simd: return e.simd;
    case Mmv: return e.mmv;
    case Cycles: return qlonglong(e.cycles);
    case Load: return m_state.estimate.cycles > 0 ? double(e.cycles) / double(m_state.estimate.cycles) : 0.0;
    case Lut: return e.res.lut;
    case LutShare: return m_state.estimate.layersTotal.lut > 0 ? e.res.lut / m_state.estimate.layersTotal.lut : 0.0;
    case Bram: return e.res.bram36();
    case Dsp: return e.res.dsp;
    case WeightMemory: return l.isMatrix() ? QString::fromLatin1(toString(e.weightMemory)) : QString();
    }
    return {};
}

QVariant LayerTableModel::display(int row, int column) const {
    const QVariant v = raw(row, column);
    const bool matrix = m_state.network.layers[row].isMatrix();
    switch (column) {
    case Simd: return matrix ? v.toString() : QStringLiteral("–");
    case Mmv: return m_state.network.layers[row].kind == LayerKind::Conv ? v.toString() : QStringLiteral("–");
    case Cycles: return fmt::count(v.toDouble());
    case Load:
    case LutShare: return fmt::percent(v.toDouble());
    case Lut:
    case Dsp: return fmt::count(v.toDouble());
    case Bram: return fmt::count(v.toDouble(), 1);
    default: return v;
    }
}

QVariant LayerTableModel::tooltip(int row, int column) const {
    const Layer& l = m_state.network.layers[row];
    const QString pred = fmt::predicted(m_state.estimate.model);
    switch (column) {
    case Pe:
        return m_manual && l.isMatrix()
            ? tr("Processing elements: output channels computed in parallel (divides MH = %1)").arg(l.matrixHeight())
            : tr("Processing elements. Choose Folding: Manual to edit.");
    case Simd:
        return l.isMatrix() ? tr("SIMD lanes per PE: inputs consumed per cycle. Choose Folding: Manual to edit.")
                            : tr("Pooling works on its producer's PE channels per cycle");
    case Mmv:
        return l.kind == LayerKind::Conv
            ? tr("MMV: output pixels computed at once, sharing each weight read (divides the output side %1; "
                 "the accelerator needs PE = MH for MMV > 1)")
                  .arg(l.outDim())
            : tr("MMV applies to convolutions: an FC layer computes one output vector per frame");
    case Cycles:
        return tr("Cycles per frame of this layer's slowest block (MVTU, sliding window, width converter), %1")
            .arg(pred);
    case Load: return tr("This stage's cycles as a share of the slowest stage (100% = the bottleneck)");
    case Lut: return tr("LUTs of this layer's blocks, %1").arg(pred);
    case LutShare: return tr("Share of the LUTs of all layers (infrastructure and shell excluded)");
    case Bram: return tr("Block RAM, 36 Kb tiles (RAMB18 halves count 0.5), %1").arg(pred);
    case Dsp: return tr("DSP slices, %1").arg(pred);
    case WeightMemory: return tr("Where the weights live (auto resolves as Vivado HLS would)");
    default: return {};
    }
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const int row = index.row(), col = index.column();
    const bool bottleneck = row == m_state.estimate.bottleneck;
    switch (role) {
    case Qt::DisplayRole: return display(row, col);
    case Qt::EditRole:
    case RawValueRole:
    case SortRole: return raw(row, col);
    case Qt::ToolTipRole: return tooltip(row, col);
    case BottleneckRole: return bottleneck;
    case LayerIndexRole: return row;
    case Qt::TextAlignmentRole:
        return col >= Pe && col <= Dsp ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::BackgroundRole:
        if (bottleneck) return QBrush(QColor(0xfc, 0xe8, 0xe6));
        return {};
    case Qt::FontRole:
        if (bottleneck) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case ValidValuesRole: {
        if (col != Pe && col != Simd && col != Mmv) return {};
        const LayerFolding& lf = m_state.folding.layers[row];
        const auto vals = col == Pe ? validPe(m_state.network, m_state.precision, row)
            : col == Simd           ? validSimd(m_state.network, m_state.precision, row)
                                    : validMmv(m_state.network, m_state.precision, row, lf.pe, lf.simd);
        QVariantList list;
        for (int v : vals) list << v;
        return list;
    }
    }
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal) return QAbstractTableModel::headerData(section, o, role);
    if (role == Qt::DisplayRole) {
        static const char* names[] = {"Layer",      "Kind", "Shape",     "PE",     "SIMD", "MMV",       "Cycles",
                                      "vs slowest", "LUT",  "LUT share", "BRAM36", "DSP",  "Weights in"};
        return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
    }
    if (role == Qt::ToolTipRole && (section == Pe || section == Simd || section == Load))
        return glossaryTip(section == Pe         ? QStringLiteral("PE")
                               : section == Simd ? QStringLiteral("SIMD")
                                                 : QStringLiteral("Bottleneck"));
    if (role == Qt::ToolTipRole && section >= 0 && section < ColumnCount && rowCount() > 0) return tooltip(0, section);
    return QAbstractTableModel::headerData(section, o, role);
}

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && m_manual && (index.column() == Pe || index.column() == Simd || index.column() == Mmv) &&
        m_state.network.layers[index.row()].isMatrix() &&
        (index.column() != Mmv || m_state.network.layers[index.row()].kind == LayerKind::Conv))
        f |= Qt::ItemIsEditable;
    return f;
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() || !(flags(index) & Qt::ItemIsEditable)) return false;
    bool ok = false;
    const int v = value.toInt(&ok);
    const int row = index.row();
    const Layer& l = m_state.network.layers[row];
    const QVariantList valid = data(index, ValidValuesRole).toList();
    if (!ok || !valid.contains(v)) {
        QStringList shown;
        for (const QVariant& x : valid) shown << x.toString();
        const QString what = index.column() == Pe ? QStringLiteral("PE")
            : index.column() == Simd              ? QStringLiteral("SIMD")
                                                  : QStringLiteral("MMV");
        Q_EMIT editRejected(tr("%1 %2 is not valid for layer %3 (%4 must divide %5; valid: %6)")
                                .arg(what, value.toString(), QString::fromStdString(l.name), what,
                                     index.column() == Pe         ? tr("MH = %1").arg(l.matrixHeight())
                                         : index.column() == Simd ? tr("its input width")
                                                                  : tr("its output side %1").arg(l.outDim()),
                                     shown.join(QStringLiteral(", "))));
        return false;
    }
    LayerFolding f = m_state.folding.layers[row];
    (index.column() == Pe ? f.pe : index.column() == Simd ? f.simd : f.mmv) = v;
    Q_EMIT foldingEditRequested(row, f);
    return true;
}

} // namespace bitfold::gui
