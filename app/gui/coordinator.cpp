#include "coordinator.h"

#include "bitfold/catalog.h"
#include "models/layer_table_model.h"
#include "pages/pareto_page.h"
#include "pages/precision_map_page.h"
#include "pages/runs_page.h"
#include "pages/scaling_page.h"
#include "models/sweep_model.h"
#include "session/model_index.h"
#include "session/run_controller.h"
#include "session/run_targets.h"
#include "widgets/target_dialog.h"
#include "session/sim_job.h"
#include "session/analysis_jobs.h"
#include "session/background_job.h"
#include "util/format.h"
#include "pages/config_panel.h"
#include "pages/explain_page.h"
#include "pages/pipeline_page.h"
#include "pages/layers_page.h"
#include "pages/overview_page.h"
#include "session/design_session.h"
#include "widgets/banner.h"

#include <memory>

namespace bitfold::gui {

AccuracyInfo userAccuracyInfo(const UserAccuracy& u) {
    return {AccuracyKind::UserSupplied, u.top1, u.dataset,
            "typed in by the user (their data set, not measured by Bitfold)"};
}

Coordinator::Coordinator(DesignSession* session, LayerTableModel* layerModel, SweepModel* sweepModel,
                         AnalysisJobs* jobs, RunController* runs, PageSet pages, QObject* parent)
    : QObject(parent), m_session(session), m_layerModel(layerModel), m_sweepModel(sweepModel), m_jobs(jobs),
      m_runs(runs), m_pages(pages) {
    // Session -> views.
    connect(session, &DesignSession::configChanged, pages.config, &ConfigPanel::setConfig);
    connect(session, &DesignSession::stateChanged, this, &Coordinator::showDesign);
    connect(session, &DesignSession::noticeChanged, pages.banner, &Banner::show);

    // Intents -> session.
    connect(pages.config, &ConfigPanel::configEdited, session, &DesignSession::setConfig);
    // Queued: the edit arrives from inside the view's commit; re-evaluating resets the model.
    connect(layerModel, &LayerTableModel::foldingEditRequested, session, &DesignSession::setLayerFolding,
            Qt::QueuedConnection);
    connect(layerModel, &LayerTableModel::editRejected, this, [this](const QString& msg) {
        m_pages.banner->show({Notice::Level::Error, msg});
        Q_EMIT statusMessage(tr("Folding value rejected"), 4000);
    });
    // One selected layer across Layers, Pipeline and Explain.
    connect(pages.layers, &LayersPage::layerSelected, this, &Coordinator::focusLayer);
    connect(pages.pipeline, &PipelinePage::layerSelected, this, &Coordinator::focusLayer);
    connect(pages.explain, &ExplainPage::layerSelected, this, &Coordinator::focusLayer);
    wireAnalyses();
    wireRuns();
}

void Coordinator::wireRuns() {
    RunsPage* page = m_pages.runs;
    connect(page, &RunsPage::runRequested, this, [this](int images, bool fast) {
        m_runs->startSimulation(m_session->state(), m_session->config(), images, fast);
    });
    connect(page, &RunsPage::cancelRequested, m_runs, &RunController::cancel);
    // An opened network file with a package beside it (an imported model): runs use that package.
    connect(m_session, &DesignSession::configChanged, m_runs, [this](const DesignConfig& c) {
        if (!Catalog::shipped().findNetwork(c.network)) m_runs->noteNetworkFile(c.network);
    });
    connect(page, &RunsPage::f1Requested, this, [this](const QString& xclbin, int images) {
        m_runs->startF1(m_session->state(), m_session->config(), xclbin, images);
    });
    connect(page, &RunsPage::loadDesignRequested, this, [this](const QString& net, int w, int a) {
        DesignConfig next = m_session->config();
        next.network = net.toStdString();
        next.precision.weightBits = w;
        next.precision.actBits = a;
        next.precision.overrides.clear();
        m_session->setConfig(next, tr("Load trained design"));
    });
    SimJob* job = m_runs->job();
    connect(job, &SimJob::busyChanged, page, &RunsPage::setBusy);
    connect(job, &SimJob::phaseChanged, page, &RunsPage::setPhase);
    connect(job, &SimJob::progress, page, &RunsPage::setProgress);
    connect(job, &SimJob::logLines, page, &RunsPage::appendLog);
    connect(m_runs, &RunController::simulatedPoint, m_sweepModel, &SweepModel::appendPoint);
    connect(m_runs, &RunController::statusMessage, this, &Coordinator::statusMessage);
    connect(m_runs->models(), &ModelIndex::scanned, this, &Coordinator::updateTrainedDesigns);
    page->setXrt(m_runs->xrt());
    wireTargets();
}

void Coordinator::wireTargets() {
    reloadTargets();
    connect(m_pages.runs, &RunsPage::targetChosen, this, &Coordinator::chooseTarget);
    connect(m_pages.runs, &RunsPage::targetsEditRequested, this, [this] {
        TargetDialog dialog(m_targets, m_pages.runs);
        if (dialog.exec() != QDialog::Accepted) return;
        saveRunTargets(dialog.targets());
        reloadTargets();
        chooseTarget(0);
    });
}

void Coordinator::reloadTargets() {
    m_targets = loadRunTargets(&m_targetsProblem);
    QStringList labels;
    for (const auto& t : m_targets) labels << QString::fromStdString(t.label());
    m_pages.runs->setTargets(labels, 0);
}

void Coordinator::reportStateProblems(QStringList problems) {
    problems << m_targetsProblem;
    problems.removeAll(QString());
    if (problems.isEmpty()) return;
    const QString text = problems.join(QLatin1Char(' '));
    qWarning("bitfold: %s", qPrintable(text));
    Q_EMIT statusMessage(text, 30000);
    // showDesign() puts the session's own notice in the banner whenever a design is shown.
    auto show = [this, text] {
        if (m_session->notice().level == Notice::Level::None) m_pages.banner->show({Notice::Level::Warning, text});
    };
    if (m_session->state().valid) return show();
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_session, &DesignSession::stateChanged, this, [show, once] {
        QObject::disconnect(*once);
        show();
    });
}

