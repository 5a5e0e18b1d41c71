#include "pages/runs_page.h"

#include "bitfold/sim_runner.h"
#include "models/run_history_model.h"
#include "models/run_stage_model.h"
#include "session/run_history.h"
#include "util/format.h"
#include "util/theme.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace bitfold::gui {

namespace {
QLabel* note() {
    auto* l = new QLabel;
    l->setWordWrap(true);
    l->setTextFormat(Qt::RichText);
    return l;
}
QTableView* table(QAbstractItemModel* m, const char* name) {
    auto* v = new QTableView;
    v->setObjectName(QLatin1String(name));
    v->setModel(m);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setAlternatingRowColors(true);
    return v;
}
} // namespace

RunsPage::RunsPage(RunHistory* history, QWidget* parent)
    : QWidget(parent), m_history(history), m_historyModel(new RunHistoryModel(history, this)),
      m_stages(new RunStageModel(this)), m_run(new QPushButton(tr("Run in simulation"))),
      m_cancel(new QPushButton(tr("Cancel"))), m_f1(new QPushButton(tr("Run on F1…"))), m_f1Info(note()),
      m_images(new QSpinBox), m_folding(new QComboBox), m_trained(new QComboBox),
      m_loadTrained(new QPushButton(tr("Load"))), m_target(new QComboBox),
      m_editTargets(new QPushButton(tr("Targets…"))), m_params(note()), m_progress(new QProgressBar),
      m_phase(new QLabel), m_historyView(table(m_historyModel, "runHistory")),
      m_stageView(table(m_stages, "runStages")), m_summary(note()), m_log(new QPlainTextEdit), m_memory(note()) {
    m_memory->setObjectName(QStringLiteral("runMemory"));
    m_run->setObjectName(QStringLiteral("runSimulation"));
    m_run->setToolTip(tr("Generate the accelerator for this design, compile its C simulation and run it (Ctrl+R)"));
    m_cancel->setObjectName(QStringLiteral("cancelRun"));
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("Stop the compiler or the simulation process"));
    m_f1->setObjectName(QStringLiteral("runF1"));
    m_images->setRange(1, 10000);
    m_images->setValue(100);
    m_images->setObjectName(QStringLiteral("runImages"));
    m_images->setToolTip(tr("Images to simulate (Fashion-MNIST test images with a trained model, random otherwise)"));
    m_folding->addItem(tr("this design's folding"), false);
    m_folding->addItem(tr("fast simulation folding"), true);
    m_folding->setToolTip(tr("This design's folding checks its cycles; the wide simulation folding runs faster"));
    m_trained->setToolTip(tr("Designs with a trained model: loading one makes runs measure accuracy"));
    m_loadTrained->setToolTip(tr("Load this network and precision into the configuration"));
    m_target->setObjectName(QStringLiteral("runTarget"));
    m_target->setToolTip(tr("Where runs go: this machine, or an SSH host such as an F1 instance (docs/remote.md)"));
    m_editTargets->setToolTip(tr("Add SSH hosts, test their connection, accept their host keys"));
    setTargets({}, 0);
    connect(m_target, &QComboBox::activated, this, &RunsPage::targetChosen);
    connect(m_target, &QComboBox::currentIndexChanged, this, &RunsPage::checkMemory);
    connect(m_images, &QSpinBox::valueChanged, this, &RunsPage::checkMemory);
    connect(m_editTargets, &QPushButton::clicked, this, &RunsPage::targetsEditRequested);
    m_progress->setVisible(false);
    m_log->setReadOnly(true);
    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setMaximumBlockCount(2000);
    m_log->setPlaceholderText(tr("The log of the running simulation appears here."));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_log->setFont(mono);

    connect(m_run, &QPushButton::clicked, this, &RunsPage::requestRun);
    connect(m_cancel, &QPushButton::clicked, this, &RunsPage::cancelRequested);
    connect(m_f1, &QPushButton::clicked, this, [this] {
        const QString xclbin = QFileDialog::getOpenFileName(this, tr("Accelerator built by hls/f1/build.sh"), QString(),
                                                            tr("FPGA images (*.awsxclbin *.xclbin)"));
        if (!xclbin.isEmpty()) Q_EMIT f1Requested(xclbin, m_images->value());
    });
    connect(m_loadTrained, &QPushButton::clicked, this, [this] {
        const QVariantList v = m_trained->currentData().toList();
        if (v.size() == 3) Q_EMIT loadDesignRequested(v[0].toString(), v[1].toInt(), v[2].toInt());
    });
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { showSelected(); });
    connect(m_historyModel, &QAbstractItemModel::modelReset, this, [this] {
        if (m_historyModel->rowCount() > 0) m_historyView->selectRow(0);
        showSelected();
    });
    m_historyView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_historyView, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        const int row = m_historyView->indexAt(pos).row();
        if (row >= 0) menu.addAction(tr("Delete this run"), this, [this, row] { m_history->remove(row); });
        menu.addAction(tr("Clear history"), this, [this] { m_history->clear(); });
        menu.exec(m_historyView->viewport()->mapToGlobal(pos));
    });

    auto* runBox = new QGroupBox(tr("Run the current design"));
    auto* form = new QFormLayout(runBox);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_phase, 2);
    form->addRow(buttons);
    auto* opts = new QHBoxLayout;
    opts->addWidget(new QLabel(tr("Run on:")));
    opts->addWidget(m_target);
    opts->addWidget(m_editTargets);
    opts->addSpacing(12);
    opts->addWidget(new QLabel(tr("Images:")));
    opts->addWidget(m_images);
    opts->addSpacing(12);
    opts->addWidget(new QLabel(tr("Folding:")));
    opts->addWidget(m_folding);
    opts->addSpacing(12);
    opts->addWidget(new QLabel(tr("Trained designs:")));
    opts->addWidget(m_trained, 1);
    opts->addWidget(m_loadTrained);
    form->addRow(opts);
    form->addRow(m_params);
    form->addRow(m_memory);
    auto* f1 = new QHBoxLayout;
    f1->addWidget(m_f1);
    f1->addWidget(m_f1Info, 1);
    form->addRow(f1);

    auto* details = new QWidget;
    auto* dl = new QVBoxLayout(details);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_summary);
    dl->addWidget(m_stageView, 2);
    dl->addWidget(m_log, 1);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_historyView);
    split->addWidget(details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    // Long texts give way (elided, full text in the tooltip) so every column stays in view.
    m_historyView->horizontalHeader()->setStretchLastSection(false);
    m_historyView->horizontalHeader()->setSectionResizeMode(RunHistoryModel::Design, QHeaderView::Stretch);
    m_historyView->setColumnHidden(RunHistoryModel::Params, true); // the summary beside it names the parameters
    m_historyView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    split->setSizes({900, 1100}); // in proportion: the stage table needs a little more than the history
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(runBox);
    lay->addWidget(split, 1);
    setXrt({});
    if (m_historyModel->rowCount() > 0) m_historyView->selectRow(0);
    showSelected();
}

