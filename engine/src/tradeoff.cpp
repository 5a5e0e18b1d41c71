#include "bitfold/tradeoff.h"

#include "bitfold/catalog.h"
#include "bitfold/error.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace bitfold {

namespace {

double shareOf(const DesignPoint& p, const Device& d) {
    double share = 0;
    for (ResourceKind k : kAllResources) {
        const double have = get(d.total, k);
        if (have > 0) share = std::max(share, (get(p.totals, k) - get(d.shell, k)) / have);
    }
    return share;
}

} // namespace

Tradeoff tradeoff(const TradeoffRequest& r, const Progress& progress, const std::atomic<bool>* cancel) {
    if (!(r.targetAccuracy > 0 && r.targetAccuracy <= 1))
        throw Error("target accuracy", "must be a fraction in (0, 1], got " + std::to_string(r.targetAccuracy));
    if (!(r.targetFps > 0)) throw Error("target FPS", "must be positive");
    const Device device = Catalog::shipped().device(r.device);
    SweepSpec spec;
    spec.networks = {r.baseNetwork};
    spec.widthScales = r.widthScales;
    spec.weightBits = r.bits;
    spec.actBits = r.bits;
    spec.devices = {device.id};
    if (r.clockMhz > 0) spec.clocksMhz = {r.clockMhz};
    spec.folding.goal = FoldingGoal::TargetFps;
    spec.folding.targetFps = r.targetFps;
    spec.folding.limits = r.limits;
    const std::vector<DesignPoint> points = runSweep(spec, progress, cancel);

    std::map<std::pair<int, int>, TradeoffRow> rows;
    auto fast = [&](const DesignPoint& p) { return p.fits && p.fps >= r.targetFps * (1 - 1e-9); };
    for (const DesignPoint& p : points) {
        if (p.accuracy.kind == AccuracyKind::None || p.accuracy.dataset != r.dataset) continue;
        TradeoffRow& row = rows[{p.weightBits, p.actBits}];
        row.weightBits = p.weightBits;
        row.actBits = p.actBits;
        ++row.candidates;
        const bool reaches = fast(p) && p.accuracy.top1 >= r.targetAccuracy;
        if (!reaches) continue;
        const double share = shareOf(p, device);
        if (!row.point || share < row.deviceShare ||
            (share == row.deviceShare && p.totals.lut < row.point->totals.lut)) {
            row.point = p;
            row.deviceShare = share;
        }
    }
    Tradeoff out;
    out.criterion = "smallest largest share of " + device.id + "'s LUT/FF/BRAM/URAM/DSP (shell excluded) at " +
        std::to_string(int(r.targetFps)) + " FPS";
    for (auto& [key, row] : rows) {
        if (row.point && (out.winner < 0 || row.deviceShare < out.rows[out.winner].deviceShare))
            out.winner = int(out.rows.size());
        out.rows.push_back(std::move(row));
    }
    if (out.winner < 0) return out;

    // Ties: cheaper designs of other precisions whose shortfall is within noise.
    const TradeoffRow& win = out.rows[out.winner];
    const AccuracyInfo& wa = win.point->accuracy;
    for (const DesignPoint& p : points) {
        if (p.accuracy.kind == AccuracyKind::None || p.accuracy.dataset != r.dataset || !fast(p)) continue;
        if (p.accuracy.top1 >= r.targetAccuracy || (p.weightBits == win.weightBits && p.actBits == win.actBits))
            continue;
        const double share = shareOf(p, device);
        if (share >= win.deviceShare) continue;
        const double combined = std::sqrt(wa.sd * wa.sd + p.accuracy.sd * p.accuracy.sd);
        if (wa.top1 - p.accuracy.top1 > combined) continue;
        for (TradeoffRow& row : out.rows) {
            if (row.weightBits != p.weightBits || row.actBits != p.actBits) continue;
            if (!row.rival || share < shareOf(*row.rival, device)) row.rival = p;
        }
    }
    for (std::size_t i = 0; i < out.rows.size(); ++i)
        if (out.rows[i].rival) out.tied.push_back(int(i));
    return out;
}

} // namespace bitfold
