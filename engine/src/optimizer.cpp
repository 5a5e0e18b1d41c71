// The bitfold folding search: the smallest initiation interval (slowest stage, cycles per
// frame) whose cheapest folding fits, found by bisection over the achievable cycle values.
#include "bitfold/optimizer.h"

#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "optimizer_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bitfold {

double limitOf(const ResourceLimits& l, ResourceKind k) {
    switch (k) {
    case ResourceKind::Lut: return l.lut;
    case ResourceKind::Ff: return l.ff;
    case ResourceKind::Bram: return l.bram;
    case ResourceKind::Uram: return l.uram;
    case ResourceKind::Dsp: return l.dsp;
    }
    return 0;
}

const char* toString(FoldingStrategy s) {
    switch (s) {
    case FoldingStrategy::Bitfold: return "bitfold";
    case FoldingStrategy::FinnSetFolding: return "finn-setfolding";
    case FoldingStrategy::FinnRGreedy: return "finn-r-greedy";
    }
    return "?";
}

FoldingStrategy foldingStrategyFromString(const std::string& s) {
    if (s == "bitfold") return FoldingStrategy::Bitfold;
    if (s == "finn-setfolding" || s == "setfolding" || s == "finn") return FoldingStrategy::FinnSetFolding;
    if (s == "finn-r-greedy" || s == "finn-r" || s == "greedy") return FoldingStrategy::FinnRGreedy;
    throw Error("strategy", "unknown folding strategy '" + s + "' (valid: bitfold, finn-setfolding, finn-r-greedy)");
}

Folding maximalFolding(const Network& net, const std::vector<LayerPrecision>& prec) {
    Folding f = minimalFolding(net);
    for (int i = 0; i < int(net.layers.size()); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        LayerFolding& l = f.layers[i];
        l.pe = validPe(net, prec, i).back();
        l.simd = validSimd(net, prec, i).back();
        if (l.pe == net.layers[i].matrixHeight()) l.mmv = validMmv(net, prec, i, l.pe, l.simd).back();
    }
    return f;
}

