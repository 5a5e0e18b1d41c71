#include "session/run_controller.h"

#include "bitfold/catalog.h"
#include "bitfold/cost_model.h"
#include "bitfold/error.h"
#include "session/model_index.h"
#include "session/run_history.h"
#include "session/sim_job.h"
#include "util/format.h"

#include <QDateTime>
#include <QProcess>

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
    : QObject(parent), m_history(new RunHistory(historyPath, this)), m_models(new ModelIndex(this)), m_job(new SimJob(this)),
      m_xrt(probeXrt()) {
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

bool RunController::busy() const { return m_job->busy() || (m_f1 && m_f1->state() != QProcess::NotRunning); }

std::string RunController::packageFor(const DesignState& s) const {
    const TrainedModel* m = m_models->find(s.network, s.precision);
    return m ? m->dir : std::string();
}

QString RunController::parametersInfo(const DesignState& s) const {
    if (!s.valid) return {};
    if (!m_models->ready()) return tr("Looking for trained models…");
    if (const TrainedModel* m = m_models->find(s.network, s.precision))
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
    req.packageDir = packageFor(s);
    req.images = images;
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
    m_runEstimate = req.folding == s.folding
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
    m_current.stages.clear();
    for (const SimStage& st : r.stages) {
        RunStageRecord rs{st.name, st.layer, st.kind, st.cyclesPredicted, st.cyclesCounted, -1};
        const int li = m_design.network.indexOf(st.layer);
        if (li >= 0 && li < int(m_runEstimate.layers.size())) {
            const LayerEstimate& e = m_runEstimate.layers[std::size_t(li)];
            if (st.kind == "mvtu" || st.kind == "maxpool") rs.modelCycles = e.computeCycles;
            else if (st.kind == "swu") rs.modelCycles = e.windowCycles;
        }
        m_current.stages.push_back(rs);
    }
    endRun(RunRecord::Status::Finished);
    if (r.accuracy) {
        const DesignPoint p = makeDesignPoint(
            m_design.network.id, 1.0, m_config.precision.weightBits,
            m_config.precision.actBits, m_design.device.id, m_design.estimate, m_design.folding, m_design.fits,
            m_design.limitingResource.toStdString(),
            {AccuracyKind::Simulated, *r.accuracy, "fashion-mnist", "C simulation, " + out.images.toStdString()});
        Q_EMIT simulatedPoint(p);
    }
}

void RunController::endRun(RunRecord::Status status, const QString& error) {
    m_current.status = status;
    m_current.error = error.toStdString();
    m_history->update(m_current);
    Q_EMIT runEnded(m_current.id);
    Q_EMIT statusMessage(status == RunRecord::Status::Finished ? tr("Run finished")
                         : status == RunRecord::Status::Cancelled ? tr("Run cancelled")
                                                                 : tr("Run failed: %1").arg(error),
                         6000);
}

void RunController::startF1(const DesignState& s, const DesignConfig& c, const QString& xclbin, int images) {
    if (busy() || !m_xrt.available) return;
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
    m_history->add(m_current);
    m_f1 = new QProcess(this);
    connect(m_f1, &QProcess::readyReadStandardOutput, this, [this] {
        while (m_f1->canReadLine()) {
            const QByteArray line = m_f1->readLine().trimmed();
            m_current.log.push_back(line.toStdString());
            try {
                const auto j = nlohmann::json::parse(line.toStdString());
                if (j.value("event", "") == "done") {
                    if (j.contains("accuracy") && j["accuracy"].is_number()) m_current.accuracy = j["accuracy"].get<double>();
                    m_current.bitExact = j.value("bit_exact", false);
                    m_current.goldenChecked = j.contains("bit_exact");
                }
            } catch (const std::exception&) {
            }
        }
    });
    connect(m_f1, &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
        m_f1->deleteLater();
        m_f1 = nullptr;
        if (st == QProcess::CrashExit) endRun(RunRecord::Status::Cancelled);
        else if (code != 0) endRun(RunRecord::Status::Failed, tr("bitfold-f1-host exited with status %1").arg(code));
        else endRun(RunRecord::Status::Finished);
    });
    m_f1->start(m_xrt.hostProgram, {QStringLiteral("--xclbin"), xclbin, QStringLiteral("--params"),
                                    QString::fromStdString(pkg), QStringLiteral("--count"), QString::number(images)});
    Q_EMIT runStarted(m_current.id);
}

} // namespace bitfold::gui
