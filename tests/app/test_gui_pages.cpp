// Pipeline and Explain pages: blocks follow the design, a click selects a layer, and every
// formula's substituted result agrees with the engine for every shipped network.
#include "bitfold/catalog.h"
#include "explain/explain_builder.h"
#include "gui_test_util.h"
#include "main_window.h"
#include "pages/explain_page.h"
#include "pages/layers_page.h"
#include "pages/pipeline_page.h"
#include "plots/layer_bar_chart.h"
#include "util/format.h"
#include "widgets/pipeline_view.h"

#include <QPainterPathStroker>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace bitfold;
using namespace bitfold::gui;

class TestGuiPages : public QObject {
    Q_OBJECT
    /// The main window on its default design, at `size`, showing `page`.
    static std::unique_ptr<MainWindow> windowOn(const char* page, QSize size = {1600, 1000}) {
        auto w = std::make_unique<MainWindow>(MainWindow::Options{.useSettings = false});
        w->resize(size);
        w->show();
        if (!test::settle(w->session()) || !w->showPage(page)) qFatal("no design on %s", page);
        return w;
    }

private Q_SLOTS:
    void initTestCase() { test::isolate(); }

    void explainAgreesWithEngineEverywhere() {
        for (const Network& net : Catalog::shipped().networks())
            for (CostModel model : allCostModels())
                for (int bits : {1, 2, 4}) {
                    DesignSession s;
                    DesignConfig c;
                    c.network = net.id;
                    c.model = model;
                    c.precision.weightBits = c.precision.actBits = bits;
                    c.device = "xcvu9p";
                    s.applyConfig(c);
                    QVERIFY(test::settle(&s));
                    const DesignState& st = s.state();
                    for (std::size_t i = 0; i < st.network.layers.size(); ++i) {
                        const QString html = explainLayerHtml(st, int(i));
                        QVERIFY2(!html.contains("≠ engine"),
                                 qPrintable(QString::fromStdString(net.id + " " + st.network.layers[i].name)));
                        QVERIFY(html.contains("✓ engine"));
                        QVERIFY(html.contains(fmt::count(double(st.estimate.layers[i].cycles))));
                        QVERIFY(html.contains(fmt::count(st.estimate.layers[i].res.lut)));
                    }
                    QVERIFY(explainDesignHtml(st).contains(fmt::fps(st.estimate.fps)));
                }
    }

    void explainShowsFormulas() {
        DesignSession s;
        QVERIFY(test::applyManualDefault(s));
        const QString conv = explainLayerHtml(s.state(), 1);
        QVERIFY(conv.contains("(MH / PE) · (MW / SIMD) · N²"));
        QVERIFY(conv.contains("(64 / 1) · (576 / 1) · 28<sup>2</sup>"));
        QVERIFY(conv.contains("= 64 · 576 · 784")); // neuron fold, synapse fold, output pixels
        QVERIFY(conv.contains("Ω = MW · MH / (PE · SIMD)"));
        QVERIFY(conv.contains("IFM·K·C/(SIMD·I)")); // I: the window's input multiplier
        QVERIFY(conv.contains("(OFM/MMV)·K²·C/SIMD")); // MMV patches per cycle
        QVERIFY(explainLayerHtml(s.state(), 2).contains("E² · C / PE"));
        // The whole pipeline names its memory blocks and what bounds it.
        const QString design = explainDesignHtml(s.state());
        QVERIFY(design.contains("Block read") && design.contains("Block write"));
        QVERIFY(design.contains("Bound by"));
        QVERIFY(explainLayerHtml(s.state(), 99).isEmpty());
    }

    void explainSaysWhyADesignDoesNotFit() {
        // CNV on a PYNQ-Z1: W1A6 fits; W1A7 does not, and the page says why in one sentence,
        // the engine's fitReason (its threshold memory); a layer names its threshold unit.
        for (int acts : {6, 7}) {
            DesignSession s;
            DesignConfig c;
            c.network = "cnv";
            c.device = "pynq-z1";
            c.precision.weightBits = 1;
            c.precision.actBits = acts;
            s.applyConfig(c);
            QVERIFY(test::settle(&s));
            const QString design = explainDesignHtml(s.state());
            QCOMPARE(s.state().fits, acts == 6);
            QCOMPARE(design.contains("Why it does not fit:"), acts == 7);
            if (acts == 7) {
                QVERIFY(design.contains("The threshold memory alone needs"));
                QVERIFY(design.contains("127 thresholds"));
                QVERIFY(design.contains(s.state().fitReason.toHtmlEscaped()));
            }
            const QString layer = explainLayerHtml(s.state(), 1);
            QVERIFY(layer.contains("Threshold unit"));
            QVERIFY(!layer.contains("≠ engine"));
        }
    }

    void pipelineClickExplainsLayer() {
        const auto win = windowOn("pipeline", {1400, 900});
        MainWindow& w = *win;
        PipelineView* v = w.pipelinePage()->view();
        // CNV: the memory reader, 6 conv (SWU + MVTU), 2 pools, 3 FC, the memory writer = 19 blocks.
        QCOMPARE(int(v->blocks().size()), 19);
        QCOMPARE(v->blocks().front().type, PipelineView::BlockType::Memory);
        QCOMPARE(v->blocks().back().type, PipelineView::BlockType::Memory);
        const int b = w.session()->state().estimate.bottleneck;
        const auto worst =
            std::max_element(v->blocks().begin(), v->blocks().end(), [](auto& x, auto& y) { return x.load < y.load; });
        QCOMPARE(worst->layer, b);
        QCOMPARE(worst->load, 1.0);
        QTest::mouseClick(v, Qt::LeftButton, {}, v->blockCenter(4));
        QCOMPARE(w.tabs()->currentWidget()->objectName(), QString("explain"));
        QCOMPARE(w.explainPage()->layer(), 4);
        QVERIFY(w.explainPage()->html().contains("conv3"));
        QCOMPARE(w.layersPage()->view()->currentIndex().row(), 4);
    }

