// bitfold-cli scaling: predicted frame rate as the device grows (Blott et al. 2017).
#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/sweep.h"
#include "commands.h"
#include "design_options.h"
#include "table.h"

#include <ostream>

namespace bitfold::cli {

int scalingCommand(const Argv& argv, std::ostream& out) {
    std::set<std::string> names = {"network", "weights", "acts", "input-bits", "clock", "model", "fractions", "format"};
    names.merge(foldingOptionNames());
    const Args args(argv, names);
    const DesignArgs d = parseDesign(args); // no --device: each device of the axis in turn
    const std::string format = args.choice("format", {"table", "csv", "json"});
    FoldingRequest request;
    parseFoldingOptions(args, request);
    request.model = d.model;
    request.clockMhz = args.has("clock") ? d.clockMhz : 0; // else each device's default clock
    std::vector<double> fractions;
    for (const std::string& s : args.list("fractions", "")) {
        const double v = parseNumber("--fractions", s);
        if (!(v > 0 && v <= 1)) throw Error("--fractions", "'" + s + "' is not a fraction of a VU9P (0 < f <= 1)");
        fractions.push_back(v);
    }
    const std::vector<ScalingPoint> points = deviceScaling(d.network, d.precision, request, fractions);

    if (format == "json") {
        const nlohmann::json arr = scalingJson(points);
        nlohmann::json j = {{"network", d.network.id},
                            {"weights", bitsToString(d.spec.weightBits)},
                            {"acts", bitsToString(d.spec.actBits)},
                            {"strategy", toString(request.strategy)},
                            {"model", toString(request.model)},
                            {"kind", "predicted"},
                            {"points", arr}};
        out << j.dump(1) << '\n';
        return 0;
    }
    Table t({"device", "VU9P fraction", "FPS", "fits", "units", "limited by", "LUT %", "FF %", "BRAM %", "URAM %",
             "DSP %"});
    for (const ScalingPoint& p : points) {
        const bool pct = format == "table";
        auto u = [&](double f) { return pct ? fmt(100 * f, 1) : fmt(f, 4); };
        t.add({p.device, fmt(p.fraction, 4), fmt(p.fps, pct ? 1 : 3), p.fits ? "yes" : "no",
               std::to_string(p.computeUnits), p.limitingResource, u(p.utilisation.lut), u(p.utilisation.ff),
               u(p.utilisation.bram18), u(p.utilisation.uram), u(p.utilisation.dsp)});
    }
    if (format == "csv") {
        t.printCsv(out);
        return 0;
    }
    out << d.network.name << " (" << d.network.id << "), W" << bitsToString(d.spec.weightBits) << "A"
        << bitsToString(d.spec.actBits) << ": highest FPS that fits each device (folding by "
        << toString(request.strategy) << ", model " << toString(request.model) << ", "
        << (request.clockMhz > 0 ? fmt(request.clockMhz, 0) + " MHz" : std::string("each device's default clock"))
        << ") [predicted]\n"
           "shipped devices smallest first, then the VU9P scaled (resources and shell) to a fraction; "
           "'folding' = fully unfolded (PE, SIMD, MMV), 'memory' = the memory port sets the rate; "
           "'units' = copies of the accelerator\n\n";
    t.print(out);
    out << "\nwhy the rate stops growing:\n";
    for (const ScalingPoint& p : points) out << "  " << p.device << ": " << p.why << '\n';
    return 0;
}

} // namespace bitfold::cli
