// Crash-safe state (issue 13, docs/reliability.md). Sessions, the run history and the settings
// are written through a temporary, fsync and a rename: a writer killed with SIGKILL at random
// moments (this program, started again as a child that writes a large file in a loop) always
// leaves the old or the new version on disk, complete; the same kill of a plain truncate-and-
// write writer tears the file, so the check can fail. Damaged settings are moved aside with a
// message naming the file, never lost or a crash.
#include "gui_test_util.h"
#include "main_window.h"
#include "session/run_history.h"
#include "session/run_targets.h"
#include "session/saved_state.h"
#include "session/session_files.h"
#include "widgets/banner.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace bitfold;
using namespace bitfold::gui;

namespace {

constexpr const char* kWriterEnv = "BITFOLD_TEST_STATE_WRITER"; // "KIND PATH": run as the writer child

/// Two versions of a large session (~1 MB): 20,000 manual layer foldings.
DesignConfig bigSession(int version) {
    DesignConfig c;
    c.mode = FoldingMode::Manual;
    c.clockMhz = 100 + version;
    c.manualFolding.layers.resize(20000);
    for (std::size_t i = 0; i < c.manualFolding.layers.size(); ++i)
        c.manualFolding.layers[i] = {.pe = int(i % 7) + version + 1, .simd = int(i % 5) + 1};
    return c;
}

/// Two versions of a large run history entry (~0.8 MB): 5,000 stages.
RunRecord bigRun(int version) {
    RunRecord r;
    r.id = "big";
    r.status = RunRecord::Status::Finished;
    r.accuracy = 0.5 + 0.25 * version;
    for (int i = 0; i < 5000; ++i)
        r.stages.push_back(
            {"stage" + std::to_string(i), "fc", "mvtu", std::uint64_t(i), std::uint64_t(i + version), i});
    return r;
}

/// Two versions of a large settings value (~1 MB), as the last session is kept.
QByteArray bigSetting(int version) { return QByteArray::fromStdString(toJson(bigSession(version)).dump()); }

/// Writes version `v` of `kind` to `path` the way the explorer does ("plain": truncate and
/// write in place, the way not to).
void writeVersion(const QString& kind, const QString& path, int v, RunHistory* history = nullptr) {
    if (kind == "session") {
        SessionFiles files;
        if (const QString err = files.write(path, bigSession(v)); !err.isEmpty()) qFatal("%s", qPrintable(err));
    } else if (kind == "history") {
        history->update(bigRun(v));
    } else if (kind == "settings") {
        QSettings s(path, QSettings::IniFormat);
        s.setValue("session/last", bigSetting(v));
        s.sync();
    } else if (kind == "plain") {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(path));
        const std::string text = toJson(bigSession(v)).dump(1) + "\n";
        for (std::size_t at = 0; at < text.size(); at += 4096)
            f.write(text.data() + at, qint64(std::min<std::size_t>(4096, text.size() - at)));
    }
}

/// The child: writes versions 0 and 1 in turn until killed; "ready" after the first.
int writeForever(const QString& kind, const QString& path) {
    RunHistory history(kind == "history" ? path : QString("/nonexistent/unused.json"));
    for (long i = 0;; ++i) {
        writeVersion(kind, path, int(i % 2), &history);
        if (i == 0) {
            fputs("ready\n", stdout);
            fflush(stdout);
        }
    }
}

} // namespace

class TestGuiState : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    /// The complete bytes of version `v` of `kind`, written by this process.
    QByteArray reference(const QString& kind, int v) {
        const QString path = dir.filePath(QString("ref-%1-%2").arg(kind).arg(v));
        QFile::remove(path);
        RunHistory history(kind == "history" ? path : dir.filePath("unused.json"));
        writeVersion(kind, path, v, &history);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) qFatal("no reference");
        return f.readAll();
    }

    /// Starts the writer `rounds` times, kills it (SIGKILL) after a random 0-250 ms of writing;
    /// returns how many kills left a file that is neither complete version.
    int tornFiles(const QString& kind, int rounds) {
        const QByteArray v0 = reference(kind, 0), v1 = reference(kind, 1);
        const QString path = dir.filePath("target-" + kind);
        int torn = 0, old0 = 0, new1 = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess writer;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(kWriterEnv, kind + " " + path);
            writer.setProcessEnvironment(env);
            writer.start(QCoreApplication::applicationFilePath(), {});
            if (!writer.waitForReadyRead(60000))
                qFatal("the writer did not start: %s", writer.readAllStandardError().constData());
            QThread::msleep(QRandomGenerator::global()->bounded(250));
            writer.kill();
            writer.waitForFinished(10000);
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) qFatal("no file after a kill");
            const QByteArray now = f.readAll();
            torn += now != v0 && now != v1;
            old0 += now == v0;
            new1 += now == v1;
        }
        qInfo("%s: %d kills: %d version 0, %d version 1, %d torn (%lld bytes each)", qPrintable(kind), rounds, old0,
              new1, torn, qint64(v0.size()));
        return torn;
    }

    std::unique_ptr<MainWindow> window() {
        auto w = std::make_unique<MainWindow>(
            MainWindow::Options{.useSettings = true, .runHistoryPath = dir.filePath("runs.json")});
        w->show();
        if (!test::settle(w->session())) qFatal("no design");
        return w;
    }

    static QString settingsFile() { return QSettings().fileName(); }

