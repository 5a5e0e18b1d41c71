// Sweeps (deterministic whatever the threads, cancellable, with progress), accuracy lookup
// (published, and measured from the trainer's manifest), Pareto fronts, cheapest designs
// reaching an accuracy, and device scaling.
#include "explore_helpers.h"

#include "bitfold/error.h"
#include "bitfold/manifest.h"
#include "bitfold/sweep.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>

using namespace bitfold;
using namespace explore_test;

namespace {

DesignPoint point(double fps, double lut, double acc = NAN, int w = 1, int a = 1) {
    DesignPoint p;
    p.fps = fps;
    p.totals.lut = lut;
    p.weightBits = w;
    p.actBits = a;
    p.fits = true;
    if (!std::isnan(acc)) p.accuracy = {AccuracyKind::Published, acc, "mnist", "test"};
    return p;
}

/// The O(n^2) definition, to compare the fast front against.
std::vector<std::size_t> bruteFront(const std::vector<DesignPoint>& pts, const std::vector<Objective>& objs) {
    auto usable = [&](const DesignPoint& p) {
        return std::none_of(objs.begin(), objs.end(), [&](Objective o) { return std::isnan(valueOf(p, o)); });
    };
    auto better = [&](const DesignPoint& a, const DesignPoint& b) { // a dominates b
        bool strictly = false;
        for (Objective o : objs) {
            const double x = valueOf(a, o), y = valueOf(b, o);
            if (maximised(o) ? x < y : x > y) return false;
            if (x != y) strictly = true;
        }
        return strictly;
    };
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!usable(pts[i])) continue;
        bool dominated = false;
        for (std::size_t j = 0; j < pts.size() && !dominated; ++j)
            dominated = j != i && usable(pts[j]) && better(pts[j], pts[i]);
        if (!dominated) out.push_back(i);
    }
    return out;
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void sameResultsOnOneOrFourThreads() {
        SweepSpec spec;
        spec.networks = {"tfc", "cnv", "lfc"};
        spec.weightBits = {1, 2};
        spec.actBits = {1, 2};
        spec.widthScales = {1.0, 0.5};
        spec.devices = {"xc7z020", "aws-f1"};
        spec.clocksMhz = {100, 200};
        spec.threads = 1;
        const auto one = runSweep(spec);
        spec.threads = 4;
        const auto four = runSweep(spec);
        QCOMPARE(one.size(), std::size_t(3 * 2 * 2 * 2 * 2 * 2));
        QVERIFY(one == four);
        // Enumeration order: network, width, W, A, device, clock.
        QCOMPARE(one[0].network, std::string("tfc"));
        QCOMPARE(one[1].clockMhz, 200.0);
        QCOMPARE(one[2].device, std::string("xcvu9p"));
        QCOMPARE(one[16].network, std::string("tfc@0.5"));
        for (const DesignPoint& p : one) {
            QVERIFY(p.fps > 0);
            QVERIFY(std::abs(p.fpsPerLut - p.fps / p.totals.lut) <= 1e-9 * p.fpsPerLut);
            const Device& d = Catalog::shipped().device(p.device);
            QVERIFY(std::abs(p.utilisation.lut - p.totals.lut / d.total.lut) < 1e-12);
            QVERIFY(!p.limitingResource.empty());
        }
        // A clock changes the rate, not the folding (the fit does not depend on it): twice the clock,
        // twice the rate for compute-bound CNV; memory-bound TFC gains only up to the PYNQ-Z1's
        // 150 MHz HP-port clock.
        QVERIFY(one[0].folding == one[1].folding);
        QCOMPARE(one[32].network, std::string("cnv"));
        QVERIFY(std::abs(one[33].fps / one[32].fps - 2.0) < 1e-9);
        QVERIFY(std::abs(one[1].fps / one[0].fps - 1.5) < 1e-9);
    }

    void progressCountsEveryPoint() {
        SweepSpec spec;
        spec.networks = {"tfc", "sfc"};
        spec.weightBits = {1, 4};
        spec.actBits = {1, 4};
        spec.devices = {"xc7z020", "xczu3eg", "xcvu9p"};
        spec.threads = 3;
        std::mutex m;
        std::size_t calls = 0, last = 0, total = 0;
        const auto points = runSweep(spec, [&](std::size_t done, std::size_t all) {
            std::lock_guard<std::mutex> lock(m);
            ++calls;
            last = std::max(last, done);
            total = all;
        });
        QCOMPARE(points.size(), std::size_t(2 * 2 * 2 * 3));
        QCOMPARE(calls, points.size());
        QCOMPARE(last, points.size());
        QCOMPARE(total, points.size());
    }

    void cancelStopsPromptly() {
        SweepSpec spec;
        for (const Network& n : Catalog::shipped().networks()) spec.networks.push_back(n.id);
        spec.weightBits = {1, 2, 4, 8, 16, 32};
        spec.actBits = {1, 2, 4, 8, 16, 32};
        spec.threads = 2;
        const std::size_t total = spec.networks.size() * 36 * Catalog::shipped().devices().size();
        std::atomic<bool> cancel{false};
        std::atomic<std::size_t> seen{0};
        const auto points = runSweep(
            spec,
            [&](std::size_t, std::size_t) {
                if (++seen >= 5) cancel = true;
            },
            &cancel);
        // Each worker finishes the point in hand, then stops.
        QVERIFY2(points.size() <= 5 + std::size_t(spec.threads), std::to_string(points.size()).c_str());
        QVERIFY(points.size() >= 5);
        QVERIFY(points.size() * 100 < total);
        // What came back is in sweep order (network, W, A, device).
        const auto& devs = Catalog::shipped().devices();
        auto indexOf = [&](const DesignPoint& p) {
            const auto pos = [](const auto& v, const auto& x) {
                return std::size_t(std::find(v.begin(), v.end(), x) - v.begin());
            };
            std::size_t dev = 0;
            while (devs[dev].id != p.device) ++dev;
            return ((pos(spec.networks, p.network) * 6 + pos(spec.weightBits, p.weightBits)) * 6 +
                    pos(spec.actBits, p.actBits)) *
                devs.size() +
                dev;
        };
        for (std::size_t i = 1; i < points.size(); ++i) QVERIFY(indexOf(points[i - 1]) < indexOf(points[i]));
    }

    void badSpecsAreRejectedUpFront() {
        SweepSpec spec;
        spec.networks = {"nosuchnet"};
        QVERIFY_THROWS_EXCEPTION(Error, runSweep(spec));
        spec.networks = {"tfc"};
        spec.weightBits = {9};
        QVERIFY_THROWS_EXCEPTION(Error, runSweep(spec));
        spec.weightBits = {1};
        spec.devices = {"virtex2"};
        QVERIFY_THROWS_EXCEPTION(Error, runSweep(spec));
        spec.devices = {};
        spec.widthScales = {0};
        QVERIFY_THROWS_EXCEPTION(Error, runSweep(spec));
    }

    void publishedAccuracyMatchesExactly() {
        const Network& cnv = *Catalog::shipped().findNetwork("cnv");
        const AccuracyInfo a = lookupAccuracy(cnv, 1, 1);
        QCOMPARE(int(a.kind), int(AccuracyKind::Published));
        double best = 0;
        for (const PublishedAccuracy& p : cnv.published)
            if (p.weightBits == 1 && p.actBits == 1) best = std::max(best, p.top1);
        QCOMPARE(a.top1, best);
        QVERIFY(!a.source.empty());
        QCOMPARE(a.dataset, std::string("cifar10"));
        QCOMPARE(int(lookupAccuracy(cnv, 4, 1).kind), int(AccuracyKind::None));
        // Width-scaled topologies have no published figure.
        QCOMPARE(int(lookupAccuracy(scaleWidth(cnv, 0.5), 1, 1).kind), int(AccuracyKind::None));
    }

    void measuredAccuracyComesFromTheManifest() {
        const Catalog& cat = Catalog::shipped(); // loaded from the real resources first
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        std::filesystem::create_directories(root + "/models");
        std::ofstream(root + "/models/manifest.json") << R"({
          "format": "bitfold-models", "dataset": "fashion-mnist",
          "models": [
            {"id": "mlp256-w1a1", "network": "mlp", "width": 256, "layers": 3, "weight_bits": 1, "act_bits": 1,
             "accuracy": 0.8412, "measured_by": "golden-integer-reference", "test_images": 10000},
            {"id": "mlp1024-w2a2", "network": "mlp", "width": 1024, "layers": 3, "weight_bits": 2, "act_bits": 2,
             "accuracy": 0.865},
            {"id": "mlp512-float32", "network": "mlp", "width": 512, "layers": 3, "weight_bits": 32, "act_bits": 32,
             "accuracy": 0.89, "package": null},
            {"id": "cnv-fm16-w1a1", "network": "cnv-fm", "width": 16, "layers": 0, "weight_bits": 1, "act_bits": 1,
             "accuracy": 0.8},
            {"id": "mlp64-w4a4", "network": "mlp", "width": 64, "layers": 2, "weight_bits": 4, "act_bits": 4,
             "accuracy": 0.7}
          ]})";
        const EnvGuard env("BITFOLD_RESOURCES", root);
        const Network& sfc = *cat.findNetwork("sfc");
        const AccuracyInfo m = lookupAccuracy(sfc, 1, 1);
        QCOMPARE(int(m.kind), int(AccuracyKind::Measured)); // measured wins over sfc's published W1A1
        QCOMPARE(m.top1, 0.8412);
        QCOMPARE(m.dataset, std::string("fashion-mnist"));
        QVERIFY(contains(m.source, "mlp256-w1a1"));
        // Published figures stay distinguishable: another precision of sfc is still published.
        QCOMPARE(int(lookupAccuracy(sfc, 2, 2).kind), int(AccuracyKind::Published));
        // Hidden width 1024 is LFC and the 50% QuTiBench MLP.
        QCOMPARE(lookupAccuracy(*cat.findNetwork("lfc"), 2, 2).top1, 0.865);
        QCOMPARE(int(lookupAccuracy(*cat.findNetwork("mlp-w50"), 2, 2).kind), int(AccuracyKind::Measured));
        // A width-scaled network matches by its actual shape: LFC at 50% is 512 wide.
        QCOMPARE(lookupAccuracy(scaleWidth(*cat.findNetwork("lfc"), 0.5), 32, 32).top1, 0.89);
        // Depth must match too; a convolutional entry maps to the network of its name and width
        // (cnv-fm, 16 -> cnv-fm16), never to CNV.
        QCOMPARE(int(lookupAccuracy(*cat.findNetwork("tfc"), 4, 4).kind), int(AccuracyKind::None));
        QCOMPARE(int(lookupAccuracy(*cat.findNetwork("cnv"), 1, 1).kind), int(AccuracyKind::Published));
        const AccuracyInfo fm = lookupAccuracy(*cat.findNetwork("cnv-fm16"), 1, 1);
        QCOMPARE(int(fm.kind), int(AccuracyKind::Measured));
        QCOMPARE(fm.top1, 0.8);
        QCOMPARE(fm.dataset, std::string("fashion-mnist"));
        QCOMPARE(int(lookupAccuracy(*cat.findNetwork("cnv-fm16"), 2, 1).kind), int(AccuracyKind::None));
    }

    void manifestIsReadStrictly() {
        // One key per field, fractions only: anything else is an Error naming the file, the
        // entry and the field, never a silently skipped model.
        const auto errorOf = [](const std::string& entry) -> std::string {
            try {
                parseManifest(nlohmann::json::parse(R"({"format": "bitfold-models", "models": [)" + entry + "]}"),
                              "m.json");
            } catch (const Error& e) {
                return e.what();
            }
            return {};
        };
        const std::string ok = R"("id": "mlp64-w1a1", "network": "mlp", "width": 64, "layers": 3, "weight_bits": 1,
                                   "act_bits": 1)";
        QVERIFY(errorOf("{" + ok + R"(, "accuracy": 0.8})").empty());
        const std::string percent = errorOf("{" + ok + R"(, "accuracy": 80.2})");
        QVERIFY2(contains(percent, "m.json") && contains(percent, "models[0] (mlp64-w1a1)") &&
                     contains(percent, "\"accuracy\"") && contains(percent, "fraction"),
                 percent.c_str());
        QVERIFY(contains(errorOf(R"({"id": "x", "network": "mlp", "hidden": 64, "layers": 3, "weight_bits": 1,
                                    "act_bits": 1, "accuracy": 0.8})"),
                         "\"width\" is missing"));
        QVERIFY(contains(errorOf(R"({"id": "x", "shape": "mlp", "width": 64, "layers": 3, "weight_bits": 1,
                                    "act_bits": 1, "accuracy": 0.8})"),
                         "\"network\" is missing"));
        QVERIFY(contains(errorOf("{" + ok + R"(, "weight_bits": "two", "accuracy": 0.8})"), "weight_bits"));
        QVERIFY(contains(errorOf(R"("not an object")"), "models[0]: is not an object"));
        QVERIFY(contains(errorOf("{" + ok + R"(, "accuracy": 0.8}, {)" + ok + R"(, "accuracy": 0.7})"), "twice"));
        QVERIFY_THROWS_EXCEPTION(Error, parseManifest(nlohmann::json::parse(R"({"entries": []})"), "m.json"));
        QVERIFY_THROWS_EXCEPTION(Error, parseManifest(nlohmann::json::parse("[]"), "m.json"));

        // The shipped manifest passes, and a missing one is empty.
        const Manifest shipped = loadManifest(resourceDir() + "/models/manifest.json");
        QVERIFY(!shipped.models.empty());
        QVERIFY(loadManifest(resourceDir() + "/models/no-such-manifest.json").models.empty());
    }

    void measuredAccuracyIsTheMeanOverSeedsWithItsSd() {
        const Catalog& cat = Catalog::shipped();
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        std::filesystem::create_directories(root + "/models");
        std::ofstream(root + "/models/manifest.json") << R"({"format": "bitfold-models", "models": [
            {"id": "mlp256-w1a1", "network": "mlp", "width": 256, "layers": 3, "weight_bits": 1, "act_bits": 1,
             "seeds": [1, 2, 3], "accuracies": [0.88, 0.87, 0.89], "accuracy_mean": 0.88, "accuracy_sd": 0.01,
             "accuracy": 0.88},
            {"id": "mlp256-w1a1-first8", "network": "mlp", "width": 256, "layers": 3, "weight_bits": 1,
             "act_bits": 1, "accuracy": 0.885, "layer_bits": [{"layer": "fc0", "weight_bits": 8, "act_bits": 1},
             {"layer": "fc1", "weight_bits": 1, "act_bits": 1}, {"layer": "fc2", "weight_bits": 1, "act_bits": 1},
             {"layer": "fc3", "weight_bits": 8, "act_bits": 0}]}]})";
        const EnvGuard env("BITFOLD_RESOURCES", root);
        const Network& sfc = *cat.findNetwork("sfc");
        const AccuracyInfo m = lookupAccuracy(sfc, 1, 1);
        QCOMPARE(m.top1, 0.88);
        QCOMPARE(m.sd, 0.01);
        QCOMPARE(m.seeds, 3);
        QVERIFY(contains(m.source, "mean of 3 seeds"));
        // The first/last-8-bit model is its own design, never the uniform one's accuracy.
        const AccuracyInfo f = lookupAccuracy(sfc, 1, 1, 8);
        QCOMPARE(f.top1, 0.885);
        QCOMPARE(f.seeds, 1);
        QCOMPARE(f.sd, 0.0);
        QCOMPARE(int(lookupAccuracy(sfc, 2, 2, 8).kind), int(AccuracyKind::None)); // no published mixed figure

        // A sweep with the first/last-layer variant: the override reaches the precision and
        // the design point, each variant with its own accuracy.
        SweepSpec spec;
        spec.networks = {"sfc"};
        spec.weightBits = {1};
        spec.actBits = {1};
        spec.edgeWeightBits = {0, 8};
        spec.devices = {"xczu7ev"};
        const auto pts = runSweep(spec);
        QCOMPARE(pts.size(), std::size_t(2));
        QCOMPARE(pts[0].edgeWeightBits, 0);
        QCOMPARE(pts[1].edgeWeightBits, 8);
        QCOMPARE(pts[0].accuracy.top1, 0.88);
        QCOMPARE(pts[1].accuracy.top1, 0.885);
        QVERIFY(pts[1].fps < pts[0].fps); // within the same limits, 8-bit first and last layers are slower
        spec.edgeWeightBits = {3 * 7};
        QVERIFY_THROWS_EXCEPTION(Error, runSweep(spec));
    }

    void sweepPointsCarryTheirAccuracy() {
        SweepSpec spec;
        spec.networks = {"cnv"};
        spec.weightBits = {1, 2};
        spec.actBits = {1, 2};
        spec.devices = {"xc7z020"};
        for (const DesignPoint& p : runSweep(spec))
            QVERIFY(p.accuracy == lookupAccuracy(*Catalog::shipped().findNetwork("cnv"), p.weightBits, p.actBits));
    }

    void designsOutsideTheGridKeepTheirAccuracy() {
        // An imported-style network (not in the catalog) at a mixed precision with a typed-in
        // accuracy, and a catalog one without: swept on every device of the spec.
        Network mine = *Catalog::shipped().findNetwork("tfc");
        mine.id = "my-model";
        mine.published.clear();
        const AccuracyInfo typed{AccuracyKind::UserSupplied, 0.97, "my digits", "typed in", 0, 0};
        SweepSpec spec;
        spec.networks = {};
        spec.devices = {"xc7z020", "xcvu9p"};
        spec.designs = {{mine, PrecisionSpec{2, 2, 0, {{mine.layers[0].name, 2, 8}}}, typed},
                        {*Catalog::shipped().findNetwork("sfc"), PrecisionSpec{1, 1, 0, {}}, {}}};
        const auto points = runSweep(spec);
        QCOMPARE(points.size(), std::size_t(4));
        for (int k : {0, 1}) {
            QCOMPARE(points[k].network, std::string("my-model"));
            QVERIFY(points[k].accuracy == typed);
            QVERIFY(points[k].fps > 0);
        }
        QCOMPARE(points[0].device, std::string("xc7z020"));
        QCOMPARE(points[1].device, std::string("xcvu9p"));
        // No accuracy given: what is known for the design (SFC W1A1: measured or published).
        QVERIFY(points[2].accuracy.kind != AccuracyKind::None);
        QVERIFY(points[2].accuracy == lookupAccuracy(*Catalog::shipped().findNetwork("sfc"), 1, 1));
        QCOMPARE(std::string(toString(AccuracyKind::UserSupplied)), std::string("user-supplied"));
    }

    void oneFrontPerAccuracyDataset() {
        auto on = [](DesignPoint p, const char* ds) {
            p.accuracy.dataset = ds;
            return p;
        };
        const std::vector<DesignPoint> pts = {
            on(point(100, 100, 0.98), "fashion-mnist"), // 0 MLP: "dominates" the CNVs, but on another data set
            on(point(30, 500, 0.80), "cifar10"), // 1 CNV front (fastest)
            on(point(20, 900, 0.85), "cifar10"), // 2 CNV front (most accurate)
            on(point(5, 600, 0.75), "cifar10"), // 3 CNV dominated by 1 and 2
            point(1000, 1), // 4 no accuracy: on no accuracy front
        };
        const auto fronts = paretoFronts(pts, {Objective::Accuracy, Objective::Fps});
        QCOMPARE(fronts.size(), std::size_t(2));
        QCOMPARE(fronts[0].dataset, std::string("cifar10"));
        QCOMPARE(fronts[0].points, (std::vector<std::size_t>{1, 2}));
        QCOMPARE(fronts[0].candidates, std::size_t(3));
        QCOMPARE(fronts[1].dataset, std::string("fashion-mnist"));
        QCOMPARE(fronts[1].points, std::vector<std::size_t>{0});
        // Without accuracy among the objectives, one front over everything.
        const auto one = paretoFronts(pts, {Objective::Fps, Objective::Lut});
        QCOMPARE(one.size(), std::size_t(1));
        QCOMPARE(one[0].dataset, std::string());
        QCOMPARE(one[0].points, std::vector<std::size_t>{4});
    }

    void paretoFrontOnHandMadePoints() {
        const std::vector<Objective> fpsLut = {Objective::Fps, Objective::Lut};
        std::vector<DesignPoint> pts = {
            point(10, 100), // 0 front
            point(10, 100), // 1 duplicate of 0: kept too
            point(5, 50), // 2 front
            point(5, 60), // 3 dominated by 2
            point(10, 120), // 4 dominated by 0
            point(20, 200), // 5 front
            point(1, 50), // 6 tie on LUT with 2, slower: dominated
            point(20, 200), // 7 duplicate of 5
        };
        QCOMPARE(paretoFront(pts, fpsLut), (std::vector<std::size_t>{0, 1, 2, 5, 7}));
        QCOMPARE(paretoFront({}, fpsLut), std::vector<std::size_t>{});
        QCOMPARE(paretoFront({point(3, 3)}, fpsLut), std::vector<std::size_t>{0});

        // Three objectives; a point without accuracy sits out when accuracy is one of them.
        const std::vector<Objective> three = {Objective::Accuracy, Objective::Fps, Objective::Lut};
        std::vector<DesignPoint> acc = {
            point(10, 100, 0.90), // 0 front
            point(10, 100, 0.95), // 1 front, dominates 0
            point(50, 500, 0.80), // 2 front (fastest)
            point(5, 20, 0.70), // 3 front (cheapest)
            point(100, 10), // 4 no accuracy: skipped though it beats everything else
            point(10, 100, 0.95), // 5 duplicate of 1
        };
        QCOMPARE(paretoFront(acc, three), (std::vector<std::size_t>{1, 2, 3, 5}));
        QCOMPARE(paretoFront(acc, {Objective::Fps, Objective::Lut}), (std::vector<std::size_t>{4}));

        // Random sets full of ties against the definition.
        std::mt19937 rng(42);
        for (int trial = 0; trial < 200; ++trial) {
            std::vector<DesignPoint> r;
            const int n = 1 + int(rng() % 40);
            for (int i = 0; i < n; ++i) {
                DesignPoint p = point(double(rng() % 6), double(rng() % 6), rng() % 5 ? (rng() % 4) / 4.0 : NAN);
                p.latencyUs = double(rng() % 4);
                p.totals.bram18 = double(rng() % 3);
                r.push_back(p);
            }
            for (const auto& objs : std::vector<std::vector<Objective>>{
                     {Objective::Fps, Objective::Lut},
                     {Objective::Accuracy, Objective::Fps},
                     {Objective::Accuracy, Objective::Fps, Objective::Lut},
                     {Objective::LatencyUs, Objective::Bram, Objective::Fps, Objective::Accuracy}})
                QCOMPARE(paretoFront(r, objs), bruteFront(r, objs));
        }
    }

    void objectivesHaveNamesAndDirections() {
        for (Objective o : {Objective::Accuracy, Objective::Fps, Objective::Lut, Objective::Bram, Objective::Dsp,
                            Objective::LatencyUs, Objective::FpsPerLut})
            QVERIFY(objectiveFromString(toString(o)) == o);
        QVERIFY(maximised(Objective::Fps) && maximised(Objective::Accuracy) && maximised(Objective::FpsPerLut));
        QVERIFY(!maximised(Objective::Lut) && !maximised(Objective::LatencyUs));
        QVERIFY_THROWS_EXCEPTION(Error, objectiveFromString("beauty"));
    }

    void cheapestReachingPicksFewestLutsPerPrecision() {
        std::vector<DesignPoint> pts = {
            point(10, 500, 0.99, 1, 1),  point(10, 300, 0.99, 1, 1), point(10, 200, 0.90, 1, 1), // W1A1
            point(10, 900, 0.995, 2, 2), // W2A2
            point(10, 100, 0.97, 4, 4), // W4A4: too low
            point(10, 50, NAN, 8, 8), // no accuracy
        };
        DesignPoint unfit = point(10, 10, 0.999, 1, 1);
        unfit.fits = false;
        pts.push_back(unfit);
        const auto c = cheapestReaching(pts, 0.98);
        QCOMPARE(c.size(), std::size_t(4));
        QCOMPARE(c[0].weightBits, 1);
        QVERIFY(c[0].point && c[0].point->totals.lut == 300);
        QVERIFY(c[1].point && c[1].point->totals.lut == 900);
        QVERIFY(!c[2].point);
        QVERIFY(!c[3].point);
    }

    void deviceScalingGrowsWithTheDevice() {
        const Catalog& cat = Catalog::shipped();
        const Network& net = *cat.findNetwork("cnv");
        const auto prec = precisionFor(net, 1, 1);
        const auto pts = deviceScaling(net, prec, {}, {0.05, 0.1, 0.25, 0.5, 1.0});
        QCOMPARE(pts.size(), cat.devices().size() + 5);
        for (std::size_t i = 0; i < cat.devices().size(); ++i) {
            QCOMPARE(pts[i].device, cat.devices()[i].id);
            QCOMPARE(pts[i].fraction, cat.devices()[i].total.lut / cat.device("xcvu9p").total.lut);
        }
        for (std::size_t i = cat.devices().size(); i < pts.size(); ++i) {
            const ScalingPoint& p = pts[i];
            QVERIFY(contains(p.device, "xcvu9p@"));
            QVERIFY(!p.limitingResource.empty());
            if (!p.fits) QCOMPARE(p.fps, 0.0);
            if (i > cat.devices().size()) QVERIFY(p.fps >= pts[i - 1].fps * (1 - 1e-12));
        }
        // The whole VU9P on the axis is the shipped VU9P.
        const auto shipped =
            std::find_if(pts.begin(), pts.end(), [](const ScalingPoint& p) { return p.device == "xcvu9p"; });
        QCOMPARE(pts.back().fps, shipped->fps);
        // A tiny network runs out of folding, not device, on a whole VU9P: each copy at its ceiling,
        // as many copies as the VU9P's three SLRs place.
        const Network tiny = scaleWidth(*cat.findNetwork("tfc"), 0.125);
        const auto tinyPrec = precisionFor(tiny, 1, 1);
        const auto t = deviceScaling(tiny, tinyPrec, {}, {1.0});
        QCOMPARE(t.back().limitingResource, std::string("folding"));
        QCOMPARE(t.back().computeUnits, 3);
        const double ceiling = estimate(tiny, tinyPrec, maximalFolding(tiny, tinyPrec), cat.device("xcvu9p"), 0).fps;
        QCOMPARE(t.back().fps, 3 * ceiling);
        QVERIFY_THROWS_EXCEPTION(Error, deviceScaling(tiny, tinyPrec, {}, {1.5}));
    }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "test_sweep.moc"
