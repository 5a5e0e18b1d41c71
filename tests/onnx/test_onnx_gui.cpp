// The import report dialog, offscreen: a model the project exports itself (always), and a
// garbage file (the error, no Open button). Then an imported design in the main window: the
// Runs page simulates the file's own parameters (real compiler, bit-exact), and an accuracy
// typed in on the Pareto page is plotted, swept, exported and saved as user-supplied.
#include "bitfold/catalog.h"
#include "gui_test_util.h"
#include "main_window.h"
#include "models/sweep_model.h"
#include "pages/pareto_page.h"
#include "pages/runs_page.h"
#include "plots/marker_legend_item.h"
#include "plots/pareto_plot.h"
#include "qonnx_writer.h"
#include "session/run_controller.h"
#include "session/run_history.h"
#include "widgets/onnx_import_dialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <filesystem>
#include <fstream>

using namespace bitfold;
using namespace bitfold::gui;
namespace fs = std::filesystem;

class TestOnnxGui : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    /// A Brevitas-style QONNX MLP (784-64-64-10, W1A1; not a shipped model) imported into a
    /// fresh window as File > Open network... > Open does.
    std::unique_ptr<MainWindow> windowWithImport(const QString& name) {
        const std::string model = m_dir.filePath(name + ".onnx").toStdString();
        qonnx_test::writeBrevitasMlp(model, "bipolar", {784, 64, 64, 10}, 5);
        auto w = std::make_unique<MainWindow>(
            MainWindow::Options{.useSettings = false, .runHistoryPath = m_dir.filePath(name + "-runs.json")});
        w->show();
        if (!test::settle(w->session())) qFatal("no design");
        OnnxImportDialog dialog(QString::fromStdString(model));
        if (!dialog.openIn(w->session()) || !test::settle(w->session())) qFatal("import failed");
        return w;
    }

