// FoldingProblem: the search over a stage table (optimizer_table.cpp): the "cheapest choice
// within an initiation interval" step of the bitfold search and its repair.
#include "bitfold/pipeline.h"
#include "optimizer_internal.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitfold::detail {
namespace {

constexpr double kTolerance = 1e-12; // tighter than withinLimits(): the mirror never claims more

double dot(const ResVec& w, const ResVec& r) {
    double s = 0;
    for (int k = 0; k < kResourceCount; ++k) s += w[k] * r[k];
    return s;
}

} // namespace

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

int StageChoices::Columns::end(std::int64_t ii) const {
    return int(std::upper_bound(cycles.begin(), cycles.end(), ii) - cycles.begin());
}

ResVec FoldingProblem::converter(std::size_t s, int option, int producer) const {
    const auto& stages = m_table->stages;
    const Stage& st = stages[s];
    if (st.layer == 0) return {};
    const double producerPerWord = st.fromFixed ? 1.0 : stages[s - 1].col().perWord[producer];
    return toVec(converterCost(m_table->model, st.col().inBits[option], producerPerWord * st.fromBitsPerPe));
}

ResVec FoldingProblem::converter(const std::vector<int>& choice, std::size_t s) const {
    return converter(s, choice[s], s > 0 ? choice[s - 1] : 0);
}

ResVec FoldingProblem::used(const std::vector<int>& choice) const {
    ResVec u{};
    for (std::size_t s = 0; s < stages().size(); ++s) {
        const Stage::Columns& col = stages()[s].col();
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
        if (m_room[k] > 0)
            q = used[k] / m_room[k];
        else
            q = used[k] > kTolerance || m_room[k] < -kTolerance ? kHuge : 0.0;
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
        const StageOption& o = stages()[s].options()[choice[s]];
        f.layers[stages()[s].layer] = {o.pe, o.simd, o.mmv, o.memory, o.product, o.thresholds};
    }
    return f;
}

std::int64_t FoldingProblem::cycles(const std::vector<int>& choice) const {
    std::int64_t c = std::max(m_table->fixedCycles, m_ioCycles);
    for (std::size_t s = 0; s < stages().size(); ++s) c = std::max(c, stages()[s].options()[choice[s]].cycles);
    return c;
}

double FoldingProblem::select(const std::vector<int>& ends, const ResVec& w, std::vector<int>& choice,
                              bool warm) const {
    choice.resize(stages().size());
    double total = 0;
    for (std::size_t s = 0; s < stages().size(); ++s) {
        const Stage::Columns& col = stages()[s].col();
        const int end = ends[s];
        const double *r0 = col.res[0].data(), *r1 = col.res[1].data(), *r2 = col.res[2].data(), *r3 = col.res[3].data(),
                     *r4 = col.res[4].data();
        // Over-used resources weigh kHuge: an infinite start keeps the cheapest option even then
        // (a finite one left the fastest, fully unfolded option chosen under impossible limits).
        const auto& least = leastOf(col);
        const double *l0 = least[0].data(), *l1 = least[1].data(), *l2 = least[2].data(), *l3 = least[3].data(),
                     *l4 = least[4].data();
        int best = 0;
        double bestCost = std::numeric_limits<double>::infinity();
        if (warm) { // the previous choice bounds the scan from the start (the result is the same)
            best = choice[s];
            bestCost = w[0] * r0[best] + w[1] * r1[best] + w[2] * r2[best] + w[3] * r3[best] + w[4] * r4[best];
        }
        // Backwards from the slowest (usually cheapest) option, eight at a time (the costs of a
        // block are computed together, which the compiler vectorises); the prefix minima bound
        // every earlier option's cost, so the scan stops once they cannot beat the best. Ties go
        // to the lower index, as a forward scan would.
        for (int top = end - 1; top >= 0; top = (top | 7) - 8) {
            if (w[0] * l0[top] + w[1] * l1[top] + w[2] * l2[top] + w[3] * l3[top] + w[4] * l4[top] > bestCost) break;
            const int from = top & ~7, count = top - from + 1;
            double cost[8];
            for (int j = 0; j < 8; ++j) {
                const int o = from + j;
                cost[j] = w[0] * r0[o] + w[1] * r1[o] + w[2] * r2[o] + w[3] * r3[o] + w[4] * r4[o];
            }
            for (int j = count - 1; j >= 0; --j)
                if (cost[j] <= bestCost && (m_uram || !col.uram[from + j])) {
                    bestCost = cost[j];
                    best = from + j;
                }
        }
        choice[s] = best;
        total += bestCost;
    }
    return total;
}

