// Every model of the explorer under QAbstractItemModelTester, plus their edit rules.
#include "gui_test_util.h"
#include "models/layer_table_model.h"
#include "models/model_comparison_model.h"
#include "models/precision_override_model.h"
#include "models/roles.h"
#include "session/design_session.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
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
};

QTEST_MAIN(TestGuiModels)
#include "test_gui_models.moc"
