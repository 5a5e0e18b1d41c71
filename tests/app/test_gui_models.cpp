// Every model of the explorer under QAbstractItemModelTester, plus their edit rules.
#include "bitfold/catalog.h"
#include "gui_test_util.h"
#include "models/layer_table_model.h"
#include "models/model_comparison_model.h"
#include "models/precision_map_model.h"
#include "models/precision_override_model.h"
#include "models/run_history_model.h"
#include "models/run_stage_model.h"
#include "models/scaling_model.h"
#include "models/sweep_model.h"
#include "session/run_history.h"
#include "models/roles.h"
#include "util/format.h"
#include "session/design_session.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bitfold;
using namespace bitfold::gui;

class TestGuiModels : public QObject {
    Q_OBJECT
    DesignState design(FoldingMode mode = FoldingMode::Manual, const std::string& net = "cnv") {
        DesignSession s;
        DesignConfig c;
        c.network = net;
        c.mode = mode;
        c.compareModels = true;
        s.applyConfig(c);
        if (!test::settle(&s)) qFatal("session did not settle");
        return s.state();
    }

private Q_SLOTS:
    void initTestCase() { test::isolate(); }

    void layerTable() {
        LayerTableModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m.rowCount(), 0);
        const DesignState s = design(FoldingMode::MaxFps);
        m.setDesign(s, false);
        QCOMPARE(m.rowCount(), int(s.network.layers.size()));
        QCOMPARE(m.columnCount(), int(LayerTableModel::ColumnCount));
        const int b = s.estimate.bottleneck;
        QVERIFY(m.index(b, 0).data(BottleneckRole).toBool());
        QCOMPARE(m.index(b, LayerTableModel::Load).data(RawValueRole).toDouble(), 1.0);
        QCOMPARE(m.index(b, LayerTableModel::Cycles).data(RawValueRole).toLongLong(), qlonglong(s.estimate.cycles));
        QVERIFY(!(m.flags(m.index(0, LayerTableModel::Pe)) & Qt::ItemIsEditable)); // not manual
        m.setDesign(design(FoldingMode::Manual, "lfc"), true);
        QVERIFY(m.flags(m.index(0, LayerTableModel::Pe)) & Qt::ItemIsEditable);
        QVERIFY(!(m.flags(m.index(0, LayerTableModel::Cycles)) & Qt::ItemIsEditable));
    }

    void layerTableEdits() {
        LayerTableModel m;
        m.setDesign(design(FoldingMode::Manual), true);
        QSignalSpy ok(&m, &LayerTableModel::foldingEditRequested);
        QSignalSpy rejected(&m, &LayerTableModel::editRejected);
        const QModelIndex pe = m.index(1, LayerTableModel::Pe); // conv1, MH 64
        const QVariantList valid = pe.data(ValidValuesRole).toList();
        QVERIFY(valid.contains(16) && !valid.contains(7));
        QVERIFY(!m.setData(pe, 7));
        QCOMPARE(rejected.count(), 1);
        QVERIFY(rejected.first().first().toString().contains("conv1"));
        QVERIFY(m.setData(pe, 16));
        QCOMPARE(ok.count(), 1);
        QCOMPARE(ok.first().at(0).toInt(), 1);
        QCOMPARE(ok.first().at(1).value<LayerFolding>().pe, 16);
        // A pooling row is not editable at all.
        QVERIFY(!m.setData(m.index(2, LayerTableModel::Pe), 2));
    }

    void precisionOverrides() {
        PrecisionOverrideModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const DesignState s = design();
        PrecisionSpec spec;
        m.setNetwork(s.network, spec);
        QCOMPARE(m.rowCount(), s.network.matrixLayerCount());
        QSignalSpy edited(&m, &PrecisionOverrideModel::overridesEdited);
        QVERIFY(m.setData(m.index(0, PrecisionOverrideModel::Weights), 4));
        QCOMPARE(edited.count(), 1);
        const auto out = edited.first().first().value<PrecisionSpec>();
        QCOMPARE(int(out.overrides.size()), 1);
        QCOMPARE(out.overrides[0].layer, std::string("conv0"));
        QCOMPARE(out.overrides[0].weightBits, 4);
        QVERIFY(!m.setData(m.index(0, PrecisionOverrideModel::Weights), 11));
        m.setNetwork(s.network, out);
        QVERIFY(m.index(0, PrecisionOverrideModel::Weights).data().toString() == "4");
        QVERIFY(m.index(1, PrecisionOverrideModel::Weights).data().toString().startsWith("global"));
    }

    void modelComparison() {
        ModelComparisonModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const DesignState s = design();
        std::vector<Estimate> all{s.estimate};
        all.insert(all.end(), s.comparisons.begin(), s.comparisons.end());
        m.setEstimates(all);
        QCOMPARE(m.columnCount(), int(allCostModels().size()));
        QCOMPARE(m.rowCount(), int(ModelComparisonModel::RowCount));
        // Same folding: same cycles, so the same FPS under every model.
        for (int c = 1; c < m.columnCount(); ++c)
            QCOMPARE(m.index(ModelComparisonModel::Fps, c).data(RawValueRole).toDouble(),
                     m.index(ModelComparisonModel::Fps, 0).data(RawValueRole).toDouble());
        QVERIFY(m.headerData(1, Qt::Horizontal).toString().startsWith("model "));
        m.setEstimates({});
        QCOMPARE(m.rowCount(), 0);
    }

    void sweepModel() {
        SweepModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SweepSpec spec;
        spec.networks = {"tfc", "sfc"};
        spec.weightBits = {1, 2};
        spec.actBits = {1, 2};
        spec.devices = {"xc7z020"};
        auto points = runSweep(spec);
        QCOMPARE(int(points.size()), 8);
        m.setPoints(points, "bitfold");
        QCOMPARE(m.rowCount(), 8);
        QCOMPARE(m.index(0, SweepModel::Fps).data(RawValueRole).toDouble(), points[0].fps);
        bool sawAccuracy = false;
        for (int r = 0; r < m.rowCount(); ++r)
            if (m.index(r, SweepModel::Accuracy).data(RawValueRole).isValid()) {
                sawAccuracy = true;
                QVERIFY(m.index(r, SweepModel::AccuracyKind).data().toString() != "none");
            }
        QVERIFY(sawAccuracy); // TFC/SFC W1A1 accuracies are published or measured
        DesignPoint sim = points[0];
        sim.accuracy = {AccuracyKind::Simulated, 0.9, "fashion-mnist", "C simulation"};
        m.appendPoint(sim);
        QCOMPARE(m.rowCount(), 9);
        QCOMPARE(m.index(8, SweepModel::AccuracyKind).data().toString(), QString("simulated"));
        QCOMPARE(SweepModel::columnOf(Objective::Lut), SweepModel::Lut);
    }

    void precisionMapModel() {
        PrecisionMapModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<DesignPoint> pts(6);
        for (int i = 0; i < 6; ++i) {
            pts[std::size_t(i)].fps = 100.0 * (i + 1);
            pts[std::size_t(i)].totals.lut = 1000;
            pts[std::size_t(i)].fpsPerLut = pts[std::size_t(i)].fps / 1000;
            pts[std::size_t(i)].fits = i != 5;
        }
        pts[0].accuracy = {AccuracyKind::Published, 0.8, "x", "y"};
        m.setGrid({1, 2}, {1, 2, 4}, pts);
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.columnCount(), 3);
        QCOMPARE(m.headerData(2, Qt::Horizontal).toString(), QString("A4"));
        QCOMPARE(m.headerData(1, Qt::Vertical).toString(), QString("W2"));
        QCOMPARE(m.index(1, 0).data(RawValueRole).toDouble(), 400.0);
        QVERIFY(!m.index(1, 2).data(RawValueRole).isValid()); // does not fit
        m.setMetric(PrecisionMapModel::Metric::Accuracy);
        QCOMPARE(m.index(0, 0).data(RawValueRole).toDouble(), 80.0);
        QVERIFY(!m.index(0, 1).data(RawValueRole).isValid());
    }

    void accuracySpreadOnlyWhereSeedsMeasuredIt() {
        // Issue 16: measured accuracies are means over seeds with a standard deviation; the
        // table and the map show mean ± sd (and the seed count) where two or more seeds were
        // trained, and invent nothing for one seed.
        std::vector<DesignPoint> pts(3);
        pts[0].accuracy = {AccuracyKind::Measured, 0.8540, "fashion-mnist", "bitfold-train a", 0.0015, 3};
        pts[1].accuracy = {AccuracyKind::Measured, 0.8780, "fashion-mnist", "bitfold-train b", 0, 1};
        pts[2].accuracy = {AccuracyKind::Published, 0.8000, "cifar10", "a paper"};
        SweepModel sweep;
        QAbstractItemModelTester tester(&sweep, QAbstractItemModelTester::FailureReportingMode::QtTest);
        sweep.setPoints(pts);
        QCOMPARE(sweep.index(0, SweepModel::AccuracySd).data(RawValueRole).toDouble(), 0.15);
        QCOMPARE(sweep.index(0, SweepModel::AccuracySd).data().toString(), QString("± 0.15"));
        QVERIFY(!sweep.index(1, SweepModel::AccuracySd).data(RawValueRole).isValid());
        QVERIFY(!sweep.index(2, SweepModel::AccuracySd).data(RawValueRole).isValid());
        const QString three = sweep.index(0, SweepModel::Accuracy).data(Qt::ToolTipRole).toString();
        QVERIFY2(three.contains("85.40% ± 0.15") && three.contains("3 seeds"), qPrintable(three));
        const QString one = sweep.index(1, SweepModel::Accuracy).data(Qt::ToolTipRole).toString();
        QVERIFY2(one.contains("one seed") && !one.contains("±"), qPrintable(one));
        QVERIFY(!sweep.index(2, SweepModel::Accuracy).data(Qt::ToolTipRole).toString().contains("seed"));

        PrecisionMapModel map;
        map.setGrid({1}, {1, 2, 4}, pts);
        map.setMetric(PrecisionMapModel::Metric::Accuracy);
        QCOMPARE(map.index(0, 0).data().toString(), QString("85.4 ± 0.1%")); // a range
        QCOMPARE(map.index(0, 0).data(RawValueRole).toDouble(), 85.4); // the mean, for the colour
        QCOMPARE(map.index(0, 1).data().toString(), QString("87.8%"));
        QVERIFY(map.index(0, 0).data(Qt::ToolTipRole).toString().contains("mean ± sd of 3 seeds"));
    }

    void scalingModel() {
        ScalingModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Network net = Catalog::shipped().network("tfc");
        PrecisionSpec spec;
        FoldingRequest req;
        req.clockMhz = 100;
        ScalingSeries s{1, 1, deviceScaling(net, resolvePrecision(net, spec), req)};
        const int n = int(s.points.size());
        QVERIFY(n > 8);
        m.setSeries({s, s});
        QCOMPARE(m.rowCount(), 2 * n);
        QCOMPARE(m.index(n, ScalingModel::Device).data().toString(), QString::fromStdString(s.points[0].device));
        QCOMPARE(m.index(0, ScalingModel::Fps).data(RawValueRole).toDouble(), s.points[0].fps);
        // A device the design does not fit says so instead of "0.00 FPS".
        ScalingSeries off = s;
        off.points[0].fits = false;
        off.points[0].fps = 0;
        m.setSeries({off});
        QCOMPARE(m.index(0, ScalingModel::Fps).data().toString(), QString("does not fit"));
    }

    void unitsReadSensibly() {
        QCOMPARE(fmt::latencyUs(312.4), QString("312.4 µs"));
        QCOMPARE(fmt::latencyUs(1210), QString("1.21 ms"));
        QCOMPARE(fmt::latencyUs(15680000), QString("15.7 s")); // not "15680.00 ms"
        QCOMPARE(fmt::latencyUs(2500000), QString("2.50 s"));
        QVERIFY(fmt::limitExplained("folding").contains("bigger device would not help"));
        QVERIFY(fmt::limitExplained("BRAM").contains("block RAM"));
        // The memory interface is not a resource limit (TFC read "would need more memory than the limit allows").
        QVERIFY(fmt::limitExplained("memory").contains("memory port") &&
                !fmt::limitExplained("memory").contains("than the limit allows"));
    }

    void runModels() {
        QTemporaryDir dir;
        RunHistory history(dir.filePath("runs.json"));
        RunHistoryModel m(&history);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunRecord r;
        r.id = "a";
        r.status = RunRecord::Status::Finished;
        r.goldenChecked = r.bitExact = true;
        r.accuracy = 0.85;
        r.stages = {{"fc0", "fc0", "mvtu", 100, 100, 100}, {"fc1", "fc1", "mvtu", 50, 51, 50}};
        history.add(r);
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.index(0, RunHistoryModel::BitExact).data().toString(), QString("yes"));
        QCOMPARE(m.index(0, RunHistoryModel::Accuracy).data().toString(), QString("85.00%"));
        QCOMPARE(m.index(0, RunHistoryModel::Cycles).data().toString(), QString("differ"));
        RunStageModel stages;
        QAbstractItemModelTester tester2(&stages, QAbstractItemModelTester::FailureReportingMode::QtTest);
        stages.setRun(r);
        QCOMPARE(stages.rowCount(), 2);
        QVERIFY(stages.index(0, RunStageModel::Match).data(RawValueRole).toBool());
        QVERIFY(!stages.index(1, RunStageModel::Match).data(RawValueRole).toBool());
        history.clear();
        QCOMPARE(m.rowCount(), 0);
    }
};

QTEST_MAIN(TestGuiModels)
#include "test_gui_models.moc"
