// Pareto, precision map and device scaling: background jobs fill the models, a click on a
// plotted point (slot and mouse) loads it, a sweep can be cancelled.
#include "bitfold/catalog.h"
#include "bitfold/manifest.h"
#include "gui_test_util.h"
#include "main_window.h"
#include "models/precision_map_model.h"
#include "models/scaling_model.h"
#include "models/sweep_model.h"
#include "pages/pareto_page.h"
#include "pages/precision_map_page.h"
#include "models/roles.h"
#include "plots/design_scatter.h"
#include "plots/marker_legend_item.h"
#include "plots/pareto_plot.h"
#include "plots/precision_map_plot.h"
#include "plots/scaling_plot.h"
#include "pages/scaling_page.h"
#include "session/analysis_jobs.h"
#include "session/background_job.h"
#include "util/export.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <array>
#include <cmath>
#include <set>

#include <QCheckBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace bitfold;
using namespace bitfold::gui;

namespace {
/// CIELAB of an sRGB colour (D65), for "do two colours differ at a glance".
std::array<double, 3> lab(const QColor& c) {
    auto lin = [](double u) { return u <= 0.04045 ? u / 12.92 : std::pow((u + 0.055) / 1.055, 2.4); };
    const double r = lin(c.redF()), g = lin(c.greenF()), b = lin(c.blueF());
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, y = 0.2126 * r + 0.7152 * g + 0.0722 * b,
                 z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}
double deltaE(const QColor& a, const QColor& b) {
    const auto p = lab(a), q = lab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
} // namespace

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