bool FoldingProblem::cheapestWithin(std::int64_t ii, std::vector<int>& choice, int* evaluations, bool leastOver) const {
    ResVec w{};
    for (int k = 0; k < kResourceCount; ++k) w[k] = m_room[k] > 0 ? 1.0 / m_room[k] : kHuge;
    // One past each stage's last option within ii.
    thread_local std::vector<int> ends;
    ends.resize(stages().size());
    for (std::size_t s = 0; s < stages().size(); ++s) ends[s] = stages()[s].col().end(ii);
    // A bound first: each resource at its own minimum in every stage (converters only add).
    ResVec floor{};
    for (std::size_t s = 0; s < stages().size(); ++s) {
        const Stage::Columns& col = stages()[s].col();
        const int end = ends[s];
        for (int k = 0; k < kResourceCount; ++k)
            floor[k] += end > 0 ? leastOf(col)[k][end - 1] : kHuge;
    }
    if (worstRatio(floor) > 1 + kTolerance) {
        select(ends, w, choice);
        if (evaluations) ++*evaluations;
        return false;
    }
    std::vector<int> cur, best;
    double bestRatio = kHuge * 10;
    // Lagrangian-style: price each resource by how over-used it is, re-select, a few rounds.
    constexpr int kRounds = 8;
    for (int round = 0; round < kRounds; ++round) {
        const double least = select(ends, w, cur, round > 0);
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
    return repair(ends, choice, evaluations);
}

bool FoldingProblem::repair(const std::vector<int>& ends, std::vector<int>& choice, int* evaluations) const {
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
    std::vector<std::size_t> order;
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
        // The stages that use most of the worst resource first: their best move bounds the
        // others', which then end their scans early. Exact ties still go to the lowest stage.
        order.resize(n);
        for (std::size_t s = 0; s < n; ++s) order[s] = s;
        if (worst >= 0)
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                return stages()[a].col().res[worst][choice[a]] > stages()[b].col().res[worst][choice[b]];
            });
        for (const std::size_t s : order) {
            const Stage& st = stages()[s];
            const Stage::Columns& col = st.col();
            const int old = choice[s];
            ResVec base = u;
            const ResVec c0 = converter(s, old, s > 0 ? choice[s - 1] : 0);
            const ResVec c1 = s + 1 < n ? converter(s + 1, choice[s + 1], old) : ResVec{};
            for (int k = 0; k < kResourceCount; ++k) base[k] -= col.res[k][old] + c0[k] + c1[k];
            // The converters around the stage: on its input (from the fixed producer) and on the
            // next stage's input (its option fixed), as functions of this stage's option.
            const bool inConv = st.layer != 0;
            const double inFrom =
                inConv ? (st.fromFixed ? 1.0 : stages()[s - 1].col().perWord[choice[s - 1]]) * st.fromBitsPerPe : 0;
            const bool outConv = s + 1 < n && stages()[s + 1].layer != 0;
            const double nextIn = outConv ? stages()[s + 1].col().inBits[choice[s + 1]] : 0;
            const double nextFromPerWord = outConv ? stages()[s + 1].fromBitsPerPe : 0;
            const int end = ends[s];
            const auto& least = leastOf(col);
            // Options 0..o use at least least[k][o] of each resource, so at least this overflow.
            auto floorOver = [&](int o) {
                ResVec v;
                for (int k = 0; k < kResourceCount; ++k) v[k] = base[k] + least[k][o];
                return overflow(v, nullptr);
            };
            // Backwards from the slowest (usually cheapest) option, eight at a time, stopping
            // once no earlier option can beat the best move. Exact ties go to the lower index.
            for (int top = end - 1; top >= 0; top = (top | 7) - 8) {
                if (floorOver(top) > bestOver + kTolerance) break;
                const int from = top & ~7;
                // The overflow of each move without its converters (overflow()'s sum, the
                // resources in the same order), for the block at once: the compiler vectorises it.
                double over0[8] = {};
                for (int k = 0; k < kResourceCount; ++k) {
                    const double* r = col.res[k].data() + from;
                    const double b = base[k], room = m_room[k], iv = inv[k];
                    if (room > 0)
                        for (int j = 0; j < 8; ++j) over0[j] += std::max(0.0, b + r[j] - room) * iv;
                    else if (room < -kTolerance)
                        for (int j = 0; j < 8; ++j) over0[j] += kHuge;
                    else
                        for (int j = 0; j < 8; ++j) over0[j] += b + r[j] > kTolerance ? kHuge : 0.0;
                }
                for (int o = top; o >= from; --o) {
                    if (o == old || (!m_uram && col.uram[o])) continue;
                    // Converters only add and the overflow only grows with use: a move already
                    // worse without them cannot win.
                    if (over0[o - from] > bestOver + kTolerance) continue;
                    ResVec v;
                    for (int k = 0; k < kResourceCount; ++k) v[k] = base[k] + col.res[k][o];
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
                    if (ov < bestOver - kTolerance ||
                        (std::abs(ov - bestOver) <= kTolerance &&
                         (l < bestLoad || (l == bestLoad && s <= bestStage)))) {
                        bestOver = ov;
                        bestLoad = l;
                        bestStage = s;
                        bestOption = o;
                    }
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
