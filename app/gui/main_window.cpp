#include "main_window.h"

#include "bitfold/error.h"
#include "coordinator.h"
#include "models/layer_table_model.h"
#include "models/precision_map_model.h"
#include "models/scaling_model.h"
#include "models/sweep_model.h"
#include "pages/pareto_page.h"
#include "pages/precision_map_page.h"
#include "pages/runs_page.h"
#include "pages/scaling_page.h"
#include "session/run_controller.h"
#include "session/run_history.h"
#include "session/saved_state.h"
#include "session/analysis_jobs.h"
#include "pages/config_panel.h"
#include "pages/explain_page.h"
#include "pages/exportable.h"
#include "pages/pipeline_page.h"
#include "pages/layers_page.h"
#include "pages/overview_page.h"
#include "session/design_session.h"
#include "session/session_files.h"
#include "help/about.h"
#include "help/glossary.h"
#include "help/tour.h"
#include "plots/plot_widget.h"
#include "util/export.h"
#include "util/format.h"
#include "util/theme.h"
#include "widgets/banner.h"
#include "widgets/onnx_import_dialog.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QScrollBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <qcustomplot.h>
#include <cmath>

namespace bitfold::gui {

MainWindow::MainWindow(Options options)
    : m_options(options), m_stateProblems{checkSettingsFile()}, m_session(new DesignSession(this)),
      m_files(new SessionFiles(this)), m_layerModel(new LayerTableModel(this)), m_sweepModel(new SweepModel(this)),
      m_mapModel(new PrecisionMapModel(this)), m_scalingModel(new ScalingModel(this)),
      m_jobs(new AnalysisJobs(m_sweepModel, m_mapModel, m_scalingModel, this)),
      m_runs(new RunController(options.runHistoryPath, this)), m_banner(new Banner), m_tabs(new QTabWidget),
      m_dock(new QDockWidget(tr("Configuration"), this)), m_config(new ConfigPanel), m_busy(new QLabel) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon::fromTheme(QStringLiteral("applications-science")));
    resize(1400, 900);

    auto* central = new QWidget;
    auto* lay = new QVBoxLayout(central);
    lay->setContentsMargins(6, 6, 6, 6);
    lay->addWidget(m_banner);
    lay->addWidget(m_tabs, 1);
    setCentralWidget(central);
    m_tabs->setDocumentMode(true);
    // The pages' own minimum sizes (a long legend, a status line, presentation fonts) must not
    // grow the window past the screen: the window's size is the user's.
    m_tabs->setMinimumSize(480, 360);

    auto* scroll = new QScrollArea;
    scroll->setWidget(m_config);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(m_config->sizeHint().width() + 24);
    m_dock->setObjectName(QStringLiteral("configDock"));
    m_dock->setWidget(scroll);
    m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                        QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_dock);

    buildPages();
    buildMenus();
    statusBar()->addPermanentWidget(m_busy);
    connect(m_session, &DesignSession::busyChanged, this,
            [this](bool busy) { m_busy->setText(busy ? tr("Searching folding…") : QString()); });
    connect(m_coordinator, &Coordinator::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_session->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_files, &SessionFiles::currentPathChanged, this, &MainWindow::updateTitle);
    // Exported figures carry the design they show.
    connect(m_session, &DesignSession::stateChanged, this, [this] {
        for (PlotWidget* p : findChildren<PlotWidget*>()) p->setExportContext(designContext());
    });

    restoreState();
    updateTitle();
    statusBar()->showMessage(tr("Ready. Change anything on the left; every figure updates live."), 5000);
    m_coordinator->reportStateProblems(m_stateProblems << m_runs->history()->loadProblem());
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(QWidget* page, const QString& name, const QString& title, const QString& tip) {
    page->setObjectName(name);
    const int i = m_tabs->addTab(page, title);
    m_tabs->setTabToolTip(i, tip);
}