private slots:
    void initTestCase() { test::isolate(); }

    void importedDesignRunsItsOwnParameters() {
        auto w = windowWithImport("brevitas-mlp");
        const DesignConfig& c = w->session()->config();
        QVERIFY2(QString::fromStdString(c.network).endsWith("imported/brevitas-mlp/network.json"), c.network.c_str());
        QCOMPARE(c.precision.weightBits, 1);
        QCOMPARE(w->session()->state().network.layers.size(), std::size_t(3));
        RunController* runs = w->runController();
        const std::string pkg = runs->packageFor(w->session()->state());
        QVERIFY2(QString::fromStdString(pkg).endsWith("imported/brevitas-mlp/params"), pkg.c_str());
        QVERIFY(runs->parametersInfo(w->session()->state()).contains("imported"));
        QSignalSpy ended(runs, &RunController::runEnded);
        Q_EMIT w->runsPage()->runRequested(200, false);
        QVERIFY(ended.wait(280000));
        const RunRecord r = runs->history()->runs()[0];
        QVERIFY2(r.status == RunRecord::Status::Finished, r.error.c_str());
        QCOMPARE(r.params, std::string("imported: brevitas-mlp"));
        QCOMPARE(r.imagesDone, 200);
        QVERIFY(r.goldenChecked);
        QVERIFY2(r.bitExact, r.firstMismatch.c_str());
        QVERIFY(!r.accuracy); // no labelled data for an imported model: no simulated accuracy
        QVERIFY(r.cyclesMatch());
    }

    void typedAccuracyIsUserSuppliedOnPareto() {
        auto w = windowWithImport("my-model");
        ParetoPage* pareto = w->paretoPage();
        SweepModel* model = w->sweepModel();
        pareto->findChild<QDoubleSpinBox*>("userAccuracy")->setValue(97.25);
        pareto->findChild<QLineEdit*>("userDataset")->setText("my digits");
        QTest::mouseClick(pareto->findChild<QPushButton*>("useUserAccuracy"), Qt::LeftButton);
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(test::settle(w->session()));
        const DesignPoint typed = model->point(0);
        QCOMPARE(int(typed.accuracy.kind),
                 int(AccuracyKind::UserSupplied)); // (a QtTest toString quirk: compare as int)
        QCOMPARE(typed.accuracy.top1, 0.9725);
        QCOMPARE(typed.accuracy.dataset, std::string("my digits"));
        QCOMPARE(typed.network, std::string("my-model"));
        QCOMPARE(model->index(0, SweepModel::AccuracyKind).data().toString(), QString("user-supplied"));
        // Saved with the session (and undoable).
        const DesignConfig saved = designConfigFromJson(toJson(w->session()->config()), "test");
        QCOMPARE(saved.userAccuracies.size(), std::size_t(1));
        QCOMPARE(saved.userAccuracies[0].top1, 0.9725);
        QVERIFY(saved.userAccuracy());

        // A sweep of only the file's network, at W1A1 and W2A2 (the Networks menu's entry for it).
        for (QAction* a : pareto->findChild<QToolButton*>("sweepNetworks")->menu()->actions())
            a->setChecked(a->objectName() == "sweepFileNetwork");
        for (const char* bits : {"Weight bits", "Activation bits"})
            for (QToolButton* b : pareto->findChildren<QToolButton*>())
                if (b->text() == bits)
                    for (QAction* a : b->menu()->actions()) a->setChecked(a->data().toInt() <= 2);
        const SweepSpec spec = pareto->currentSpec();
        QVERIFY(spec.networks.empty());
        QCOMPARE(spec.designs.size(), std::size_t(4)); // the typed W1A1 point, then W1A2, W2A1, W2A2
        pareto->requestSweep();
        QTRY_VERIFY_WITH_TIMEOUT(w->backgroundIdle() && model->rowCount() == 4, 60000);
        int userRows = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const DesignPoint& p = model->point(r);
            QCOMPARE(p.network, std::string("my-model"));
            const bool user = p.weightBits == 1 && p.actBits == 1;
            QCOMPARE(int(p.accuracy.kind), int(user ? AccuracyKind::UserSupplied : AccuracyKind::None));
            userRows += user;
        }
        QCOMPARE(userRows, 1);
        // Its own front (one per data set), its own legend entry, and the CSV export says so.
        pareto->setAxes(Objective::Fps, Objective::Accuracy);
        QCOMPARE(pareto->plot()->fronts().size(), std::size_t(1));
        QCOMPARE(pareto->plot()->fronts()[0].first, QString("my digits"));
        bool legend = false;
        for (int i = 0; i < pareto->plot()->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<MarkerLegendItem*>(pareto->plot()->legend->item(i)))
                legend |= item->text() == "user-supplied";
        QVERIFY(legend);
        QVERIFY(w->showPage("pareto"));
        const QString csv = m_dir.filePath("pareto.csv");
        QCOMPARE(w->exportCurrentTable(csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(f.readAll()).contains("user-supplied"));
        // Clicking the file network's W2A2 point loads it: still the opened file.
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->point(r).weightBits == 2 && model->point(r).actBits == 2) pareto->selectRow(r);
        QVERIFY(test::settle(w->session()));
        QVERIFY(QString::fromStdString(w->session()->config().network).endsWith("my-model/network.json"));
        QCOMPARE(w->session()->config().precision.weightBits, 2);
        QVERIFY(!w->session()->config().userAccuracy()); // typed for W1A1 only
        // Back at W1A1, Forget removes it.
        w->session()->setPrecision(1, 1);
        QVERIFY(test::settle(w->session()));
        QVERIFY(w->session()->config().userAccuracy());
        QTest::mouseClick(pareto->findChild<QPushButton*>("forgetUserAccuracy"), Qt::LeftButton);
        QVERIFY(w->session()->config().userAccuracies.empty());
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(model->point(r).accuracy.kind != AccuracyKind::UserSupplied);
    }

    void reportShowsLayersPrecisionsAndFolds() {
        const auto dir = fs::temp_directory_path() / "bitfold_onnx_gui";
        fs::create_directories(dir);
        const std::string model = (dir / "mlp.onnx").string();
        exportQonnx(loadPackage((fs::path(BITFOLD_SOURCE_DIR) / "resources/models/mlp128-w2a2").string()), model);
        gui::OnnxImportDialog dialog(QString::fromStdString(model));
        QVERIFY(dialog.imported().has_value());
        auto* table = dialog.findChild<QTableWidget*>("layers");
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->item(0, 4)->text(), QString("2"));
        QVERIFY(dialog.findChild<QPlainTextEdit*>("notes")->toPlainText().contains("threshold"));
        QVERIFY(dialog.findChild<QLabel*>("summary")->text().contains("Agreement"));
        const PrecisionSpec spec = dialog.precisionSpec();
        QCOMPARE(spec.weightBits, 2);
        QCOMPARE(spec.actBits, 2);
        const QString file = dialog.save(QString::fromStdString((dir / "saved").string()));
        QCOMPARE(loadNetworkFile(file.toStdString()).layers.size(), std::size_t(4));
        fs::remove_all(dir);
    }

    void garbageShowsTheErrorAndNoOpen() {
        const auto file = fs::temp_directory_path() / "bitfold_gui_garbage.onnx";
        std::ofstream(file) << "not onnx";
        gui::OnnxImportDialog dialog(QString::fromStdString(file.string()));
        QVERIFY(!dialog.imported());
        QVERIFY(dialog.error().contains("bitfold_gui_garbage.onnx"));
        QCOMPARE(dialog.findChild<QDialogButtonBox*>()->buttons().size(), 1);
        fs::remove(file);
    }
};

QTEST_MAIN(TestOnnxGui)
#include "test_onnx_gui.moc"
