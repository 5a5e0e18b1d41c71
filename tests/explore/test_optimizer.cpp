// The folding optimizer: valid, within limits, never slower than FINN's SetFolding or the
// FINN-R greedy under the same limits, and at least as fast as BNN-PYNQ's hand-made foldings
// on the resources BNN-PYNQ used. Resource figures are never hard-coded here: the cost
// model's constants are still being calibrated, so every check is a relation.
#include "explore_helpers.h"

#include "bitfold/error.h"
#include "bitfold/fit.h"
#include "bitfold/json_io.h"

#include <QtTest>

#include <cmath>
#include <map>

using namespace bitfold;
using namespace explore_test;

namespace {

FoldingRequest requestFor(FoldingStrategy s, CostModel model = CostModel::Bitfold) {
    FoldingRequest r;
    r.strategy = s;
    r.model = model;
    return r;
}

/// Checks one result against estimate() and the limits; returns a failure text or "".
std::string checkResult(const Network& net, const std::vector<LayerPrecision>& prec, const Device& d,
                        const FoldingRequest& req, const FoldingResult& r) {
    try {
        validate(net, prec, r.folding);
    } catch (const Error& e) {
        return std::string("invalid folding: ") + e.what();
    }
    for (std::size_t i = 0; i < net.layers.size(); ++i)
        if (!net.layers[i].isMatrix() && (r.folding.layers[i].pe != 1 || r.folding.layers[i].simd != 1))
            return "a pooling layer carries its own folding";
    const double clock = req.clockMhz > 0 ? req.clockMhz : d.clockMhz;
    if (!(r.estimate == estimate(net, prec, r.folding, d, clock, req.model))) return "estimate is not the folding's";
    if (r.fits != withinLimits(r.estimate, d, req.limits)) return "fits disagrees with the limits";
    if (r.limitingResource.empty()) return "no limiting resource";
    return "";
}

struct Tally {
    int points = 0, bothFit = 0, faster = 0, onlyOursFits = 0;
    double sumSpeedup = 0, maxSpeedup = 1;
};

/// BNN-PYNQ's designs as published: resources/published/published.json, a copy of the
/// domain reference (shared/reference/published.json). Utilisation: Xilinx/BNN-PYNQ
/// bnn/src/network/<net>/README.md (Vivado 2018.2 post-implementation, whole design);
/// folding: bnn/src/network/<net>/hw/config.h.
nlohmann::json publishedDesign(const std::string& id) {
    const auto all = readJsonFile(resourceDir() + "/published/published.json");
    for (const auto& d : all.at("designs"))
        if (d.at("id") == id) return d;
    throw std::runtime_error("no published design " + id);
}

} // namespace

class TestOptimizer : public QObject {
    Q_OBJECT
private slots:
    void fitReportIsTheOptimizersRule() {
        const Catalog& cat = Catalog::shipped();
        const Network& net = *cat.findNetwork("cnv");
        const Device& d = *cat.findDevice("xc7z020");
        const auto prec = precisionFor(net, 1, 1);
        const Estimate e = estimate(net, prec, minimalFolding(net), d, 100);
        ResourceLimits l;
        l.lut = l.ff = l.bram = l.uram = l.dsp = 1;
        l.bram = e.totals.bram18 / d.total.bram18 * (1 - 1e-12); // a hair under what it uses: within tolerance
        FitReport r = fitReport(e, d, l);
        QVERIFY(r.fits);
        QCOMPARE(r.tightest, ResourceKind::Bram);
        QVERIFY(std::abs(r.ratio - 1) < 1e-9);
        QCOMPARE(r.share, e.utilisation.bram18);
        QVERIFY(r.fits == withinLimits(e, d, l)); // the test's own reading agrees
        l.bram *= 0.99; // 1% short: over
        r = fitReport(e, d, l);
        QVERIFY(!r.fits);
        QCOMPARE(r.tightest, ResourceKind::Bram);
        QVERIFY(r.ratio > 1.005);
        QCOMPARE(r.limit, l.bram);
    }