void MainWindow::buildPages() {
    m_overview = new OverviewPage;
    m_layers = new LayersPage(m_layerModel);
    addPage(m_overview, QStringLiteral("overview"), tr("Overview"), tr("Throughput, latency and utilisation"));
    m_pipeline = new PipelinePage;
    m_explain = new ExplainPage;
    addPage(m_layers, QStringLiteral("layers"), tr("Layers"), tr("Per-layer folding, cycles and resources"));
    addPage(m_pipeline, QStringLiteral("pipeline"), tr("Pipeline"), tr("The dataflow as blocks, coloured by load"));
    addPage(m_explain, QStringLiteral("explain"), tr("Explain"),
            tr("The formulas behind each number, values substituted"));
    m_pareto = new ParetoPage(m_sweepModel);
    m_precisionMap = new PrecisionMapPage(m_mapModel);
    m_scaling = new ScalingPage(m_scalingModel);
    addPage(m_pareto, QStringLiteral("pareto"), tr("Pareto"), tr("Accuracy/throughput/resource trade-offs of a sweep"));
    addPage(m_precisionMap, QStringLiteral("precision-map"), tr("Precision map"),
            tr("Weight × activation bits heat map for this network and device"));
    addPage(m_scaling, QStringLiteral("scaling"), tr("Device scaling"), tr("FPS against device size (Blott et al.)"));
    m_runsPage = new RunsPage(m_runs->history());
    addPage(m_runsPage, QStringLiteral("runs"), tr("Runs"),
            tr("C simulation (and F1) of the design against the prediction"));
    const PageSet pages{.config = m_config,
                        .overview = m_overview,
                        .layers = m_layers,
                        .pipeline = m_pipeline,
                        .explain = m_explain,
                        .pareto = m_pareto,
                        .precisionMap = m_precisionMap,
                        .scaling = m_scaling,
                        .runs = m_runsPage,
                        .banner = m_banner};
    m_coordinator = new Coordinator(m_session, m_layerModel, m_sweepModel, m_jobs, m_runs, pages, this);
    connect(m_pipeline, &PipelinePage::layerSelected, this, [this] { showPage(QStringLiteral("explain")); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { m_coordinator->pageShown(m_tabs->currentWidget()); });
    connect(m_config, &ConfigPanel::openNetworkRequested, this, &MainWindow::openNetworkDialog);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &network…"), QKeySequence(tr("Ctrl+Shift+O")), this, &MainWindow::openNetworkDialog);
    file->addSeparator();
    file->addAction(tr("&Open session…"), QKeySequence::Open, this, [this] {
        if (!mayDiscardChanges()) return;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open session"), QSettings().value("dirs/session").toString(), tr("Bitfold session (*.json)"));
        if (!path.isEmpty()) openSession(path);
    });
    auto saveAs = [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save session"), QSettings().value("dirs/session").toString(), tr("Bitfold session (*.json)"));
        if (!path.isEmpty()) saveSession(path.endsWith(".json") ? path : path + ".json");
    };
    file->addAction(tr("&Save session"), QKeySequence::Save, this, [this, saveAs] {
        if (m_files->currentPath().isEmpty())
            saveAs();
        else
            saveSession(m_files->currentPath());
    });
    file->addAction(tr("Save session &as…"), QKeySequence::SaveAs, this, saveAs);
    m_recentMenu = file->addMenu(tr("&Recent sessions"));
    connect(m_files, &SessionFiles::recentChanged, this, &MainWindow::updateRecentMenu);
    updateRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Export plot…"), QKeySequence(tr("Ctrl+E")), this, [this] {
        Exportable* e = currentExportable();
        if (!e) return;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export plot"), exportStartPath(QString::fromLatin1(e->exportName()), QStringLiteral("png")),
            imageFilter());
        if (path.isEmpty()) return;
        QSettings().setValue("export/dir", QFileInfo(path).absolutePath());
        const QString err = exportCurrentPlot(path);
        statusBar()->showMessage(err.isEmpty() ? tr("Exported %1").arg(path) : tr("Export failed: %1").arg(err), 6000);
    });
    file->addAction(tr("Export &table as CSV…"), QKeySequence(tr("Ctrl+Shift+E")), this, [this] {
        Exportable* e = currentExportable();
        if (!e || !e->exportTable()) {
            statusBar()->showMessage(tr("This page has no table to export"), 4000);
            return;
        }
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export table"), exportStartPath(QString::fromLatin1(e->exportName()), QStringLiteral("csv")),
            tr("CSV (*.csv)"));
        if (path.isEmpty()) return;
        QSettings().setValue("export/dir", QFileInfo(path).absolutePath());
        const QString err = exportCurrentTable(path);
        statusBar()->showMessage(err.isEmpty() ? tr("Exported %1").arg(path) : tr("Export failed: %1").arg(err), 6000);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_session->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_session->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Copy"), QKeySequence::Copy, this, &MainWindow::copyCurrent);
    edit->addSeparator();
    edit->addAction(tr("Reset configuration to &default"), this,
                    [this] { m_session->setConfig(DesignConfig{}, tr("Reset configuration")); });

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction* a = m_viewMenu->addAction(m_tabs->tabText(i), this, [this, i] { m_tabs->setCurrentIndex(i); });
        if (i < 9) a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    m_viewMenu->addSeparator();
    QAction* dock = m_dock->toggleViewAction();
    dock->setText(tr("Configuration &panel"));
    dock->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    m_viewMenu->addAction(dock);
    QAction* present = m_viewMenu->addAction(tr("&Presentation mode (large fonts)"));
    present->setObjectName(QStringLiteral("presentationAction"));
    present->setCheckable(true);
    present->setShortcut(QKeySequence(tr("F5")));
    connect(present, &QAction::toggled, this, [this](bool on) {
        setPresentationMode(on);
        // The configuration panel grows with its fonts, once they have been applied.
        QTimer::singleShot(0, this, [this] {
            auto* scroll = static_cast<QScrollArea*>(m_dock->widget());
            const int w = m_config->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 8;
            scroll->setMinimumWidth(w);
            resizeDocks({m_dock}, {w}, Qt::Horizontal);
        });
    });
    QAction* full = m_viewMenu->addAction(tr("&Full screen"));
    full->setCheckable(true);
    full->setShortcut(QKeySequence::FullScreen);
    connect(full, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("Run &sweep"), QKeySequence(tr("Ctrl+Shift+R")), this, [this] {
        showPage(QStringLiteral("pareto"));
        m_pareto->requestSweep();
    });
    run->addAction(tr("&Cancel sweep"), m_jobs, &AnalysisJobs::cancelSweep);
    run->addSeparator();
    run->addAction(tr("Run in &simulation"), QKeySequence(tr("Ctrl+R")), this, [this] {
        showPage(QStringLiteral("runs"));
        m_runsPage->requestRun();
    });
    run->addAction(tr("Cancel &run"), m_runs, &RunController::cancel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Getting started (guided tour)"), this, &MainWindow::startTour);
    help->addAction(tr("&Glossary"), QKeySequence::HelpContents, this, [this] { showGlossary(); });
    help->addSeparator();
    help->addAction(tr("&About Bitfold"), this, [this] { showAboutBox(this); });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = m_files->recent();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openSessionAsking(path); })
            ->setToolTip(path);
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear list"), m_files, &SessionFiles::clearRecent);
    }
}

