// The optimizer's per-layer hardware choices and its account of designs that do not fit:
// `fold` puts 2-8-bit products in DSP slices where that frees LUTs for a faster design, and
// CNV at W1A5-W1A8 on a PYNQ-Z1 either fits or fitReason() says why in one sentence (the
// sentence the Explain page shows).
#include "bitfold/catalog.h"
#include "bitfold/fit.h"
#include "bitfold/optimizer.h"

#include <QtTest>

using namespace bitfold;

namespace {

int layersWith(const Folding& f, ProductResource r) {
    int n = 0;
    for (const LayerFolding& l : f.layers) n += l.product == r;
    return n;
}

} // namespace

class TestOptimizerChoices : public QObject {
    Q_OBJECT

private slots:
    void dspProductsWhereTheyFreeLuts_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<int>("bits");
        QTest::addColumn<QString>("device");
        // LUT-bound multi-bit designs on devices with DSPs to spare.
        QTest::newRow("tfc W4A4 on Ultra96") << "tfc" << 4 << "xczu3eg";
        QTest::newRow("sfc W4A4 on ZCU104") << "sfc" << 4 << "xczu7ev";
        QTest::newRow("tfc W8A8 on Ultra96") << "tfc" << 8 << "xczu3eg";
    }

    void dspProductsWhereTheyFreeLuts() {
        QFETCH(QString, network);
        QFETCH(int, bits);
        QFETCH(QString, device);
        const Catalog& cat = Catalog::shipped();
        const Network net = cat.network(network.toStdString());
        const Device& dev = cat.device(device.toStdString());
        const auto prec = resolvePrecision(net, {bits, bits, 0, {}});
        const FoldingResult withDsp = optimizeFolding(net, prec, dev, {});
        QVERIFY2(withDsp.fits, withDsp.message.c_str());
        QVERIFY(layersWith(withDsp.folding, ProductResource::Dsp) >= 1);
        // The same search with (almost) no DSPs allowed: the products stay in LUTs and the
        // design is slower, held back by LUTs.
        FoldingRequest noDsp;
        noDsp.limits.dsp = 0.02; // the accelerator I/O's 4 DSPs still fit
        const FoldingResult lutOnly = optimizeFolding(net, prec, dev, noDsp);
        QVERIFY2(lutOnly.fits, lutOnly.message.c_str());
        QCOMPARE(layersWith(lutOnly.folding, ProductResource::Dsp), 0);
        QCOMPARE(lutOnly.limitingResource, std::string("LUT"));
        QVERIFY2(withDsp.estimate.fps > lutOnly.estimate.fps * 1.1,
                 qPrintable(QString("%1 vs %2 FPS").arg(withDsp.estimate.fps).arg(lutOnly.estimate.fps)));
        // Each layer moved to DSPs holds one DSP per product and fewer LUTs than its LUT twin.
        for (std::size_t i = 0; i < net.layers.size(); ++i) {
            const LayerFolding& f = withDsp.folding.layers[i];
            if (f.product != ProductResource::Dsp) continue;
            Folding twin = withDsp.folding;
            twin.layers[i].product = ProductResource::Lut;
            const Estimate lut = estimate(net, prec, twin, dev, 0);
            const LayerEstimate& a = withDsp.estimate.layers[i];
            QCOMPARE(a.compute.dsp - lut.layers[i].compute.dsp, double(f.pe) * f.simd * f.mmv);
            QVERIFY(a.compute.lut < lut.layers[i].compute.lut);
            QCOMPARE(withDsp.estimate.cycles, lut.cycles);
        }
    }

    void cnvWideActivationsOnPynq() {
        // W1A5 and W1A6 fit; W1A7 and W1A8 do not, and the reason is the threshold memory:
        // 2^A - 1 thresholds per output channel, more block RAM than the limit allows.
        const Catalog& cat = Catalog::shipped();
        const Network net = cat.network("cnv");
        const Device& pynq = cat.device("pynq-z1");
        const FoldingRequest request;
        for (int a : {5, 6, 7, 8}) {
            const auto prec = resolvePrecision(net, {1, a, 0, {}});
            const FoldingResult r = optimizeFolding(net, prec, pynq, request);
            const std::string reason = fitReason(net, prec, r.estimate, pynq, request.limits);
            const std::string what = "CNV W1A" + std::to_string(a) + ": " + reason;
            if (a <= 6) {
                QVERIFY2(r.fits, what.c_str());
                QVERIFY2(reason.empty(), what.c_str());
                continue;
            }
            QVERIFY2(!r.fits, what.c_str());
            const std::string count = std::to_string((1 << a) - 1) + " thresholds";
            QVERIFY2(reason.rfind("The threshold memory alone needs ", 0) == 0, what.c_str());
            QVERIFY2(reason.find(count) != std::string::npos, what.c_str());
            QVERIFY2(reason.find("1920 output channels") != std::string::npos, what.c_str());
            QVERIFY2(reason.find("whatever the folding") != std::string::npos, what.c_str());
            QVERIFY2(reason.find("BRAM36") != std::string::npos, what.c_str());
            QVERIFY2(reason.find(". ") == std::string::npos && reason.back() == '.', what.c_str()); // one sentence
            qInfo("%s", what.c_str());
        }
    }

    void fitReasonOfAFittingDesignIsEmpty() {
        const Catalog& cat = Catalog::shipped();
        const Network net = cat.network("tfc");
        const auto prec = resolvePrecision(net, {1, 1, 0, {}});
        const Device& pynq = cat.device("pynq-z1");
        const Estimate e = estimate(net, prec, minimalFolding(net), pynq, 0);
        QVERIFY(fitReason(net, prec, e, pynq, {}).empty());
        // Over a limit with no single part above it: the resource and its largest part.
        ResourceLimits tight;
        tight.lut = 0.08; // 4,256 LUT: below the design, above each of its parts
        const std::string reason = fitReason(net, prec, e, pynq, tight);
        QVERIFY2(reason.rfind("The design needs ", 0) == 0 && reason.find("LUT") != std::string::npos, reason.c_str());
        QVERIFY2(reason.find("the largest part is ") != std::string::npos, reason.c_str());
    }
};

QTEST_GUILESS_MAIN(TestOptimizerChoices)
#include "test_optimizer_choices.moc"