    void pipelineArrowsSayWhatFlows() {
        // Issue 12: the arrows carried one number each, the GUI's own guess at the producer's
        // width (the port's 64 bits into conv0's window, which reads 3 × 8-bit pixels), and
        // their labels overlapped the lines. Now each arrow is the plan's stream.
        const auto win = windowOn("pipeline");
        MainWindow& w = *win;
        PipelineView* v = w.pipelinePage()->view();
        const Estimate& e = w.session()->state().estimate;
        const Folding& f = w.session()->state().folding;
        const auto& blocks = v->blocks();
        const auto& arrows = v->arrows();
        QCOMPARE(arrows.size(), blocks.size() - 1);
        auto viaNames = [&](const PipelineView::Arrow& a) {
            QStringList n;
            for (int s : a.via) n << QString::fromStdString(e.stages[std::size_t(s)].name);
            return n;
        };
        // Into conv0's window: the reader's 8 bytes a word, quantized, as SIMD pixels of 8 bits.
        QCOMPARE(arrows[0].fromElements, 8);
        QCOMPARE(arrows[0].fromBits, 8);
        QVERIFY(viaNames(arrows[0]).contains("quantize"));
        QCOMPARE(arrows[1].elements, f.layers[0].simd * f.layers[0].mmv); // conv0 SWU -> MVTU
        QCOMPARE(arrows[1].bits, 8);
        QCOMPARE(v->arrowLabel(arrows[1]), QString("%1\u202f×\u202f8 bit").arg(arrows[1].elements));
        // conv0's MVTU writes PE 1-bit activations; conv1's window reads SIMD × I of them.
        QCOMPARE(arrows[2].fromElements, f.layers[0].pe * f.layers[0].mmv);
        QCOMPARE(arrows[2].fromBits, 1);
        QCOMPARE(arrows[2].bits, 1);
        // Into the writer: 32-bit result words, two per 64-bit port word, after the label select.
        QCOMPARE(arrows.back().elements, 2);
        QCOMPARE(arrows.back().bits, 32);
        QCOMPARE(v->arrowTotal(arrows.back()), QString("= 64 bit"));
        QVERIFY(viaNames(arrows.back()).contains("label"));
        for (std::size_t k = 0; k < arrows.size(); ++k) {
            const PlanStage& to = e.stages[std::size_t(blocks[k + 1].stage)];
            QCOMPARE(arrows[k].elements, to.inPerWord);
            QCOMPARE(arrows[k].bits, to.elemBits);
            QVERIFY(v->arrowTip(arrows[k]).contains(QString::number(arrows[k].totalBits()) + " bits"));
        }
        // Labels clear of every block and every line, and of each other.
        QPainterPathStroker stroke;
        stroke.setWidth(1.5);
        std::vector<QRectF> labels;
        for (const auto& a : arrows)
            for (const QRectF& r : {a.labelRect, a.totalRect})
                if (!r.isNull()) labels.push_back(r);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            for (const auto& b : blocks) QVERIFY(!labels[i].intersects(b.rect));
            for (const auto& a : arrows) {
                QVERIFY(!stroke.createStroke(a.path).intersects(labels[i]));
                if (!a.via.empty()) QVERIFY(!labels[i].intersects(QRectF(a.marker - QPointF(5, 5), QSizeF(10, 10))));
            }
            for (std::size_t j = i + 1; j < labels.size(); ++j) QVERIFY(!labels[i].intersects(labels[j]));
        }
    }

    void layerChartLegendCoversNoBar() {
        // Issue 12: the Layers chart's legend sat inside the axes, over the fc2 bar.
        const auto win = windowOn("layers");
        MainWindow& w = *win;
        LayerBarChart* chart = w.layersPage()->chart();
        chart->replot();
        QVERIFY(chart->legend->visible() && chart->legend->itemCount() >= 2);
        const QRect legend = chart->legend->outerRect(), axes = chart->axisRect()->rect();
        QVERIFY2(!legend.intersects(axes),
                 qPrintable(QString("legend %1,%2 %3x%4")
                                .arg(legend.x())
                                .arg(legend.y())
                                .arg(legend.width())
                                .arg(legend.height())));
    }

    void pipelineTextsAreNeverClipped() {
        // Issue 12: the legend read "predicted (mod", the memory blocks "one word/c…".
        const auto win = windowOn("pipeline");
        MainWindow& w = *win;
        PipelineView* v = w.pipelinePage()->view();
        for (const char* net : {"cnv", "tfc", "cnv-fm16", "lfc"}) {
            DesignConfig c = w.session()->config();
            c.network = net;
            w.session()->setConfig(c, "test");
            QVERIFY(test::settle(w.session()));
            QTest::qWait(20);
            QVERIFY2(v->clippedTexts().isEmpty(), qPrintable(net + (": " + v->clippedTexts().join(" | "))));
        }
        w.resize(1000, 800); // a narrow window wraps the legend onto more lines instead
        QTest::qWait(50);
        QVERIFY2(v->clippedTexts().isEmpty(), qPrintable(v->clippedTexts().join(" | ")));
    }
};

QTEST_MAIN(TestGuiPages)
#include "test_gui_pages.moc"