void RunsPage::requestRun() {
    checkMemory();
    if (!m_refusal.isEmpty()) return; // explained in place, under the options
    Q_EMIT runRequested(m_images->value(), m_folding->currentData().toBool());
}

void RunsPage::setSimulationNetwork(const Network& network) {
    m_network = network;
    checkMemory();
}

namespace {
QString mib(std::uint64_t bytes) { return fmt::count(double((bytes + (1u << 20) - 1) >> 20)) + QStringLiteral(" MiB"); }
} // namespace

void RunsPage::checkMemory() {
    m_refusal.clear();
    if (!m_network) return m_memory->clear();
    if (m_target->currentIndex() > 0) {
        m_memory->setText(tr("Memory: checked on the SSH host against its own limit when the run starts."));
    } else {
        // The runner's own estimate and limit: the same numbers would refuse the run after it started.
        const SimOptions options;
        const std::uint64_t need = simulationMemoryBytes(*m_network, m_images->value(), options);
        try {
            const std::uint64_t limit = simulationMemoryLimit(options);
            if (need > limit)
                m_refusal = tr("Too large to simulate here: %1 with %2 images needs about %3 of memory, more than the "
                               "limit of %4 (half of this machine's memory unless $BITFOLD_SIM_MEMORY_LIMIT says "
                               "otherwise). Use fewer images or a smaller network.")
                                .arg(QString::fromStdString(m_network->name))
                                .arg(m_images->value())
                                .arg(mib(need), mib(limit));
            else
                m_memory->setText(
                    tr("Memory: about %1 of the %2 a simulation may use on this machine.").arg(mib(need), mib(limit)));
        } catch (const Error& e) {
            m_refusal = QString::fromUtf8(e.what());
        }
        if (!m_refusal.isEmpty())
            m_memory->setText(QStringLiteral("<span style='color:#d93025'>%1</span>").arg(m_refusal.toHtmlEscaped()));
    }
    m_run->setEnabled(!m_busy && m_refusal.isEmpty());
    m_run->setToolTip(m_refusal.isEmpty()
                          ? tr("Generate the accelerator for this design, compile its C simulation and run it (Ctrl+R)")
                          : m_refusal);
}