void Coordinator::chooseTarget(int index) {
    if (index <= 0 || index > int(m_targets.size())) {
        m_runs->setTarget(std::nullopt);
        m_pages.runs->setXrt(m_runs->xrt());
        return;
    }
    const remote::RemoteTarget& t = m_targets[std::size_t(index - 1)];
    m_runs->setTarget(t);
    XrtStatus remote;
    remote.available = true;
    remote.hostProgram = QString::fromStdString(t.remoteF1Host);
    remote.explanation = tr("Runs go to %1 over SSH; Run on F1 uses its %2 (Targets… → Test connection shows "
                            "whether it sees an FPGA).")
                             .arg(QString::fromStdString(t.label()), remote.hostProgram);
    m_pages.runs->setXrt(remote);
}

void Coordinator::pageShown(QWidget* page) {
    m_current = page;
    refreshVisibleAnalyses();
}

void Coordinator::refreshVisibleAnalyses() {
    const DesignState& s = m_session->state();
    if (m_current == m_pages.precisionMap) m_jobs->refreshMap(s, m_session->config());
    if (m_current == m_pages.scaling) m_jobs->refreshScaling(s, m_session->config());
}

void Coordinator::updateTrainedDesigns() {
    QList<std::tuple<QString, QString, int, int>> list;
    for (const auto& d : m_runs->trainedDesigns()) {
        const Network* n = Catalog::shipped().findNetwork(d.network);
        list.append({tr("%1 %2 (%3, %4%)")
                         .arg(n ? QString::fromStdString(n->name) : QString::fromStdString(d.network),
                              fmt::precision(d.weightBits, d.actBits), QString::fromStdString(d.model))
                         .arg(d.accuracy ? 100 * *d.accuracy : 0, 0, 'f', 1),
                     QString::fromStdString(d.network), d.weightBits, d.actBits});
    }
    m_pages.runs->setTrainedDesigns(list);
    m_pages.runs->selectTrainedDesign(QString::fromStdString(m_session->state().network.id),
                                      m_session->config().precision.weightBits, m_session->config().precision.actBits);
    if (m_session->state().valid) m_pages.runs->setParametersInfo(m_runs->parametersInfo(m_session->state()));
}

void Coordinator::wireAnalyses() {
    ParetoPage* pareto = m_pages.pareto;
    connect(m_session, &DesignSession::configChanged, pareto, &ParetoPage::setConfig);
    connect(pareto, &ParetoPage::sweepRequested, this, [this](const SweepSpec& spec) {
        m_jobs->startSweep(spec, QString::fromLatin1(toString(spec.folding.model)));
    });
    connect(pareto, &ParetoPage::cancelRequested, m_jobs, &AnalysisJobs::cancelSweep);
    connect(pareto, &ParetoPage::userAccuracyEntered, this, &Coordinator::setUserAccuracy);
    connect(pareto, &ParetoPage::designPointSelected, this, [this](const DesignPoint& p) {
        m_session->loadDesignPoint(p);
        Q_EMIT statusMessage(tr("Loaded %1 %2 on %3 from the sweep")
                                 .arg(QString::fromStdString(p.network), fmt::precision(p.weightBits, p.actBits),
                                      QString::fromStdString(p.device)),
                             5000);
    });
    BackgroundJob* sweep = m_jobs->sweepJob();
    connect(sweep, &BackgroundJob::busyChanged, pareto, &ParetoPage::setBusy);
    connect(sweep, &BackgroundJob::progress, pareto, &ParetoPage::setProgress);
    connect(sweep, &BackgroundJob::finished, pareto, [pareto] {
        pareto->setStatus(
            tr("%1 design points; hover for details, click to load.").arg(pareto->exportTable()->rowCount()));
    });
    connect(sweep, &BackgroundJob::cancelled, pareto, [pareto] { pareto->setStatus(tr("Sweep cancelled.")); });
    connect(sweep, &BackgroundJob::failed, pareto,
            [pareto](const QString& e) { pareto->setStatus(tr("Sweep failed: %1").arg(e)); });

    connect(m_pages.precisionMap, &PrecisionMapPage::precisionSelected, m_session, &DesignSession::setPrecision);
    connect(m_jobs->mapJob(), &BackgroundJob::busyChanged, m_pages.precisionMap, &PrecisionMapPage::setBusy);
    connect(m_jobs->scalingJob(), &BackgroundJob::busyChanged, m_pages.scaling, &ScalingPage::setBusy);
    connect(m_jobs, &AnalysisJobs::statusMessage, this, &Coordinator::statusMessage);
}

