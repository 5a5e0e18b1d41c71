#include "session/run_controller.h"

#include "bitfold/catalog.h"
#include "bitfold/cost_model.h"
#include "bitfold/error.h"
#include "session/model_index.h"
#include "session/run_history.h"
#include "session/sim_job.h"
#include "util/format.h"
#include "ssh_host.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QProcess>
#include <QtConcurrent>

namespace bitfold::gui {

namespace {
constexpr int kMaxLogLines = 400;

std::string foldingText(const Network& net, const Folding& f) {
    std::string s;
    for (std::size_t i = 0; i < net.layers.size(); ++i)
        if (net.layers[i].isMatrix())
            s += (s.empty() ? "" : " ") + std::to_string(f.layers[i].pe) + "x" + std::to_string(f.layers[i].simd);
    return s;
}
} // namespace

RunController::RunController(const QString& historyPath, QObject* parent)
    : QObject(parent), m_history(new RunHistory(historyPath, this)), m_models(new ModelIndex(this)),
      m_job(new SimJob(this)), m_xrt(probeXrt()) {
    m_models->scan();
    connect(m_job, &SimJob::logLines, this, [this](const QStringList& lines) {
        for (const QString& l : lines) m_current.log.push_back(l.toStdString());
        if (m_current.log.size() > kMaxLogLines)
            m_current.log.erase(m_current.log.begin(), m_current.log.end() - kMaxLogLines);
    });
    connect(m_job, &SimJob::progress, this, [this](int done, int, double, int) { m_current.imagesDone = done; });
    connect(m_job, &SimJob::finished, this, &RunController::finishSimulation);
    connect(m_job, &SimJob::cancelled, this, [this] { endRun(RunRecord::Status::Cancelled); });
    connect(m_job, &SimJob::failed, this, [this](const QString& e) { endRun(RunRecord::Status::Failed, e); });
}

bool RunController::busy() const {
    return m_job->busy() || (m_f1 && m_f1->state() != QProcess::NotRunning) || m_remoteF1;
}

std::string RunController::packageFor(const DesignState& s) const {
    const TrainedModel* m = m_models->find(s.network, s.precision);
    return m ? m->dir : std::string();
}

void RunController::noteNetworkFile(const std::string& networkPath) {
    const std::filesystem::path params = std::filesystem::path(networkPath).parent_path() / "params";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(networkPath, ec)) return;
    const auto stamp = std::filesystem::last_write_time(params / "package.json", ec);
    if (ec || m_notedPackage == std::pair{params.string(), stamp}) return; // none, or read already
    m_notedPackage = {params.string(), stamp};
    m_models->addPackage(params.string());
}

QString RunController::parametersInfo(const DesignState& s) const {
    if (!s.valid) return {};
    const TrainedModel* m = m_models->find(s.network, s.precision);
    if (m && m->imported)
        return tr("The parameters imported with <b>%1</b> match this design: the run simulates them bit-exactly "
                  "against the golden reference on random inputs (Bitfold has no labelled data for an imported "
                  "model; type its accuracy on your data set on the Pareto page).")
            .arg(QString::fromStdString(m->id));
    if (!m_models->ready()) return tr("Looking for trained models…");
    if (m)
        return tr("Trained parameters <b>%1</b> match this design: the run measures accuracy on %2 "
                  "(the golden reference measured %3%).")
            .arg(QString::fromStdString(m->id), QString::fromStdString(m->dataset))
            .arg(m->accuracy ? 100 * *m->accuracy : 0, 0, 'f', 2);
    return tr("No trained model for %1 at this precision: the run uses random parameters and random images, "
              "so it checks bit-exactness and cycles but cannot measure accuracy.")
        .arg(QString::fromStdString(s.network.name));
}

std::vector<RunController::TrainedDesign> RunController::trainedDesigns() const {
    std::vector<TrainedDesign> out;
    for (const TrainedModel& m : m_models->models())
        for (const Network& n : Catalog::shipped().networks()) {
            if (m.precision.empty() || !n.layers.front().isMatrix()) continue;
            PrecisionSpec spec;
            spec.weightBits = m.precision.front().weightBits;
            spec.actBits = m.precision.front().outputBits;
            try {
                if (m_models->find(n, resolvePrecision(n, spec)) == &m) {
                    out.push_back({n.id, m.id, spec.weightBits, spec.actBits, m.accuracy});
                    break; // one entry per model, under the first network of its shape
                }
            } catch (const Error&) {
            }
        }
    return out;
}

