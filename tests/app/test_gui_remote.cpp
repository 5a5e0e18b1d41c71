// Runs on an SSH host from the GUI, against a private sshd on a loopback port
// (tests/remote/sshd_server.h): a C simulation there gives the same result row as one on this
// machine (with the host and its Bitfold version recorded), and Run on F1 there shows the
// host's "no device" as the run's failure.
#include "main_window.h"
#include "models/run_history_model.h"
#include "pages/runs_page.h"
#include "run_window.h"
#include "session/model_index.h"
#include "session/run_controller.h"
#include "session/run_history.h"
#include "session/run_targets.h"
#include "sshd_server.h"
#include "widgets/target_dialog.h"

#include <QComboBox>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace bitfold;
using namespace bitfold::gui;

class TestGuiRemote : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    std::unique_ptr<MainWindow> window() {
        auto w = test::runsWindow(dir);
        if (!test::useTfcW1A1(w.get())) qFatal("no TFC design");
        return w;
    }

    static void chooseTarget(MainWindow* w, int index) {
        auto* combo = w->runsPage()->findChild<QComboBox*>(QStringLiteral("runTarget"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 2);
        combo->setCurrentIndex(index);
        Q_EMIT combo->activated(index);
    }

    static RunRecord run(MainWindow* w, int images) {
        RunController* runs = w->runController();
        QSignalSpy ended(runs, &RunController::runEnded);
        Q_EMIT w->runsPage()->runRequested(images, false);
        if (!ended.wait(280000)) qWarning("the run did not end");
        return runs->history()->runs()[0];
    }

private Q_SLOTS:
    void initTestCase() { test::isolate(); }

    void remoteRunGivesTheLocalRow() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        remote::RemoteTarget target = server.target();
        target.name = "loopback";
        target.remoteCli = BITFOLD_CLI;
        saveRunTargets({target});
        auto w = window();
        QTRY_VERIFY_WITH_TIMEOUT(w->runController()->models()->ready(), 30000);
        if (w->runController()->packageFor(w->session()->state()).empty()) QSKIP("no trained package for TFC W1A1");

        const RunRecord local = run(w.get(), 200);
        QVERIFY2(local.status == RunRecord::Status::Finished, local.error.c_str());
        chooseTarget(w.get(), 1);
        const RunRecord remote = run(w.get(), 200);
        QVERIFY2(remote.status == RunRecord::Status::Finished, remote.error.c_str());
        QCOMPARE(remote.host, std::string("loopback"));
        QCOMPARE(remote.hostVersion, std::string(BITFOLD_VERSION_TEXT));
        QVERIFY(local.host.empty());
        QVERIFY(remote.bitExact);
        QVERIFY(remote.accuracy.has_value());
        QCOMPARE(remote.accuracy, local.accuracy);
        QCOMPARE(remote.stages, local.stages);
        // The result rows, column by column (the start time and the target aside).
        const RunHistoryModel* m = w->runsPage()->historyModel();
        for (int c = 0; c < RunHistoryModel::ColumnCount; ++c) {
            if (c == RunHistoryModel::Started || c == RunHistoryModel::Target) continue;
            QCOMPARE(m->index(0, c).data(), m->index(1, c).data());
        }
        QCOMPARE(m->index(0, RunHistoryModel::Target).data().toString(), QStringLiteral("simulation @ loopback"));
        QCOMPARE(m->index(1, RunHistoryModel::Target).data().toString(), QStringLiteral("simulation"));
    }

    void testConnectionInTheDialog() {
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        remote::RemoteTarget target = server.target();
        target.remoteCli = BITFOLD_CLI;
        TargetDialog dialog({target});
        QSignalSpy tested(&dialog, &TargetDialog::tested);
        dialog.testConnection();
        QVERIFY(tested.wait(60000));
        QVERIFY2(dialog.resultText().contains(QStringLiteral("Bitfold " BITFOLD_VERSION_TEXT)),
                 qPrintable(dialog.resultText()));
        QCOMPARE(dialog.targets().size(), std::size_t(1));
        QCOMPARE(dialog.targets()[0], target); // shown and stored back unchanged
    }

    void remoteF1ShowsNoDevice() {
#ifndef BITFOLD_F1_HOST
        QSKIP("bitfold-f1-host is not built (no XRT)");
#else
        SshdServer server;
        if (!server.problem().empty()) QSKIP(server.problem().c_str());
        remote::RemoteTarget target = server.target();
        target.name = "f1";
        target.remoteCli = BITFOLD_CLI;
        target.remoteF1Host = BITFOLD_F1_HOST;
        saveRunTargets({target});
        auto w = window();
        QTRY_VERIFY_WITH_TIMEOUT(w->runController()->models()->ready(), 30000);
        if (w->runController()->packageFor(w->session()->state()).empty()) QSKIP("no trained package for TFC W1A1");
        chooseTarget(w.get(), 1);
        QVERIFY(w->runsPage()->findChild<QPushButton*>(QStringLiteral("runF1"))->isEnabled());
        const QString xclbin = dir.filePath("bitfold.awsxclbin");
        std::ofstream(xclbin.toStdString()) << "not a real AFI";
        RunController* runs = w->runController();
        QSignalSpy ended(runs, &RunController::runEnded);
        Q_EMIT w->runsPage()->f1Requested(xclbin, 10);
        QVERIFY(ended.wait(60000));
        const RunRecord r = runs->history()->runs()[0];
        QCOMPARE(r.status, RunRecord::Status::Failed);
        QVERIFY(r.measured());
        QCOMPARE(r.host, std::string("f1"));
        QVERIFY2(r.error.find("no usable Xilinx FPGA device") != std::string::npos, r.error.c_str());
        const RunHistoryModel* m = w->runsPage()->historyModel();
        QCOMPARE(m->index(0, RunHistoryModel::Target).data().toString(), QStringLiteral("f1 (measured) @ f1"));
        w->runsPage()->showRun(0);
        QVERIFY(w->runsPage()->summaryText().contains("no usable Xilinx FPGA device"));
#endif
    }
};

QTEST_MAIN(TestGuiRemote)
#include "test_gui_remote.moc"