void MainWindow::updateTitle() {
    const QString path = m_files->currentPath();
    const QString name = path.isEmpty() ? tr("untitled session") : QFileInfo(path).fileName();
    setWindowTitle(QStringLiteral("%1%2 — Bitfold").arg(name, m_session->undoStack()->isClean() ? "" : "*"));
}

Exportable* MainWindow::currentExportable() const { return dynamic_cast<Exportable*>(m_tabs->currentWidget()); }

QString MainWindow::exportCurrentPlot(const QString& path) {
    Exportable* e = currentExportable();
    if (!e) return tr("this page has nothing to export");
    QWidget* w = e->exportWidget();
    if (auto* plot = qobject_cast<PlotWidget*>(w)) return exportPlot(plot, path, plot->exportTitle());
    if (auto* plot = qobject_cast<QCustomPlot*>(w)) return exportPlot(plot, path);
    return exportWidget(w, path);
}

QString MainWindow::exportCurrentTable(const QString& path) {
    Exportable* e = currentExportable();
    if (!e || !e->exportTable()) return tr("this page has no table");
    return exportCsv(e->exportTable(), path);
}

void MainWindow::copyCurrent() {
    Exportable* e = currentExportable();
    if (!e) return;
    if (e->exportTable() && e->exportSelection() && e->exportSelection()->hasSelection()) {
        QApplication::clipboard()->setText(tableText(e->exportTable(), e->exportSelection()));
        statusBar()->showMessage(tr("Selected cells copied (tab-separated)"), 4000);
    } else {
        copyImage(e->exportWidget());
        statusBar()->showMessage(tr("Picture of this page copied"), 4000);
    }
}

bool MainWindow::showPage(const QString& name) {
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == name) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    return false;
}

