#include "models/sweep_model.h"

#include "models/roles.h"
#include "util/format.h"

namespace bitfold::gui {

SweepModel::SweepModel(QObject* parent) : QAbstractTableModel(parent) {}

void SweepModel::setPoints(std::vector<DesignPoint> points, const QString& costModel) {
    beginResetModel();
    m_points = std::move(points);
    m_costModel = costModel;
    endResetModel();
}

void SweepModel::appendPoint(const DesignPoint& point) {
    beginInsertRows({}, rowCount(), rowCount());
    m_points.push_back(point);
    endInsertRows();
}

void SweepModel::setUserPoint(const std::string& network, int weightBits, int actBits,
                              const std::optional<DesignPoint>& point) {
    beginResetModel();
    std::erase_if(m_points, [&](const DesignPoint& p) {
        return p.accuracy.kind == AccuracyKind::UserSupplied && p.network == network && p.weightBits == weightBits &&
            p.actBits == actBits;
    });
    if (point) m_points.push_back(*point);
    endResetModel();
}

SweepModel::Column SweepModel::columnOf(Objective o) {
    switch (o) {
    case Objective::Accuracy: return Accuracy;
    case Objective::Fps: return Fps;
    case Objective::Lut: return Lut;
    case Objective::Bram: return Bram;
    case Objective::Dsp: return Dsp;
    case Objective::LatencyUs: return Latency;
    case Objective::FpsPerLut: return FpsPerLut;
    }
    return Fps;
}

QString SweepModel::objectiveLabel(Objective o) {
    switch (o) {
    case Objective::Accuracy: return tr("Top-1 accuracy (%)");
    case Objective::Fps: return tr("Throughput (FPS)");
    case Objective::Lut: return tr("LUT");
    case Objective::Bram: return tr("BRAM36");
    case Objective::Dsp: return tr("DSP");
    case Objective::LatencyUs: return tr("Latency (µs)");
    case Objective::FpsPerLut: return tr("FPS per LUT");
    }
    return {};
}

int SweepModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_points.size()); }
int SweepModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SweepModel::raw(const DesignPoint& p, int column) const {
    switch (column) {
    case Network: return QString::fromStdString(p.network);
    case Precision: return fmt::precision(p.weightBits, p.actBits, p.edgeWeightBits);
    case Device: return QString::fromStdString(p.device);
    case Clock: return p.clockMhz;
    case Fps: return p.fps;
    case Latency: return p.latencyUs;
    case Lut: return p.totals.lut;
    case Bram: return p.totals.bram36();
    case Dsp: return p.totals.dsp;
    case FpsPerLut: return p.fpsPerLut;
    case Accuracy: return p.accuracy.kind == AccuracyKind::None ? QVariant() : QVariant(100 * p.accuracy.top1);
    case AccuracySd: return fmt::hasSpread(p.accuracy) ? QVariant(100 * p.accuracy.sd) : QVariant();
    case AccuracyKind: return QString::fromLatin1(toString(p.accuracy.kind));
    case Fits: return p.fits;
    case Limiting: return QString::fromStdString(p.limitingResource);
    }
    return {};
}

QVariant SweepModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const DesignPoint& p = m_points[std::size_t(index.row())];
    const QVariant v = raw(p, index.column());
    switch (role) {
    case RawValueRole:
    case SortRole: return v;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Fps: return fmt::fps(v.toDouble());
        case Latency: return fmt::latencyUs(v.toDouble());
        case Lut:
        case Dsp: return fmt::count(v.toDouble());
        case Bram: return fmt::count(v.toDouble(), 1);
        case FpsPerLut: return QString::number(v.toDouble(), 'g', 3);
        case Accuracy: return v.isValid() ? QString::number(v.toDouble(), 'f', 2) + QLatin1Char('%') : QString();
        case AccuracySd: return v.isValid() ? QStringLiteral("± %1").arg(v.toDouble(), 0, 'f', 2) : QString();
        case Fits: return v.toBool() ? tr("yes") : tr("no");
        case Clock: return QString::number(v.toDouble());
        default: return v;
        }
    case Qt::ToolTipRole:
        if (index.column() == Accuracy || index.column() == AccuracySd || index.column() == AccuracyKind)
            return p.accuracy.kind == AccuracyKind::None ? tr("No accuracy known for this design")
                                                         : fmt::accuracyText(p.accuracy);
        return m_costModel.isEmpty() ? QVariant() : QVariant(fmt::predicted(m_costModel.toStdString()));
    case Qt::TextAlignmentRole:
        return index.column() >= Clock && index.column() <= AccuracySd ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                       : QVariant();
    }
    return {};
}

QVariant SweepModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {"Network",      "Precision", "Device",        "Clock (MHz)", "FPS",
                                  "Latency (µs)", "LUT",       "BRAM36",        "DSP",         "FPS/LUT",
                                  "Accuracy (%)", "± sd (%)",  "Accuracy from", "Fits",        "Held back by"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace bitfold::gui