RunRecord RunController::newRecord(const DesignState& s, const DesignConfig& c, const char* target) const {
    RunRecord r;
    const QDateTime now = QDateTime::currentDateTime();
    r.id = now.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")).toStdString();
    r.started = now.toString(Qt::ISODate).toStdString();
    r.target = target;
    if (m_target) r.host = m_target->label();
    r.network = s.network.id;
    r.networkName = s.network.name;
    r.precision = fmt::precision(c.precision.weightBits, c.precision.actBits).toStdString();
    r.device = s.device.id;
    r.model = s.estimate.model;
    r.clockMhz = s.estimate.clockMhz;
    return r;
}

void RunController::startSimulation(const DesignState& s, const DesignConfig& c, int images, bool fastFolding) {
    if (busy()) {
        Q_EMIT statusMessage(tr("A run is in progress: cancel it first"), 4000);
        return;
    }
    m_design = s;
    m_config = c;
    m_current = newRecord(s, c, "simulation");
    SimRequest req;
    req.network = s.network;
    req.precision = s.precision;
    req.folding = fastFolding ? simulationFolding(s.network, s.precision) : s.folding;
    req.folding.computeUnits = 1; // every compute unit runs the same kernel: one is simulated
    req.options.portBits = s.device.port.bits;
    req.packageDir = packageFor(s);
    if (const TrainedModel* m = m_models->find(s.network, s.precision); m && m->imported)
        req.packageLabel = tr("imported: %1").arg(QString::fromStdString(m->id));
    req.images = images;
    req.remote = m_target;
    if (const TrainedModel* m = m_models->find(s.network, s.precision)) {
        // A package holds the logical network (no hardware padding): the folding must fit it too.
        try {
            validate(m->network, m->precision, req.folding);
        } catch (const Error& e) {
            req.folding = simulationFolding(m->network, m->precision);
            m_current.log.push_back(std::string("The design's folding does not fit the trained network (") + e.what() +
                                    "); simulating with the fast simulation folding instead");
        }
    }
    m_runEstimate = req.folding == s.folding && s.folding.computeUnits == 1
        ? s.estimate
        : estimate(s.network, s.precision, req.folding, s.device, c.clockMhz, c.model);
    m_current.folding = foldingText(s.network, req.folding) + (req.folding == s.folding ? "" : " (simulation folding)");
    m_current.predictedFps = m_runEstimate.fps;
    m_current.predictedCycles = m_runEstimate.cycles;
    m_history->add(m_current);
    Q_EMIT runStarted(m_current.id);
    m_job->start(std::move(req));
}

void RunController::cancel() {
    m_job->cancel();
    if (m_f1) m_f1->kill();
    if (m_remoteF1) *m_remoteF1 = true;
}

void RunController::finishSimulation(const SimOutcome& out) {
    const SimResult& r = out.result;
    m_current.params = out.params.toStdString();
    m_current.images = out.images.toStdString();
    m_current.imagesDone = r.images;
    m_current.goldenChecked = r.goldenChecked;
    m_current.bitExact = r.bitExact;
    m_current.mismatches = r.mismatches;
    m_current.firstMismatch = r.firstMismatch;
    m_current.accuracy = r.accuracy;
    m_current.packageAccuracy = out.packageAccuracy;
    m_current.imagesPerSecond = r.imagesPerSecond;
    m_current.simSeconds = r.elapsedSeconds;
    m_current.compileSeconds = r.compileSeconds;
    m_current.cached = r.cached;
    m_current.host = out.host;
    m_current.hostVersion = out.hostVersion;
    m_current.stages.clear();
    for (const SimStage& st : r.stages) {
        RunStageRecord rs{st.name, st.layer, st.kind, st.cyclesPredicted, st.cyclesCounted, -1};
        // The estimate's own plan of the same design: block for block the same list.
        const std::size_t k = m_current.stages.size();
        if (r.stages.size() == m_runEstimate.stages.size() && m_runEstimate.stages[k].name == st.name)
            rs.modelCycles = m_runEstimate.stages[k].cycles;
        m_current.stages.push_back(rs);
    }
    endRun(RunRecord::Status::Finished);
    if (r.accuracy) {
        const DesignPoint p = makeDesignPoint(
            m_design.network.id, 1.0, m_config.precision.weightBits, m_config.precision.actBits, m_design.device.id,
            m_design.estimate, m_design.folding, m_design.fits, m_design.limitingResource.toStdString(),
            {AccuracyKind::Simulated, *r.accuracy, "fashion-mnist", "C simulation, " + out.images.toStdString()});
        Q_EMIT simulatedPoint(p);
    }
}

void RunController::endRun(RunRecord::Status status, const QString& error) {
    m_current.status = status;
    m_current.error = error.toStdString();
    m_history->update(m_current);
    Q_EMIT runEnded(m_current.id);
    Q_EMIT statusMessage(status == RunRecord::Status::Finished        ? tr("Run finished")
                             : status == RunRecord::Status::Cancelled ? tr("Run cancelled")
                                                                      : tr("Run failed: %1").arg(error),
                         6000);
}

