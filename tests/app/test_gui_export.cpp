// Exports: every plot format is a valid file of its kind, tables become CSV.
#include "gui_test_util.h"
#include "main_window.h"

#include <QFile>
#include <QImage>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace bitfold::gui;

namespace {
QByteArray head(const QString& path, int n) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}
} // namespace

class TestGuiExport : public QObject {
    Q_OBJECT
    MainWindow* w = nullptr;
    QTemporaryDir dir;

    void checkFormats(const QString& page) {
        QVERIFY(w->showPage(page));
        for (const char* ext : {"png", "pdf", "svg"}) {
            const QString path = dir.filePath(page + "." + ext);
            const QString err = w->exportCurrentPlot(path);
            QVERIFY2(err.isEmpty(), qPrintable(err));
            QVERIFY(QFile::exists(path));
        }
        QCOMPARE(head(dir.filePath(page + ".png"), 8), QByteArray("\x89PNG\r\n\x1a\n"));
        QVERIFY(!QImage(dir.filePath(page + ".png")).isNull());
        QCOMPARE(head(dir.filePath(page + ".pdf"), 5), QByteArray("%PDF-"));
        const QByteArray svg = head(dir.filePath(page + ".svg"), 4096);
        QVERIFY(svg.contains("<svg"));
        QVERIFY(w->exportCurrentPlot(dir.filePath(page + ".bmpx")).contains("unknown"));
    }

private Q_SLOTS:
    void initTestCase() {
        test::isolate();
        w = new MainWindow(MainWindow::Options{.useSettings = false});
        w->resize(1200, 800);
        w->show();
        QVERIFY(test::settle(w->session()));
    }
    void cleanupTestCase() { delete w; }

    void overview() { checkFormats("overview"); }
    void layers() { checkFormats("layers"); }
    void pipeline() { checkFormats("pipeline"); }
    void explain() { checkFormats("explain"); }
    void precisionMap() {
        QVERIFY(w->showPage("precision-map")); // computed when shown
        QTRY_VERIFY_WITH_TIMEOUT(w->backgroundIdle(), 60000);
        checkFormats("precision-map");
    }
    void scaling() {
        QVERIFY(w->showPage("scaling"));
        QTRY_VERIFY_WITH_TIMEOUT(w->backgroundIdle(), 60000);
        checkFormats("scaling");
    }
    void pareto() { checkFormats("pareto"); }

    void layerTableCsv() {
        QVERIFY(w->showPage("layers"));
        const QString path = dir.filePath("layers.csv");
        QVERIFY(w->exportCurrentTable(path).isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY(lines.first().startsWith("Layer,Kind,Shape,PE,SIMD,MMV,Cycles"));
        QVERIFY(lines.size() >= 12);
        QVERIFY(lines[1].startsWith("conv0,conv,"));
    }
};

QTEST_MAIN(TestGuiExport)
#include "test_gui_export.moc"
