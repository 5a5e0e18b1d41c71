// Cost models against published measurements and against the behaviour hardware must show.
#include "bitfold/catalog.h"
#include "bitfold/cost_model.h"
#include "bitfold/cycles.h"
#include "bitfold/finn_estimate.h"
#include "published.h"

#include <QTest>
#include <cmath>

using namespace bitfold;

namespace {

Estimate estimatePublished(const PublishedDesign& d, CostModel model) {
    return estimate(d.network, d.precision, d.folding, d.device, d.clockMhz, model);
}

double relErr(double predicted, double measured) { return (predicted - measured) / measured; }

Estimate sfcAt(int w, int a, const char* device = "xczu7ev") {
    const Network& net = *Catalog::shipped().findNetwork("sfc");
    const auto prec = resolvePrecision(net, {w, a, 0, {}});
    Folding f = minimalFolding(net);
    for (auto& l : f.layers) {
        l.pe = 16;
        l.simd = 16;
    }
    f.layers[3].pe = 10; // 10 outputs
    return estimate(net, prec, f, Catalog::shipped().device(device), 0);
}

} // namespace

class TestCostModels : public QObject {
    Q_OBJECT
private slots:
    void cnvThroughputWithinOnePercentOfMeasured() {
        // BNN-PYNQ CNV W1A1 on PYNQ-Z1 at 100 MHz: 3,050 FPS measured (published.json, source
        // Xilinx/BNN-PYNQ notebook CNV-QNN_Cifar10_Testset.ipynb at d84f6e8).
        const PublishedDesign d = publishedDesign("bnn-pynq/cnv-w1a1/pynq-z1");
        for (CostModel m : allCostModels()) {
            const Estimate e = estimatePublished(d, m);
            QVERIFY2(std::abs(relErr(e.fps, d.fps)) < 0.01, toString(m));
            QCOMPARE(e.cycles, 32768LL); // fc0 and fc1: (512/1)*(256/4) = (512/1)*(512/8)
        }
    }

    void lfcMeasuresBelowItsCycleBound() {
        // BNN-PYNQ LFC W1A1: 118,883 FPS measured, host/I/O bound (published.json notes);
        // the cycle model is an upper bound there.
        const PublishedDesign d = publishedDesign("bnn-pynq/lfc-w1a1/pynq-z1");
        const Estimate e = estimatePublished(d, CostModel::Bitfold);
        QCOMPARE(e.cycles, 512LL);
        QVERIFY(e.fps >= d.fps);
    }

    void bitfoldResourcesNearMeasuredWholeDesigns() {
        // Whole-design Vivado utilisation (published.json, BNN-PYNQ READMEs). Tolerances are
        // what the bitfold model honestly reaches on both designs: docs/cost-model.md.
        for (const char* id : {"bnn-pynq/cnv-w1a1/pynq-z1", "bnn-pynq/lfc-w1a1/pynq-z1"}) {
            const PublishedDesign d = publishedDesign(id);
            const Estimate e = estimatePublished(d, CostModel::Bitfold);
            const double lut = relErr(e.totals.lut, d.lut);
            const double bram = relErr(e.totals.bram36(), d.bram36);
            qInfo("%s: LUT %.0f vs %d (%+.1f%%), BRAM36 %.1f vs %d (%+.1f%%)", id, e.totals.lut, int(d.lut), 100 * lut,
                  e.totals.bram36(), int(d.bram36), 100 * bram);
            QVERIFY2(std::abs(lut) < kLutTolerance, id);
            QVERIFY2(std::abs(bram) < kBramTolerance, id);
        }
    }

    void bitfoldIsCloserThanFinnR() {
        // The point of our own model: closer to the measured whole designs than the 2018 one.
        double ours = 0, theirs = 0;
        for (const char* id : {"bnn-pynq/cnv-w1a1/pynq-z1", "bnn-pynq/lfc-w1a1/pynq-z1"}) {
            const PublishedDesign d = publishedDesign(id);
            for (auto [m, sum] : {std::pair{CostModel::Bitfold, &ours}, {CostModel::FinnR, &theirs}}) {
                const Estimate e = estimatePublished(d, m);
                *sum += std::abs(relErr(e.totals.lut, d.lut)) + std::abs(relErr(e.totals.bram36(), d.bram36));
            }
        }
        QVERIFY2(ours < theirs, qPrintable(QString("bitfold %1 vs finn-r %2").arg(ours).arg(theirs)));
    }