private Q_SLOTS:
    void initTestCase() {
        test::isolate();
        QVERIFY(dir.isValid());
    }
    void init() {
        QFile::remove(settingsFile());
        QFile::remove(settingsFile() + ".damaged");
    }

    void killedWritersLeaveOldOrNew_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("session") << "session";
        QTest::newRow("run history") << "history";
        QTest::newRow("settings") << "settings";
    }
    void killedWritersLeaveOldOrNew() {
        QFETCH(QString, kind);
        QCOMPARE(tornFiles(kind, 15), 0);
    }

    void killedPlainWriterTearsTheFile() { // the check above can fail
        QVERIFY(tornFiles("plain", 5) > 0);
    }

    void damagedSettingsFileIsMovedAside() {
        const QByteArray damaged =
            "[window\ngeometry=@ByteArray(\x01\x02\n[session]\nlast=\"{\\\"network\\\": \\\"tfc\\\"}\"\n";
        {
            QFile f(settingsFile());
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(damaged);
        }
        QCOMPARE(QSettings().status(), QSettings::FormatError);
        auto w = window();
        QFile aside(settingsFile() + ".damaged");
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), damaged); // kept as it was, for the user
        QCOMPARE(QSettings().status(), QSettings::NoError);
        QVERIFY2(w->banner()->text().contains(settingsFile() + ".damaged"), qPrintable(w->banner()->text()));
        QVERIFY(w->statusBar()->currentMessage().contains(settingsFile()));
        w->close(); // saves the window's state afresh
        QCOMPARE(QSettings().status(), QSettings::NoError);
        QVERIFY(QSettings().contains("session/last"));
    }

    void damagedLastSessionIsKept() {
        QSettings().setValue("session/last", QByteArray("{\"network\": \"tfc\", \"clock_mhz\": "));
        auto w = window();
        QCOMPARE(w->session()->config().network, DesignConfig{}.network); // the default design instead
        QCOMPARE(w->session()->config().clockMhz, DesignConfig{}.clockMhz);
        QCOMPARE(QSettings().value("session/last-damaged").toByteArray(),
                 QByteArray("{\"network\": \"tfc\", \"clock_mhz\": "));
        QVERIFY2(w->banner()->text().contains("last session") && w->banner()->text().contains(settingsFile()),
                 qPrintable(w->banner()->text()));
        QCOMPARE(w->banner()->notice().level, Notice::Level::Warning);
    }

    void damagedRunTargetsAreKept() {
        const QByteArray targets = R"([{"name": "f1", "host": "example.org", "port": "twenty-two"}])";
        QSettings().setValue("runs/targets", targets);
        QString problem;
        QVERIFY(loadRunTargets(&problem).empty());
        QVERIFY2(problem.contains("run targets") && problem.contains(settingsFile()), qPrintable(problem));
        QCOMPARE(QSettings().value("runs/targets-damaged").toByteArray(), targets);
        QSettings().setValue("runs/targets", targets);
        auto w = window(); // threw from the window's constructor before
        QVERIFY2(w->banner()->text().contains("run targets"), qPrintable(w->banner()->text()));
    }

    void intactStateGivesNoMessage() {
        QSettings().setValue("session/last", QByteArray::fromStdString(toJson(DesignConfig{}).dump()));
        QCOMPARE(checkSettingsFile(), QString());
        auto w = window();
        QVERIFY(!w->banner()->text().contains("settings file"));
        QVERIFY(!QFile::exists(settingsFile() + ".damaged"));
    }
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsSet(kWriterEnv)) {
        QCoreApplication app(argc, argv);
        test::isolate();
        const QStringList w = qEnvironmentVariable(kWriterEnv).split(' ');
        return writeForever(w.at(0), w.mid(1).join(' '));
    }
    QApplication app(argc, argv);
    TestGuiState t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_gui_state.moc"