QString RunsPage::memoryText() const { return m_memory->text(); }

void RunsPage::setTargets(const QStringList& remoteLabels, int current) {
    m_target->clear();
    m_target->addItem(tr("this machine"));
    m_target->addItems(remoteLabels);
    m_target->setCurrentIndex(std::clamp(current, 0, int(remoteLabels.size())));
}

void RunsPage::setParametersInfo(const QString& html) { m_params->setText(html); }

void RunsPage::setXrt(const XrtStatus& s) {
    m_f1->setEnabled(s.available);
    m_f1Info->setText(s.explanation.isEmpty() ? tr("Checking for an FPGA…") : s.explanation.toHtmlEscaped());
}

void RunsPage::setTrainedDesigns(const QList<std::tuple<QString, QString, int, int>>& designs) {
    m_trained->clear();
    for (const auto& [label, net, w, a] : designs) m_trained->addItem(label, QVariantList{net, w, a});
    m_trained->setEnabled(!designs.isEmpty());
    m_loadTrained->setEnabled(!designs.isEmpty());
    if (designs.isEmpty()) m_trained->addItem(tr("(none found)"));
}

void RunsPage::selectTrainedDesign(const QString& network, int w, int a) {
    const int i = m_trained->findData(QVariantList{network, w, a});
    if (i >= 0) m_trained->setCurrentIndex(i);
}

void RunsPage::setBusy(bool busy) {
    m_busy = busy;
    m_run->setEnabled(!busy && m_refusal.isEmpty());
    m_target->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0); // compiling: no measure of progress yet
        m_log->clear();
    } else {
        m_phase->clear();
    }
}

void RunsPage::setPhase(const QString& phase) { m_phase->setText(phase); }

void RunsPage::setProgress(int done, int total, double accuracy, int mismatches) {
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    QString text = tr("%1 of %2 images").arg(done).arg(total);
    if (accuracy >= 0) text += tr(", accuracy so far %1%").arg(100 * accuracy, 0, 'f', 2);
    text += mismatches ? tr(", %1 differ from the golden reference").arg(mismatches) : tr(", bit-exact so far");
    m_phase->setText(text);
}

void RunsPage::appendLog(const QStringList& lines) {
    for (const QString& l : lines) m_log->appendPlainText(l);
}

void RunsPage::clearLog() { m_log->clear(); }

void RunsPage::showRun(int row) { m_historyView->selectRow(row); }

int RunsPage::images() const { return m_images->value(); }

QString RunsPage::summaryText() const { return m_summary->text(); }

