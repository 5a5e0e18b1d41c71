// Change -> redrawn overview, measured: a precision pick in the configuration panel until the
// overview (and everything else listening) has repainted. Manual folding evaluates inline;
// the optimizer modes wait for the worker's result. Numbers go to docs/gui.md.
#include "gui_test_util.h"
#include "main_window.h"
#include "pages/overview_page.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTest>

using namespace bitfold;
using namespace bitfold::gui;

class BenchGuiUpdate : public QObject {
    Q_OBJECT
    MainWindow* w = nullptr;
    QComboBox* weights = nullptr;
    int flip = 0;
    struct Samples {
        QString label;
        qint64 worst = 0, total = 0;
        int n = 0;
    };
    std::vector<Samples> results;

    /// One user change: the weight bits alternate between 1 and 2.
    void change() {
        const int i = weights->findData((flip++ % 2) ? 1 : 2);
        weights->setCurrentIndex(i);
        Q_EMIT weights->activated(i);
    }

    void measure(FoldingMode mode, const char* label) {
        DesignConfig c = w->session()->config();
        c.mode = mode;
        c.targetFps = 2000;
        w->session()->setConfig(c, "bench");
        QVERIFY(test::settle(w->session()));
        auto it = std::find_if(results.begin(), results.end(), [&](const Samples& x) { return x.label == label; });
        Samples& r = it != results.end() ? *it : results.emplace_back(Samples{QString::fromLatin1(label)});
        QElapsedTimer t;
        QBENCHMARK {
            t.start();
            change();
            QVERIFY(test::settle(w->session()));
            w->overviewPage()->repaint(); // synchronous paint of the redrawn page
            const qint64 ns = t.nsecsElapsed();
            r.worst = std::max(r.worst, ns);
            r.total += ns;
            ++r.n;
        }
        // The requirement, well under 100 ms, is read off the report (cleanupTestCase), not asserted:
        // a wall-clock limit in a test fails on a loaded machine (speed lives in benchmarks).
    }

private Q_SLOTS:
    void initTestCase() {
        test::isolate();
        w = new MainWindow(MainWindow::Options{.useSettings = false, .runHistoryPath = {}});
        w->resize(1600, 1000);
        w->show();
        QVERIFY(test::settle(w->session()));
        w->showPage("overview");
        weights = w->findChild<QComboBox*>("weightsCombo");
        QVERIFY(weights);
    }
    void cleanupTestCase() {
        for (const Samples& r : results)
            qInfo("%s: change -> redrawn overview %.2f ms mean, %.2f ms worst over %d changes (CNV, PYNQ-Z1)",
                  qPrintable(r.label), r.total / 1e6 / r.n, r.worst / 1e6, r.n);
        delete w;
    }

    void manualFolding() { measure(FoldingMode::Manual, "manual folding (inline estimate)"); }
    void maximiseFps() { measure(FoldingMode::MaxFps, "maximise FPS (optimizer on a worker)"); }
    void targetFps() { measure(FoldingMode::TargetFps, "target 2000 FPS (optimizer on a worker)"); }
};

QTEST_MAIN(BenchGuiUpdate)
#include "bench_gui_update.moc"
