#pragma once
// Runs the accelerator's C simulation (compile, then run) on a worker thread: parameters
// (trained package or random), images (Fashion-MNIST or random), buildSimulation,
// runSimulation. Progress, phase and log lines are handed over under a mutex and polled by
// a GUI-side timer; cancel raises the runner's atomic flag, which kills the compiler or the
// simulation process.
#include "bitfold/sim_runner.h"
#include "remote_target.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

class QTimer;

namespace bitfold::gui {

struct SimRequest {
    Network network;
    std::vector<LayerPrecision> precision;
    Folding folding;
    std::string packageDir; ///< a trained package matching the design; empty: random parameters
    QString packageLabel; ///< how the run names it ("imported: NAME"); empty: "trained: " and its folder
    int images = 100;
    std::uint64_t seed = 1;
    SimOptions options;
    std::optional<remote::RemoteTarget> remote; ///< run on this SSH host (docs/remote.md)
};

struct SimOutcome {
    SimResult result;
    QString params; ///< "trained: mlp128-w1a1" / "random (seed 1)"
    QString images; ///< "1000 Fashion-MNIST test images" / "100 random images"
    std::optional<double> packageAccuracy;
    std::vector<HlsStage> plannedStages;
    std::string host, hostVersion; ///< the SSH target and its Bitfold version; "" = this machine
};

class SimJob : public QObject {
    Q_OBJECT
public:
    explicit SimJob(QObject* parent = nullptr);
    ~SimJob() override;

    void start(SimRequest request);
    void cancel();
    bool busy() const { return m_shared != nullptr; }

    struct Shared; ///< worker <-> GUI hand-over (sim_job.cpp)

Q_SIGNALS:
    void busyChanged(bool busy);
    void phaseChanged(const QString& phase);
    /// Images simulated so far; `accuracy` < 0 when not known.
    void progress(int done, int total, double accuracy, int mismatches);
    void logLines(const QStringList& lines);
    void finished(const bitfold::gui::SimOutcome& outcome);
    void cancelled();
    void failed(const QString& message);

private:
    void poll();

    std::shared_ptr<Shared> m_shared;
    QTimer* m_timer;
    QString m_phase;
};

} // namespace bitfold::gui

Q_DECLARE_METATYPE(bitfold::gui::SimOutcome)
