// Session configuration: JSON round trip, errors, undo/redo through the session.
#include "bitfold/error.h"
#include "gui_test_util.h"
#include "session/design_config.h"
#include "session/design_session.h"
#include "session/session_files.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bitfold;
using namespace bitfold::gui;

class TestGuiConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolate(); }

    void roundTrip() {
        DesignConfig c;
        c.network = "lfc";
        c.precision.weightBits = 2;
        c.precision.actBits = 4;
        c.precision.overrides.push_back({"fc0", 8, 0});
        c.device = "xczu3eg";
        c.clockMhz = 187;
        c.model = CostModel::FinnR;
        c.compareModels = true;
        c.mode = FoldingMode::Manual;
        c.targetFps = 12345;
        c.limits.bram = 0.5;
        c.manualFolding.layers = {{4, 8, 1, MemoryStyle::Lutram}, {2, 2, 1, MemoryStyle::Auto}};
        const DesignConfig back = designConfigFromJson(toJson(c), "test");
        QVERIFY(back == c);
    }

    void rejectsGarbage() {
        QVERIFY_THROWS_EXCEPTION(Error, designConfigFromJson(nlohmann::json::object(), "x"));
        nlohmann::json j = toJson(DesignConfig{});
        j["weights"] = 11;
        QVERIFY_THROWS_EXCEPTION(Error, designConfigFromJson(j, "x"));
        j = toJson(DesignConfig{});
        j["folding_mode"] = "sideways";
        QVERIFY_THROWS_EXCEPTION(Error, designConfigFromJson(j, "x"));
        j = toJson(DesignConfig{});
        j["clock_mhz"] = "fast";
        QVERIFY_THROWS_EXCEPTION(Error, designConfigFromJson(j, "x"));
    }

    void sessionFile() {
        QTemporaryDir dir;
        SessionFiles files;
        DesignConfig c;
        c.network = "tfc";
        const QString path = dir.filePath("s.json");
        QVERIFY(files.write(path, c).isEmpty());
        QVERIFY(SessionFiles::read(path) == c);
        QCOMPARE(files.recent().first(), QFileInfo(path).absoluteFilePath());
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ not json");
        bad.close();
        QVERIFY_THROWS_EXCEPTION(Error, SessionFiles::read(bad.fileName()));
    }

    void undoRedo() {
        DesignSession s;
        QVERIFY(test::applyManualDefault(s));
        const double fps0 = s.state().estimate.fps;
        DesignConfig next = s.config();
        next.clockMhz = 200;
        s.setConfig(next, "Change clock");
        QCOMPARE(s.state().estimate.fps, 2 * fps0);
        next.clockMhz = 250; // merges with the previous clock edit
        s.setConfig(next, "Change clock");
        QCOMPARE(s.undoStack()->count(), 1);
        s.undoStack()->undo();
        QCOMPARE(s.config().clockMhz, 100.0);
        QCOMPARE(s.state().estimate.fps, fps0);
        s.undoStack()->redo();
        QCOMPARE(s.config().clockMhz, 250.0);
    }

    void manualSeededFromOptimizer() {
        DesignSession s;
        s.applyConfig(DesignConfig{}); // max FPS
        QVERIFY(test::settle(&s));
        const Folding optimised = s.state().folding;
        const double fps = s.state().estimate.fps;
        DesignConfig next = s.config();
        next.mode = FoldingMode::Manual;
        s.setConfig(next, "Change folding mode");
        QVERIFY(test::settle(&s));
        QVERIFY(s.state().folding == optimised); // switching to manual keeps the design
        QCOMPARE(s.state().estimate.fps, fps);
    }

    void brokenNetworkFileIsANotice() {
        QTemporaryDir dir;
        QFile f(dir.filePath("broken.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"id\": \"x\", \"layers\": [ {\"kind\": \"conv\",, } ]}");
        f.close();
        DesignSession s;
        s.applyConfig(DesignConfig{});
        QVERIFY(test::settle(&s));
        const DesignConfig before = s.config();
        QVERIFY(!s.openNetworkFile(f.fileName()));
        QCOMPARE(s.notice().level, Notice::Level::Error);
        QVERIFY(s.notice().text.contains("broken.json"));
        QVERIFY(s.config() == before);
    }
};

QTEST_MAIN(TestGuiConfig)
#include "test_gui_config.moc"
