// Pareto, precision map and device scaling: background jobs fill the models, a click on a
// plotted point (slot and mouse) loads it, a sweep can be cancelled.
#include "gui_test_util.h"
#include "main_window.h"
#include "models/precision_map_model.h"
#include "models/scaling_model.h"
#include "models/sweep_model.h"
#include "pages/pareto_page.h"
#include "pages/precision_map_page.h"
#include "plots/pareto_plot.h"
#include "plots/precision_map_plot.h"
#include "session/analysis_jobs.h"
#include "session/background_job.h"

#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace bitfold;
using namespace bitfold::gui;

class TestGuiAnalysis : public QObject {
    Q_OBJECT
    MainWindow* w = nullptr;

    void sweep(std::vector<std::string> nets, std::vector<int> bits) {
        SweepSpec spec = w->paretoPage()->currentSpec();
        spec.networks = std::move(nets);
        spec.weightBits = spec.actBits = std::move(bits);
        QSignalSpy done(w->analysisJobs()->sweepJob(), &BackgroundJob::finished);
        Q_EMIT w->paretoPage()->sweepRequested(spec);
        QVERIFY(done.wait(60000));
    }

private Q_SLOTS:
    void initTestCase() {
        test::isolate();
        w = new MainWindow(MainWindow::Options{.useSettings = false});
        w->resize(1500, 950);
        w->show();
        QVERIFY(test::settle(w->session()));
    }
    void cleanupTestCase() { delete w; }

    void sweepFillsModelAndPlot() {
        sweep({"tfc", "sfc", "lfc"}, {1, 2, 4});
        QCOMPARE(w->sweepModel()->rowCount(), 27);
        ParetoPlot* plot = w->paretoPage()->plot();
        QVERIFY(!plot->plottedRows().empty()); // FPS vs accuracy: the points with an accuracy
        QVERIFY(!plot->frontRows().empty());
        w->paretoPage()->setAxes(Objective::Lut, Objective::Fps);
        QVERIFY(plot->plottedRows().size() > 9); // no accuracy needed: every fitting design
    }

    void clickLoadsPoint_slot() {
        const int row = w->paretoPage()->plot()->plottedRows().front();
        const DesignPoint p = w->sweepModel()->point(row);
        w->paretoPage()->selectRow(row);
        QVERIFY(test::settle(w->session()));
        QCOMPARE(w->session()->config().network, p.network);
        QCOMPARE(w->session()->config().precision.weightBits, p.weightBits);
        QCOMPARE(w->session()->config().precision.actBits, p.actBits);
        QCOMPARE(w->session()->state().estimate.fps, p.fps); // the optimizer finds the same design again
    }

    void clickLoadsPoint_mouse() {
        QVERIFY(w->showPage("pareto"));
        ParetoPlot* plot = w->paretoPage()->plot();
        plot->replot();
        // A point different from the loaded design.
        int row = -1;
        for (int r : plot->plottedRows()) {
            const DesignPoint& p = w->sweepModel()->point(r);
            if (p.network != w->session()->config().network || p.weightBits != w->session()->config().precision.weightBits) {
                row = r;
                break;
            }
        }
        QVERIFY(row >= 0);
        const DesignPoint p = w->sweepModel()->point(row);
        const QPoint at = plot->pixelOfRow(row);
        QVERIFY(plot->rect().contains(at));
        QTest::mouseClick(plot, Qt::LeftButton, {}, at);
        QVERIFY(test::settle(w->session()));
        QCOMPARE(w->session()->config().network, p.network);
        QCOMPARE(w->session()->config().precision.weightBits, p.weightBits);
    }

    void sweepCancels() {
        const int before = w->sweepModel()->rowCount();
        SweepSpec spec = w->paretoPage()->currentSpec();
        spec.devices = {}; // every device: long enough to cancel
        QSignalSpy cancelled(w->analysisJobs()->sweepJob(), &BackgroundJob::cancelled);
        Q_EMIT w->paretoPage()->sweepRequested(spec);
        QVERIFY(w->analysisJobs()->sweepJob()->busy());
        Q_EMIT w->paretoPage()->cancelRequested();
        QVERIFY(cancelled.wait(30000));
        QVERIFY(!w->analysisJobs()->sweepJob()->busy());
        QCOMPARE(w->sweepModel()->rowCount(), before); // a cancelled sweep leaves the last one shown
    }

    void precisionMapAndScaling() {
        DesignConfig c = w->session()->config();
        c.network = "tfc";
        w->session()->setConfig(c, "test");
        QVERIFY(test::settle(w->session()));
        QVERIFY(w->showPage("scaling")); // analyses run for the page in front
        QTRY_VERIFY_WITH_TIMEOUT(w->analysisJobs()->idle(), 60000);
        QVERIFY(w->scalingModel()->rowCount() > 20);
        QVERIFY(w->showPage("precision-map"));
        QTRY_VERIFY_WITH_TIMEOUT(w->analysisJobs()->idle(), 60000);
        PrecisionMapModel* map = w->precisionMapModel();
        QCOMPARE(map->rowCount(), int(AnalysisJobs::mapBits().size()));
        QCOMPARE(map->cell(0, 0).network, std::string("tfc"));
        QVERIFY(map->cell(0, 0).fits);

        // Clicking a cell picks that precision.
        PrecisionMapPlot* plot = w->precisionMapPage()->plot();
        plot->replot();
        QTest::mouseClick(plot, Qt::LeftButton, {}, plot->cellCenter(1, 3)); // W2, A4
        QVERIFY(test::settle(w->session()));
        QCOMPARE(w->session()->config().precision.weightBits, 2);
        QCOMPARE(w->session()->config().precision.actBits, 4);
    }
};

QTEST_MAIN(TestGuiAnalysis)
#include "test_gui_analysis.moc"