void Coordinator::setUserAccuracy(double top1, const QString& dataset) {
    const DesignState& s = m_session->state();
    DesignConfig next = m_session->config();
    next.setUserAccuracy(top1, dataset.toStdString());
    // The point joins the plotted ones now; the next sweep sweeps it too (sweepDesigns).
    std::optional<DesignPoint> point;
    if (top1 >= 0 && s.valid)
        point = makeDesignPoint(s.network.id, 1.0, next.precision.weightBits, next.precision.actBits, s.device.id,
                                s.estimate, s.folding, s.fits, s.limitingResource.toStdString(),
                                userAccuracyInfo(*next.userAccuracy()));
    if (s.valid) m_sweepModel->setUserPoint(s.network.id, next.precision.weightBits, next.precision.actBits, point);
    m_session->setConfig(next, top1 >= 0 ? tr("User-supplied accuracy") : tr("Forget user-supplied accuracy"));
    Q_EMIT statusMessage(
        top1 >= 0 ? tr("%1% on %2 (user-supplied) is on the Pareto page").arg(100 * top1, 0, 'f', 2).arg(dataset)
                  : tr("User-supplied accuracy forgotten"),
        5000);
}

std::vector<SweepDesign> Coordinator::sweepDesigns() const {
    const DesignConfig& c = m_session->config();
    std::vector<SweepDesign> out;
    for (const UserAccuracy& u : c.userAccuracies) {
        try {
            out.push_back({m_session->resolveNetwork(u.network), u.precision, userAccuracyInfo(u)});
        } catch (const std::exception&) {
            // the file is gone: its accuracy stays in the session, unplotted
        }
    }
    // An opened file's network at the configured precisions (the file's own, after an import).
    if (!Catalog::shipped().findNetwork(c.network) && m_session->state().valid && !c.userAccuracy())
        out.push_back({m_session->state().network, c.precision, {}});
    return out;
}

void Coordinator::focusLayer(int layer) {
    m_pages.layers->selectLayer(layer);
    m_pages.pipeline->setSelectedLayer(layer);
    if (m_pages.explain->layer() != layer) m_pages.explain->setLayer(layer);
    Q_EMIT layerFocused(layer);
}

void Coordinator::showDesign() {
    const DesignState& s = m_session->state();
    const DesignConfig& c = m_session->config();
    m_pages.config->setNetwork(s.network);
    m_pages.overview->setDesign(s, c);
    m_layerModel->setDesign(s, c.mode == FoldingMode::Manual);
    m_pages.pipeline->setDesign(s);
    m_pages.explain->setDesign(s);

    refreshVisibleAnalyses();
    const bool fileNetwork = !Catalog::shipped().findNetwork(c.network);
    m_pages.pareto->setDesigns(sweepDesigns(), fileNetwork ? std::optional<Network>(s.network) : std::nullopt);
    m_pages.runs->setParametersInfo(m_runs->parametersInfo(s));
    m_pages.runs->setSimulationNetwork(s.network);
    m_pages.runs->selectTrainedDesign(QString::fromStdString(s.network.id), c.precision.weightBits,
                                      c.precision.actBits);
    const QString net = QString::fromStdString(s.network.name), dev = QString::fromStdString(s.device.name);
    const QString pred = fmt::predicted(toString(c.model));
    m_pages.precisionMap->setCurrent(c.precision.weightBits, c.precision.actBits);
    m_pages.precisionMap->setContext(
        tr("%1 on %2 at %3 MHz, each cell folded for the fastest design within your limits; grey = does not fit "
           "(or no accuracy known); a measured accuracy reads mean ± sd where two or more seeds were trained. Outlined: "
           "the configured precision; click a cell to choose it. %4.")
            .arg(net, dev, fmt::count(c.clockMhz), pred));
    m_pages.scaling->setContext(
        tr("%1 at %2 MHz on every shipped device (labelled) and on fractions of a VU9P (lines), each folded for the "
           "fastest design within your limits. Marker shape = the resource that stops further unfolding. %3.")
            .arg(net, fmt::count(c.clockMhz), pred),
        QString::fromStdString(s.device.id));
    m_pages.banner->show(m_session->notice()); // replaces transient messages (a rejected edit)
}

} // namespace bitfold::gui
