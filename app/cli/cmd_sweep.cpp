// bitfold-cli sweep and pareto: the design space, folded and estimated point by point, and
// the points no other point beats.
#include "args.h"
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/sweep.h"
#include "commands.h"
#include "table.h"

#include <algorithm>
#include <optional>
#include <ostream>

namespace bitfold::cli {

namespace {

std::set<std::string> sweepOptionNames() {
    std::set<std::string> names = {"networks", "weights", "acts",   "widths",  "devices",
                                   "clocks",   "model",   "format", "threads", "first-last-weights"};
    names.merge(foldingOptionNames());
    return names;
}

SweepSpec parseSweep(const Args& args) {
    SweepSpec spec;
    if (args.has("networks")) {
        spec.networks = args.list("networks", "");
    } else {
        for (const Network& n : Catalog::shipped().networks()) spec.networks.push_back(n.id);
    }
    auto bits = [&](const char* name, std::vector<int>& out) {
        if (!args.has(name)) return;
        out.clear();
        for (const std::string& s : args.list(name, "")) out.push_back(bitsFromString(s, std::string("--") + name));
    };
    bits("weights", spec.weightBits);
    bits("acts", spec.actBits);
    if (args.has("first-last-weights")) { // "0,8": uniform designs and first/last layers at 8 bits
        spec.edgeWeightBits.clear();
        for (const std::string& s : args.list("first-last-weights", ""))
            spec.edgeWeightBits.push_back(s == "0" ? 0 : bitsFromString(s, "--first-last-weights"));
    }
    if (args.has("widths")) spec.widthScales = args.numbers("widths");
    for (double w : spec.widthScales)
        if (!(w > 0 && w <= 64)) throw Error("--widths", fmt(w, 3) + " is not a width scale (0 < scale <= 64)");
    spec.devices = args.list("devices", "");
    spec.clocksMhz = args.numbers("clocks");
    for (double c : spec.clocksMhz)
        if (!(c > 0 && c <= 1000)) throw Error("--clocks", fmt(c, 1) + " MHz is out of range (0 < clock <= 1000)");
    try {
        spec.folding.model = costModelFromString(args.str("model", "bitfold"));
    } catch (const Error& e) {
        throw Error("--model", e.what());
    }
    parseFoldingOptions(args, spec.folding);
    spec.threads = args.integer("threads", 0);
    if (spec.threads < 0) throw Error("--threads", "must be 0 (all cores) or more");
    if (spec.networks.empty()) throw Error("--networks", "names no network");
    if (spec.weightBits.empty() || spec.actBits.empty()) throw Error("--weights/--acts", "name no precision");
    return spec;
}

std::string formatOf(const Args& args) {
    const std::string f = args.choice("format", {"table", "csv", "json"});
    return f;
}

std::string pct(double f) { return fmt(100 * f, 1); }

std::string accuracyText(const AccuracyInfo& a) {
    if (a.kind == AccuracyKind::None) return "-";
    const std::string sd = a.seeds > 1 ? " ± " + fmt(100 * a.sd, 2) : "";
    return fmt(100 * a.top1, 2) + sd + " (" + toString(a.kind) + ", " + a.dataset + ")";
}

void printPoints(std::ostream& out, const std::vector<DesignPoint>& points, const std::vector<std::size_t>& which,
                 const std::string& format) {
    if (format == "json") {
        // The folding needs the (possibly width-scaled) network's layer names.
        nlohmann::json arr = nlohmann::json::array();
        for (std::size_t i : which) {
            const DesignPoint& p = points[i];
            const std::string base = p.network.substr(0, p.network.find('@'));
            std::optional<Network> net;
            if (const Network* n = Catalog::shipped().findNetwork(base))
                net = p.widthScale == 1.0 ? *n : scaleWidth(*n, p.widthScale);
            arr.push_back(toJson(p, net ? &*net : nullptr));
        }
        out << arr.dump(1) << '\n';
        return;
    }
    if (format == "csv") {
        Table t({"network",
                 "width",
                 "weights",
                 "acts",
                 "device",
                 "clock_mhz",
                 "fps",
                 "latency_us",
                 "lut",
                 "ff",
                 "bram36",
                 "uram",
                 "dsp",
                 "util_lut",
                 "util_ff",
                 "util_bram",
                 "util_uram",
                 "util_dsp",
                 "fps_per_lut",
                 "ops_per_s",
                 "fits",
                 "limiting_resource",
                 "accuracy",
                 "accuracy_kind",
                 "accuracy_dataset",
                 "accuracy_source"});
        for (std::size_t i : which) {
            const DesignPoint& p = points[i];
            const bool acc = p.accuracy.kind != AccuracyKind::None;
            t.add({p.network,
                   fmt(p.widthScale, 3),
                   bitsToString(p.weightBits),
                   bitsToString(p.actBits),
                   p.device,
                   fmt(p.clockMhz, 1),
                   fmt(p.fps, 3),
                   fmt(p.latencyUs, 3),
                   fmt(p.totals.lut, 1),
                   fmt(p.totals.ff, 1),
                   fmt(p.totals.bram36(), 1),
                   fmt(p.totals.uram, 1),
                   fmt(p.totals.dsp, 1),
                   fmt(p.utilisation.lut, 4),
                   fmt(p.utilisation.ff, 4),
                   fmt(p.utilisation.bram18, 4),
                   fmt(p.utilisation.uram, 4),
                   fmt(p.utilisation.dsp, 4),
                   fmt(p.fpsPerLut, 6),
                   fmt(p.opsPerSecond, 0),
                   p.fits ? "1" : "0",
                   p.limitingResource,
                   acc ? fmt(p.accuracy.top1, 4) : "",
                   acc ? toString(p.accuracy.kind) : "",
                   p.accuracy.dataset,
                   p.accuracy.source});
        }
        t.printCsv(out);
        return;
    }
    Table t({"network", "W", "A", "device", "MHz", "FPS", "latency us", "LUT", "BRAM36", "DSP", "LUT %", "BRAM %",
             "fits", "limit", "top-1 %"});
    for (std::size_t i : which) {
        const DesignPoint& p = points[i];
        const std::string edge = p.edgeWeightBits ? " (first/last W" + bitsToString(p.edgeWeightBits) + ")" : "";
        t.add({p.network + edge, bitsToString(p.weightBits), bitsToString(p.actBits), p.device, fmt(p.clockMhz, 0),
               fmt(p.fps, 1), fmt(p.latencyUs, 1), fmt(p.totals.lut), fmt(p.totals.bram36(), 1), fmt(p.totals.dsp),
               pct(p.utilisation.lut), pct(p.utilisation.bram18), p.fits ? "yes" : "no", p.limitingResource,
               accuracyText(p.accuracy)});
    }
    t.print(out);
}

std::vector<std::size_t> all(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = i;
    return v;
}

} // namespace

int sweepCommand(const Argv& argv, std::ostream& out) {
    const Args args(argv, sweepOptionNames());
    const std::string format = formatOf(args);
    const SweepSpec spec = parseSweep(args);
    const std::vector<DesignPoint> points = runSweep(spec);
    printPoints(out, points, all(points.size()), format);
    if (format == "table") {
        std::size_t fits = 0;
        for (const DesignPoint& p : points) fits += p.fits;
        out << '\n'
            << points.size() << " design points, " << fits << " fit within the limits; folding by "
            << toString(spec.folding.strategy) << ", model " << toString(spec.folding.model) << " [predicted]\n";
    }
    return 0;
}

int paretoCommand(const Argv& argv, std::ostream& out) {
    auto names = sweepOptionNames();
    names.insert("objectives");
    names.insert("min-accuracy");
    const Args args(argv, names, {"all"});
    const std::string format = formatOf(args);
    std::vector<Objective> objectives;
    for (const std::string& o : args.list("objectives", "accuracy,fps")) {
        try {
            objectives.push_back(objectiveFromString(o));
        } catch (const Error& e) {
            throw Error("--objectives", e.what());
        }
    }
    if (objectives.size() < 2) throw Error("--objectives", "needs at least two objectives, e.g. accuracy,fps");
    const SweepSpec spec = parseSweep(args);
    std::vector<DesignPoint> points = runSweep(spec);
    const std::size_t swept = points.size();
    // Designs that do not fit their device are not candidates unless --all asks for them.
    if (!args.has("all"))
        points.erase(std::remove_if(points.begin(), points.end(), [](const DesignPoint& p) { return !p.fits; }),
                     points.end());

    if (const auto minAcc = args.optionalNumber("min-accuracy")) {
        const double threshold = *minAcc > 1 ? *minAcc / 100 : *minAcc;
        const auto cheapest = cheapestReaching(points, threshold);
        if (format == "table") {
            out << "cheapest design (fewest LUTs) reaching top-1 " << fmt(100 * threshold, 2) << "% per precision, of "
                << swept << " swept points [predicted resources, accuracy as labelled]\n\n";
            Table t({"W", "A", "network", "device", "FPS", "LUT", "BRAM36", "top-1 %"});
            for (const auto& c : cheapest) {
                if (!c.point) {
                    t.add({bitsToString(c.weightBits), bitsToString(c.actBits), "none reaches it", "", "", "", "", ""});
                    continue;
                }
                const DesignPoint& p = *c.point;
                t.add({bitsToString(c.weightBits), bitsToString(c.actBits), p.network, p.device, fmt(p.fps, 1),
                       fmt(p.totals.lut), fmt(p.totals.bram36(), 1), accuracyText(p.accuracy)});
            }
            t.print(out);
            return 0;
        }
        std::vector<DesignPoint> found;
        for (const auto& c : cheapest)
            if (c.point) found.push_back(*c.point);
        printPoints(out, found, all(found.size()), format);
        return 0;
    }

    const bool byAccuracy = std::find(objectives.begin(), objectives.end(), Objective::Accuracy) != objectives.end();
    std::string over;
    for (const Objective o : objectives)
        over += (over.empty() ? "" : ", ") + std::string(maximised(o) ? "max " : "min ") + toString(o);
    const std::vector<ParetoFront> fronts = paretoFronts(points, objectives);
    std::vector<std::size_t> front;
    for (const ParetoFront& f : fronts) {
        if (format == "table") {
            out << (front.empty() ? "" : "\n") << "Pareto front over " << over;
            if (byAccuracy) out << ", accuracy on " << f.dataset;
            out << ": " << f.points.size() << " of " << f.candidates
                << (args.has("all") ? " points" : " fitting points") << " (" << swept << " swept)\n\n";
            printPoints(out, points, f.points, format);
        }
        front.insert(front.end(), f.points.begin(), f.points.end());
    }
    if (format == "table") {
        if (fronts.empty()) out << "no design point has a known accuracy (published or measured)\n";
        return 0;
    }
    printPoints(out, points, front, format);
    return 0;
}

} // namespace bitfold::cli