bool MainWindow::mayDiscardChanges() {
    if (m_session->undoStack()->isClean()) return true;
    if (m_discardPrompt) return m_discardPrompt();
    return QMessageBox::question(this, tr("Unsaved changes"),
                                 tr("This session has changes that are not saved. Open another session and lose "
                                    "them?"),
                                 QMessageBox::Discard | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Discard;
}

bool MainWindow::openSessionAsking(const QString& path) { return mayDiscardChanges() && openSession(path); }

void MainWindow::startTour() {
    if (!m_tour) m_tour = new GettingStartedTour(this, [this](const QString& page) { return showPage(page); });
    m_tour->start();
}

GlossaryDialog* MainWindow::showGlossary(const QString& term) {
    if (!m_glossary) m_glossary = new GlossaryDialog(this);
    m_glossary->show();
    m_glossary->raise();
    if (!term.isEmpty()) m_glossary->showTerm(term);
    return m_glossary;
}

QString MainWindow::designContext() const {
    const DesignState& s = m_session->state();
    const DesignConfig& c = m_session->config();
    if (!s.valid) return {};
    return tr("%1 %2 on %3 at %4 MHz")
        .arg(QString::fromStdString(s.network.name), fmt::precision(c.precision.weightBits, c.precision.actBits),
             QString::fromStdString(s.device.name),
             fmt::count(c.clockMhz, c.clockMhz == std::floor(c.clockMhz) ? 0 : 1));
}

bool MainWindow::openSession(const QString& path) {
    try {
        const DesignConfig c = SessionFiles::read(path);
        m_session->setConfig(c, tr("Open session"));
        m_session->undoStack()->setClean();
        m_files->setCurrentPath(path);
        m_files->addRecent(path);
        QSettings().setValue("dirs/session", QFileInfo(path).absolutePath());
        statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
        return true;
    } catch (const std::exception& e) {
        m_banner->show({Notice::Level::Error, tr("Cannot open session: %1").arg(QString::fromStdString(e.what()))});
        return false;
    }
}

bool MainWindow::saveSession(const QString& path) {
    const QString err = m_files->write(path, m_session->config());
    if (!err.isEmpty()) {
        m_banner->show({Notice::Level::Error, tr("Cannot save session: %1").arg(err)});
        return false;
    }
    m_session->undoStack()->setClean();
    QSettings().setValue("dirs/session", QFileInfo(path).absolutePath());
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::openNetworkDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open network"), QSettings().value("dirs/network").toString(),
        tr("Networks (*.json *.onnx);;Network description (*.json);;QONNX / FINN-ONNX model (*.onnx)"));
    if (path.isEmpty()) return;
    QSettings().setValue("dirs/network", QFileInfo(path).absolutePath());
    if (path.endsWith(".onnx", Qt::CaseInsensitive)) {
        OnnxImportDialog dialog(path, this);
        if (dialog.exec() == QDialog::Accepted && dialog.openIn(m_session))
            statusBar()->showMessage(tr("Imported %1").arg(path), 5000);
        return;
    }
    if (m_session->openNetworkFile(path)) statusBar()->showMessage(tr("Loaded network %1").arg(path), 5000);
}

void MainWindow::prepareScreenshots() { m_pareto->requestSweep(); }

bool MainWindow::backgroundIdle() const { return m_jobs->idle(); }
// (A simulation run is not waited for: screenshots show the history as it is.)

void MainWindow::restoreState() {
    DesignConfig config;
    if (m_options.useSettings) {
        QSettings s;
        restoreGeometry(s.value("window/geometry").toByteArray());
        QMainWindow::restoreState(s.value("window/state").toByteArray());
        const QByteArray last = s.value("session/last").toByteArray();
        try {
            if (!last.isEmpty())
                config = designConfigFromJson(nlohmann::json::parse(last.toStdString()), "last session");
        } catch (const std::exception& e) { // kept for the user; the default design opens
            m_stateProblems << moveSettingAside("session/last", tr("last session"), QString::fromUtf8(e.what()));
        }
        m_tabs->setCurrentIndex(s.value("window/page", 0).toInt());
        if (s.value("view/presentation", false).toBool())
            if (auto* a = findChild<QAction*>(QStringLiteral("presentationAction"))) a->setChecked(true);
    }
    m_session->applyConfig(config);
}

void MainWindow::saveState() {
    if (!m_options.useSettings) return;
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", QMainWindow::saveState());
    s.setValue("window/page", m_tabs->currentIndex());
    s.setValue("session/last", QByteArray::fromStdString(toJson(m_session->config()).dump()));
    s.setValue("view/presentation", presentationMode());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    saveState();
    e->accept();
}

} // namespace bitfold::gui