    void validWithinLimitsAndNeverWorseThanTheBaselines() {
        const Catalog& cat = Catalog::shipped();
        std::map<FoldingStrategy, Tally> tally;
        for (const Network& net : cat.networks()) {
            for (auto [w, a] : gridPrecisions()) {
                const auto prec = precisionFor(net, w, a);
                for (const Device& d : cat.devices()) {
                    const FoldingRequest req = requestFor(FoldingStrategy::Bitfold);
                    const FoldingResult ours = optimizeFolding(net, prec, d, req);
                    const std::string where =
                        net.id + " W" + std::to_string(w) + "A" + std::to_string(a) + " on " + d.id;
                    const std::string bad = checkResult(net, prec, d, req, ours);
                    QVERIFY2(bad.empty(), (where + ": " + bad).c_str());
                    QVERIFY2(ours.fits || !ours.message.empty(), where.c_str());
                    for (FoldingStrategy s : {FoldingStrategy::FinnSetFolding, FoldingStrategy::FinnRGreedy}) {
                        const FoldingRequest breq = requestFor(s);
                        const FoldingResult base = optimizeFolding(net, prec, d, breq);
                        const std::string bbad = checkResult(net, prec, d, breq, base);
                        QVERIFY2(bbad.empty(), (where + " " + toString(s) + ": " + bbad).c_str());
                        Tally& t = tally[s];
                        ++t.points;
                        if (!base.fits) {
                            t.onlyOursFits += ours.fits;
                            continue;
                        }
                        QVERIFY2(ours.fits, (where + ": " + toString(s) + " fits, bitfold does not").c_str());
                        QVERIFY2(ours.estimate.fps >= base.estimate.fps * (1 - 1e-12),
                                 (where + ": " + toString(s) + " " + std::to_string(base.estimate.fps) +
                                  " FPS beats bitfold " + std::to_string(ours.estimate.fps))
                                     .c_str());
                        ++t.bothFit;
                        const double speedup = ours.estimate.fps / base.estimate.fps;
                        if (speedup > 1.001) ++t.faster;
                        t.sumSpeedup += speedup;
                        t.maxSpeedup = std::max(t.maxSpeedup, speedup);
                    }
                }
            }
        }
        for (const auto& [s, t] : tally)
            qInfo("vs %s: %d points, both fit %d, bitfold faster in %d (mean speed-up %.2fx, max %.1fx), only "
                  "bitfold fits %d",
                  toString(s), t.points, t.bothFit, t.faster, t.bothFit ? t.sumSpeedup / t.bothFit : 0.0, t.maxSpeedup,
                  t.onlyOursFits);
        // "Should beat them": somewhere on the grid it must.
        QVERIFY(tally[FoldingStrategy::FinnSetFolding].faster > 0);
        QVERIFY(tally[FoldingStrategy::FinnRGreedy].faster > 0);
    }

    void otherCostModelsJudgeFit() {
        const Catalog& cat = Catalog::shipped();
        for (CostModel model : allCostModels()) {
            for (const char* id : {"cnv", "lfc", "tincy-yolo"}) {
                const Network& net = *cat.findNetwork(id);
                const auto prec = precisionFor(net, 1, 2);
                for (const char* dev : {"xc7z020", "xcku115", "xcvu9p"}) {
                    const Device& d = cat.device(dev);
                    const FoldingResult ours =
                        optimizeFolding(net, prec, d, requestFor(FoldingStrategy::Bitfold, model));
                    QVERIFY(checkResult(net, prec, d, requestFor(FoldingStrategy::Bitfold, model), ours).empty());
                    for (FoldingStrategy s : {FoldingStrategy::FinnSetFolding, FoldingStrategy::FinnRGreedy}) {
                        const FoldingResult base = optimizeFolding(net, prec, d, requestFor(s, model));
                        if (base.fits) QVERIFY(ours.fits && ours.estimate.fps >= base.estimate.fps * (1 - 1e-12));
                    }
                }
            }
        }
    }

