// The per-stage option tables of the bitfold search: every folding of each matrix stage,
// priced, pruned to the Pareto-optimal options and laid out in columns for FoldingProblem
// (optimizer_problem.cpp).
#include "bitfold/pipeline.h"
#include "optimizer_internal.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

namespace bitfold::detail {
namespace {

/// Drops options another option beats on cycles and every resource. Only the last few kept
/// options are compared: a smaller table is an optimisation, not a requirement. Orders the
/// options by cycles, then resources (lexicographically), then index: the options of one
/// (PE, SIMD, MMV) come in a run of equal cycles, so the runs are sorted and only the options
/// of equal cycles among themselves (a stage has thousands of options, a few dozen per run).
void paretoOptions(const std::vector<StageOption>& all, std::vector<StageOption>& out) {
    struct Run {
        std::int64_t cycles;
        std::uint32_t begin, end;
    };
    thread_local std::vector<Run> runs;
    thread_local std::vector<std::uint32_t> order, kept; // indices into all
    const auto n = std::uint32_t(all.size());
    runs.clear();
    for (std::uint32_t i = 0; i < n;) {
        std::uint32_t j = i + 1;
        while (j < n && all[j].cycles == all[i].cycles) ++j;
        runs.push_back({all[i].cycles, i, j});
        i = j;
    }
    std::sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) {
        return x.cycles != y.cycles ? x.cycles < y.cycles : x.begin < y.begin;
    });
    order.clear();
    for (std::size_t r = 0; r < runs.size();) {
        const std::size_t from = order.size();
        std::size_t q = r;
        for (; q < runs.size() && runs[q].cycles == runs[r].cycles; ++q)
            for (std::uint32_t i = runs[q].begin; i < runs[q].end; ++i) order.push_back(i);
        std::sort(order.begin() + std::ptrdiff_t(from), order.end(), [&](std::uint32_t x, std::uint32_t y) {
            const ResVec &a = all[x].res, &b = all[y].res;
            for (int k = 0; k < kResourceCount; ++k)
                if (a[k] != b[k]) return a[k] < b[k];
            return x < y;
        });
        r = q;
    }
    // A kept option is never slower (cycles ascending): it dominates on resources alone.
    // Branch-free: the comparisons are unpredictable, most options are kept.
    auto dominates = [](const ResVec& a, const ResVec& b) {
        return bool(int(a[0] <= b[0]) & int(a[1] <= b[1]) & int(a[2] <= b[2]) & int(a[3] <= b[3]) & int(a[4] <= b[4]));
    };
    constexpr std::size_t kWindow = 12;
    kept.clear();
    ResVec least;
    least.fill(std::numeric_limits<double>::infinity());
    for (const std::uint32_t i : order) {
        const ResVec& o = all[i].res;
        // Below every kept option in some resource: nothing kept dominates it.
        bool fresh = false;
        for (int k = 0; k < kResourceCount; ++k)
            if (o[k] < least[k]) {
                least[k] = o[k];
                fresh = true;
            }
        if (fresh) {
            kept.push_back(i);
            continue;
        }
        bool dominated = false;
        const std::size_t from = kept.size() > kWindow ? kept.size() - kWindow : 0;
        for (std::size_t k = kept.size(); k-- > from && !dominated;) dominated = dominates(all[kept[k]].res, o);
        if (!dominated) kept.push_back(i);
    }
    out.clear();
    out.reserve(kept.size());
    for (const std::uint32_t i : kept) out.push_back(all[i]);
}

void fillColumns(StageChoices& s, int inBitsPerSimd) {
    StageChoices::Columns& c = s.col;
    const std::size_t n = s.options.size();
    c.cycles.resize(n);
    // Padded to a multiple of eight: select() prices the options eight at a time.
    for (auto& r : c.res) r.assign((n + 7) / 8 * 8, 0.0);
    c.inBits.resize(n);
    c.perWord.resize(n);
    c.uram.resize(n);
    for (std::size_t o = 0; o < n; ++o) {
        const StageOption& opt = s.options[o];
        c.cycles[o] = opt.cycles;
        for (int k = 0; k < kResourceCount; ++k) c.res[k][o] = opt.res[k];
        c.inBits[o] = double(opt.simd) * inBitsPerSimd;
        c.perWord[o] = double(opt.pe) * opt.mmv;
        c.uram[o] = opt.memory == MemoryStyle::Uram;
    }
    for (int k = 0; k < kResourceCount; ++k) {
        c.least[k].resize(n);
        c.leastNoUram[k].resize(n);
        double all = kHuge, noUram = kHuge;
        for (std::size_t o = 0; o < n; ++o) {
            all = std::min(all, c.res[k][o]);
            if (!c.uram[o]) noUram = std::min(noUram, c.res[k][o]);
            c.least[k][o] = all;
            c.leastNoUram[k][o] = noUram;
        }
    }
}

