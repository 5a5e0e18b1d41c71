#pragma once
// Runs of the current design: C simulation through SimJob (and F1 through bitfold-f1-host
// when a device exists), each recorded in the RunHistory beside the model's prediction.
#include "bitfold/sweep.h"
#include "session/design_config.h"
#include "session/design_state.h"
#include "session/run_record.h"
#include "util/xrt_probe.h"
#include "remote_target.h"

#include <QObject>
#include <atomic>
#include <filesystem>
#include <memory>
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

    /// A network file was opened: a parameter package beside it (`params/`, as an imported
    /// model is saved) becomes the one its runs use.
    void noteNetworkFile(const std::string& networkPath);

    /// Shipped network × precision pairs that have a trained package (so a run measures accuracy).
    struct TrainedDesign {
        std::string network, model;
        int weightBits = 0, actBits = 0;
        std::optional<double> accuracy;
    };
    std::vector<TrainedDesign> trainedDesigns() const;

    /// Where runs go: nullopt = this machine, else an SSH host (docs/remote.md).
    void setTarget(const std::optional<remote::RemoteTarget>& target) { m_target = target; }
    const std::optional<remote::RemoteTarget>& target() const { return m_target; }

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
    void handleF1Line(const std::string& line);
    void finishF1(int exitCode, bool cancelled, const QString& failure);
    void startF1Remotely(const std::string& package, const QString& xclbin, int images);

    RunHistory* m_history;
    ModelIndex* m_models;
    SimJob* m_job;
    QProcess* m_f1 = nullptr;
    std::shared_ptr<std::atomic<bool>> m_remoteF1; ///< the cancel flag of a remote F1 run in progress
    QString m_f1Error; ///< the error event bitfold-f1-host reported
    std::optional<remote::RemoteTarget> m_target;
    XrtStatus m_xrt;
    RunRecord m_current; ///< the run in progress
    DesignState m_design; ///< its design, for the prediction columns
    DesignConfig m_config;
    Estimate m_runEstimate; ///< the model's prediction of the folding actually run
    std::pair<std::string, std::filesystem::file_time_type> m_notedPackage; ///< read last by noteNetworkFile
};

} // namespace bitfold::gui
