// bitfold-cli fold: the folding a strategy picks for one design, and its estimate.
#include "bitfold/error.h"
#include "bitfold/fit.h"
#include "bitfold/json_io.h"
#include "bitfold/optimizer.h"
#include "commands.h"
#include "design_options.h"
#include "table.h"

#include <ostream>

namespace bitfold::cli {

std::set<std::string> foldingOptionNames() {
    return {"strategy", "target-fps", "lut-limit", "ff-limit", "bram-limit", "uram-limit", "dsp-limit"};
}

void parseFoldingOptions(const Args& args, FoldingRequest& request) {
    if (args.has("strategy")) {
        try {
            request.strategy = foldingStrategyFromString(args.str("strategy"));
        } catch (const Error& e) {
            throw Error("--strategy", e.what());
        }
    }
    if (const auto fps = args.optionalNumber("target-fps")) {
        if (!(*fps > 0)) throw Error("--target-fps", "'" + args.str("target-fps") + "' must be a positive frame rate");
        request.goal = FoldingGoal::TargetFps;
        request.targetFps = *fps;
    }
    auto limit = [&](const char* name, double& value) {
        value = args.number(name, value);
        if (!(value > 0 && value <= 1))
            throw Error(std::string("--") + name,
                        "'" + args.str(name) + "' is not a fraction of the device (0 < limit <= 1, e.g. 0.7)");
    };
    limit("lut-limit", request.limits.lut);
    limit("ff-limit", request.limits.ff);
    limit("bram-limit", request.limits.bram);
    limit("uram-limit", request.limits.uram);
    limit("dsp-limit", request.limits.dsp);
}

namespace {

nlohmann::json limitsJson(const ResourceLimits& l) {
    return {{"lut", l.lut}, {"ff", l.ff}, {"bram", l.bram}, {"uram", l.uram}, {"dsp", l.dsp}};
}

std::string pct(double f) { return fmt(100 * f, 0) + "%"; }

} // namespace

int foldCommand(const Argv& argv, std::ostream& out) {
    auto names = designOptionNames();
    names.erase("folding");
    names.merge(foldingOptionNames());
    names.insert("format");
    const Args args(argv, names);
    const DesignArgs d = parseDesign(args);
    const std::string format = args.choice("format", {"table", "json", "csv"});
    FoldingRequest request;
    parseFoldingOptions(args, request);
    request.model = d.model;
    request.clockMhz = d.clockMhz;

    const FoldingResult r = optimizeFolding(d.network, d.precision, d.device, request);
    if (!r.targetMet) throw Error("--target-fps", r.message);
    if (!r.fits) {
        const std::string why = fitReason(d.network, d.precision, r.estimate, d.device, request.limits);
        throw Error("",
                    (r.message.empty() ? d.network.id + " does not fit " + d.device.id : r.message) +
                        (why.empty() ? "" : ". " + why));
    }

    const Estimate& e = r.estimate;
    if (format == "json") {
        nlohmann::json j = toJson(e);
        // One object: each layer carries its whole folding (the folding file's own keys: pe, simd,
        // mmv, memory, res_type, thresholds) and the top level its compute units, so the file feeds
        // `estimate --folding` as it is, next to the estimate's own fields.
        const nlohmann::json folding = toJson(r.folding, d.network);
        std::size_t k = 0;
        for (std::size_t i = 0; i < d.network.layers.size(); ++i)
            if (d.network.layers[i].isMatrix())
                for (const auto& [key, value] : folding["layers"][k++].items()) j["layers"][i][key] = value;
        j["network"] = d.network.id;
        j["device"] = d.device.id;
        j["weights"] = bitsToString(d.spec.weightBits);
        j["acts"] = bitsToString(d.spec.actBits);
        j["kind"] = "predicted";
        j["strategy"] = toString(request.strategy);
        j["goal"] = request.goal == FoldingGoal::TargetFps ? "target-fps" : "max-fps";
        if (request.goal == FoldingGoal::TargetFps) j["target_fps"] = request.targetFps;
        j["limits"] = limitsJson(request.limits);
        j["fits"] = r.fits;
        j["target_met"] = r.targetMet;
        j["limiting_resource"] = r.limitingResource;
        j["message"] = r.message;
        j["evaluations"] = r.evaluations;
        out << j.dump(1) << '\n';
        return 0;
    }
    if (format == "csv") {
        printEstimateCsv(out, e);
        return 0;
    }
    const ResourceLimits& l = request.limits;
    out << "folding by " << toString(request.strategy) << ": "
        << (request.goal == FoldingGoal::TargetFps ? "fewest resources reaching " + fmt(request.targetFps, 1) + " FPS"
                                                   : std::string("highest FPS"))
        << " within LUT " << pct(l.lut) << ", FF " << pct(l.ff) << ", BRAM " << pct(l.bram) << ", URAM " << pct(l.uram)
        << ", DSP " << pct(l.dsp) << "; "
        << (r.limitingResource == "folding" ? std::string("fully unfolded (the folding is the limit)")
                                            : "limited by " + r.limitingResource)
        << "; " << r.evaluations << " evaluations\n";
    printEstimateTable(out, d, r.folding, e);
    if (!r.message.empty()) out << "note: " << r.message << '\n';
    return 0;
}

} // namespace bitfold::cli
