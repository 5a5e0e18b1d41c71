#include "session/sim_job.h"
#include "session/job_outcome.h"

#include "bitfold/error.h"
#include "remote_simulation.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent>
#include <mutex>
#include <new>

namespace bitfold::gui {

struct SimJob::Shared {
    std::atomic<bool> cancel{false};
    std::mutex mutex;
    QString phase;
    QStringList log;
    SimProgress progress;
    bool progressed = false;

    void setPhase(const QString& p) {
        std::lock_guard<std::mutex> lock(mutex);
        phase = p;
        log << p;
    }
    void say(const QString& line) {
        std::lock_guard<std::mutex> lock(mutex);
        log << line;
    }
};

namespace {

struct Outcome {
    SimOutcome sim;
    QString error;
    bool cancelled = false;
};

} // namespace

SimJob::SimJob(QObject* parent) : QObject(parent), m_timer(new QTimer(this)) {
    qRegisterMetaType<bitfold::gui::SimOutcome>();
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &SimJob::poll);
}

SimJob::~SimJob() {
    if (m_shared) m_shared->cancel = true; // kills the child process; the worker then ends
}

void SimJob::cancel() {
    if (m_shared) m_shared->cancel = true;
}

namespace {

ImageSet imagesFor(const ParamPackage& pkg, int count, std::uint64_t seed, QString& what, SimJob::Shared* shared) {
    const Layer& l0 = pkg.network.layers.front();
    const int side = l0.kind == LayerKind::Fc ? 1 : l0.inDim;
    if (pkg.dataset == "fashion-mnist") {
        try {
            ImageSet s = loadFashionMnist("test", count);
            if (l0.kind == LayerKind::Fc) { // FC first layers read the image flattened
                s.cols = s.rows * s.cols;
                s.rows = 1;
            }
            what = QObject::tr("%1 Fashion-MNIST test images").arg(s.count);
            return s;
        } catch (const std::exception& e) {
            shared->say(QObject::tr("Fashion-MNIST not readable (%1): using random images, no accuracy").arg(e.what()));
        }
    }
    what = QObject::tr("%1 random images").arg(count);
    return randomImages(count, side, side, l0.inChannels, seed + 1000);
}

/// The same run on an SSH host: the package (saved when random) and folding travel there,
/// `bitfold-cli simulate` runs and streams back (remote_simulation.h).
void runRemotely(const SimRequest& req, const ParamPackage& pkg, const ImageSet& images, SimOutcome& out,
                 SimJob::Shared& shared) {
    const remote::SshHost host(*req.remote);
    remote::RemoteSimRequest r;
    QTemporaryDir saved;
    r.packageDir = req.packageDir;
    if (r.packageDir.empty()) {
        r.packageDir = (saved.path() + QStringLiteral("/package")).toStdString();
        savePackage(pkg, r.packageDir);
    }
    r.network = pkg.network;
    r.folding = req.folding;
    r.images = req.images;
    r.fashionMnist = pkg.dataset == "fashion-mnist" && images.labels.size() == std::size_t(images.count);
    r.seed = req.seed;
    r.batch = req.options.batch;
    out.plannedStages = generateHlsDesign(pkg, req.folding).stages;
    out.host = req.remote->label();
    shared.setPhase(QObject::tr("Running on %1: copying the inputs, compiling and simulating there…")
                        .arg(QString::fromStdString(out.host)));
    remote::RemoteSimInfo info;
    out.result = remote::simulateRemotely(
        host, r,
        [&](const SimProgress& p) {
            std::lock_guard<std::mutex> lock(shared.mutex);
            shared.progress = p;
            shared.progressed = true;
        },
        &shared.cancel, &info);
    out.hostVersion = info.bitfoldVersion;
    shared.say(QObject::tr("Ran on %1 (Bitfold %2): %3 images, %4 images/s on one core there")
                   .arg(QString::fromStdString(out.host), QString::fromStdString(out.hostVersion))
                   .arg(out.result.images)
                   .arg(out.result.imagesPerSecond, 0, 'f', 0));
}

} // namespace