namespace detail {

namespace {

std::string fmt(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string percent(double fraction) { return fmt("%.0f%%", 100 * fraction); }

std::string limitsText(const ResourceLimits& l) {
    return "LUT " + percent(l.lut) + ", FF " + percent(l.ff) + ", BRAM " + percent(l.bram) + ", URAM " +
        percent(l.uram) + ", DSP " + percent(l.dsp);
}

std::string amount(ResourceKind k, double v) {
    return k == ResourceKind::Bram ? fmt("%.1f", v / 2) + " BRAM36" : fmt("%.0f", v) + " " + toString(k);
}

} // namespace

void checkLimits(const ResourceLimits& limits) {
    for (ResourceKind k : kAllResources) {
        const double v = limitOf(limits, k);
        if (!(v >= 0 && v <= 1))
            throw Error(std::string(toString(k)) + " limit",
                        fmt("%g", v) + " is not a fraction of the device (valid: 0 to 1)");
    }
}

bool withinLimits(const Estimate& e, const Device& device, const ResourceLimits& limits) {
    for (ResourceKind k : kAllResources) {
        const double allowed = limitOf(limits, k) * get(device.total, k);
        if (get(e.totals, k) > allowed * (1 + 1e-9) + 1e-9) return false;
    }
    return true;
}

ResourceKind tightestResource(const Estimate& e, const Device& device, const ResourceLimits& limits, double* ratio) {
    ResourceKind worst = ResourceKind::Lut;
    double worstRatio = -1;
    for (ResourceKind k : kAllResources) {
        const double allowed = limitOf(limits, k) * get(device.total, k);
        const double used = get(e.totals, k);
        const double q = allowed > 0 ? used / allowed : (used > 1e-9 ? 1e30 : 0);
        if (q > worstRatio) {
            worstRatio = q;
            worst = k;
        }
    }
    if (ratio) *ratio = worstRatio;
    return worst;
}

void finishResult(FoldingResult& r, const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                  const FoldingRequest& request, double clockMhz) {
    r.estimate = estimate(net, prec, r.folding, device, clockMhz, request.model);
    ++r.evaluations;
    r.fits = withinLimits(r.estimate, device, request.limits);
    if (request.goal == FoldingGoal::TargetFps) r.targetMet = r.estimate.fps >= request.targetFps * (1 - 1e-12);
}

namespace {

/// Smallest shipped device (other than `device`) on which the cheapest design reaching
/// `targetFps` (0: any rate) fits within the same limits; nullptr when none.
const Device* smallestFitting(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                              const FoldingRequest& request, double targetFps,
                              const std::shared_ptr<const StageTable>& given) {
    // The search's own table serves when it is the one built here.
    const bool reuse =
        given && given->anyDevice && given->model == request.model && given->net == &net && given->prec == &prec;
    const auto table = reuse ? given : buildStageTable(net, prec, request.model);
    for (const Device& d : Catalog::shipped().devices()) {
        if (d.id == device.id) continue;
        const FoldingProblem p(table, d, request.limits);
        std::int64_t ii = p.maxCycles();
        if (targetFps > 0) {
            const double clock = request.clockMhz > 0 ? request.clockMhz : d.clockMhz;
            ii = std::min<std::int64_t>(ii, std::int64_t(std::floor(clock * 1e6 / targetFps)));
            if (ii < p.minCycles()) continue;
        }
        std::vector<int> choice;
        if (!p.cheapestWithin(ii, choice)) continue;
        const Estimate e = estimate(net, prec, p.folding(choice), d, request.clockMhz, request.model);
        if (withinLimits(e, d, request.limits)) return &d;
    }
    return nullptr;
}

std::string overText(const Estimate& e, const Device& device, const ResourceLimits& limits) {
    std::string s;
    for (ResourceKind k : kAllResources) {
        const double allowed = limitOf(limits, k) * get(device.total, k);
        const double used = get(e.totals, k);
        if (used <= allowed * (1 + 1e-9) + 1e-9) continue;
        if (!s.empty()) s += "; ";
        s += amount(k, used) + " (" +
            (get(device.total, k) > 0 ? percent(used / get(device.total, k)) : "the device has none") +
            " of the device, limit " + percent(limitOf(limits, k)) + ")";
    }
    return s;
}

std::string deviceAdvice(const Device* d) {
    if (!d) return "it fits no shipped device within these limits";
    return "the smallest shipped device it fits is " + d->id + " (" + d->name + ")";
}

} // namespace

std::string noFitMessage(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                         const FoldingRequest& request, const Estimate& cheapest,
                         const std::shared_ptr<const StageTable>& table) {
    return net.id + " does not fit " + device.id + " within the limits (" + limitsText(request.limits) +
        "): even its smallest folding needs " + overText(cheapest, device, request.limits) + "; " +
        deviceAdvice(smallestFitting(net, prec, device, request, 0, table));
}

namespace {

std::string ceilingMessage(double targetFps, double ceilingFps, double clockMhz) {
    return "target " + fmt("%.1f", targetFps) + " FPS is beyond the fully unfolded rate: the ceiling is " +
        fmt("%.1f", ceilingFps) + " FPS at " + fmt("%g", clockMhz) + " MHz";
}

/// The bitfold search for the highest frame rate that fits. `consistent` turns false when the
/// final estimate() disagrees with the problem's tables.
FoldingResult bitfoldMaxFps(const FoldingProblem& p, const FoldingRequest& request, double clockMhz, bool explain,
                            bool& consistent) {
    FoldingResult r;
    r.evaluations = p.tableEvaluations();
    const auto& values = p.cycleValues();
    std::vector<int> choice, best;
    std::size_t hi = values.size() - 1, lo = 0;
    if (!p.cheapestWithin(values[hi], best, &r.evaluations, true)) {
        r.folding = p.folding(best);
        finishResult(r, p.net(), p.prec(), p.device(), request, clockMhz);
        consistent = consistent && p.agrees(best, r.estimate);
        if (!r.fits) {
            r.limitingResource = toString(tightestResource(r.estimate, p.device(), request.limits));
            if (explain) r.message = noFitMessage(p.net(), p.prec(), p.device(), request, r.estimate, p.sharedTable());
        }
        return r;
    }
    // What keeps the next faster interval out: the worst resource of its best attempt.
    int blocking = 0;
    auto failed = [&] { p.worstRatio(p.used(choice), &blocking); };
    if (p.cheapestWithin(values[0], choice, &r.evaluations)) {
        best = choice;
        hi = 0;
    } else {
        failed();
        while (hi - lo > 1) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (p.cheapestWithin(values[mid], choice, &r.evaluations)) {
                hi = mid;
                best = choice;
            } else {
                lo = mid;
                failed();
            }
        }
    }
    // The stage-cost tables mirror the models; the final word is estimate()'s.
    for (;;) {
        r.folding = p.folding(best);
        finishResult(r, p.net(), p.prec(), p.device(), request, clockMhz);
        consistent = consistent && p.agrees(best, r.estimate);
        if (r.fits || hi + 1 >= values.size()) break;
        while (++hi < values.size() && !p.cheapestWithin(values[hi], best, &r.evaluations)) {
        }
        if (hi >= values.size()) break;
        p.cheapestWithin(values[hi - 1], choice, &r.evaluations);
        failed();
    }
    if (hi == 0)
        r.limitingResource = p.ioCycles() >= p.table().minCycles && p.ioIsMemory() ? "memory" : "folding";
    else
        r.limitingResource = toString(kAllResources[blocking]);
    return r;
}

FoldingResult bitfoldTarget(const FoldingProblem& p, const FoldingRequest& request, double clockMhz, bool explain,
                            bool& consistent) {
    const double ceiling = clockMhz * 1e6 / double(p.minCycles());
    const double wanted = std::floor(clockMhz * 1e6 / request.targetFps);
    if (wanted < double(p.minCycles())) {
        FoldingResult r = bitfoldMaxFps(p, request, clockMhz, explain, consistent);
        r.targetMet = false;
        const std::string why = ceilingMessage(request.targetFps, ceiling, clockMhz);
        r.message = r.message.empty() ? why : why + "; " + r.message;
        return r;
    }
    const std::int64_t ii = wanted >= double(p.maxCycles()) ? p.maxCycles() : std::int64_t(wanted);
    FoldingResult r;
    r.evaluations = p.tableEvaluations();
    std::vector<int> choice;
    p.cheapestWithin(ii, choice, &r.evaluations, true);
    r.folding = p.folding(choice);
    finishResult(r, p.net(), p.prec(), p.device(), request, clockMhz);
    consistent = consistent && p.agrees(choice, r.estimate);
    r.limitingResource = toString(tightestResource(r.estimate, p.device(), request.limits));
    if (!r.fits && explain) {
        FoldingRequest fastest = request;
        fastest.goal = FoldingGoal::MaxFps;
        bool ignored = true;
        const FoldingResult best = bitfoldMaxFps(p, fastest, clockMhz, false, ignored);
        r.message = "reaching " + fmt("%.1f", request.targetFps) + " FPS on " + p.device().id + " needs " +
            overText(r.estimate, p.device(), request.limits) + " (limits " + limitsText(request.limits) + "); " +
            (best.fits ? "the fastest design within the limits reaches " + fmt("%.1f", best.estimate.fps) + " FPS"
                       : "nothing fits this device") +
            "; " +
            deviceAdvice(smallestFitting(p.net(), p.prec(), p.device(), request, request.targetFps, p.sharedTable()));
    }
    return r;
}

} // namespace

namespace {

/// One unit's share of a device shared by `units` copies of the accelerator: its resources and
/// shell divided, so the per-unit limits are (limit * device - shell) / units.
Device perUnitShare(const Device& device, int units) {
    Device d = device;
    d.total = device.total * (1.0 / units);
    d.shell = device.shell * (1.0 / units);
    d.maxComputeUnits = 1;
    return d;
}

/// When one copy cannot use the device (fully unfolded or memory-bound), several copies may:
/// the fastest design over 1..maxComputeUnits copies, each folded for its share.
FoldingResult withComputeUnits(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                               const FoldingRequest& request, double clockMhz, FoldingResult best,
                               const std::shared_ptr<const StageTable>& table) {
    const Folding single = best.folding;
    for (int units = 2; units <= device.maxComputeUnits; ++units) {
        // The single copy is already as fast as a copy gets (fully unfolded or memory-bound): where
        // `units` of it fit, that is the fastest design with `units` copies, no search needed.
        FoldingResult copies;
        copies.folding = single;
        copies.folding.computeUnits = units;
        copies.evaluations = best.evaluations;
        finishResult(copies, net, prec, device, request, clockMhz);
        if (copies.fits) {
            copies.limitingResource = best.limitingResource;
            if (copies.estimate.fps > best.estimate.fps * (1 + 1e-9)) best = std::move(copies);
            continue;
        }
        const Device share = perUnitShare(device, units);
        const FoldingProblem problem(table, share, request.limits);
        bool consistent = true;
        const FoldingResult one = bitfoldMaxFps(problem, request, clockMhz, false, consistent);
        if (!one.fits) break; // fewer resources per copy only get worse
        FoldingResult r;
        r.folding = one.folding;
        r.folding.computeUnits = units;
        r.evaluations = best.evaluations + one.evaluations;
        finishResult(r, net, prec, device, request, clockMhz);
        r.limitingResource = one.limitingResource;
        if (r.fits && r.estimate.fps > best.estimate.fps * (1 + 1e-9))
            best = std::move(r);
        else
            best.evaluations = r.evaluations;
    }
    return best;
}

} // namespace

FoldingResult optimize(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                       const FoldingRequest& request, bool explain, const std::shared_ptr<const StageTable>& table) {
    checkLimits(request.limits);
    if (prec.size() != net.layers.size())
        throw Error("precision",
                    "has " + std::to_string(prec.size()) + " layers, network " + net.id + " has " +
                        std::to_string(net.layers.size()));
    if (request.goal == FoldingGoal::TargetFps && !(request.targetFps > 0 && std::isfinite(request.targetFps)))
        throw Error("target FPS", "must be a positive number");
    if (!std::isfinite(request.clockMhz)) throw Error("clock", "must be a finite number of MHz (0: the device's)");
    const double clockMhz = request.clockMhz > 0 ? request.clockMhz : device.clockMhz;
    switch (request.strategy) {
    case FoldingStrategy::FinnSetFolding: return runSetFolding(net, prec, device, request, clockMhz, explain);
    case FoldingStrategy::FinnRGreedy: return runFinnRGreedy(net, prec, device, request, clockMhz, explain);
    case FoldingStrategy::Bitfold: break;
    }
    const bool reuse =
        table && table->net == &net && table->prec == &prec && table->model == request.model && !table->exact;
    // The fast table, priced once: the search and the compute-unit search share it.
    const std::shared_ptr<const StageTable> fast =
        reuse ? table : buildStageTable(net, prec, request.model, true, nullptr, device.total.uram > 0);
    auto search = [&](bool exact) {
        const FoldingProblem problem(
            exact ? buildStageTable(net, prec, request.model, true, &device, device.total.uram > 0) : fast, device,
            request.limits);
        bool consistent = true;
        FoldingResult r = request.goal == FoldingGoal::TargetFps
            ? bitfoldTarget(problem, request, clockMhz, explain, consistent)
            : bitfoldMaxFps(problem, request, clockMhz, explain, consistent);
        return std::make_pair(std::move(r), consistent);
    };
    auto [result, consistent] = search(false);
    // The fast tables have drifted from the cost model: search again on estimate()'s own figures.
    if (!consistent) result = search(true).first;
    if (request.goal == FoldingGoal::MaxFps && result.fits && device.maxComputeUnits > 1 &&
        (result.limitingResource == "folding" || result.limitingResource == "memory"))
        result = withComputeUnits(net, prec, device, request, clockMhz, std::move(result), fast);
    return result;
}

} // namespace detail

FoldingResult optimizeFolding(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                              const FoldingRequest& request) {
    return detail::optimize(net, prec, device, request, true);
}

} // namespace bitfold