    void bnnPynqFoldingsAreMatchedOnTheirOwnResources() {
        // Done when: on XC7Z020 at 100 MHz, with the LUTs and BRAM36 tiles BNN-PYNQ's designs
        // actually used as the limits, bitfold folds CNV and LFC at least as fast as the
        // hand-made foldings (published.json, see publishedDesign()).
        const Catalog& cat = Catalog::shipped();
        for (const char* id : {"bnn-pynq/cnv-w1a1/pynq-z1", "bnn-pynq/lfc-w1a1/pynq-z1"}) {
            const nlohmann::json pub = publishedDesign(id);
            const Network& net = cat.network(pub.at("network").get<std::string>());
            const Device& d = cat.device(pub.at("device").get<std::string>());
            PrecisionSpec spec;
            spec.weightBits = pub.at("weight_bits").get<int>();
            spec.actBits = pub.at("act_bits").get<int>();
            spec.inputBits = pub.at("input_bits").get<int>();
            const auto prec = resolvePrecision(net, spec);
            const double clock = pub.at("clock_mhz").get<double>();
            const Folding hand = foldingFromJson(pub, net, id);
            validate(net, prec, hand);
            const Estimate handEstimate = estimate(net, prec, hand, d, clock);

            FoldingRequest req;
            req.clockMhz = clock;
            req.limits.lut = pub.at("measured").at("lut").get<double>() / d.total.lut;
            req.limits.bram = pub.at("measured").at("bram36").get<double>() / d.total.bram36();
            const FoldingResult ours = optimizeFolding(net, prec, d, req);
            QVERIFY2(ours.fits, (std::string(id) + ": " + ours.message).c_str());
            QVERIFY(checkResult(net, prec, d, req, ours).empty());
            // Should this fail, look first at whether the model still predicts the hand design
            // within the resources it was measured to use (printed): that is calibration.
            const std::string hand_ = "BNN-PYNQ folding " + std::to_string(handEstimate.fps) + " FPS, predicted " +
                std::to_string(handEstimate.totals.lut) + " LUT, " + std::to_string(handEstimate.totals.bram36()) +
                " BRAM36";
            QVERIFY2(ours.estimate.fps >= handEstimate.fps * (1 - 1e-12),
                     (std::string(id) + ": bitfold " + std::to_string(ours.estimate.fps) + " FPS < " + hand_).c_str());
            qInfo("%s: BNN-PYNQ folding %.0f FPS (measured %.0f), predicted %.0f LUT, %.1f BRAM36; bitfold %.0f FPS "
                  "with %.0f LUT (limit %.0f), %.1f BRAM36 (limit %.0f)",
                  id, handEstimate.fps, pub.at("measured").at("fps").get<double>(), handEstimate.totals.lut,
                  handEstimate.totals.bram36(), ours.estimate.fps, ours.estimate.totals.lut,
                  req.limits.lut * d.total.lut, ours.estimate.totals.bram36(), req.limits.bram * d.total.bram36());
        }
    }

    void targetFpsTakesTheFewestResources() {
        const Catalog& cat = Catalog::shipped();
        for (const char* id : {"cnv", "sfc", "tincy-yolo"}) {
            const Network& net = *cat.findNetwork(id);
            const auto prec = precisionFor(net, 1, 1);
            const Device& d = cat.device("xczu7ev");
            const FoldingResult fastest = optimizeFolding(net, prec, d, {});
            QVERIFY(fastest.fits);
            FoldingRequest req;
            req.goal = FoldingGoal::TargetFps;
            // A target SetFolding can meet too (it has no MMV): a quarter of the slower ceiling.
            FoldingRequest setfMax = req;
            setfMax.strategy = FoldingStrategy::FinnSetFolding;
            setfMax.targetFps = 1e12;
            const double finnCeiling = optimizeFolding(net, prec, d, setfMax).estimate.fps;
            req.targetFps = std::min(fastest.estimate.fps, finnCeiling) / 4;
            const FoldingResult r = optimizeFolding(net, prec, d, req);
            QVERIFY2(r.fits && r.targetMet, r.message.c_str());
            QVERIFY(r.estimate.fps >= req.targetFps);
            QVERIFY(checkResult(net, prec, d, req, r).empty());
            QVERIFY(r.estimate.totals.lut <= fastest.estimate.totals.lut);
            // FINN's SetFolding at the same target: FINN picks the cycle target, not the cost.
            FoldingRequest setf = req;
            setf.strategy = FoldingStrategy::FinnSetFolding;
            const FoldingResult finn = optimizeFolding(net, prec, d, setf);
            QVERIFY(finn.targetMet);
            auto load = [&](const Estimate& e) {
                double s = 0;
                for (ResourceKind k : kAllResources)
                    if (get(d.total, k) > 0) s += get(e.totals, k) / (limitOf(req.limits, k) * get(d.total, k));
                return s;
            };
            QVERIFY2(load(r.estimate) <= load(finn.estimate) * 1.001,
                     (std::string(id) + ": " + std::to_string(load(r.estimate)) + " vs SetFolding " +
                      std::to_string(load(finn.estimate)))
                         .c_str());
        }
    }

