#pragma once
// The one place where pages, models and the session meet: pages emit intents, the session
// evaluates, the coordinator forwards each result to whoever shows it.
#include "bitfold/sweep.h"
#include "remote_target.h"
#include "session/design_config.h"

#include <QObject>
#include <QStringList>
#include <vector>

namespace bitfold::gui {

class AnalysisJobs;
class Banner;
class ParetoPage;
class PrecisionMapPage;
class RunController;
class RunsPage;
class SweepModel;
class ScalingPage;
class ConfigPanel;
class DesignSession;
class ExplainPage;
class PipelinePage;
class LayerTableModel;
class LayersPage;
class OverviewPage;

/// A typed-in accuracy as the engine's accuracy record (kind UserSupplied).
AccuracyInfo userAccuracyInfo(const UserAccuracy& u);

struct PageSet {
    ConfigPanel* config = nullptr;
    OverviewPage* overview = nullptr;
    LayersPage* layers = nullptr;
    PipelinePage* pipeline = nullptr;
    ExplainPage* explain = nullptr;
    ParetoPage* pareto = nullptr;
    PrecisionMapPage* precisionMap = nullptr;
    ScalingPage* scaling = nullptr;
    RunsPage* runs = nullptr;
    Banner* banner = nullptr;
};

class Coordinator : public QObject {
    Q_OBJECT
public:
    Coordinator(DesignSession* session, LayerTableModel* layerModel, SweepModel* sweepModel, AnalysisJobs* jobs,
                RunController* runs, PageSet pages, QObject* parent = nullptr);

    /// The page now in front: background analyses run for what is being looked at.
    void pageShown(QWidget* page);
    /// Tells the user about damaged saved state found at start-up (saved_state.h; empty
    /// entries are skipped, a damaged list of run targets is added): in the status bar, and in
    /// the banner once the first design is shown, unless the design has a notice of its own.
    void reportStateProblems(QStringList problems);

Q_SIGNALS:
    void statusMessage(const QString& text, int timeoutMs);
    /// A layer was chosen on any page; pages that follow the selection listen.
    void layerFocused(int layer);

private:
    void showDesign();
    void focusLayer(int layer);
    void wireAnalyses();
    void wireRuns();
    void wireTargets();
    void reloadTargets();
    void chooseTarget(int index);
    void updateTrainedDesigns();
    void refreshVisibleAnalyses();
    void setUserAccuracy(double top1, const QString& dataset);
    /// Designs the Pareto sweep adds to its grid: user-supplied accuracies, the opened file's network.
    std::vector<SweepDesign> sweepDesigns() const;

    DesignSession* m_session;
    LayerTableModel* m_layerModel;
    SweepModel* m_sweepModel;
    AnalysisJobs* m_jobs;
    RunController* m_runs;
    PageSet m_pages;
    QWidget* m_current = nullptr;
    std::vector<remote::RemoteTarget> m_targets; ///< the SSH run targets from the settings
    QString m_targetsProblem; ///< they were damaged (moved aside) at start-up
};

} // namespace bitfold::gui