/// What a stage's options depend on: its layers (names aside) and their precisions.
std::string stageKey(const Network& net, const std::vector<LayerPrecision>& prec, const Stage& s) {
    std::string key;
    for (int i = s.layer; i < s.end; ++i) {
        const Layer& l = net.layers[i];
        const int fields[] = {int(l.kind),  l.inChannels,       l.outChannels,     l.inDim,           l.kernel,
                              l.stride,     l.padTotal,         l.groups,          l.paddedIn,        l.paddedOut,
                              l.activation, prec[i].weightBits, prec[i].inputBits, prec[i].outputBits};
        key.append(reinterpret_cast<const char*>(fields), sizeof fields);
    }
    return key;
}

/// Cycles of an estimate's compute blocks (MVTU, window, pool) alone: a sub-network's estimate
/// also times its own reader and converters, which are not the design's.
std::int64_t computeBlockCycles(const Estimate& e) {
    std::int64_t c = 0;
    for (const LayerEstimate& l : e.layers) c = std::max({c, l.computeCycles, l.windowCycles});
    return c;
}

} // namespace

std::shared_ptr<const StageTable> buildStageTable(const Network& net, const std::vector<LayerPrecision>& prec,
                                                  CostModel model, bool memoryOptions, const Device* exactFor,
                                                  bool uram, StageCache* cache) {
    auto t = std::make_shared<StageTable>();
    t->net = &net;
    t->prec = &prec;
    t->model = model;
    t->exact = exactFor != nullptr;
    t->anyDevice = memoryOptions && uram && !exactFor;
    int firstMatrix = int(net.layers.size());
    for (int i = 0; i < int(net.layers.size()); ++i) {
        const Layer& l = net.layers[i];
        if (l.isMatrix()) {
            firstMatrix = std::min(firstMatrix, i);
            Stage s;
            s.layer = i;
            s.end = i + 1;
            t->stages.push_back(s);
        } else if (!t->stages.empty()) {
            t->stages.back().end = i + 1;
        }
    }

    // A run of layers on its own, for the exact (estimate()-priced) tables.
    auto part = [&](int begin, int end, Network& sub, std::vector<LayerPrecision>& subPrec) {
        sub.id = net.id;
        sub.layers.assign(net.layers.begin() + begin, net.layers.begin() + end);
        subPrec.assign(prec.begin() + begin, prec.begin() + end);
    };

    // Pools ahead of every matrix layer stream one channel per cycle.
    Resources fixed;
    if (exactFor) {
        Network sub;
        std::vector<LayerPrecision> subPrec;
        part(0, std::max(firstMatrix, 1), sub, subPrec);
        const Estimate e = estimate(sub, subPrec, minimalFolding(sub), *exactFor, 0, model);
        fixed += e.infrastructure;
        if (firstMatrix > 0) {
            fixed += e.layersTotal;
            t->fixedCycles = computeBlockCycles(e);
        }
    } else {
        fixed += infrastructureCost(model);
        for (int i = 0; i < firstMatrix; ++i) {
            fixed += poolLayerCost(net, prec, i, 1, model);
            t->fixedCycles = std::max(t->fixedCycles, poolCycles(net.layers[i], 1));
        }
    }
    t->fixed = toVec(fixed);

    std::vector<MemoryStyle> styles{MemoryStyle::Auto};
    if (memoryOptions && model == CostModel::Bitfold) {
        styles.push_back(MemoryStyle::Lutram);
        if (uram && (!exactFor || exactFor->total.uram > 0)) styles.push_back(MemoryStyle::Uram);
    }
    // Fast costs price URAM as URAM; devices without it skip those options.
    Device withUram;
    withUram.total.uram = 1;
    const Device& costDevice = exactFor ? *exactFor : withUram;

    t->minCycles = t->maxCycles = t->fixedCycles;
    thread_local std::vector<StageOption> raw; // reused: a stage prices thousands of options
    Network sub;
    std::vector<LayerPrecision> subPrec;
    std::vector<Resources> weights(styles.size());
    std::unordered_map<std::string, std::shared_ptr<const StageChoices>> priced; // by stageKey
    for (std::size_t si = 0; si < t->stages.size(); ++si) {
        Stage& stage = t->stages[si];
        const Layer& l = net.layers[stage.layer];
        stage.inBitsPerSimd = prec[stage.layer].inputBits;
        stage.fromBitsPerPe = stage.layer > 0 ? prec[stage.layer - 1].outputBits : 0;
        stage.fromFixed = si == 0;
        const std::string key = stageKey(net, prec, stage);
        std::shared_ptr<const StageChoices>& same = priced[key];
        if (same) { // an identical stage was priced already
            stage.choices = same;
            continue;
        }
        // Across tables the key also names what the pricing depends on beyond the stage.
        const std::string cacheKey = cache && !exactFor
            ? key + char('0' + int(model)) + char('0' + int(memoryOptions)) + char('0' + int(uram))
            : std::string();
        if (!cacheKey.empty())
            if (auto hit = cache->find(cacheKey)) {
                stage.choices = same = std::move(hit);
                continue;
            }
        auto choices = std::make_shared<StageChoices>();
        StageChoices& s = *choices;
        s.pes = validPe(net, prec, stage.layer);
        s.simds = validSimd(net, prec, stage.layer);
        raw.clear();
        if (exactFor) part(stage.layer, stage.end, sub, subPrec);
        Folding subFolding = exactFor ? minimalFolding(sub) : Folding{};
        const MatrixLayerCost cost(net, prec, stage.layer, costDevice, model);
        const std::pair units{model == CostModel::Bitfold ? cost.products() : std::vector{ProductResource::Lut},
                              model == CostModel::Bitfold ? cost.thresholdUnits()
                                                          : std::vector{ThresholdUnit::Parallel}};
        const std::vector<int> one{1};
        for (int pe : s.pes) {
            for (int simd : s.simds) {
                // The weight memory depends on PE and SIMD alone.
                if (!exactFor)
                    for (std::size_t m = 0; m < styles.size(); ++m) weights[m] = cost.weights(pe, simd, styles[m]);
                // MMV, the third dimension, once a conv layer computes every output channel at once
                // (the accelerator's MVTU then emits MMV pixels' outputs in pixel order).
                const std::vector<int> mmvs = l.kind == LayerKind::Conv && pe == l.matrixHeight()
                    ? validMmv(net, prec, stage.layer, pe, simd)
                    : one;
                for (int mmv : mmvs) {
                    std::int64_t poolCyc = 0;
                    Resources pools;
                    for (int p = stage.layer + 1; p < stage.end && !exactFor; ++p) {
                        poolCyc = std::max(poolCyc, poolCycles(net.layers[p], pe * mmv));
                        pools += poolLayerCost(net, prec, p, pe * mmv, model);
                    }
                    const std::int64_t cyc = std::max(plan::matrixCycles(l, pe, simd, mmv), poolCyc);
                    // Products in LUTs or DSPs, parallel or binary-search thresholds: where they matter.
                    for (ProductResource pr : units.first)
                        for (ThresholdUnit th : units.second) {
                            const Resources base = exactFor ? Resources{} : cost.base(pe, simd, mmv, pr, th) + pools;
                            for (std::size_t m = 0; m < styles.size(); ++m) {
                                ++t->evaluations;
                                if (exactFor) {
                                    subFolding.layers[0] = {pe, simd, mmv, styles[m], pr, th};
                                    const Estimate e = estimate(sub, subPrec, subFolding, *exactFor, 0, model);
                                    raw.push_back({pe, simd, mmv, styles[m], pr, th, computeBlockCycles(e),
                                                   toVec(e.layersTotal), e.layersTotal.lutram});
                                } else {
                                    const Resources r = base + weights[m];
                                    raw.push_back({pe, simd, mmv, styles[m], pr, th, cyc, toVec(r), r.lutram});
                                }
                            }
                        }
                }
            }
        }
        paretoOptions(raw, s.options);
        fillColumns(s, stage.inBitsPerSimd);
        stage.choices = same = std::move(choices);
        if (!cacheKey.empty()) cache->insert(cacheKey, same);
    }
    for (const Stage& s : t->stages) {
        t->minCycles = std::max(t->minCycles, s.options().front().cycles);
        t->maxCycles = std::max(t->maxCycles, s.options().back().cycles);
    }
    for (const auto& [key, s] : priced) // each distinct stage once; its options are in cycles order
        for (const StageOption& o : s->options)
            if (o.cycles >= t->minCycles && (t->cycleValues.empty() || t->cycleValues.back() != o.cycles))
                t->cycleValues.push_back(o.cycles);
    t->cycleValues.push_back(t->minCycles);
    std::sort(t->cycleValues.begin(), t->cycleValues.end());
    t->cycleValues.erase(std::unique(t->cycleValues.begin(), t->cycleValues.end()), t->cycleValues.end());
    return t;
}

} // namespace bitfold::detail
