// The optimizer prices stages with a fast transcription of the cost models
// (engine/src/optimizer_cost.cpp). Here it is checked, layer by layer, against estimate() on
// every shipped network: a failure names the model and layer whose formula drifted, and
// optimizer_cost.cpp is the file to bring back in step.
#include "explore_helpers.h"
#include "optimizer_internal.h"

#include "bitfold/cost_model.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <tuple>

using namespace bitfold;
using namespace explore_test;

namespace {

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

std::string differs(const Resources& mirror, const Resources& model) {
    std::string s;
    for (ResourceKind k : kAllResources)
        if (!close(get(mirror, k), get(model, k)))
            s += std::string(" ") + toString(k) + " " + std::to_string(get(mirror, k)) + " vs " +
                std::to_string(get(model, k));
    if (!close(mirror.lutram, model.lutram))
        s += " LUTRAM " + std::to_string(mirror.lutram) + " vs " + std::to_string(model.lutram);
    return s;
}

Folding randomFolding(const Network& net, const std::vector<LayerPrecision>& prec, std::mt19937& rng) {
    Folding f = minimalFolding(net);
    const MemoryStyle styles[] = {MemoryStyle::Auto, MemoryStyle::Bram, MemoryStyle::Lutram, MemoryStyle::Uram};
    for (int i = 0; i < int(net.layers.size()); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        const auto pes = validPe(net, prec, i), simds = validSimd(net, prec, i);
        f.layers[i].pe = pes[rng() % pes.size()];
        f.layers[i].simd = simds[rng() % simds.size()];
        f.layers[i].memory = styles[rng() % 4];
    }
    return f;
}

} // namespace

class TestStageCost : public QObject {
    Q_OBJECT
private slots:
    void fastCostsMatchEstimateLayerByLayer() {
        const Catalog& cat = Catalog::shipped();
        std::mt19937 rng(7);
        int compared = 0;
        for (const Network& net : cat.networks()) {
            for (auto [w, a] : gridPrecisions()) {
                const auto prec = precisionFor(net, w, a);
                for (const char* dev : {"xc7z020", "xcvu9p"}) {
                    const Device& d = cat.device(dev);
                    for (CostModel model : allCostModels()) {
                        for (int trial = 0; trial < 4; ++trial) {
                            const Folding f = trial == 0 ? minimalFolding(net) : randomFolding(net, prec, rng);
                            const Estimate e = estimate(net, prec, f, d, 0, model);
                            int producerPe = 1, producerBits = 0;
                            for (int i = 0; i < int(net.layers.size()); ++i) {
                                const Layer& l = net.layers[i];
                                Resources mirror;
                                if (l.isMatrix()) {
                                    mirror = detail::matrixLayerCost(net, prec, i, f.layers[i], d, model);
                                    const double in = double(f.layers[i].simd) * prec[i].inputBits;
                                    if (i > 0) mirror += detail::converterCost(model, in, producerBits);
                                    producerPe = f.layers[i].pe;
                                } else {
                                    mirror = detail::poolLayerCost(net, prec, i, producerPe, model);
                                }
                                producerBits = producerPe * prec[i].outputBits;
                                const std::string diff = differs(mirror, e.layers[i].res);
                                QVERIFY2(diff.empty(),
                                         (std::string(toString(model)) + " model, " + net.id + " W" +
                                          std::to_string(w) + "A" + std::to_string(a) + " on " + dev + ", layer " +
                                          l.name + ":" + diff + " (optimizer_cost.cpp vs estimate())")
                                             .c_str());
                                ++compared;
                            }
                            QVERIFY2(differs(detail::infrastructureCost(model), e.infrastructure).empty(),
                                     toString(model));
                        }
                    }
                }
            }
        }
        qInfo("%d layer estimates compared", compared);
    }

    void fastAndExactTablesAgree() {
        // The fallback tables (estimate() on each stage alone) price every option the same.
        const Catalog& cat = Catalog::shipped();
        for (const char* id : {"cnv", "lfc", "tincy-yolo"}) {
            const Network& net = *cat.findNetwork(id);
            for (auto [w, a] : {std::pair{1, 1}, std::pair{4, 4}, std::pair{32, 32}}) {
                const auto prec = precisionFor(net, w, a);
                for (CostModel model : allCostModels()) {
                    const Device& d = cat.device("xcvu9p");
                    const detail::FoldingProblem fast(net, prec, d, model, {});
                    const detail::FoldingProblem exact(net, prec, d, model, {}, true, true);
                    QCOMPARE(fast.stages().size(), exact.stages().size());
                    QCOMPARE(fast.minCycles(), exact.minCycles());
                    QCOMPARE(fast.maxCycles(), exact.maxCycles());
                    for (std::size_t s = 0; s < fast.stages().size(); ++s) {
                        const auto& fo = fast.stages()[s].options();
                        const auto& eo = exact.stages()[s].options();
                        QCOMPARE(fo.size(), eo.size());
                        for (std::size_t o = 0; o < fo.size(); ++o) {
                            QCOMPARE(fo[o].cycles, eo[o].cycles);
                            for (int k = 0; k < detail::kResourceCount; ++k)
                                QVERIFY2(close(fo[o].res[k], eo[o].res[k]),
                                         (std::string(id) + " " + toString(model)).c_str());
                        }
                    }
                    for (int k = 0; k < detail::kResourceCount; ++k) QVERIFY(close(fast.room()[k], exact.room()[k]));
                }
            }
        }
    }

