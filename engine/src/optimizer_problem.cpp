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

double FoldingProblem::select(std::int64_t ii, const ResVec& w, std::vector<int>& choice) const {
    choice.resize(stages().size());
    double total = 0;
    for (std::size_t s = 0; s < stages().size(); ++s) {
        const Stage::Columns& col = stages()[s].col();
        const int end = col.end(ii);
        const double *r0 = col.res[0].data(), *r1 = col.res[1].data(), *r2 = col.res[2].data(), *r3 = col.res[3].data(),
                     *r4 = col.res[4].data();
        // Over-used resources weigh kHuge: an infinite start keeps the cheapest option even then
        // (a finite one left the fastest, fully unfolded option chosen under impossible limits).
        const auto& least = m_uram ? col.least : col.leastNoUram;
        const double *l0 = least[0].data(), *l1 = least[1].data(), *l2 = least[2].data(), *l3 = least[3].data(),
                     *l4 = least[4].data();
        int best = 0;
        double bestCost = std::numeric_limits<double>::infinity();
        // Backwards from the slowest (usually cheapest) option; the prefix minima bound every
        // earlier option's cost, so the scan stops once they cannot beat the best. Ties go to
        // the lower index, as a forward scan would.
        for (int o = end - 1; o >= 0; --o) {
            if ((o & 7) == 7 && w[0] * l0[o] + w[1] * l1[o] + w[2] * l2[o] + w[3] * l3[o] + w[4] * l4[o] > bestCost)
                break;
            const double c = w[0] * r0[o] + w[1] * r1[o] + w[2] * r2[o] + w[3] * r3[o] + w[4] * r4[o];
            if (c <= bestCost && (m_uram || !col.uram[o])) {
                bestCost = c;
                best = o;
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
    // A bound first: each resource at its own minimum in every stage (converters only add).
    ResVec floor{};
    for (const Stage& st : stages()) {
        const Stage::Columns& col = st.col();
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
            const int end = col.end(ii);
            // Not even the stage's least use of the worst resource beats the best move: skip it.
            if (worst >= 0 && end > 0 &&
                (base[worst] + (m_uram ? col.least : col.leastNoUram)[worst][end - 1] - m_room[worst]) * inv[worst] >
                    bestOver + kTolerance)
                continue;
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
