// Pipeline and Explain pages: blocks follow the design, a click selects a layer, and every
// formula's substituted result agrees with the engine for every shipped network.
#include "bitfold/catalog.h"
#include "explain/explain_builder.h"
#include "gui_test_util.h"
#include "main_window.h"
#include "pages/explain_page.h"
#include "pages/layers_page.h"
#include "pages/pipeline_page.h"
#include "util/format.h"
#include "widgets/pipeline_view.h"

#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace bitfold;
using namespace bitfold::gui;

class TestGuiPages : public QObject {
    Q_OBJECT
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
                        QVERIFY2(!html.contains("≠ engine"), qPrintable(QString::fromStdString(net.id + " " + st.network.layers[i].name)));
                        QVERIFY(html.contains("✓ engine"));
                        QVERIFY(html.contains(fmt::count(double(st.estimate.layers[i].cycles))));
                        QVERIFY(html.contains(fmt::count(st.estimate.layers[i].res.lut)));
                    }
                    QVERIFY(explainDesignHtml(st).contains(fmt::fps(st.estimate.fps)));
                }
    }

    void explainShowsFormulas() {
        DesignSession s;
        DesignConfig c;
        c.mode = FoldingMode::Manual;
        s.applyConfig(c);
        QVERIFY(test::settle(&s));
        const QString conv = explainLayerHtml(s.state(), 1);
        QVERIFY(conv.contains("(MH / PE) · (MW / SIMD) · N²"));
        QVERIFY(conv.contains("(64 / 1) · (576 / 1) · 28<sup>2</sup>"));
        QVERIFY(conv.contains("= 64 · 576 · 784")); // neuron fold, synapse fold, output pixels
        QVERIFY(conv.contains("Ω = MW · MH / (PE · SIMD)"));
        QVERIFY(conv.contains("IFM·K·C/(SIMD·I)"));      // I: the window's input multiplier
        QVERIFY(conv.contains("(OFM/MMV)·K²·C/SIMD"));   // MMV patches per cycle
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
        MainWindow w(MainWindow::Options{.useSettings = false});
        w.resize(1400, 900);
        w.show();
        QVERIFY(test::settle(w.session()));
        QVERIFY(w.showPage("pipeline"));
        PipelineView* v = w.pipelinePage()->view();
        // CNV: the memory reader, 6 conv (SWU + MVTU), 2 pools, 3 FC, the memory writer = 19 blocks.
        QCOMPARE(int(v->blocks().size()), 19);
        QCOMPARE(v->blocks().front().type, PipelineView::BlockType::Memory);
        QCOMPARE(v->blocks().back().type, PipelineView::BlockType::Memory);
        const int b = w.session()->state().estimate.bottleneck;
        const auto worst = std::max_element(v->blocks().begin(), v->blocks().end(),
                                            [](auto& x, auto& y) { return x.load < y.load; });
        QCOMPARE(worst->layer, b);
        QCOMPARE(worst->load, 1.0);
        QTest::mouseClick(v, Qt::LeftButton, {}, v->blockCenter(4));
        QCOMPARE(w.tabs()->currentWidget()->objectName(), QString("explain"));
        QCOMPARE(w.explainPage()->layer(), 4);
        QVERIFY(w.explainPage()->html().contains("conv3"));
        QCOMPARE(w.layersPage()->view()->currentIndex().row(), 4);
    }
};

QTEST_MAIN(TestGuiPages)
#include "test_gui_pages.moc"
