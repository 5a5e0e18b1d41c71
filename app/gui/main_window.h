#pragma once
// The main window: configuration dock, page tabs, menus, status bar. Wiring between pages
// and the session lives in Coordinator; this class builds and persists the frame.
#include "session/design_config.h"

#include <QMainWindow>
#include <QStringList>
#include <functional>

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace bitfold::gui {

class AnalysisJobs;
class Banner;
class ParetoPage;
class PrecisionMapModel;
class PrecisionMapPage;
class RunController;
class RunsPage;
class ScalingModel;
class ScalingPage;
class SweepModel;
class ConfigPanel;
class Coordinator;
class DesignSession;
class ExplainPage;
class GettingStartedTour;
class GlossaryDialog;
class Exportable;
class PipelinePage;
class LayerTableModel;
class LayersPage;
class OverviewPage;
class SessionFiles;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        bool useSettings = true; ///< restore/save the last session and window state (off in tests)
        QString runHistoryPath; ///< empty: AppDataLocation/runs.json
    };
    explicit MainWindow(Options options);
    MainWindow() : MainWindow(Options{}) {}
    ~MainWindow() override;

    DesignSession* session() const { return m_session; }
    ConfigPanel* configPanel() const { return m_config; }
    OverviewPage* overviewPage() const { return m_overview; }
    LayersPage* layersPage() const { return m_layers; }
    PipelinePage* pipelinePage() const { return m_pipeline; }
    ExplainPage* explainPage() const { return m_explain; }
    ParetoPage* paretoPage() const { return m_pareto; }
    PrecisionMapPage* precisionMapPage() const { return m_precisionMap; }
    ScalingPage* scalingPage() const { return m_scaling; }
    RunsPage* runsPage() const { return m_runsPage; }
    RunController* runController() const { return m_runs; }
    SweepModel* sweepModel() const { return m_sweepModel; }
    PrecisionMapModel* precisionMapModel() const { return m_mapModel; }
    ScalingModel* scalingModel() const { return m_scalingModel; }
    AnalysisJobs* analysisJobs() const { return m_jobs; }
    LayerTableModel* layerModel() const { return m_layerModel; }
    Banner* banner() const { return m_banner; }
    QTabWidget* tabs() const { return m_tabs; }

    /// Exports the current page's plot / table; returns an error, empty on success.
    QString exportCurrentPlot(const QString& path);
    QString exportCurrentTable(const QString& path);
    bool openSession(const QString& path);
    /// Opens a session as File > Recent does: asks first when there are unsaved changes.
    bool openSessionAsking(const QString& path);
    /// Replaces the "discard unsaved changes?" dialog (tests): returns whether to discard.
    void setDiscardPrompt(std::function<bool()> prompt) { m_discardPrompt = std::move(prompt); }
    /// Help > Getting started, Help > Glossary (scrolled to `term`).
    void startTour();
    GettingStartedTour* tour() const { return m_tour; }
    GlossaryDialog* showGlossary(const QString& term = {});
    /// "CNV W1A1 on PYNQ-Z1 (XC7Z020) at 100 MHz": the design exported figures are titled with.
    QString designContext() const;
    bool saveSession(const QString& path);
    /// Selects a page by its object name ("overview", "layers", ...); false if absent.
    bool showPage(const QString& name);
    /// Starts the background work of every page (sweeps, maps), for screenshots.
    void prepareScreenshots();
    /// No page has background work running.
    bool backgroundIdle() const;

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    void buildPages();
    void buildMenus();
    void addPage(QWidget* page, const QString& name, const QString& title, const QString& tip);
    void updateRecentMenu();
    void updateTitle();
    void restoreState();
    void saveState();
    Exportable* currentExportable() const;
    void copyCurrent();
    void openNetworkDialog();
    bool mayDiscardChanges();

    Options m_options;
    QStringList m_stateProblems; ///< damaged saved state found at start-up (saved_state.h), for the user
    DesignSession* m_session;
    SessionFiles* m_files;
    LayerTableModel* m_layerModel;
    SweepModel* m_sweepModel;
    PrecisionMapModel* m_mapModel;
    ScalingModel* m_scalingModel;
    AnalysisJobs* m_jobs;
    RunController* m_runs;
    Banner* m_banner;
    QTabWidget* m_tabs;
    QDockWidget* m_dock;
    ConfigPanel* m_config;
    OverviewPage* m_overview;
    LayersPage* m_layers;
    PipelinePage* m_pipeline;
    ExplainPage* m_explain;
    ParetoPage* m_pareto;
    PrecisionMapPage* m_precisionMap;
    ScalingPage* m_scaling;
    RunsPage* m_runsPage;
    Coordinator* m_coordinator = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_busy;
    GettingStartedTour* m_tour = nullptr;
    GlossaryDialog* m_glossary = nullptr;
    std::function<bool()> m_discardPrompt;
};

} // namespace bitfold::gui
