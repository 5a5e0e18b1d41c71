#include "models/precision_map_model.h"

#include "models/roles.h"
#include "util/format.h"

#include <cmath>

namespace bitfold::gui {

PrecisionMapModel::PrecisionMapModel(QObject* parent) : QAbstractTableModel(parent) {}

void PrecisionMapModel::setGrid(std::vector<int> w, std::vector<int> a, std::vector<DesignPoint> points) {
    Q_ASSERT(points.size() == w.size() * a.size());
    beginResetModel();
    m_w = std::move(w);
    m_a = std::move(a);
    m_points = std::move(points);
    endResetModel();
}

void PrecisionMapModel::setMetric(Metric m) {
    if (m == m_metric) return;
    beginResetModel(); // every cell's value changes
    m_metric = m;
    endResetModel();
}

const DesignPoint& PrecisionMapModel::cell(int row, int column) const {
    return m_points.at(std::size_t(row) * m_a.size() + std::size_t(column));
}

QString PrecisionMapModel::metricLabel(Metric m) {
    switch (m) {
    case Metric::Fps: return tr("Throughput (FPS)");
    case Metric::Lut: return tr("LUT");
    case Metric::FpsPerLut: return tr("FPS per LUT");
    case Metric::Accuracy: return tr("Top-1 accuracy (%)");
    case Metric::Bram: return tr("BRAM36");
    }
    return {};
}

double PrecisionMapModel::value(int row, int column) const {
    const DesignPoint& p = cell(row, column);
    switch (m_metric) {
    case Metric::Fps: return p.fits ? p.fps : NAN;
    case Metric::Lut: return p.fits ? p.totals.lut : NAN;
    case Metric::FpsPerLut: return p.fits ? p.fpsPerLut : NAN;
    case Metric::Bram: return p.fits ? p.totals.bram36() : NAN;
    case Metric::Accuracy: return p.accuracy.kind == AccuracyKind::None ? NAN : 100 * p.accuracy.top1;
    }
    return NAN;
}

int PrecisionMapModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_w.size()); }
int PrecisionMapModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_a.size()); }

QVariant PrecisionMapModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const double v = value(index.row(), index.column());
    const DesignPoint& p = cell(index.row(), index.column());
    switch (role) {
    case RawValueRole: return std::isnan(v) ? QVariant() : QVariant(v);
    case Qt::DisplayRole:
        if (std::isnan(v)) return m_metric == Metric::Accuracy ? QStringLiteral("–") : tr("no fit");
        switch (m_metric) {
        case Metric::Fps: return fmt::fps(v);
        case Metric::Lut: return fmt::count(v);
        case Metric::Bram: return fmt::count(v, 1);
        case Metric::FpsPerLut: return QString::number(v, 'g', 3);
        case Metric::Accuracy: // a range where seeds measured one
            return fmt::hasSpread(p.accuracy)
                ? QStringLiteral("%1 ± %2%").arg(v, 0, 'f', 1).arg(100 * p.accuracy.sd, 0, 'f', 1)
                : QString::number(v, 'f', 1) + QLatin1Char('%');
        }
        return {};
    case Qt::ToolTipRole:
        return tr("%1: %2, %3 LUT, %4; %5")
            .arg(fmt::precision(p.weightBits, p.actBits), fmt::fps(p.fps), fmt::count(p.totals.lut),
                 p.fits ? tr("fits; %1").arg(fmt::limitExplained(p.limitingResource)) : tr("does not fit"),
                 fmt::accuracyText(p.accuracy));
    }
    return {};
}

QVariant PrecisionMapModel::headerData(int section, Qt::Orientation o, int role) const {
    if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    if (o == Qt::Horizontal)
        return section < columnCount() ? QVariant(QStringLiteral("A%1").arg(fmt::bits(m_a[std::size_t(section)])))
                                       : QVariant();
    return section < rowCount() ? QVariant(QStringLiteral("W%1").arg(fmt::bits(m_w[std::size_t(section)])))
                                : QVariant();
}

} // namespace bitfold::gui