void RunController::handleF1Line(const std::string& line) {
    m_current.log.push_back(line);
    try {
        const auto j = nlohmann::json::parse(line);
        const std::string event = j.value("event", "");
        if (event == "error") m_f1Error = QString::fromStdString(j.value("message", ""));
        if (event == "done") {
            if (j.contains("accuracy") && j["accuracy"].is_number()) m_current.accuracy = j["accuracy"].get<double>();
            m_current.bitExact = j.value("bit_exact", false);
            m_current.goldenChecked = j.contains("bit_exact");
            m_current.imagesPerSecond = j.value("images_per_s", 0.0);
            m_current.imagesDone = j.value("images", m_current.imagesDone);
        }
    } catch (const std::exception&) {
    }
}

void RunController::finishF1(int exitCode, bool cancelled, const QString& failure) {
    if (cancelled)
        endRun(RunRecord::Status::Cancelled);
    else if (!failure.isEmpty())
        endRun(RunRecord::Status::Failed, failure);
    else if (exitCode != 0)
        endRun(RunRecord::Status::Failed,
               m_f1Error.isEmpty() ? tr("bitfold-f1-host exited with status %1").arg(exitCode) : m_f1Error);
    else
        endRun(RunRecord::Status::Finished);
}

void RunController::startF1(const DesignState& s, const DesignConfig& c, const QString& xclbin, int images) {
    if (busy() || (!m_xrt.available && !m_target)) return;
    const std::string pkg = packageFor(s);
    if (pkg.empty()) {
        Q_EMIT statusMessage(tr("Run on F1 needs the trained package the xclbin was built with"), 6000);
        return;
    }
    m_design = s;
    m_config = c;
    m_current = newRecord(s, c, "f1");
    m_current.params = "trained: " + pkg.substr(pkg.find_last_of('/') + 1);
    m_current.images = std::to_string(images) + " Fashion-MNIST test images";
    m_current.predictedFps = s.estimate.fps;
    m_f1Error.clear();
    m_history->add(m_current);
    if (m_target) {
        startF1Remotely(pkg, xclbin, images);
        return;
    }
    m_f1 = new QProcess(this);
    connect(m_f1, &QProcess::readyReadStandardOutput, this, [this] {
        while (m_f1->canReadLine()) handleF1Line(m_f1->readLine().trimmed().toStdString());
    });
    connect(m_f1, &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
        m_f1->deleteLater();
        m_f1 = nullptr;
        finishF1(code, st == QProcess::CrashExit, QString());
    });
    m_f1->start(m_xrt.hostProgram,
                {QStringLiteral("--xclbin"), xclbin, QStringLiteral("--params"), QString::fromStdString(pkg),
                 QStringLiteral("--count"), QString::number(images)});
    Q_EMIT runStarted(m_current.id);
}

void RunController::startF1Remotely(const std::string& package, const QString& xclbin, int images) {
    struct Outcome {
        std::vector<std::string> lines;
        int exitCode = 0;
        bool cancelled = false;
        QString failure;
    };
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_remoteF1 = cancel;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        const Outcome out = watcher->result();
        watcher->deleteLater();
        m_remoteF1.reset();
        for (const std::string& l : out.lines) handleF1Line(l);
        finishF1(out.exitCode, out.cancelled, out.failure);
    });
    // The xclbin and the package travel to a run directory on the host; bitfold-f1-host there.
    watcher->setFuture(QtConcurrent::run([target = *m_target, package, xclbin = xclbin.toStdString(), images, cancel] {
        Outcome out;
        try {
            const remote::SshHost host(target);
            const std::string dir = host.makeRunDir();
            struct Cleanup {
                const remote::SshHost& host;
                std::string dir;
                ~Cleanup() { host.removeDir(dir); }
            } cleanup{host, dir};
            host.upload(package, dir + "/params");
            host.upload(xclbin, dir + "/accelerator.awsxclbin");
            const remote::RemoteExit e = host.stream(
                {target.remoteF1Host, "--xclbin", dir + "/accelerator.awsxclbin", "--params", dir + "/params",
                 "--count", std::to_string(images)},
                [&](const std::string& line) { out.lines.push_back(line); }, cancel.get());
            out.exitCode = e.exitCode;
            out.cancelled = e.cancelled;
            if (e.exitCode == 126 || e.exitCode == 127)
                out.failure =
                    QString::fromStdString(remote::missingProgramMessage(target, target.remoteF1Host, e.stderrText));
        } catch (const std::exception& e) {
            out.failure = QString::fromStdString(e.what());
        }
        return out;
    }));
    Q_EMIT runStarted(m_current.id);
}

} // namespace bitfold::gui