    /// The Pareto page's table (".csv") or plot (".svg") as exported to a file; empty on failure.
    QByteArray exportedPareto(const QString& name) {
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        if (!w->showPage("pareto")) return {};
        const QString error = name.endsWith(".csv") ? w->exportCurrentTable(path) : w->exportCurrentPlot(path);
        QFile f(path);
        if (!error.isEmpty() || !f.open(QIODevice::ReadOnly)) return {};
        return f.readAll();
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

    /// Issue 16: the first/last-layers-at-8-bits variants join the sweep from the page's check box,
    /// named in the table and carrying their own (measured, where trained) accuracy.
    void firstLast8VariantsJoinTheSweep() {
        auto* box = w->paretoPage()->findChild<QCheckBox*>(QStringLiteral("sweepFirst8"));
        QVERIFY(box);
        QCOMPARE(w->paretoPage()->currentSpec().edgeWeightBits, std::vector<int>{0});
        box->setChecked(true);
        QCOMPARE(w->paretoPage()->currentSpec().edgeWeightBits, (std::vector<int>{0, 8}));
        sweep({"sfc"}, {1, 2});
        box->setChecked(false);
        int variants = 0;
        for (int r = 0; r < w->sweepModel()->rowCount(); ++r) {
            const DesignPoint& p = w->sweepModel()->point(r);
            if (!p.edgeWeightBits) continue;
            ++variants;
            QCOMPARE(p.edgeWeightBits, 8);
            const QString text = w->sweepModel()->index(r, SweepModel::Precision).data().toString();
            QVERIFY2(text.endsWith(QStringLiteral(" first/last W8")), qPrintable(text));
            const Network& sfc = *Catalog::shipped().findNetwork("sfc");
            const bool trained = findTrainedModel(*shippedManifest(), sfc, p.weightBits, p.actBits, 8) != nullptr;
            QCOMPARE(p.accuracy.kind == AccuracyKind::Measured, trained);
        }
        QCOMPARE(variants, 4); // W1A1, W1A2, W2A1, W2A2, each with its edges at 8 bits
        QCOMPARE(w->sweepModel()->rowCount(), 8);
    }

    void onePerDatasetFrontAndADecodableLegend() {
        const int widthBefore = w->width();
        QVERIFY(w->showPage("pareto"));
        // CNV's accuracy is on CIFAR-10, the MLPs' on (Fashion-)MNIST: never one front.
        sweep({"cnv", "tfc", "sfc", "lfc", "cnv-w25", "mlp-w25"}, {1, 2, 4, 8, kFloatBits});
        ParetoPlot* plot = w->paretoPage()->plot();
        w->paretoPage()->setAxes(Objective::Fps, Objective::Accuracy);
        QVERIFY2(plot->fronts().size() >= 2, qPrintable(QString::number(plot->fronts().size())));
        std::vector<DesignPoint> shown;
        std::vector<int> rows = plot->plottedRows();
        for (int r : rows) shown.push_back(w->sweepModel()->point(r));
        const auto engine = paretoFronts(shown, {Objective::Fps, Objective::Accuracy});
        QCOMPARE(plot->fronts().size(), engine.size());
        for (std::size_t f = 0; f < engine.size(); ++f) {
            std::vector<int> expect;
            for (std::size_t k : engine[f].points) expect.push_back(rows[k]);
            QCOMPARE(plot->fronts()[f].first, QString::fromStdString(engine[f].dataset));
            QCOMPARE(plot->fronts()[f].second, expect);
            for (int r : expect) QCOMPARE(w->sweepModel()->point(r).accuracy.dataset, engine[f].dataset);
        }
        // Every precision its own colour, clearly apart; every network its own shape.
        w->paretoPage()->setAxes(Objective::Lut, Objective::Fps);
        std::set<std::string> plottedNets;
        for (int r : plot->plottedRows()) plottedNets.insert(w->sweepModel()->point(r).network);
        std::vector<ParetoPlot::LegendEntry> colours, shapes;
        for (const auto& e : plot->legendEntries())
            (e.text.startsWith('W') || e.text == "float32" ? colours : shapes).push_back(e);
        QVERIFY2(colours.size() >= 16, qPrintable(QString::number(colours.size())));
        QVERIFY(plottedNets.size() >= 5);
        QCOMPARE(shapes.size(), plottedNets.size());
        for (std::size_t i = 0; i < colours.size(); ++i)
            for (std::size_t j = i + 1; j < colours.size(); ++j)
                QVERIFY2(deltaE(colours[i].color, colours[j].color) >= 12,
                         qPrintable(colours[i].text + " vs " + colours[j].text));
        // Each legend heading stands at the top of its own column, its entries under it ("Network
        // (shape)" used to end one column while its entries began the next).
        plot->replot();
        int headings = 0;
        for (int i = 0; i < plot->legend->itemCount(); ++i) {
            auto* h = qobject_cast<MarkerLegendItem*>(plot->legend->item(i));
            if (!h || !h->text().contains("(")) continue;
            ++headings;
            const QRect hr = h->outerRect();
            QVERIFY(i + 1 < plot->legend->itemCount());
            const QRect next = plot->legend->item(i + 1)->outerRect();
            QVERIFY2(next.left() == hr.left() && next.top() >= hr.bottom(), qPrintable(h->text()));
            for (int j = 0; j < plot->legend->itemCount(); ++j) // nothing above a heading in its column
                if (j != i && plot->legend->item(j)->outerRect().left() == hr.left())
                    QVERIFY2(plot->legend->item(j)->outerRect().top() > hr.top(), qPrintable(h->text()));
        }
        QCOMPARE(headings, 3);
        std::set<int> distinctShapes;
        for (const auto& e : shapes) distinctShapes.insert(e.shape % DesignScatter::kShapeCount);
        QCOMPARE(distinctShapes.size(), shapes.size());
        // The table lists what the plot does: only designs that fit.
        QAbstractItemModel* table = w->paretoPage()->exportTable();
        QVERIFY(table->rowCount() > 0 && table->rowCount() < w->sweepModel()->rowCount());
        for (int r = 0; r < table->rowCount(); ++r)
            QVERIFY(table->index(r, SweepModel::Fits).data(RawValueRole).toBool());
        // A sweep's legend and status do not widen the window.
        QCOMPARE(w->width(), widthBefore);
        sweep({"tfc", "sfc", "lfc"}, {1, 2, 4}); // the small sweep the click tests below expect
    }

    void measuredAccuracyHasErrorBarsWhereSeedsExist() {
        // Issue 16: mean ± sd as error bars where two or more seeds were trained, nothing
        // invented for one seed, the seed count in the tooltip. The shipped manifest has
        // MLP-64 W1A1 (TFC's shape) with three seeds.
        QVERIFY(w->showPage("pareto"));
        ParetoPlot* plot = w->paretoPage()->plot();
        w->paretoPage()->setAxes(Objective::Fps, Objective::Accuracy);
        int spread = 0, single = 0;
        for (const DesignScatter::Item& it : plot->scatter()->items()) {
            const DesignPoint& p = w->sweepModel()->point(it.row);
            QCOMPARE(it.xErr, 0.0);
            if (p.accuracy.seeds >= 2) {
                ++spread;
                QCOMPARE(it.yErr, 100 * p.accuracy.sd);
                QVERIFY(plot->yAxis->range().contains(it.y + it.yErr) && plot->yAxis->range().contains(it.y - it.yErr));
                QVERIFY2(plot->tooltipFor(it.row).contains(QString("mean ± sd of %1 seeds").arg(p.accuracy.seeds)),
                         qPrintable(plot->tooltipFor(it.row)));
            } else {
                QCOMPARE(it.yErr, 0.0);
                single += p.accuracy.seeds == 1;
                QVERIFY(!plot->tooltipFor(it.row).contains("±"));
            }
        }
        QVERIFY2(spread > 0, "TFC W1A1 (mlp64-w1a1) has three seeds in the manifest");
        QVERIFY(single > 0 || spread == int(plot->scatter()->items().size()));
        bool legendSaysSo = false;
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<MarkerLegendItem*>(plot->legend->item(i)))
                legendSaysSo |= item->text() == "mean ± sd of seeds";
        QVERIFY(legendSaysSo);
        // On the x axis the bars turn horizontal; without accuracy there are none.
        w->paretoPage()->setAxes(Objective::Accuracy, Objective::Lut);
        for (const DesignScatter::Item& it : plot->scatter()->items()) {
            QCOMPARE(it.yErr, 0.0);
            QCOMPARE(it.xErr,
                     w->sweepModel()->point(it.row).accuracy.seeds >= 2
                         ? 100 * w->sweepModel()->point(it.row).accuracy.sd
                         : 0.0);
        }
        w->paretoPage()->setAxes(Objective::Lut, Objective::Fps);
        for (const DesignScatter::Item& it : plot->scatter()->items()) QVERIFY(it.xErr == 0 && it.yErr == 0);
        w->paretoPage()->setAxes(Objective::Fps, Objective::Accuracy);
    }