void SimJob::start(SimRequest request) {
    if (m_shared) m_shared->cancel = true; // latest run wins
    auto shared = std::make_shared<Shared>();
    const bool wasBusy = busy();
    m_shared = shared;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, shared] {
        const Outcome out = watcher->result();
        watcher->deleteLater();
        if (shared != m_shared) return; // superseded
        poll();
        m_shared.reset();
        m_timer->stop();
        emitOutcome(this, out.cancelled, out.error, out.sim);
    });
    watcher->setFuture(QtConcurrent::run([shared, req = std::move(request)] {
        Outcome out;
        try {
            shared->setPhase(QObject::tr("Preparing parameters…"));
            ParamPackage pkg;
            if (!req.packageDir.empty()) {
                pkg = loadPackage(req.packageDir);
                out.sim.params = !req.packageLabel.isEmpty()
                    ? req.packageLabel
                    : QObject::tr("trained: %1")
                          .arg(QString::fromStdString(req.packageDir).section(QLatin1Char('/'), -1));
                out.sim.packageAccuracy = pkg.accuracy;
            } else {
                checkSimulationMemory(req.network, req.images, req.options);
                pkg = randomPackage(req.network, req.precision, req.seed);
                out.sim.params = QObject::tr("random (seed %1)").arg(req.seed);
            }
            shared->say(QObject::tr("Parameters: %1").arg(out.sim.params));
            const ImageSet images = imagesFor(pkg, req.images, req.seed, out.sim.images, shared.get());
            shared->say(QObject::tr("Images: %1").arg(out.sim.images));
            if (shared->cancel) {
                out.cancelled = true;
                return out;
            }
            if (req.remote) {
                runRemotely(req, pkg, images, out.sim, *shared);
                out.cancelled = out.sim.result.cancelled;
                return out;
            }
            shared->setPhase(QObject::tr("Compiling the C simulation (generated design + hls/kernels)…"));
            SimBuild build;
            try {
                build = buildSimulation(pkg, req.folding, req.options, &shared->cancel);
            } catch (const SimCancelled&) {
                out.cancelled = true;
                return out;
            }
            out.sim.plannedStages = build.design.stages;
            shared->say(build.cached ? QObject::tr("Found in the compilation cache (%1)")
                                           .arg(QString::fromStdString(build.key.substr(0, 12)))
                                     : QObject::tr("Compiled in %1 s").arg(build.compileSeconds, 0, 'f', 1));
            shared->setPhase(QObject::tr("Simulating %1…").arg(out.sim.images));
            out.sim.result = runSimulation(
                build, pkg, images, req.options,
                [&](const SimProgress& p) {
                    std::lock_guard<std::mutex> lock(shared->mutex);
                    shared->progress = p;
                    shared->progressed = true;
                },
                &shared->cancel);
            out.cancelled = out.sim.result.cancelled;
            shared->say(QObject::tr("Simulated %1 images in %2 s (%3 images/s on one core)")
                            .arg(out.sim.result.images)
                            .arg(out.sim.result.elapsedSeconds, 0, 'f', 2)
                            .arg(out.sim.result.imagesPerSecond, 0, 'f', 0));
        } catch (const std::bad_alloc&) {
            out.error = QObject::tr("%1 needs more memory than this computer has to simulate (its weights, buffers "
                                    "and generated code at this precision); try a smaller network, fewer bits or "
                                    "the fast simulation folding")
                            .arg(QString::fromStdString(req.network.name));
            shared->say(QObject::tr("Error: %1").arg(out.error));
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
            shared->say(QObject::tr("Error: %1").arg(out.error));
        }
        if (shared->cancel) out.cancelled = true;
        return out;
    }));
    m_timer->start();
    if (!wasBusy) Q_EMIT busyChanged(true);
}

void SimJob::poll() {
    if (!m_shared) return;
    QString phase;
    QStringList log;
    SimProgress p;
    bool progressed;
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        phase = m_shared->phase;
        log.swap(m_shared->log);
        p = m_shared->progress;
        progressed = m_shared->progressed;
    }
    if (!log.isEmpty()) Q_EMIT logLines(log);
    if (phase != m_phase) {
        m_phase = phase;
        Q_EMIT phaseChanged(phase);
    }
    if (progressed) Q_EMIT progress(p.imagesDone, p.images, p.accuracy ? *p.accuracy : -1.0, p.mismatches);
}

} // namespace bitfold::gui