    void finnUnitVector() {
        // Xilinx/finn tests/fpgadataflow/test_fpgadataflow_res_estimate.py: MW=MH=4,
        // SIMD=PE=1, INT2 weights/inputs/outputs: 317 LUT (resType lut), 313 LUT and 1 DSP
        // (resType dsp), 0 BRAM18 (weights in LUTRAM). FINN's expected values carry no
        // threshold terms, so the unit is costed without activation.
        FinnMvauParams p;
        p.mw = p.mh = 4;
        p.weightBits = p.inputBits = p.outputBits = 2;
        p.activation = false;
        QCOMPARE(finnMvauCost(p).lut, 317.0);
        QCOMPARE(finnMvauCost(p).bram18, 0.0);
        QCOMPARE(finnMvauCost(p).dsp, 0.0);
        p.dspMultiply = true;
        QCOMPARE(finnMvauCost(p).lut, 313.0);
        QCOMPARE(finnMvauCost(p).dsp, 1.0);
    }

    void cyclesFollowTheSharedFormulas() {
        const Network& cnv = *Catalog::shipped().findNetwork("cnv");
        const auto prec = resolvePrecision(cnv, {});
        Folding f = minimalFolding(cnv);
        f.layers[1] = {8, 16};
        const Estimate e = estimate(cnv, prec, f, Catalog::shipped().device("pynq-z1"), 100);
        QCOMPARE(e.layers[1].computeCycles, std::int64_t(cycles::mvtu(64, 576, 8, 16, 28 * 28)));
        QCOMPARE(e.layers[1].windowCycles, std::int64_t(cycles::slidingWindow(30, 28, 3, 1, 64, 16)));
        QCOMPARE(e.layers[0].computeCycles, 64LL * 27 * 900);
        QCOMPARE(e.layers[0].weightDepth, 64LL * 27);
        QVERIFY(e.latencyCycles <= [&] {
            double s = 0;
            for (auto& l : e.layers) s += l.cycles;
            return s;
        }());
        QVERIFY(e.latencyCycles >= double(e.cycles));
        QCOMPARE(e.fps, 100e6 / double(e.cycles));
    }

    void costGrowsWithPrecision() {
        // Wider operands cost more LUTs, never fewer; weights memory grows with W.
        double lastLut = 0, lastBram = 0;
        for (int b : {1, 2, 3, 4, 8}) {
            const Estimate e = sfcAt(b, b);
            QVERIFY2(e.layersTotal.lut > lastLut, qPrintable(QString("W%1A%1").arg(b)));
            QVERIFY(e.layersTotal.bram18 >= lastBram);
            lastLut = e.layersTotal.lut;
            lastBram = e.layersTotal.bram18;
            QCOMPARE(e.layersTotal.dsp, 0.0); // integer <= 8 bit stays in LUT fabric
        }
        // XNOR/popcount is much cheaper than a 2-bit multiply (Yosys: ~2.3 vs ~13 LUT per lane).
        QVERIFY(sfcAt(2, 2).layers[1].compute.lut > 3 * sfcAt(1, 1).layers[1].compute.lut);
        // 16-bit and float datapaths live in DSPs.
        QVERIFY(sfcAt(16, 16).layersTotal.dsp >= 16 * 16 * 3);
        QVERIFY(sfcAt(32, 32).layersTotal.dsp > sfcAt(16, 16).layersTotal.dsp);
        // Throughput does not depend on precision, only on folding.
        QCOMPARE(sfcAt(1, 1).fps, sfcAt(8, 8).fps);
    }

