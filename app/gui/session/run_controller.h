#pragma once
// Runs of the current design: C simulation through SimJob (and F1 through bitfold-f1-host
// when a device exists), each recorded in the RunHistory beside the model's prediction.
#include "bitfold/sweep.h"
#include "session/design_config.h"
#include "session/design_state.h"
#include "session/run_record.h"
#include "util/xrt_probe.h"

#include <QObject>
#include <optional>

class QProcess;

namespace bitfold::gui {

class ModelIndex;
class RunHistory;
class SimJob;
struct SimOutcome;

class RunController : public QObject {
    Q_OBJECT
public:
    /// `historyPath` empty: the AppData default.
    explicit RunController(const QString& historyPath = QString(), QObject* parent = nullptr);

    RunHistory* history() const { return m_history; }
    SimJob* job() const { return m_job; }
    ModelIndex* models() const { return m_models; }
    const XrtStatus& xrt() const { return m_xrt; }
    bool busy() const;

    /// What running the design would use, in words (trained package or random parameters).
    QString parametersInfo(const DesignState& state) const;
    /// The package directory a run of this design would use ("" for random parameters).
    std::string packageFor(const DesignState& state) const;

    /// Shipped network × precision pairs that have a trained package (so a run measures accuracy).
    struct TrainedDesign {
        std::string network, model;
        int weightBits = 0, actBits = 0;
        std::optional<double> accuracy;
    };
    std::vector<TrainedDesign> trainedDesigns() const;

    void startSimulation(const DesignState& state, const DesignConfig& config, int images, bool fastFolding);
    void startF1(const DesignState& state, const DesignConfig& config, const QString& xclbin, int images);
    void cancel();

Q_SIGNALS:
    void runStarted(const std::string& id);
    void runEnded(const std::string& id);
    /// A simulation measured an accuracy: the design point with a Simulated accuracy.
    void simulatedPoint(const bitfold::DesignPoint& point);
    void statusMessage(const QString& text, int timeoutMs);

private:
    RunRecord newRecord(const DesignState& s, const DesignConfig& c, const char* target) const;
    void finishSimulation(const SimOutcome& out);
    void endRun(RunRecord::Status status, const QString& error = QString());

    RunHistory* m_history;
    ModelIndex* m_models;
    SimJob* m_job;
    QProcess* m_f1 = nullptr;
    XrtStatus m_xrt;
    RunRecord m_current;      ///< the run in progress
    DesignState m_design;     ///< its design, for the prediction columns
    DesignConfig m_config;
    Estimate m_runEstimate;   ///< the model's prediction of the folding actually run
};

} // namespace bitfold::gui
