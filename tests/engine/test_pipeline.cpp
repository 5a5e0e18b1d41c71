// The pipeline plan: every block timed from cycles.h, the memory interface, MMV, compute units,
// and the rules estimate() and the optimizer take from it.
#include "bitfold/catalog.h"
#include "bitfold/cost_model.h"
#include "bitfold/cycles.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/optimizer.h"
#include "bitfold/pipeline.h"
#include "bitfold/sweep.h"

#include <QTest>
#include <cmath>

using namespace bitfold;

namespace {

const Catalog& cat() { return Catalog::shipped(); }

std::vector<LayerPrecision> precisionOf(const Network& net, int w, int a) {
    return resolvePrecision(net, {w, a, 0, {}});
}

const PlanStage* find(const PipelinePlan& p, const std::string& name) {
    for (const PlanStage& s : p.stages)
        if (s.name == name) return &s;
    return nullptr;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

FoldingResult fastest(const std::string& network, int w, int a, const std::string& device) {
    const Network net = cat().network(network);
    return optimizeFolding(net, precisionOf(net, w, a), cat().device(device), {});
}

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
private slots:
    void readerMovesOnePortWordPerCycle() {
        // TFC takes 784 8-bit pixels: 98 words of a PYNQ-Z1's 64-bit HP port, 13 of F1's 512 bits.
        const Network net = cat().network("tfc");
        const auto prec = precisionOf(net, 1, 1);
        const PipelinePlan pynq = planPipeline(net, prec, maximalFolding(net, prec), 64);
        const PipelinePlan f1 = planPipeline(net, prec, maximalFolding(net, prec), 512);
        QCOMPARE(find(pynq, "read")->cycles, 98LL);
        QCOMPARE(find(f1, "read")->cycles, 13LL);
        // The quantizer emits as many values as the port brings: 8, and gcd(64, 784) = 16.
        QCOMPARE(find(pynq, "quantize")->cycles, 98LL);
        QCOMPARE(find(f1, "quantize")->cycles, 49LL);
        // 10 outputs and the label in 32-bit slots: 6 words of 64 bits, 1 of 512.
        QCOMPARE(find(pynq, "write")->cycles, 6LL);
        QCOMPARE(find(f1, "write")->cycles, 1LL);
        QCOMPARE(find(pynq, "label")->cycles, 11LL);
        // Fully unfolded, nothing is slower than the reader.
        QCOMPARE(pynq.cycles, 98LL);
        QCOMPARE(pynq.stages[std::size_t(pynq.slowest)].name, std::string("read"));
    }

    void estimateNamesTheMemoryBound() {
        // The case: TFC W1A1 on PYNQ-Z1 was predicted at 1.79 M FPS with no reader.
        const FoldingResult r = fastest("tfc", 1, 1, "pynq-z1");
        QVERIFY(r.fits);
        QCOMPARE(r.estimate.bound, Bound::Memory);
        QCOMPARE(r.limitingResource, std::string("memory"));
        QCOMPARE(r.estimate.cycles, 98LL);
        QVERIFY(std::abs(r.estimate.fps - 100e6 / 98) < 1e-6 * r.estimate.fps);
        const auto j = toJson(r.estimate);
        QCOMPARE(j.at("bound").get<std::string>(), std::string("memory"));
        QCOMPARE(j.at("slowest_stage").get<std::string>(), std::string("read"));
        QCOMPARE(j.at("stages").front().at("kind").get<std::string>(), std::string("read"));
        QVERIFY(j.at("stages").back().at("cycles").get<std::int64_t>() > 0);
    }

    void launchOverheadBoundsSmallBatches() {
        // TFC on PYNQ-Z1 takes about 1 us a frame; one launch costs 50 us (xc7z020.json's assumption).
        FoldingResult r = fastest("tfc", 1, 1, "pynq-z1");
        const double fps = r.estimate.fps;
        applyBatch(r.estimate, 1);
        QCOMPARE(r.estimate.bound, Bound::Launch);
        QVERIFY(r.estimate.fpsAtBatch < fps);
        applyBatch(r.estimate, 100000);
        QVERIFY(r.estimate.bound != Bound::Launch);
        QVERIFY(r.estimate.fpsAtBatch > 0.99 * fps);
        QVERIFY(errorOf([&] { applyBatch(r.estimate, 0); }).find("batch") != std::string::npos);
    }

    void mmvDividesMvtuAndWindowWrites() {
        QCOMPARE(cycles::mvtu(64, 576, 64, 64, 784, 4), 9ULL * 196);
        // conv1 of CNV, SIMD 64 of 64 channels: write phase 28*9 per row, /4 with MMV 4.
        QCOMPARE(cycles::slidingWindow(30, 28, 3, 1, 64, 64, 1, 1), 90ULL + 28 * 252);
        QCOMPARE(cycles::slidingWindow(30, 28, 3, 1, 64, 64, 4, 1), 90ULL + 28 * 63);
        // Reading two SIMD-words per cycle halves the fill and the read phase.
        QCOMPARE(cycles::slidingWindow(30, 28, 3, 1, 64, 16, 28, 2), 30ULL * 3 * 2 + 28 * std::max(36ULL, 60ULL));
        QCOMPARE(cycles::windowInputMultiplier(30, 28, 3, 1, 64, 16, 28), 2ULL);
        QCOMPARE(cycles::windowInputMultiplier(30, 28, 3, 1, 64, 16, 1), 1ULL);
    }

    void paddedPoolsTimeAlikeEverywhere() {
        // Tincy YOLO's stride-1 pool pads one column/row at the end: the pool walks 14x14 for a
        // 13x13 input. The plan, estimate() and the optimizer's stage cycles agree on it.
        const Network net = cat().network("tincy-yolo");
        const auto prec = precisionOf(net, 1, 3);
        Folding f = minimalFolding(net);
        const PipelinePlan p = planPipeline(net, prec, f, 64);
        const Estimate e = estimate(net, prec, f, cat().device("xczu9eg"), 0);
        int pools = 0;
        for (const PlanStage& s : p.stages) {
            if (s.kind != BlockKind::MaxPool) continue;
            ++pools;
            const Layer& l = net.layers[std::size_t(s.layer)];
            const auto expected = cycles::maxPool(
                std::uint64_t(l.inDim), std::uint64_t(l.kernel), std::uint64_t(l.stride), std::uint64_t(l.padTotal / 2),
                std::uint64_t(l.padTotal - l.padTotal / 2), std::uint64_t(l.inChannels), std::uint64_t(s.pe));
            QCOMPARE(std::uint64_t(s.cycles), expected);
            QCOMPARE(e.layers[std::size_t(s.layer)].computeCycles, s.cycles);
            // Issue 9: the model said 209^2 for pool0 (its windows end at 208) and the generator 13^2 for
            // pool4 (its stride-1 windows walk one padded column and row past 13).
            const std::int64_t perPixel = l.inChannels / s.pe;
            if (l.name == "pool0") QCOMPARE(s.cycles, 208LL * 208 * perPixel);
            if (l.name == "pool4") QCOMPARE(s.cycles, 14LL * 14 * perPixel);
        }
        QVERIFY(pools >= 5);
    }

    void cnvFillsTheVu9pWithMmv() {
        // Issue 9: CNV W1A1 stopped at 30,503 FPS on the VU9P, folding-limited at 30% of its LUTs.
        const FoldingResult r = fastest("cnv", 1, 1, "xcvu9p");
        QVERIFY(r.fits);
        QVERIFY2(r.estimate.fps >= 100000, std::to_string(r.estimate.fps).c_str());
        int withMmv = 0;
        for (const LayerFolding& l : r.folding.layers) withMmv += l.mmv > 1;
        QVERIFY(withMmv >= 1);
        // What fold prints, estimate reads back unchanged.
        const Network net = cat().network("cnv");
        const Folding back = foldingFromJson(toJson(r.folding, net), net, "fold output");
        QCOMPARE(back, r.folding);
        const Estimate e = estimate(net, precisionOf(net, 1, 1), back, cat().device("xcvu9p"), 0);
        QCOMPARE(e.fps, r.estimate.fps);
    }

    void dorefaNetF1FoldingIsReadAndEstimated() {
        // FINN-R's published DoReFa-Net/PF folding for AWS F1 (resources/foldings/dorefanet-pf-f1.json).
        const Network net = cat().network("dorefanet");
        const std::string path = resourceDir() + "/foldings/dorefanet-pf-f1.json";
        const Folding f = loadFoldingFile(path, net);
        QCOMPARE(f.layers[std::size_t(net.indexOf("conv0"))].mmv, 18);
        QCOMPARE(f.layers[std::size_t(net.indexOf("conv2"))].mmv, 3);
        const auto prec = precisionOf(net, 1, 2);
        validate(net, prec, f);
        const Estimate e = estimate(net, prec, f, cat().device("xcvu9p"), 101);
        QVERIFY(e.fps > 0);
        QCOMPARE(e.layers[std::size_t(net.indexOf("conv0"))].mmv, 18);
        QCOMPARE(e.layers[std::size_t(net.indexOf("conv0"))].computeCycles,
                 std::int64_t(cycles::mvtu(68, 432, 68, 3, 54 * 54, 18)));
    }

    void computeUnitsMultiplyRateAndLogicNotTheShell() {
        const Network net = cat().network("cnv");
        const auto prec = precisionOf(net, 1, 1);
        const Device& vu9p = cat().device("xcvu9p");
        Folding f = fastest("cnv", 1, 1, "pynq-z1").folding;
        const Estimate one = estimate(net, prec, f, vu9p, 0);
        f.computeUnits = 3;
        const Estimate three = estimate(net, prec, f, vu9p, 0);
        QCOMPARE(three.fps, 3 * one.fps);
        QCOMPARE(three.totals.lut, 3 * (one.totals.lut - one.shell.lut) + one.shell.lut);
        QCOMPARE(toJson(three).at("compute_units").get<int>(), 3);
        const Folding back = foldingFromJson(toJson(f, net), net, "x");
        QCOMPARE(back.computeUnits, 3);
    }

    void optimizerPlacesComputeUnitsWhenOneCopyCannotUseTheDevice() {
        // TFC is memory-bound on one port; the U250 places up to four copies, each with its own.
        const FoldingResult r = fastest("tfc", 1, 1, "xcu250");
        QVERIFY(r.fits);
        QVERIFY(r.folding.computeUnits > 1);
        QCOMPARE(r.estimate.computeUnits, r.folding.computeUnits);
        QVERIFY(r.estimate.fps > r.estimate.fpsPerUnit * 1.5);
    }

    void preconditionsAreErrorsNamingTheField() {
        const Network net = cat().network("sfc");
        const auto prec = precisionOf(net, 1, 1);
        const Device& d = cat().device("pynq-z1");
        Folding f = minimalFolding(net);
        f.layers[0].pe = 0;
        QVERIFY(errorOf([&] { estimate(net, prec, f, d, 0); }).find("PE 0") != std::string::npos);
        f = minimalFolding(net);
        f.layers[1].simd = 7;
        QVERIFY(errorOf([&] { estimate(net, prec, f, d, 0); }).find("SIMD 7") != std::string::npos);
        f = minimalFolding(net);
        f.layers[0].mmv = 2;
        QVERIFY(errorOf([&] { estimate(net, prec, f, d, 0); }).find("MMV") != std::string::npos);
        f = minimalFolding(net);
        QVERIFY(errorOf([&] { estimate(net, prec, f, d, std::nan("")); }).find("clock") != std::string::npos);
        f.computeUnits = 0;
        QVERIFY(errorOf([&] { estimate(net, prec, f, d, 0); }).find("compute units") != std::string::npos);
        const nlohmann::json bad = {{"layers", {{{"name", "conv0"}, {"pe", 1}, {"simd", 1}, {"mmv", 4}}}}};
        const Network cnv = cat().network("cnv");
        const Folding fb = foldingFromJson(bad, cnv, "bad.json");
        QVERIFY(errorOf([&] {
                    validate(cnv, precisionOf(cnv, 1, 1), fb);
                }).find("does not divide its output side 30") != std::string::npos);
    }

    void preconditionsHoldForEveryCaller() { // issue 13: the plan and the optimizer too
        const Network net = cat().network("sfc");
        const auto prec = precisionOf(net, 1, 1);
        Folding f = minimalFolding(net);
        f.layers[1].simd = -1;
        QVERIFY(errorOf([&] { planPipeline(net, prec, f, 64); }).find("SIMD -1") != std::string::npos);
        f = minimalFolding(net);
        f.layers[2].mmv = 0;
        QVERIFY(errorOf([&] { planPipeline(net, prec, f, 64); }).find("MMV 0") != std::string::npos);
        Device clockless = cat().device("pynq-z1");
        clockless.clockMhz = 0;
        QVERIFY(errorOf([&] { estimate(net, prec, minimalFolding(net), clockless, 0); }).find("clock") !=
                std::string::npos);
        // Sizes whose products overflow 64 bits: 2^30 x 2^30 weights, each 2^30 wide.
        Network huge = net;
        huge.layers.resize(1);
        huge.layers[0].inChannels = huge.layers[0].outChannels = 1 << 30;
        const auto hugePrec = precisionOf(huge, 1, 1);
        QVERIFY(errorOf([&] {
                    estimate(huge, hugePrec, minimalFolding(huge), cat().device("pynq-z1"), 0);
                }).find("overflow 64 bits") != std::string::npos);
        FoldingRequest req;
        for (double clock : {std::nan(""), HUGE_VAL}) {
            req.clockMhz = clock;
            QVERIFY2(errorOf([&] { optimizeFolding(net, prec, cat().device("pynq-z1"), req); }).find("clock") !=
                         std::string::npos,
                     std::to_string(clock).c_str());
        }
        req = {};
        req.goal = FoldingGoal::TargetFps;
        req.targetFps = std::nan("");
        QVERIFY(errorOf([&] { optimizeFolding(net, prec, cat().device("pynq-z1"), req); }).find("target FPS") !=
                std::string::npos);
    }

    void scalingGrowsUntilAStatedBound() {
        const Network net = cat().network("cnv");
        const auto points = deviceScaling(net, precisionOf(net, 1, 1), {}, {0.125, 0.25, 0.5, 1.0});
        double last = 0;
        int fraction = 0;
        for (const ScalingPoint& p : points) {
            QVERIFY(!p.why.empty());
            if (p.device.find('@') == std::string::npos) continue;
            ++fraction;
            QVERIFY2(p.fps >= last * (1 - 1e-9), p.device.c_str());
            last = p.fps;
        }
        QCOMPARE(fraction, 4);
    }
};

QTEST_APPLESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
