// The two baselines the bitfold search is measured against, ported as their authors wrote them.
//
// FINN SetFolding (Xilinx/finn, src/finn/transformation/fpgadataflow/set_folding.py): for each
// MVAU, PE = 1, then SIMD over the divisors of its width until the layer's cycles are below the
// target (reverting the last step when SIMD * weight bits passes mvau_wwidth_max = 36), then PE
// over the divisors of its height until the target is met; if the slowest layer still misses
// the target, a second pass with the target relaxed to that layer's cycles. Resources are not
// looked at; here a search over targets finds the most demanding one whose result fits.
//
// FINN-R greedy (Blott et al., TRETS 2018): from PE = SIMD = 1, repeatedly take the slowest
// layer and raise its SIMD to the next valid value, its PE once SIMD is at its maximum; stop
// when the next step would break the limits (FINN-R's own: LUT 70%, BRAM 100%) or the slowest
// layer is fully unfolded, keeping the fastest design that fit.
#include "bitfold/pipeline.h"
#include "optimizer_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bitfold::detail {

namespace {

/// Stage cycles of matrix layer `i` (its MVTU, window and the pools fed by it), from the plan.
std::int64_t stageCycles(const Network& net, int i, int pe, int simd, int mmv = 1) {
    std::int64_t c = plan::matrixCycles(net.layers[i], pe, simd, mmv);
    for (int p = i + 1; p < int(net.layers.size()) && !net.layers[p].isMatrix(); ++p)
        c = std::max(c, poolCycles(net.layers[p], pe * mmv));
    return c;
}

/// Cycles of the pools ahead of every matrix layer (they cannot be folded).
std::int64_t leadingCycles(const Network& net) {
    std::int64_t c = 0;
    for (const Layer& l : net.layers) {
        if (l.isMatrix()) break;
        c = std::max(c, poolCycles(l, 1));
    }
    return c;
}

std::int64_t slowest(const Network& net, const Folding& f) {
    std::int64_t c = leadingCycles(net);
    for (int i = 0; i < int(net.layers.size()); ++i)
        if (net.layers[i].isMatrix()) c = std::max(c, stageCycles(net, i, f.layers[i].pe, f.layers[i].simd));
    return c;
}

void setFoldingPass(const Network& net, const std::vector<LayerPrecision>& prec, std::int64_t target, int wwidthMax,
                    Folding& f) {
    for (int i = 0; i < int(net.layers.size()); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        LayerFolding& lf = f.layers[i];
        lf.pe = 1;
        lf.simd = 1;
        for (int simd : validSimd(net, prec, i)) {
            const int prev = lf.simd;
            lf.simd = simd;
            if (stageCycles(net, i, lf.pe, lf.simd) < target) break;
            if (prec[i].weightBits * lf.simd > wwidthMax) {
                lf.simd = prev;
                break;
            }
        }
        for (int pe : validPe(net, prec, i)) {
            lf.pe = pe;
            if (stageCycles(net, i, lf.pe, lf.simd) < target) break;
        }
    }
}

std::string fps(double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::vector<std::int64_t> achievableCycles(const Network& net, const std::vector<LayerPrecision>& prec) {
    std::vector<std::int64_t> v{leadingCycles(net)};
    for (int i = 0; i < int(net.layers.size()); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        const auto simds = validSimd(net, prec, i);
        for (int pe : validPe(net, prec, i))
            for (int simd : simds) v.push_back(stageCycles(net, i, pe, simd));
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

} // namespace

Folding finnSetFolding(const Network& net, const std::vector<LayerPrecision>& prec, std::int64_t targetCycles,
                       int wwidthMax) {
    Folding f = minimalFolding(net);
    setFoldingPass(net, prec, targetCycles, wwidthMax, f);
    const std::int64_t reached = slowest(net, f);
    if (reached > targetCycles) setFoldingPass(net, prec, reached, wwidthMax, f); // two-pass relaxation
    return f;
}

FoldingResult runSetFolding(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                            const FoldingRequest& request, double clockMhz, bool explain) {
    FoldingResult r;
    const double clockHz = clockMhz * 1e6;
    const std::vector<std::int64_t> cyc = achievableCycles(net, prec);
    if (request.goal == FoldingGoal::TargetFps) {
        // FINN: target_cycles_per_frame = int(clock / target_fps).
        const double target = clockHz / request.targetFps;
        r.folding = finnSetFolding(net, prec, target >= 9e18 ? std::int64_t(9e18) : std::int64_t(target));
        finishResult(r, net, prec, device, request, clockMhz);
        r.limitingResource = toString(tightestResource(r.estimate, device, request.limits));
        if (!r.targetMet)
            r.message = "SetFolding reaches " + fps(r.estimate.fps) +
                " FPS, below the target (the slowest stage is "
                "fully unfolded or capped by the weight-stream width)";
        if (!r.fits) {
            const std::string over = "the SetFolding design exceeds the limits (it ignores resources)";
            r.message = r.message.empty() ? over : r.message + "; " + over;
        }
        return r;
    }
    // The most demanding target whose folding still fits: a stage meets target T when its
    // cycles are below T, so the candidate targets are the achievable cycle counts plus one.
    auto attempt = [&](std::size_t k) {
        FoldingResult a;
        a.folding = finnSetFolding(net, prec, cyc[k] + 1);
        finishResult(a, net, prec, device, request, clockMhz);
        return a;
    };
    std::size_t lo = 0, hi = cyc.size() - 1;
    FoldingResult best = attempt(hi);
    int evaluations = best.evaluations;
    if (!best.fits) {
        best.limitingResource = toString(tightestResource(best.estimate, device, request.limits));
        if (explain) best.message = noFitMessage(net, prec, device, request, best.estimate);
        return best;
    }
    FoldingResult first = attempt(lo);
    evaluations += first.evaluations;
    FoldingResult failed;
    if (first.fits) {
        best = first;
        hi = lo;
    } else {
        failed = first;
        while (hi - lo > 1) {
            const std::size_t mid = lo + (hi - lo) / 2;
            FoldingResult a = attempt(mid);
            evaluations += a.evaluations;
            if (a.fits) {
                best = std::move(a);
                hi = mid;
            } else {
                failed = std::move(a);
                lo = mid;
            }
        }
    }
    best.evaluations = evaluations;
    best.limitingResource = hi == 0 || best.estimate.cycles <= cyc.front()
        ? "folding"
        : toString(tightestResource(failed.estimate, device, request.limits));
    return best;
}

FoldingResult runFinnRGreedy(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                             const FoldingRequest& request, double clockMhz, bool explain) {
    FoldingResult r;
    r.folding = minimalFolding(net);
    finishResult(r, net, prec, device, request, clockMhz);
    if (!r.fits) {
        r.limitingResource = toString(tightestResource(r.estimate, device, request.limits));
        if (explain) r.message = noFitMessage(net, prec, device, request, r.estimate);
        return r;
    }
    std::vector<std::vector<int>> simds(net.layers.size()), pes(net.layers.size());
    for (int i = 0; i < int(net.layers.size()); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        simds[i] = validSimd(net, prec, i);
        pes[i] = validPe(net, prec, i);
    }
    const bool target = request.goal == FoldingGoal::TargetFps;
    for (;;) {
        if (target && r.targetMet) {
            r.limitingResource = toString(tightestResource(r.estimate, device, request.limits));
            break;
        }
        // Past every layer, the memory interface (or an adapter) sets the rate: nothing to unfold.
        if (r.estimate.bottleneck >= 0 && r.estimate.layers[r.estimate.bottleneck].cycles < r.estimate.cycles) {
            r.limitingResource = r.estimate.bound == Bound::Memory ? "memory" : "folding";
            break;
        }
        // The slowest layer; a pool's rate is its producer's PE.
        int j = r.estimate.bottleneck;
        while (j >= 0 && !net.layers[j].isMatrix()) --j;
        if (j < 0) {
            r.limitingResource = "folding";
            break;
        }
        Folding next = r.folding;
        LayerFolding& lf = next.layers[j];
        const auto& sv = simds[j];
        const auto& pv = pes[j];
        const bool poolBound = j != r.estimate.bottleneck;
        if (!poolBound && lf.simd < sv.back()) {
            lf.simd = *std::upper_bound(sv.begin(), sv.end(), lf.simd);
        } else if (lf.pe < pv.back()) {
            lf.pe = *std::upper_bound(pv.begin(), pv.end(), lf.pe);
        } else if (const auto mv = validMmv(net, prec, j, lf.pe, lf.simd); !poolBound && lf.mmv < mv.back()) {
            lf.mmv = *std::upper_bound(mv.begin(), mv.end(), lf.mmv); // FINN-R's third dimension
        } else {
            r.limitingResource = "folding";
            break;
        }
        FoldingResult step;
        step.folding = next;
        finishResult(step, net, prec, device, request, clockMhz);
        r.evaluations += step.evaluations;
        if (!step.fits) {
            r.limitingResource = toString(tightestResource(step.estimate, device, request.limits));
            break;
        }
        step.evaluations = r.evaluations;
        r = std::move(step);
    }
    if (target && !r.targetMet)
        r.message =
            "FINN-R greedy stopped at " + fps(r.estimate.fps) + " FPS, below the target (" + r.limitingResource + ")";
    return r;
}

} // namespace bitfold::detail