    void memoryStylesMoveWeights() {
        const Network& net = *Catalog::shipped().findNetwork("sfc");
        const auto prec = resolvePrecision(net, {2, 2, 0, {}});
        Folding f = minimalFolding(net);
        const Device& zcu104 = Catalog::shipped().device("zcu104");
        const Estimate bram = estimate(net, prec, f, zcu104, 0);
        f.layers[1].memory = MemoryStyle::Lutram;
        const Estimate lutram = estimate(net, prec, f, zcu104, 0);
        f.layers[1].memory = MemoryStyle::Uram;
        const Estimate uram = estimate(net, prec, f, zcu104, 0);
        QVERIFY(lutram.layers[1].weights.bram18 == 0 && lutram.layers[1].weights.lut > 1000);
        QVERIFY(uram.layers[1].weights.uram >= 1 && uram.layers[1].weights.bram18 == 0);
        QVERIFY(bram.layers[1].weights.bram18 >= 7); // 65,536 words x 2 bits on RAMB18s
    }

    void productsInDspsAndBinarySearchThresholds() {
        // Per-layer choices (LayerFolding::product / thresholds): a W4A4 product in a DSP frees
        // its multiplier LUTs for one DSP per product; a binary-search threshold unit compares
        // A times instead of 2^A - 1 (FINN's RTL thresholding).
        const Network& net = *Catalog::shipped().findNetwork("sfc");
        const auto prec = resolvePrecision(net, {4, 4, 0, {}});
        Folding f = minimalFolding(net);
        f.layers[1] = {4, 8};
        const Device& dev = Catalog::shipped().device("pynq-z1");
        const Estimate lut = estimate(net, prec, f, dev, 0);
        f.layers[1].product = ProductResource::Dsp;
        const Estimate dsp = estimate(net, prec, f, dev, 0);
        QCOMPARE(dsp.layers[1].compute.dsp - lut.layers[1].compute.dsp, 4.0 * 8);
        QVERIFY(dsp.layers[1].compute.lut < lut.layers[1].compute.lut - 4 * 8 * 10); // >= 10 LUT per 4x4 product
        QCOMPARE(dsp.cycles, lut.cycles);
        f.layers[1].product = ProductResource::Lut;
        f.layers[1].thresholds = ThresholdUnit::BinarySearch;
        const Estimate search = estimate(net, prec, f, dev, 0);
        QVERIFY(search.layers[1].compute.lut < lut.layers[1].compute.lut); // 4 comparators instead of 15 per PE
        QCOMPARE(search.cycles, lut.cycles);
        // W1A1 has neither choice: the estimate does not move.
        const auto binary = resolvePrecision(net, {1, 1, 0, {}});
        Folding plain = f;
        plain.layers[1].thresholds = ThresholdUnit::Parallel;
        QCOMPARE(estimate(net, binary, f, dev, 0).totals, estimate(net, binary, plain, dev, 0).totals);
    }

    void unmodelledFiguresAreMarked() {
        // finn-r estimates no FFs, DSPs or windows; finn no FFs or windows; bitfold all.
        const Estimate e = sfcAt(2, 2);
        QVERIFY(e.modelled.ff && e.modelled.dsp && e.modelled.windows);
        const Network& net = *Catalog::shipped().findNetwork("sfc");
        const auto prec = resolvePrecision(net, {2, 2, 0, {}});
        const Device& dev = Catalog::shipped().device("pynq-z1");
        const Estimate r = estimate(net, prec, minimalFolding(net), dev, 0, CostModel::FinnR);
        QVERIFY(!r.modelled.ff && !r.modelled.dsp && !r.modelled.windows);
        const Estimate f = estimate(net, prec, minimalFolding(net), dev, 0, CostModel::Finn);
        QVERIFY(!f.modelled.ff && f.modelled.dsp && !f.modelled.windows);
    }

    void utilisationIncludesTheShell() {
        const Estimate e = sfcAt(1, 1, "aws-f1");
        QVERIFY(e.shell.lut > 0);
        QCOMPARE(e.totals.lut, e.layersTotal.lut + e.infrastructure.lut + e.shell.lut);
        QCOMPARE(e.utilisation.lut, e.totals.lut / Catalog::shipped().device("aws-f1").total.lut);
    }

private:
    static constexpr double kLutTolerance = 0.12;
    static constexpr double kBramTolerance = 0.10;
};

QTEST_APPLESS_MAIN(TestCostModels)
#include "test_cost_models.moc"