void RunsPage::showSelected() {
    const int row = m_historyView->currentIndex().isValid() ? m_historyView->currentIndex().row() : -1;
    const auto& runs = m_history->runs();
    if (row < 0 || row >= int(runs.size())) {
        m_stages->setRun({});
        m_summary->setText(runs.empty() ? tr("No runs yet. <i>Run in simulation</i> compiles and runs the accelerator "
                                             "for the current design and compares it with the prediction.")
                                        : QString());
        return;
    }
    const RunRecord& r = runs[std::size_t(row)];
    m_stages->setRun(r);
    QStringList facts{tr("at %1 MHz").arg(fmt::count(r.clockMhz))};
    if (!r.params.empty()) facts << QString::fromStdString(r.params);
    if (!r.folding.empty()) facts << tr("folding %1").arg(QString::fromStdString(r.folding));
    QString s = tr("<b>%1 %2 on %3</b> %4<br>")
                    .arg(QString::fromStdString(r.networkName), QString::fromStdString(r.precision),
                         QString::fromStdString(r.device), facts.join(QStringLiteral(" · ")));
    s += tr("Predicted (model %1): %2 at %3 cycles per frame.")
             .arg(QString::fromStdString(r.model), fmt::fps(r.predictedFps), fmt::count(double(r.predictedCycles)));
    if (r.status == RunRecord::Status::Finished && !r.stages.empty()) {
        const auto ii = r.countedInterval();
        const auto slowest = std::max_element(r.stages.begin(), r.stages.end(),
                                              [](auto& a, auto& b) { return a.cyclesCounted < b.cyclesCounted; });
        s += tr(" Simulated: the slowest block (%1) counted %2 cycles → %3 at %4 MHz %5.")
                 .arg(QString::fromStdString(slowest->name), fmt::count(double(ii)),
                      fmt::fps(ii ? r.clockMhz * 1e6 / double(ii) : 0), fmt::count(r.clockMhz),
                      r.cyclesMatch() ? tr("<span style='color:#188038'>(every block as predicted)</span>")
                                      : tr("<span style='color:#d93025'>(blocks differ, see below)</span>"));
        s += tr("<br>%1: %2")
                 .arg(QString::fromStdString(r.images),
                      !r.goldenChecked ? tr("not checked against the golden reference")
                          : r.bitExact ? tr("<b style='color:#188038'>bit-exact</b> against the golden reference")
                                       : tr("<b style='color:#d93025'>%1 images differ</b> (first: %2)")
                                             .arg(r.mismatches)
                                             .arg(QString::fromStdString(r.firstMismatch).toHtmlEscaped()));
        if (r.accuracy)
            s += tr("; accuracy <b>%1%</b> (simulated)").arg(100 * *r.accuracy, 0, 'f', 2) +
                (r.packageAccuracy ? tr(", golden reference measured %1% on the full test set")
                                         .arg(100 * *r.packageAccuracy, 0, 'f', 2)
                                   : QString());
        else
            s += tr("; no accuracy (random parameters or unlabelled images)");
        s += tr("<br>Simulation %1 s (%2 images/s, one core), compile %3.")
                 .arg(r.simSeconds, 0, 'f', 2)
                 .arg(r.imagesPerSecond, 0, 'f', 0)
                 .arg(r.cached ? tr("cached") : tr("%1 s").arg(r.compileSeconds, 0, 'f', 1));
    } else if (r.status == RunRecord::Status::Failed) {
        s += tr("<br><b style='color:#d93025'>Failed:</b> %1").arg(QString::fromStdString(r.error).toHtmlEscaped());
    } else {
        s += tr("<br>Status: %1").arg(QString::fromLatin1(toString(r.status)));
    }
    m_summary->setText(s);
    if (!m_cancel->isEnabled()) { // not running: show the stored log
        m_log->clear();
        for (const auto& l : r.log) m_log->appendPlainText(QString::fromStdString(l));
    }
}

QWidget* RunsPage::exportWidget() { return this; }
QAbstractItemModel* RunsPage::exportTable() { return m_stages; }

} // namespace bitfold::gui
