// Design-space sweeps: every network x width x precision x device x clock, each folded and
// estimated, on a pool of threads, in a fixed order; and the accuracy known for each design.
#include "bitfold/sweep.h"
#include "optimizer_internal.h"

#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/manifest.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>

namespace bitfold {

const char* toString(AccuracyKind k) {
    switch (k) {
    case AccuracyKind::None: return "none";
    case AccuracyKind::Published: return "published";
    case AccuracyKind::Measured: return "measured";
    case AccuracyKind::Simulated: return "simulated";
    case AccuracyKind::UserSupplied: return "user-supplied";
    }
    return "?";
}

namespace {

/// Measured (the manifest's trained models) before published.
AccuracyInfo lookup(const Manifest& measured, const Network& net, int weightBits, int actBits, int edgeWeightBits = 0) {
    if (const ManifestEntry* m = findTrainedModel(measured, net, weightBits, actBits, edgeWeightBits))
        return m->accuracy;
    if (edgeWeightBits) return {}; // published figures are for one precision throughout
    // Published: the best figure reported for exactly this precision.
    AccuracyInfo best;
    for (const PublishedAccuracy& p : net.published) {
        if (p.weightBits != weightBits || p.actBits != actBits) continue;
        if (best.kind == AccuracyKind::None || p.top1 > best.top1)
            best = {AccuracyKind::Published, p.top1, p.dataset, p.source, 0, 0};
    }
    return best;
}

// --- The sweep.

/// The first and last matrix layers at `bits` weight bits.
std::vector<LayerPrecisionOverride> edgeOverrides(const Network& net, int bits) {
    std::vector<LayerPrecisionOverride> out;
    for (const Layer& l : net.layers)
        if (l.isMatrix()) {
            out.push_back({l.name, bits, 0});
            break;
        }
    for (auto l = net.layers.rbegin(); l != net.layers.rend(); ++l)
        if (l->isMatrix()) {
            if (out.empty() || out.front().layer != l->name) out.push_back({l->name, bits, 0});
            break;
        }
    return out;
}

struct Group {
    Network net;
    double width = 1;
    int weightBits = 0, actBits = 0, edgeWeightBits = 0;
    std::vector<LayerPrecision> prec;
    AccuracyInfo accuracy;
};

DesignPoint pointFrom(const Group& g, const Device& d, const Estimate& e, const FoldingResult& r) {
    DesignPoint p = makeDesignPoint(g.net.id, g.width, g.weightBits, g.actBits, d.id, e, r.folding, r.fits,
                                    r.limitingResource, g.accuracy);
    p.edgeWeightBits = g.edgeWeightBits;
    return p;
}

} // namespace

DesignPoint makeDesignPoint(const std::string& networkId, double widthScale, int weightBits, int actBits,
                            const std::string& deviceId, const Estimate& e, const Folding& folding, bool fits,
                            const std::string& limitingResource, AccuracyInfo accuracy) {
    return {.network = networkId,
            .widthScale = widthScale,
            .weightBits = weightBits,
            .actBits = actBits,
            .device = deviceId,
            .clockMhz = e.clockMhz,
            .fps = e.fps,
            .latencyUs = e.latencyUs,
            .opsPerSecond = e.opsPerSecond,
            .totals = e.totals,
            .utilisation = e.utilisation,
            .fpsPerLut = e.totals.lut > 0 ? e.fps / e.totals.lut : 0,
            .fits = fits,
            .limitingResource = limitingResource,
            .accuracy = std::move(accuracy),
            .folding = folding};
}

AccuracyInfo lookupAccuracy(const Network& net, int weightBits, int actBits, int edgeWeightBits) {
    return lookup(*shippedManifest(), net, weightBits, actBits, edgeWeightBits);
}

std::vector<DesignPoint> runSweep(const SweepSpec& spec, const Progress& progress, const std::atomic<bool>* cancel) {
    const Catalog& cat = Catalog::shipped();
    // Everything a user can get wrong is checked before any work starts.
    for (int b : spec.weightBits)
        if (!isValidBits(b))
            throw Error("weights", std::to_string(b) + " bits is not supported (valid: 1..8, 16, float32)");
    for (int b : spec.actBits)
        if (!isValidBits(b))
            throw Error("acts", std::to_string(b) + " bits is not supported (valid: 1..8, 16, float32)");
    for (int b : spec.edgeWeightBits)
        if (b != 0 && !isValidBits(b))
            throw Error("first/last weights",
                        std::to_string(b) + " bits is not supported (valid: 0 = same, 1..8, 16, float32)");
    for (double w : spec.widthScales)
        if (!(w > 0 && w <= 64)) throw Error("width", std::to_string(w) + " is not a width scale (0 < scale <= 64)");
    for (double c : spec.clocksMhz)
        if (!(c > 0 && c <= 1000)) throw Error("clock", std::to_string(c) + " MHz is out of range (0 < clock <= 1000)");
    std::vector<Device> devices;
    if (spec.devices.empty()) devices = cat.devices();
    for (const std::string& d : spec.devices) devices.push_back(cat.device(d));
    const auto measured = shippedManifest();

    std::vector<Group> groups;
    for (const std::string& id : spec.networks) {
        const Network base = cat.network(id);
        for (double w : spec.widthScales) {
            const Network net = w == 1.0 ? base : scaleWidth(base, w);
            for (int wb : spec.weightBits) {
                for (int ab : spec.actBits) {
                    for (int edge : spec.edgeWeightBits) {
                        if (edge && (edge == wb || wb == kFloatBits || ab == kFloatBits))
                            continue; // the uniform design (swept as edge 0), or a float one
                        PrecisionSpec ps;
                        ps.weightBits = wb;
                        ps.actBits = ab;
                        if (edge) ps.overrides = edgeOverrides(net, edge);
                        groups.push_back(
                            {net, w, wb, ab, edge, resolvePrecision(net, ps), lookup(*measured, net, wb, ab, edge)});
                    }
                }
            }
        }
    }
    for (const SweepDesign& d : spec.designs) {
        validate(d.network);
        const PrecisionSpec& ps = d.precision;
        groups.push_back({d.network, 1.0, ps.weightBits, ps.actBits, 0, resolvePrecision(d.network, ps),
                          d.accuracy.kind != AccuracyKind::None || !ps.overrides.empty()
                              ? d.accuracy // published and measured figures are for one precision throughout
                              : lookup(*measured, d.network, ps.weightBits, ps.actBits)});
    }

    // One unit of work = one group (network, width, precision) on every device and clock: the
    // bitfold search's stage table is built once and shared by them.
    const std::size_t clocks = spec.clocksMhz.empty() ? 1 : spec.clocksMhz.size();
    const std::size_t perGroup = devices.size() * clocks;
    const std::size_t units = groups.size();
    const std::size_t total = units * perGroup;
    std::vector<DesignPoint> points(total);
    std::vector<char> done(total, 0);
    std::atomic<std::size_t> next{0}, finished{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    // A fitting folding does not depend on the clock unless a frame rate is the target.
    const bool clockFree = spec.folding.goal == FoldingGoal::MaxFps;
    const bool shareTable = spec.folding.strategy == FoldingStrategy::Bitfold;
    auto cancelled = [&] {
        return (cancel && cancel->load(std::memory_order_relaxed)) || failed.load(std::memory_order_relaxed);
    };

    // Groups of one precision one after another: their networks' identical stages (CNV and
    // CNV 50%, LFC's hidden layers and MLP 50%'s) are then priced once, from the cache.
    std::vector<std::size_t> order(units);
    for (std::size_t u = 0; u < units; ++u) order[u] = u;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Group &x = groups[a], &y = groups[b];
        return std::tie(x.weightBits, x.actBits, x.edgeWeightBits, x.width) <
            std::tie(y.weightBits, y.actBits, y.edgeWeightBits, y.width);
    });
    detail::StageCache stageCache;