    void targetBeyondTheCeilingStatesIt() {
        const Catalog& cat = Catalog::shipped();
        const Network& net = *cat.findNetwork("cnv");
        const auto prec = precisionFor(net, 1, 1);
        const Device& d = cat.device("xcvu9p");
        const double ceiling = estimate(net, prec, maximalFolding(net, prec), d, 0).fps;
        FoldingRequest req;
        req.goal = FoldingGoal::TargetFps;
        req.targetFps = ceiling * 1.5;
        const FoldingResult r = optimizeFolding(net, prec, d, req);
        QVERIFY(!r.targetMet);
        QVERIFY2(contains(r.message, "ceiling") && contains(r.message, std::to_string(int(ceiling))),
                 r.message.c_str());
        QVERIFY(r.estimate.fps <= ceiling * (1 + 1e-12));
        req.targetFps = ceiling; // exactly the ceiling is reachable
        const FoldingResult at = optimizeFolding(net, prec, d, req);
        QVERIFY(at.targetMet);
        QVERIFY(at.fits);
    }

    void nothingFitsNamesTheResourceAndADevice() {
        const Catalog& cat = Catalog::shipped();
        const Network& net = *cat.findNetwork("dorefanet");
        const auto prec = precisionFor(net, 1, 2);
        const Device& small = cat.devices().front();
        const FoldingResult r = optimizeFolding(net, prec, small, {});
        QVERIFY(!r.fits);
        QVERIFY(checkResult(net, prec, small, {}, r).empty());
        QVERIFY2(contains(r.message, r.limitingResource), r.message.c_str());
        const Device* first = nullptr;
        for (const Device& d : cat.devices()) {
            if (d.id == small.id) continue;
            if (optimizeFolding(net, prec, d, {}).fits) {
                first = &d;
                break;
            }
        }
        QVERIFY2(first && contains(r.message, "smallest shipped device it fits is " + first->id), r.message.c_str());

        FoldingRequest tight;
        tight.limits.lut = 0.01;
        const FoldingResult t =
            optimizeFolding(*cat.findNetwork("tfc"), precisionFor(*cat.findNetwork("tfc"), 1, 1), small, tight);
        QVERIFY(!t.fits);
        QCOMPARE(t.limitingResource, std::string("LUT"));
        QVERIFY2(contains(t.message, "LUT") && contains(t.message, "limit 1%"), t.message.c_str());
        for (FoldingStrategy s : {FoldingStrategy::FinnSetFolding, FoldingStrategy::FinnRGreedy}) {
            tight.strategy = s;
            const FoldingResult b =
                optimizeFolding(*cat.findNetwork("tfc"), precisionFor(*cat.findNetwork("tfc"), 1, 1), small, tight);
            QVERIFY(!b.fits);
            QVERIFY(contains(b.message, "LUT"));
        }
    }

