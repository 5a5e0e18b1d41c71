// The import report dialog, offscreen: a model the project exports itself (always), and a
// garbage file (the error, no Open button).
#include "bitfold/catalog.h"
#include "widgets/onnx_import_dialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace bitfold;
namespace fs = std::filesystem;

class TestOnnxGui : public QObject {
    Q_OBJECT
private slots:
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