    auto work = [&] {
        while (!cancelled()) {
            const std::size_t slot = next.fetch_add(1);
            if (slot >= units) return;
            const std::size_t u = order[slot];
            const Group& g = groups[u];
            try {
                const auto table = shareTable
                    ? detail::buildStageTable(g.net, g.prec, spec.folding.model, true, nullptr, true, &stageCache)
                    : nullptr;
                for (std::size_t di = 0; di < devices.size(); ++di) {
                    const Device& d = devices[di];
                    FoldingResult r;
                    for (std::size_t c = 0; c < clocks; ++c) {
                        if (cancelled()) return;
                        const std::size_t at = u * perGroup + di * clocks + c;
                        FoldingRequest req = spec.folding;
                        req.clockMhz = spec.clocksMhz.empty() ? d.clockMhz : spec.clocksMhz[c];
                        if (c == 0 || !clockFree) {
                            r = detail::optimize(g.net, g.prec, d, req, false, table);
                            points[at] = pointFrom(g, d, r.estimate, r);
                        } else {
                            const Estimate e = estimate(g.net, g.prec, r.folding, d, req.clockMhz, req.model);
                            points[at] = pointFrom(g, d, e, r);
                        }
                        done[at] = 1;
                        const std::size_t n = finished.fetch_add(1) + 1;
                        if (progress) progress(n, total);
                    }
                }
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!error) error = std::current_exception();
                failed = true;
                return;
            }
        }
    };

    std::size_t threads =
        spec.threads > 0 ? std::size_t(spec.threads) : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, std::max<std::size_t>(units, 1));
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads);
        for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
        for (std::thread& t : pool) t.join();
    }
    if (error) std::rethrow_exception(error);

    std::vector<DesignPoint> out;
    out.reserve(finished.load());
    for (std::size_t i = 0; i < total; ++i)
        if (done[i]) out.push_back(std::move(points[i]));
    return out;
}

} // namespace bitfold
