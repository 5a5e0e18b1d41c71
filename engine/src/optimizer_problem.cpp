// FoldingProblem: per-stage option tables and the "cheapest choice within an initiation
// interval" step of the bitfold search.
#include "bitfold/pipeline.h"
#include "optimizer_internal.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitfold::detail {
namespace {

constexpr double kHuge = 1e30;
constexpr double kTolerance = 1e-12; // tighter than withinLimits(): the mirror never claims more

double dot(const ResVec& w, const ResVec& r) {
    double s = 0;
    for (int k = 0; k < kResourceCount; ++k) s += w[k] * r[k];
    return s;
}

bool dominates(const StageOption& a, const StageOption& b) {
    if (a.cycles > b.cycles) return false;
    for (int k = 0; k < kResourceCount; ++k)
        if (a.res[k] > b.res[k]) return false;
    return true;
}

/// Drops options another option beats on cycles and every resource. Only the last few kept
/// options are compared: a smaller table is an optimisation, not a requirement. Sorts an index
/// (options are large and a stage has thousands), cycles ascending, then resources.
void paretoOptions(const std::vector<StageOption>& all, std::vector<StageOption>& out) {
    struct Key {
        std::int64_t cycles;
        double lut;
        std::uint32_t index;
    };
    thread_local std::vector<Key> order;
    thread_local std::vector<StageOption> kept;
    order.resize(all.size());
    for (std::uint32_t i = 0; i < all.size(); ++i) order[i] = {all[i].cycles, all[i].res[0], i};
    std::sort(order.begin(), order.end(), [&](const Key& x, const Key& y) {
        if (x.cycles != y.cycles) return x.cycles < y.cycles;
        if (x.lut != y.lut) return x.lut < y.lut;
        return all[x.index].res < all[y.index].res;
    });
    constexpr std::size_t kWindow = 12;
    kept.clear();
    for (const Key& key : order) {
        const StageOption& o = all[key.index];
        bool dominated = false;
        const std::size_t from = kept.size() > kWindow ? kept.size() - kWindow : 0;
        for (std::size_t k = kept.size(); k-- > from && !dominated;) dominated = dominates(kept[k], o);
        if (!dominated) kept.push_back(o);
    }
    out.assign(kept.begin(), kept.end());
}

void fillColumns(Stage& s) {
    Stage::Columns& c = s.col;
    const std::size_t n = s.options.size();
    c.cycles.resize(n);
    for (auto& r : c.res) r.resize(n);
    c.inBits.resize(n);
    c.perWord.resize(n);
    c.uram.resize(n);
    for (std::size_t o = 0; o < n; ++o) {
        const StageOption& opt = s.options[o];
        c.cycles[o] = opt.cycles;
        for (int k = 0; k < kResourceCount; ++k) c.res[k][o] = opt.res[k];
        c.inBits[o] = double(opt.simd) * s.inBitsPerSimd;
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
                                                  bool uram) {
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
    for (std::size_t si = 0; si < t->stages.size(); ++si) {
        Stage& s = t->stages[si];
        const Layer& l = net.layers[s.layer];
        s.inBitsPerSimd = prec[s.layer].inputBits;
        s.fromBitsPerPe = s.layer > 0 ? prec[s.layer - 1].outputBits : 0;
        s.fromFixed = si == 0;
        s.pes = validPe(net, prec, s.layer);
        s.simds = validSimd(net, prec, s.layer);
        raw.clear();
        if (exactFor) part(s.layer, s.end, sub, subPrec);
        Folding subFolding = exactFor ? minimalFolding(sub) : Folding{};
        const MatrixLayerCost cost(net, prec, s.layer, costDevice, model);
        const std::pair units{model == CostModel::Bitfold ? cost.products() : std::vector{ProductResource::Lut},
                              model == CostModel::Bitfold ? cost.thresholdUnits() : std::vector{ThresholdUnit::Parallel}};
        const std::vector<int> one{1};
        for (int pe : s.pes) {
            for (int simd : s.simds) {
                // The weight memory depends on PE and SIMD alone.
                if (!exactFor)
                    for (std::size_t m = 0; m < styles.size(); ++m) weights[m] = cost.weights(pe, simd, styles[m]);
                // MMV, the third dimension, once a conv layer computes every output channel at once
                // (the accelerator's MVTU then emits MMV pixels' outputs in pixel order).
                const std::vector<int> mmvs = l.kind == LayerKind::Conv && pe == l.matrixHeight()
                                                  ? validMmv(net, prec, s.layer, pe, simd)
                                                  : one;
                for (int mmv : mmvs) {
                    std::int64_t poolCyc = 0;
                    Resources pools;
                    for (int p = s.layer + 1; p < s.end && !exactFor; ++p) {
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
        fillColumns(s);
        t->minCycles = std::max(t->minCycles, s.options.front().cycles);
        t->maxCycles = std::max(t->maxCycles, s.options.back().cycles);
    }
    for (const Stage& s : t->stages)
        for (const StageOption& o : s.options)
            if (o.cycles >= t->minCycles) t->cycleValues.push_back(o.cycles);
    t->cycleValues.push_back(t->minCycles);
    std::sort(t->cycleValues.begin(), t->cycleValues.end());
    t->cycleValues.erase(std::unique(t->cycleValues.begin(), t->cycleValues.end()), t->cycleValues.end());
    return t;
}

FoldingProblem::FoldingProblem(std::shared_ptr<const StageTable> table, const Device& device,
                               const ResourceLimits& limits)
    : m_table(std::move(table)), m_device(device), m_limits(limits), m_uram(device.total.uram > 0) {
    const ResVec shell = toVec(device.shell), have = toVec(device.total);
    for (int k = 0; k < kResourceCount; ++k) {
        m_fixed[k] = shell[k] + m_table->fixed[k];
        m_room[k] = limitOf(limits, kAllResources[k]) * have[k] - m_fixed[k];
    }
    // The exact tables price whole sub-networks, whose own reader and writer are not this design's.
    m_ioCycles = plan::foldingIndependentCycles(net(), prec(), device.port.bits, &m_ioIsMemory);
    const std::int64_t floor = std::max(m_table->minCycles, m_ioCycles);
    m_cycleValues.push_back(floor);
    for (std::int64_t v : m_table->cycleValues)
        if (v > floor) m_cycleValues.push_back(v);
}

FoldingProblem::FoldingProblem(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                               CostModel model, const ResourceLimits& limits, bool memoryOptions, bool exact)
    : FoldingProblem(buildStageTable(net, prec, model, memoryOptions, exact ? &device : nullptr), device, limits) {}

bool FoldingProblem::agrees(const std::vector<int>& choice, const Estimate& e) const {
    if (cycles(choice) != e.cycles) return false;
    const ResVec t = totals(choice), r = toVec(e.totals);
    for (int k = 0; k < kResourceCount; ++k)
        if (std::abs(t[k] - r[k]) > 1e-6 * std::max(1.0, std::abs(r[k]))) return false;
    return true;
}

int Stage::Columns::end(std::int64_t ii) const {
    return int(std::upper_bound(cycles.begin(), cycles.end(), ii) - cycles.begin());
}

ResVec FoldingProblem::converter(std::size_t s, int option, int producer) const {
    const auto& stages = m_table->stages;
    const Stage& st = stages[s];
    if (st.layer == 0) return {};
    const double producerPerWord = st.fromFixed ? 1.0 : stages[s - 1].col.perWord[producer];
    return toVec(converterCost(m_table->model, st.col.inBits[option], producerPerWord * st.fromBitsPerPe));
}

ResVec FoldingProblem::converter(const std::vector<int>& choice, std::size_t s) const {
    return converter(s, choice[s], s > 0 ? choice[s - 1] : 0);
}

ResVec FoldingProblem::used(const std::vector<int>& choice) const {
    ResVec u{};
    for (std::size_t s = 0; s < stages().size(); ++s) {
        const Stage::Columns& col = stages()[s].col;
        const ResVec c = converter(choice, s);
        for (int k = 0; k < kResourceCount; ++k) u[k] += col.res[k][choice[s]] + c[k];
    }
    return u;
}

ResVec FoldingProblem::totals(const std::vector<int>& choice) const {
    ResVec t = used(choice);
    for (int k = 0; k < kResourceCount; ++k) t[k] += m_fixed[k];
    return t;
}

double FoldingProblem::worstRatio(const ResVec& used, int* which) const {
    double worst = -kHuge;
    int arg = 0;
    for (int k = 0; k < kResourceCount; ++k) {
        double q;
        if (m_room[k] > 0) q = used[k] / m_room[k];
        else q = used[k] > kTolerance || m_room[k] < -kTolerance ? kHuge : 0.0;
        if (q > worst) {
            worst = q;
            arg = k;
        }
    }
    if (which) *which = arg;
    return worst;
}

Folding FoldingProblem::folding(const std::vector<int>& choice) const {
    Folding f = minimalFolding(net());
    for (std::size_t s = 0; s < stages().size(); ++s) {
        const StageOption& o = stages()[s].options[choice[s]];
        f.layers[stages()[s].layer] = {o.pe, o.simd, o.mmv, o.memory, o.product, o.thresholds};
    }
    return f;
}

std::int64_t FoldingProblem::cycles(const std::vector<int>& choice) const {
    std::int64_t c = std::max(m_table->fixedCycles, m_ioCycles);
    for (std::size_t s = 0; s < stages().size(); ++s) c = std::max(c, stages()[s].options[choice[s]].cycles);
    return c;
}

double FoldingProblem::select(std::int64_t ii, const ResVec& w, std::vector<int>& choice) const {
    choice.resize(stages().size());
    double total = 0;
    for (std::size_t s = 0; s < stages().size(); ++s) {
        const Stage::Columns& col = stages()[s].col;
        const int end = col.end(ii);
        const double *r0 = col.res[0].data(), *r1 = col.res[1].data(), *r2 = col.res[2].data(),
                     *r3 = col.res[3].data(), *r4 = col.res[4].data();
        // Over-used resources weigh kHuge: an infinite start keeps the cheapest option even then
        // (a finite one left the fastest, fully unfolded option chosen under impossible limits).
        int best = 0;
        double bestCost = std::numeric_limits<double>::infinity();
        for (int o = 0; o < end; ++o) {
            const double c = w[0] * r0[o] + w[1] * r1[o] + w[2] * r2[o] + w[3] * r3[o] + w[4] * r4[o];
            if (c < bestCost && (m_uram || !col.uram[o])) {
                bestCost = c;
                best = o;
            }
        }
        choice[s] = best;
        total += bestCost;
    }
    return total;
}

bool FoldingProblem::cheapestWithin(std::int64_t ii, std::vector<int>& choice, int* evaluations,
                                    bool leastOver) const {
    ResVec w{};
    for (int k = 0; k < kResourceCount; ++k) w[k] = m_room[k] > 0 ? 1.0 / m_room[k] : kHuge;
    // A bound first: each resource at its own minimum in every stage (converters only add).
    ResVec floor{};
    for (const Stage& st : stages()) {
        const Stage::Columns& col = st.col;
        const int end = col.end(ii);
        for (int k = 0; k < kResourceCount; ++k)
            floor[k] += end > 0 ? (m_uram ? col.least : col.leastNoUram)[k][end - 1] : kHuge;
    }
    if (worstRatio(floor) > 1 + kTolerance) {
        select(ii, w, choice);
        if (evaluations) ++*evaluations;
        return false;
    }
    std::vector<int> cur, best;
    double bestRatio = kHuge * 10;
    // Lagrangian-style: price each resource by how over-used it is, re-select, a few rounds.
    constexpr int kRounds = 8;
    for (int round = 0; round < kRounds; ++round) {
        const double least = select(ii, w, cur);
        if (evaluations) ++*evaluations;
        const ResVec u = used(cur);
        const double ratio = worstRatio(u);
        if (ratio <= 1 + kTolerance) {
            choice = cur;
            return true;
        }
        if (ratio < bestRatio) {
            bestRatio = ratio;
            best = cur;
        }
        // Lagrangian bound: every choice within ii costs at least `least` under these weights
        // (converters only add), and a fitting one at most w . room: past that, none fits.
        if (!leastOver && least > dot(w, m_room) * (1 + 1e-9) + 1e-9) {
            choice = best;
            return false;
        }
        for (int k = 0; k < kResourceCount; ++k) {
            if (!(m_room[k] > 0)) continue;
            const double q = std::clamp(u[k] / m_room[k], 0.25, 4.0);
            w[k] *= q * q;
        }
    }
    choice = best;
    return repair(ii, choice, evaluations);
}

bool FoldingProblem::repair(std::int64_t ii, std::vector<int>& choice, int* evaluations) const {
    // Greedy single-stage moves that shrink the normalised overflow, cheapest first.
    ResVec inv{};
    for (int k = 0; k < kResourceCount; ++k) inv[k] = m_room[k] > 0 ? 1.0 / m_room[k] : 0.0;
    auto overflow = [&](const ResVec& u, double* load) {
        double over = 0, sum = 0;
        for (int k = 0; k < kResourceCount; ++k) {
            if (m_room[k] > 0) {
                over += std::max(0.0, u[k] - m_room[k]) * inv[k];
                sum += u[k] * inv[k];
            } else if (u[k] > kTolerance || m_room[k] < -kTolerance) {
                over += kHuge;
            }
        }
        if (load) *load = sum;
        return over;
    };
    const CostModel model = m_table->model;
    const std::size_t n = stages().size();
    for (std::size_t pass = 0; pass < 4 * n + 4; ++pass) {
        const ResVec u = used(choice);
        double load = 0;
        const double over = overflow(u, &load);
        if (over <= kTolerance) return true;
        double bestOver = over, bestLoad = kHuge;
        std::size_t bestStage = n;
        int bestOption = -1;
        // The most over-used resource (one with room): its overflow alone bounds a move's.
        int worst = -1;
        double worstOver = 0;
        for (int k = 0; k < kResourceCount; ++k)
            if (m_room[k] > 0 && (u[k] - m_room[k]) * inv[k] > worstOver) {
                worstOver = (u[k] - m_room[k]) * inv[k];
                worst = k;
            }
        for (std::size_t s = 0; s < n; ++s) {
            const Stage& st = stages()[s];
            const Stage::Columns& col = st.col;
            const int old = choice[s];
            ResVec base = u;
            const ResVec c0 = converter(s, old, s > 0 ? choice[s - 1] : 0);
            const ResVec c1 = s + 1 < n ? converter(s + 1, choice[s + 1], old) : ResVec{};
            for (int k = 0; k < kResourceCount; ++k) base[k] -= col.res[k][old] + c0[k] + c1[k];
            // The converters around the stage: on its input (from the fixed producer) and on the
            // next stage's input (its option fixed), as functions of this stage's option.
            const bool inConv = st.layer != 0;
            const double inFrom = inConv ? (st.fromFixed ? 1.0 : stages()[s - 1].col.perWord[choice[s - 1]]) *
                                               st.fromBitsPerPe
                                         : 0;
            const bool outConv = s + 1 < n && stages()[s + 1].layer != 0;
            const double nextIn = outConv ? stages()[s + 1].col.inBits[choice[s + 1]] : 0;
            const double nextFromPerWord = outConv ? stages()[s + 1].fromBitsPerPe : 0;
            const int end = col.end(ii);
            for (int o = 0; o < end; ++o) {
                if (o == old || (!m_uram && col.uram[o])) continue;
                if (worst >= 0 &&
                    (base[worst] + col.res[worst][o] - m_room[worst]) * inv[worst] > bestOver + kTolerance)
                    continue;
                ResVec v;
                for (int k = 0; k < kResourceCount; ++k) v[k] = base[k] + col.res[k][o];
                // Converters only add and the overflow only grows with use: a move already worse
                // without them cannot win.
                if (overflow(v, nullptr) > bestOver + kTolerance) continue;
                if (inConv) {
                    const ConverterCost c = converterLutFf(model, col.inBits[o], inFrom);
                    v[0] += c.lut;
                    v[1] += c.ff;
                }
                if (outConv) {
                    const ConverterCost c = converterLutFf(model, nextIn, col.perWord[o] * nextFromPerWord);
                    v[0] += c.lut;
                    v[1] += c.ff;
                }
                double l = 0;
                const double ov = overflow(v, &l);
                if (ov < bestOver - kTolerance || (std::abs(ov - bestOver) <= kTolerance && l < bestLoad)) {
                    bestOver = ov;
                    bestLoad = l;
                    bestStage = s;
                    bestOption = o;
                }
            }
        }
        if (evaluations) ++*evaluations;
        if (bestStage == n || !(bestOver < over - kTolerance)) return false;
        choice[bestStage] = bestOption;
    }
    return worstRatio(used(choice)) <= 1 + kTolerance;
}

} // namespace bitfold::detail
