#pragma once
// Design points of a sweep, one row each, with raw numbers for the Pareto plot and the
// accuracy's provenance (published / measured / simulated) kept apart.
#include "bitfold/sweep.h"
#include "metatypes.h"

#include <QAbstractTableModel>

namespace bitfold::gui {

class SweepModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Network,
        Precision,
        Device,
        Clock,
        Fps,
        Latency,
        Lut,
        Bram,
        Dsp,
        FpsPerLut,
        Accuracy,
        AccuracySd,
        AccuracyKind,
        Fits,
        Limiting,
        ColumnCount
    };

    explicit SweepModel(QObject* parent = nullptr);
    /// `costModel` names the model that predicted them (tooltips say so).
    void setPoints(std::vector<DesignPoint> points, const QString& costModel = QString());
    /// Adds one point (a simulated accuracy from a run) at the end.
    void appendPoint(const DesignPoint& point);
    /// Replaces the user-supplied point of a network at a precision with `point` (appended),
    /// or removes it when `point` is empty.
    void setUserPoint(const std::string& network, int weightBits, int actBits, const std::optional<DesignPoint>& point);
    const std::vector<DesignPoint>& points() const { return m_points; }
    const DesignPoint& point(int row) const { return m_points.at(std::size_t(row)); }

    /// The column holding an objective's value.
    static Column columnOf(Objective o);
    static QString objectiveLabel(Objective o);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    QVariant raw(const DesignPoint& p, int column) const;
    std::vector<DesignPoint> m_points;
    QString m_costModel;
};

} // namespace bitfold::gui