    void impossibleLimitsReportTheSmallestFolding() {
        // Issue 12: with the LUT limit at 1%, the "smallest folding" reported was the fully
        // unfolded one (1.5 M LUT, faster than the design that fits at 70%).
        const Catalog& cat = Catalog::shipped();
        const Network& net = *cat.findNetwork("cnv");
        const auto prec = precisionFor(net, 1, 1);
        const Device& d = cat.device("pynq-z1");
        FoldingRequest tight;
        tight.limits.lut = 0.01;
        const FoldingResult r = optimizeFolding(net, prec, d, tight);
        const FoldingResult normal = optimizeFolding(net, prec, d, {});
        QVERIFY(!r.fits && normal.fits);
        QVERIFY2(r.estimate.totals.lut <= normal.estimate.totals.lut,
                 (std::to_string(r.estimate.totals.lut) + " LUT reported as the smallest").c_str());
        QVERIFY(r.estimate.fps <= normal.estimate.fps);
        QVERIFY(r.folding != maximalFolding(net, prec));
    }

    void fullyUnfoldedIsTheFoldingLimit() {
        // A device far larger than any design: the folding is the only limit.
        const Catalog& cat = Catalog::shipped();
        Device huge = cat.device("xcu250");
        huge.total = huge.total * 1000;
        for (const char* id : {"tfc", "cnv"}) {
            const Network& net = *cat.findNetwork(id);
            const auto prec = precisionFor(net, 2, 2);
            const FoldingResult r = optimizeFolding(net, prec, huge, {});
            QVERIFY(r.fits);
            QCOMPARE(r.limitingResource, std::string("folding"));
            QCOMPARE(r.estimate.cycles, estimate(net, prec, maximalFolding(net, prec), huge, 0).cycles);
        }
    }

    void setFoldingFollowsFinn() {
        // FINN SetFolding on LFC W1A1 with a 1000-cycle target: SIMD over divisors until a
        // layer's cycles drop below the target (capped at SIMD*W <= 36), then PE.
        const Catalog& cat = Catalog::shipped();
        const Network& net = *cat.findNetwork("lfc");
        const auto prec = precisionFor(net, 1, 1);
        FoldingRequest req;
        req.strategy = FoldingStrategy::FinnSetFolding;
        req.goal = FoldingGoal::TargetFps;
        req.clockMhz = 100;
        req.targetFps = 100e6 / 1000;
        const FoldingResult r = optimizeFolding(net, prec, cat.device("xcvu9p"), req);
        for (std::size_t i = 0; i < net.layers.size(); ++i) {
            const LayerEstimate& l = r.estimate.layers[i];
            QVERIFY2(l.cycles < 1000, l.name.c_str());
            QVERIFY(l.simd * prec[i].weightBits <= 36);
            // One step less parallel would miss the target (PE was raised only as needed).
            const auto pes = validPe(net, prec, int(i));
            const auto it = std::find(pes.begin(), pes.end(), l.pe);
            if (it != pes.begin())
                QVERIFY(net.layers[i].matrixHeight() / *(it - 1) * (net.layers[i].matrixWidth() / l.simd) >= 1000);
        }
    }

    void stringsAndLimitsAreChecked() {
        for (FoldingStrategy s :
             {FoldingStrategy::Bitfold, FoldingStrategy::FinnSetFolding, FoldingStrategy::FinnRGreedy})
            QVERIFY(foldingStrategyFromString(toString(s)) == s);
        QVERIFY_THROWS_EXCEPTION(Error, foldingStrategyFromString("simulated-annealing"));
        const Catalog& cat = Catalog::shipped();
        const Network& net = *cat.findNetwork("tfc");
        FoldingRequest bad;
        bad.limits.bram = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, optimizeFolding(net, precisionFor(net, 1, 1), cat.devices().front(), bad));
        bad.limits.bram = 0.8;
        bad.goal = FoldingGoal::TargetFps;
        bad.targetFps = -3;
        QVERIFY_THROWS_EXCEPTION(Error, optimizeFolding(net, precisionFor(net, 1, 1), cat.devices().front(), bad));
        QCOMPARE(limitOf(ResourceLimits{}, ResourceKind::Lut), 0.70);
        QCOMPARE(limitOf(ResourceLimits{}, ResourceKind::Ff), 0.50);
        QCOMPARE(limitOf(ResourceLimits{}, ResourceKind::Bram), 0.80);
    }
};

QTEST_APPLESS_MAIN(TestOptimizer)
#include "test_optimizer.moc"
