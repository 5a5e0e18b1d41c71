#pragma once
// The background analyses beside the current design: the Pareto sweep (on request), the
// precision map and the device scaling (refreshed when their inputs change). Each runs as a
// latest-wins BackgroundJob and fills its model when done.
#include "bitfold/sweep.h"
#include "session/design_config.h"
#include "session/design_state.h"

#include <QObject>
#include <optional>

namespace bitfold::gui {

class BackgroundJob;
class PrecisionMapModel;
class ScalingModel;
class SweepModel;

/// What an analysis depends on, as a value: a different key means recompute. Fields the
/// analysis ignores (manual folding, per-layer overrides, and the device or the precision
/// where the analysis spans them) are cleared.
struct AnalysisKey {
    DesignConfig config;
    std::vector<Layer> layers;
    bool operator==(const AnalysisKey&) const = default;
};
AnalysisKey analysisKey(const DesignState& state, const DesignConfig& config, bool withDevice, bool withPrecision);

class AnalysisJobs : public QObject {
    Q_OBJECT
public:
    AnalysisJobs(SweepModel* sweep, PrecisionMapModel* map, ScalingModel* scaling, QObject* parent = nullptr);

    void startSweep(const SweepSpec& spec, const QString& costModel);
    void cancelSweep();
    /// Recompute the precision map / the device scaling if what they depend on changed.
    /// Called when the page is shown or its design changes while shown.
    void refreshMap(const DesignState& state, const DesignConfig& config);
    void refreshScaling(const DesignState& state, const DesignConfig& config);
    bool idle() const;

    BackgroundJob* sweepJob() const { return m_sweep; }
    BackgroundJob* mapJob() const { return m_map; }
    BackgroundJob* scalingJob() const { return m_scaling; }

    /// The bit widths of the precision map's axes.
    static std::vector<int> mapBits();
    /// The precisions of the scaling plot: the configured one and W1A1, W2A2, W4A4, W8A8.
    static std::vector<std::pair<int, int>> scalingPrecisions(int weightBits, int actBits);

Q_SIGNALS:
    void statusMessage(const QString& text, int timeoutMs);

private:
    SweepModel* m_sweepModel;
    PrecisionMapModel* m_mapModel;
    ScalingModel* m_scalingModel;
    BackgroundJob* m_sweep;
    BackgroundJob* m_map;
    BackgroundJob* m_scaling;
    QString m_sweepCostModel;
    std::optional<AnalysisKey> m_mapKey, m_scalingKey;
    std::vector<int> m_pendingW, m_pendingA;
};

} // namespace bitfold::gui
