// Runs: the history survives restarts (and a damaged file), a simulation run can be started
// and cancelled, and a full run of a design with a trained model reports bit-exactness,
// counted cycles equal to the predicted ones and a simulated accuracy.
#include "bitfold/sim_runner.h"
#include "main_window.h"
#include "models/run_history_model.h"
#include "models/run_stage_model.h"
#include "models/roles.h"
#include "models/sweep_model.h"
#include "pages/runs_page.h"
#include "run_window.h"
#include "session/model_index.h"
#include "session/run_controller.h"
#include "session/run_history.h"
#include "session/sim_job.h"

#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QHeaderView>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <algorithm>
#include <array>
#include <set>

using namespace bitfold;
using namespace bitfold::gui;

class TestGuiRuns : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    std::unique_ptr<MainWindow> window() { return test::runsWindow(dir); }
    void loadTfc(MainWindow* w) { QVERIFY(test::useTfcW1A1(w)); }

private Q_SLOTS:
    void initTestCase() { test::isolate(); }

    void historyPersists() {
        const QString path = dir.filePath("h.json");
        {
            RunHistory h(path);
            RunRecord r;
            r.id = "x1";
            r.networkName = "TFC";
            r.status = RunRecord::Status::Finished;
            r.accuracy = 0.5;
            r.stages = {{"fc0", "fc0", "mvtu", 10, 10, 10}};
            h.add(r);
            r.id = "x2";
            r.status = RunRecord::Status::Running; // the program ended during this run
            h.add(r);
        }
        RunHistory again(path);
        QCOMPARE(int(again.runs().size()), 2);
        QCOMPARE(again.runs()[1].id, std::string("x1"));
        QCOMPARE(*again.runs()[1].accuracy, 0.5);
        QCOMPARE(again.runs()[1].stages.size(), std::size_t(1));
        QCOMPARE(again.runs()[0].status, RunRecord::Status::Cancelled);

        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ damaged");
        f.close();
        RunHistory damaged(path);
        QVERIFY(damaged.runs().empty());
        QVERIFY(!damaged.loadProblem().isEmpty());
        QVERIFY(QFile::exists(path + ".damaged"));
    }

    void startAndCancel() {
        auto w = window();
        loadTfc(w.get());
        RunController* runs = w->runController();
        QSignalSpy ended(runs, &RunController::runEnded);
        QSignalSpy progress(runs->job(), &SimJob::progress);
        // Cancelled while preparing or compiling.
        Q_EMIT w->runsPage()->runRequested(10000, false);
        QVERIFY(runs->busy());
        QCOMPARE(w->runsPage()->historyModel()->rowCount(), 1);
        QCOMPARE(runs->history()->runs()[0].status, RunRecord::Status::Running);
        runs->cancel();
        QVERIFY(ended.wait(60000));
        QVERIFY(!runs->busy());
        QCOMPARE(runs->history()->runs()[0].status, RunRecord::Status::Cancelled);
        // Cancelled while simulating: the simulation process is killed.
        Q_EMIT w->runsPage()->runRequested(10000, false);
        QVERIFY(progress.wait(240000));
        runs->cancel();
        QVERIFY(ended.wait(60000));
        QCOMPARE(runs->history()->runs()[0].status, RunRecord::Status::Cancelled);
        QVERIFY(runs->history()->runs()[0].imagesDone < 10000);
        QCOMPARE(w->runsPage()->historyModel()->rowCount(), 2);
    }

    void fullRunWithTrainedModel() {
        auto w = window();
        loadTfc(w.get());
        RunController* runs = w->runController();
        QTRY_VERIFY_WITH_TIMEOUT(runs->models()->ready(), 30000);
        if (runs->packageFor(w->session()->state()).empty()) QSKIP("no trained package for TFC W1A1 shipped");
        QSignalSpy ended(runs, &RunController::runEnded);
        QSignalSpy progress(runs->job(), &SimJob::progress);
        const int sweepRows = w->sweepModel()->rowCount();
        Q_EMIT w->runsPage()->runRequested(200, false);
        QVERIFY(ended.wait(280000));
        const RunRecord r = runs->history()->runs()[0]; // a copy: the window goes away below
        QVERIFY2(r.status == RunRecord::Status::Finished, r.error.c_str());
        QVERIFY(r.goldenChecked);
        QVERIFY(r.bitExact);
        QCOMPARE(r.imagesDone, 200);
        QVERIFY(r.accuracy.has_value());
        QVERIFY(*r.accuracy > 0.5);
        QVERIFY(r.cyclesMatch());
        // The model's cycles for each MVTU equal the counted ones: prediction and hardware agree.
        for (const RunStageRecord& s : r.stages)
            if (s.kind == "mvtu") QCOMPARE(std::uint64_t(s.modelCycles), s.cyclesCounted);
        QVERIFY(progress.count() > 0);
        QVERIFY(w->runsPage()->summaryText().contains("bit-exact"));
        QCOMPARE(w->sweepModel()->rowCount(), sweepRows + 1); // the simulated accuracy joins the Pareto data
        QCOMPARE(w->sweepModel()->point(sweepRows).accuracy.kind, AccuracyKind::Simulated);

        // A restart shows the same history.
        w.reset();
        auto again = window();
        QCOMPARE(again->runController()->history()->runs()[0].id, r.id);
    }

    void trainedDesignsOncePerModelWithTrainedCnv() {
        auto w = window();
        RunController* runs = w->runController();
        QTRY_VERIFY_WITH_TIMEOUT(runs->models()->ready(), 30000);
        const auto designs = runs->trainedDesigns();
        std::set<std::string> models;
        for (const auto& d : designs) QVERIFY2(models.insert(d.model).second, d.model.c_str()); // no model twice
        auto cnv = std::find_if(designs.begin(), designs.end(), [](auto& d) { return d.model == "cnv-fm16-w1a1"; });
        QVERIFY(cnv != designs.end());
        QCOMPARE(cnv->network, std::string("cnv-fm16"));
        // Loading it gives the Runs page the trained package: runs measure accuracy.
        DesignConfig c = w->session()->config();
        c.network = "cnv-fm16";
        c.precision.weightBits = c.precision.actBits = 1;
        w->session()->setConfig(c, "test");
        QVERIFY(test::settle(w->session()));
        QVERIFY(!runs->packageFor(w->session()->state()).empty());
    }

    void historyColumnsFitWithoutScrolling() {
        auto w = window();
        w->resize(1600, 1000);
        QVERIFY(w->showPage("runs"));
        RunRecord r;
        r.id = "wide";
        r.started = "2026-12-02T09:10:00";
        r.networkName = "CNV-FM 16 with a rather long design name";
        r.precision = "W1A1";
        r.device = "Alveo U250 (XCU250)";
        r.params = "trained: cnv-fm16-w1a1 from resources/models";
        r.status = RunRecord::Status::Finished;
        r.goldenChecked = r.bitExact = true;
        r.accuracy = 0.84;
        // The blocks of a real CNV-FM run: the widest names and kinds a stage table shows.
        const std::vector<std::array<const char*, 3>> blocks{
            {"read", "", "read"},          {"quantize", "", "quantize"}, {"conv0.dwc", "conv0", "dwc"},
            {"conv0.swu", "conv0", "swu"}, {"conv0", "conv0", "mvtu"},   {"pool0", "pool0", "maxpool"},
            {"label", "", "label"},        {"write", "", "write"}};
        for (const auto& [name, layer, kind] : blocks)
            r.stages.push_back({name, layer, kind, 1234567, 1234567, 1234567});
        w->runController()->history()->add(r);
        auto* view = w->runsPage()->findChild<QTableView*>("runHistory");
        QVERIFY(view);
        QTRY_VERIFY(view->isVisible());
        QTest::qWait(50);
        QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        for (int c : {int(RunHistoryModel::Status), int(RunHistoryModel::BitExact), int(RunHistoryModel::Accuracy)}) {
            const int right = view->columnViewportPosition(c) + view->columnWidth(c);
            QVERIFY2(view->columnViewportPosition(c) >= 0 && right <= view->viewport()->width(),
                     qPrintable(QString::number(c)));
            QVERIFY(view->columnWidth(c) >= view->horizontalHeader()->sectionSizeHint(c) - 2); // not squeezed either
        }
        // The stage table beside it needs no scrolling either, and every header is in view and
        // readable (the Parameters header was cut to "aramete").
        auto* stages = w->runsPage()->findChild<QTableView*>("runStages");
        w->runsPage()->showRun(0);
        QTest::qWait(50);
        QVERIFY(stages->model()->rowCount() > 0);
        QCOMPARE(stages->horizontalScrollBar()->maximum(), 0);
        for (int c = 0; c < view->model()->columnCount(); ++c)
            if (!view->isColumnHidden(c) && c != RunHistoryModel::Design)
                QVERIFY2(view->columnWidth(c) >= view->horizontalHeader()->sectionSizeHint(c) - 2,
                         qPrintable(QString::number(c)));
        // The summary names only what is known: no "at 100 MHz, · folding" for a run without a folding.
        w->runsPage()->showRun(0);
        const QString summary = w->runsPage()->summaryText();
        QVERIFY2(summary.contains("trained: cnv-fm16-w1a1") && !summary.contains("folding") && !summary.contains(", ·"),
                 qPrintable(summary));
    }

    void hugeDesignRefusedBeforeItRuns() {
        // Issue 12: simulating a design too large for this machine failed with a raw
        // std::bad_alloc. The Runs page now shows the runner's estimate and limit in place and
        // refuses before anything starts.
        qputenv("BITFOLD_SIM_MEMORY_LIMIT", "100M");
        auto w = window(); // CNV: ~1.6 M weights, ~139 MiB to compile
        RunsPage* page = w->runsPage();
        auto* run = page->findChild<QPushButton*>("runSimulation");
        const std::uint64_t need = simulationMemoryBytes(w->session()->state().network, page->images());
        QVERIFY(need > (std::uint64_t(100) << 20));
        QVERIFY(!run->isEnabled());
        const QString mib = QString::number((need + (1u << 20) - 1) >> 20) + " MiB";
        QVERIFY2(page->refusal().contains(mib) && page->refusal().contains("100 MiB"), qPrintable(page->refusal()));
        QVERIFY(page->memoryText().contains(mib));
        QSignalSpy requested(page, &RunsPage::runRequested);
        const int runsBefore = page->historyModel()->rowCount();
        page->requestRun(); // what Ctrl+R does
        QCOMPARE(requested.count(), 0);
        QCOMPARE(page->historyModel()->rowCount(), runsBefore);

        loadTfc(w.get()); // small: it runs
        QVERIFY2(page->refusal().isEmpty(), qPrintable(page->refusal()));
        QVERIFY(run->isEnabled());
        QVERIFY(page->memoryText().contains("MiB"));
        // The image count counts too: a limit between 100 and 10,000 TFC images.
        const Network& tfc = w->session()->state().network;
        const std::uint64_t few = simulationMemoryBytes(tfc, 100), many = simulationMemoryBytes(tfc, 10000);
        QVERIFY(few < many);
        qputenv("BITFOLD_SIM_MEMORY_LIMIT", QByteArray::number(qulonglong((few + many) / 2)));
        auto* images = page->findChild<QSpinBox*>("runImages");
        images->setValue(10000);
        QVERIFY(!run->isEnabled() && page->refusal().contains("10000 images"));
        images->setValue(100);
        QVERIFY(run->isEnabled() && page->refusal().isEmpty());
        qunsetenv("BITFOLD_SIM_MEMORY_LIMIT");
    }

    void f1ExplainsWhatIsMissing() {
        auto w = window();
        const XrtStatus& x = w->runController()->xrt();
        if (x.available) QSKIP("an XRT device is present");
        QVERIFY(x.explanation.contains("XRT"));
        auto* b = w->findChild<QPushButton*>("runF1");
        QVERIFY(b && !b->isEnabled());
    }
};

QTEST_MAIN(TestGuiRuns)
#include "test_gui_runs.moc"