    void sweepTableCsvIsNumeric() {
        const QByteArray csv = exportedPareto("sweep.csv");
        QVERIFY(!csv.isEmpty());
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QVERIFY(lines.size() > 2);
        const QList<QByteArray> header = lines[0].split(',');
        for (const char* col : {"Clock (MHz)", "FPS", "Latency (µs)", "LUT", "BRAM36", "DSP", "FPS/LUT", "Fits"}) {
            const int c = int(header.indexOf(col));
            QVERIFY2(c >= 0, col);
            for (int r = 1; r < lines.size(); ++r) {
                bool ok = false;
                lines[r].split(',')[c].toDouble(&ok);
                QVERIFY2(ok, (QByteArray(col) + ": " + lines[r]).constData());
            }
        }
        QVERIFY(!lines[1].contains("%") && !lines[1].contains("MHz"));
    }

    void exportedFigureIsTitledWithDesignAndProvenance() {
        const QByteArray svg = exportedPareto("pareto.svg");
        QVERIFY(!svg.isEmpty());
        const QString title = w->paretoPage()->plot()->exportTitle();
        QVERIFY2(title.contains(w->designContext()) && !w->designContext().isEmpty(), qPrintable(title));
        QVERIFY(title.contains("predicted") && title.contains("measured"));
        QVERIFY2(svg.contains("<title>" + title.toHtmlEscaped().toUtf8()), svg.left(600).constData());
        QVERIFY(exportStartPath("pareto", "png") != "/pareto.png");
        QVERIFY(QFileInfo(QFileInfo(exportStartPath("pareto", "png")).absolutePath()).isDir());
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
            if (p.network != w->session()->config().network ||
                p.weightBits != w->session()->config().precision.weightBits) {
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

    void analysesRecomputeOnlyWhenTheirInputsChange() {
        const DesignState& s = w->session()->state();
        DesignConfig c = w->session()->config();
        DesignConfig other = c;
        other.compareModels = !c.compareModels; // not an input of either analysis
        other.manualFolding.layers.push_back({2, 2, {}}); // nor is a hand folding
        QVERIFY(analysisKey(s, c, true, false) == analysisKey(s, other, true, false));
        other.precision.weightBits = 4; // the map spans precisions, scaling does not
        QVERIFY(analysisKey(s, c, true, false) == analysisKey(s, other, true, false));
        QVERIFY(!(analysisKey(s, c, false, true) == analysisKey(s, other, false, true)));
        other = c;
        other.device = "xczu3eg"; // scaling spans devices, the map does not
        QVERIFY(analysisKey(s, c, false, true) == analysisKey(s, other, false, true));
        QVERIFY(!(analysisKey(s, c, true, false) == analysisKey(s, other, true, false)));
    }

    void scalingLabelsNeitherClippedNorOverlapping() {
        // Issue 12: "Alveo U250" was clipped; XCVU9P and Alveo U280 were then drawn over each other.
        DesignConfig c = w->session()->config();
        c.network = "cnv";
        c.precision.weightBits = c.precision.actBits = 1;
        w->session()->setConfig(c, "test");
        QVERIFY(test::settle(w->session()));
        w->resize(1600, 1000);
        QVERIFY(w->showPage("scaling"));
        QTRY_VERIFY_WITH_TIMEOUT(w->analysisJobs()->idle(), 60000);
        ScalingPlot* plot = w->scalingPage()->plot();
        // Every marker shape drawn is explained in the legend (the ▼ of FF was not).
        std::set<int> drawn, explained;
        for (int g = 0; g < plot->graphCount(); ++g) {
            QCPGraph* graph = plot->graph(g);
            if (graph->lineStyle() != QCPGraph::lsNone) continue;
            ((plot->legend->itemWithPlottable(graph) != nullptr) ? explained : drawn)
                .insert(int(graph->scatterStyle().shape()));
            if (!(plot->legend->itemWithPlottable(graph) != nullptr)) QVERIFY(!graph->data()->isEmpty());
        }
        for (int shape : drawn) QVERIFY2(explained.count(shape), qPrintable(QString::number(shape)));
        for (QSize size : {QSize(1600, 1000), QSize(1300, 850)}) {
            w->resize(size);
            QTest::qWait(50);
            plot->replot();
            const auto labels = plot->labelRects();
            QVERIFY(labels.size() >= 8); // every shipped device named
            const QRectF area = plot->axisRect()->rect();
            for (std::size_t i = 0; i < labels.size(); ++i) {
                QVERIFY2(area.contains(labels[i]), qPrintable(QString::number(i)));
                for (std::size_t j = i + 1; j < labels.size(); ++j)
                    QVERIFY2(!labels[i].intersects(labels[j]), qPrintable(QString("%1 and %2").arg(i).arg(j)));
            }
        }
        w->resize(1500, 950);
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
        // Built by the engine's one DesignPoint builder: nothing dropped on the way.
        QCOMPARE(map->cell(0, 0).opsPerSecond,
                 map->cell(0, 0).fps * double(Catalog::shipped().findNetwork("tfc")->ops()));

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
