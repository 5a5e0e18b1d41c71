// Pareto fronts over design points and Su et al.'s "cheapest design reaching accuracy X".
#include "bitfold/error.h"
#include "bitfold/sweep.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <utility>

namespace bitfold {

const char* toString(Objective o) {
    switch (o) {
    case Objective::Accuracy: return "accuracy";
    case Objective::Fps: return "fps";
    case Objective::Lut: return "lut";
    case Objective::Bram: return "bram";
    case Objective::Dsp: return "dsp";
    case Objective::LatencyUs: return "latency-us";
    case Objective::FpsPerLut: return "fps-per-lut";
    }
    return "?";
}

Objective objectiveFromString(const std::string& s) {
    if (s == "accuracy" || s == "top1") return Objective::Accuracy;
    if (s == "fps") return Objective::Fps;
    if (s == "lut" || s == "luts") return Objective::Lut;
    if (s == "bram" || s == "bram18") return Objective::Bram;
    if (s == "dsp") return Objective::Dsp;
    if (s == "latency" || s == "latency-us") return Objective::LatencyUs;
    if (s == "fps-per-lut" || s == "fps/lut") return Objective::FpsPerLut;
    throw Error("objective",
                "unknown objective '" + s + "' (valid: accuracy, fps, lut, bram, dsp, latency-us, fps-per-lut)");
}

bool maximised(Objective o) { return o == Objective::Accuracy || o == Objective::Fps || o == Objective::FpsPerLut; }

double valueOf(const DesignPoint& p, Objective o) {
    switch (o) {
    case Objective::Accuracy: return p.accuracy.kind == AccuracyKind::None ? NAN : p.accuracy.top1;
    case Objective::Fps: return p.fps;
    case Objective::Lut: return p.totals.lut;
    case Objective::Bram: return p.totals.bram18; // RAMB18 units, as Resources counts them
    case Objective::Dsp: return p.totals.dsp;
    case Objective::LatencyUs: return p.latencyUs;
    case Objective::FpsPerLut: return p.fpsPerLut;
    }
    return NAN;
}

std::vector<std::size_t> paretoFront(const std::vector<DesignPoint>& points, const std::vector<Objective>& objectives) {
    const std::size_t k = objectives.size();
    // Every objective turned into "larger is better"; points with a missing value sit out.
    std::vector<std::vector<double>> v;
    std::vector<std::size_t> original; // v[i] belongs to points[original[i]]
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::vector<double> row(k);
        bool ok = true;
        for (std::size_t o = 0; o < k && ok; ++o) {
            const double x = valueOf(points[i], objectives[o]);
            ok = !std::isnan(x);
            row[o] = maximised(objectives[o]) ? x : -x;
        }
        if (!ok) continue;
        v.push_back(std::move(row));
        original.push_back(i);
    }
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), std::size_t(0));
    // Lexicographically best first: anything that dominates a point comes before it, so each
    // point need only be checked against the front found so far.
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return v[a] > v[b]; });
    auto dominates = [&](std::size_t a, std::size_t b) {
        bool better = false;
        for (std::size_t o = 0; o < k; ++o) {
            if (v[a][o] < v[b][o]) return false;
            if (v[a][o] > v[b][o]) better = true;
        }
        return better;
    };
    std::vector<std::size_t> front;
    for (std::size_t i : idx) {
        const bool dominated = std::any_of(front.begin(), front.end(), [&](std::size_t f) { return dominates(f, i); });
        if (!dominated) front.push_back(i);
    }
    std::vector<std::size_t> out;
    out.reserve(front.size());
    for (std::size_t f : front) out.push_back(original[f]);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<ParetoFront> paretoFronts(const std::vector<DesignPoint>& points,
                                      const std::vector<Objective>& objectives) {
    const bool byAccuracy = std::find(objectives.begin(), objectives.end(), Objective::Accuracy) != objectives.end();
    std::vector<std::string> datasets{""};
    if (byAccuracy) {
        datasets.clear();
        for (const DesignPoint& p : points)
            if (p.accuracy.kind != AccuracyKind::None &&
                std::find(datasets.begin(), datasets.end(), p.accuracy.dataset) == datasets.end())
                datasets.push_back(p.accuracy.dataset);
        std::sort(datasets.begin(), datasets.end());
    }
    std::vector<ParetoFront> fronts;
    for (const std::string& ds : datasets) {
        std::vector<std::size_t> subset;
        std::vector<DesignPoint> sub;
        for (std::size_t i = 0; i < points.size(); ++i)
            if (!byAccuracy || (points[i].accuracy.kind != AccuracyKind::None && points[i].accuracy.dataset == ds)) {
                subset.push_back(i);
                sub.push_back(points[i]);
            }
        ParetoFront f{ds, {}, subset.size()};
        for (std::size_t k : paretoFront(sub, objectives)) f.points.push_back(subset[k]);
        fronts.push_back(std::move(f));
    }
    return fronts;
}

std::vector<CheapestAtAccuracy> cheapestReaching(const std::vector<DesignPoint>& points, double minAccuracy) {
    std::map<std::pair<int, int>, std::optional<DesignPoint>> best;
    for (const DesignPoint& p : points) {
        auto& slot = best[{p.weightBits, p.actBits}];
        if (!p.fits || p.accuracy.kind == AccuracyKind::None || p.accuracy.top1 < minAccuracy) continue;
        // Fewest LUTs; a tie goes to the faster design.
        if (!slot || p.totals.lut < slot->totals.lut || (p.totals.lut == slot->totals.lut && p.fps > slot->fps))
            slot = p;
    }
    std::vector<CheapestAtAccuracy> out;
    out.reserve(best.size());
    for (auto& [wa, p] : best) out.push_back({wa.first, wa.second, std::move(p)});
    return out;
}

} // namespace bitfold