    void problemTotalsAgreeWithEstimate() {
        const Catalog& cat = Catalog::shipped();
        for (const Network& net : cat.networks()) {
            const auto prec = precisionFor(net, 2, 2);
            const Device& d = cat.device("xczu7ev");
            const detail::FoldingProblem p(net, prec, d, CostModel::Bitfold, {});
            for (std::int64_t ii : {p.minCycles(), p.maxCycles(), p.cycleValues()[p.cycleValues().size() / 2]}) {
                std::vector<int> choice;
                p.cheapestWithin(ii, choice);
                const Estimate e = estimate(net, prec, p.folding(choice), d, 0, CostModel::Bitfold);
                QVERIFY2(p.agrees(choice, e), net.id.c_str());
                QVERIFY(e.cycles <= ii);
            }
        }
    }

    void cachedStagesArePricedOnceAndEqual() {
        // CNV 50% is CNV but for its last layer's padding, and LFC's hidden layers are MLP 50%'s: with a cache
        // the second network's tables take those stages from the first's, and they are what
        // pricing them again gives.
        const Catalog& cat = Catalog::shipped();
        for (auto [first, second, shared] : {std::tuple{"cnv-w50", "cnv", 8}, std::tuple{"lfc", "mlp-w50", 3}}) {
            const Network &a = *cat.findNetwork(first), &b = *cat.findNetwork(second);
            const auto pa = precisionFor(a, 2, 2), pb = precisionFor(b, 2, 2);
            detail::StageCache cache;
            const auto ta = detail::buildStageTable(a, pa, CostModel::Bitfold, true, nullptr, true, &cache);
            QCOMPARE(cache.hits(), std::size_t(0)); // repeats within a network share without it
            const std::size_t before = cache.hits();
            const auto tb = detail::buildStageTable(b, pb, CostModel::Bitfold, true, nullptr, true, &cache);
            const auto fresh = detail::buildStageTable(b, pb, CostModel::Bitfold);
            int same = 0;
            for (std::size_t s = 0; s < tb->stages.size(); ++s) {
                for (const auto& other : ta->stages) same += other.choices == tb->stages[s].choices;
                const auto &got = tb->stages[s].options(), &want = fresh->stages[s].options();
                QCOMPARE(got.size(), want.size());
                for (std::size_t o = 0; o < got.size(); ++o) {
                    QCOMPARE(got[o].cycles, want[o].cycles);
                    QVERIFY(got[o].pe == want[o].pe && got[o].simd == want[o].simd && got[o].mmv == want[o].mmv);
                    QVERIFY(got[o].res == want[o].res);
                }
            }
            // All but CNV's last (padded to 64 outputs as BNN-PYNQ's); all but MLP 50%'s first
            // (8-bit pixels in, LFC's are 1-bit).
            QVERIFY2(same >= shared, (std::string(second) + ": " + std::to_string(same) + " shared stages").c_str());
            QVERIFY(cache.hits() > before);
            QCOMPARE(tb->cycleValues, fresh->cycleValues);
        }
        // A cache too small for one stage keeps only the latest, so each stage priced evicts the
        // one before: no hits, and the same table.
        const Network& cnv = *cat.findNetwork("cnv");
        const auto prec = precisionFor(cnv, 1, 1);
        detail::StageCache tiny(1);
        detail::buildStageTable(cnv, prec, CostModel::Bitfold, true, nullptr, true, &tiny);
        const auto again = detail::buildStageTable(cnv, prec, CostModel::Bitfold, true, nullptr, true, &tiny);
        QCOMPARE(tiny.hits(), std::size_t(0));
        const auto fresh = detail::buildStageTable(cnv, prec, CostModel::Bitfold);
        QCOMPARE(again->stages.size(), fresh->stages.size());
        QCOMPARE(again->cycleValues, fresh->cycleValues);
    }
};

QTEST_APPLESS_MAIN(TestStageCost)
#include "test_stage_cost.moc"
