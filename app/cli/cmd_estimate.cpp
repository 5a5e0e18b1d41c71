#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/optimizer.h"
#include "commands.h"
#include "design_options.h"

#include <ostream>

namespace bitfold::cli {

int estimateCommand(const Argv& argv, std::ostream& out) {
    auto names = designOptionNames();
    names.insert("format");
    names.insert("batch");
    const Args args(argv, names);
    const DesignArgs d = parseDesign(args);
    const std::string format = args.choice("format", {"table", "json", "csv"});
    Folding folding;
    Estimate e;
    if (d.folding) {
        folding = *d.folding;
        e = estimate(d.network, d.precision, folding, d.device, d.clockMhz, d.model);
    } else {
        // No folding given: the bitfold optimizer's, highest FPS within the default limits.
        FoldingRequest request;
        request.model = d.model;
        request.clockMhz = d.clockMhz;
        FoldingResult r = optimizeFolding(d.network, d.precision, d.device, request);
        folding = r.folding;
        e = std::move(r.estimate);
        e.assumptions.insert(e.assumptions.begin(),
                             r.fits ? "folding: the bitfold optimizer's, highest FPS within the default limits "
                                      "(LUT 70%, FF 50%, BRAM/URAM/DSP 80%); give --folding FILE to choose one"
                                    : "folding: nothing fits within the default limits; this is the smallest "
                                      "folding the optimizer found (" +
                                     r.message + ")");
    }
    if (args.has("batch")) applyBatch(e, args.integer("batch", int(kDefaultBatch)));
    if (format == "json") {
        nlohmann::json j = toJson(e);
        j["network"] = d.network.id;
        j["device"] = d.device.id;
        j["weights"] = bitsToString(d.spec.weightBits);
        j["acts"] = bitsToString(d.spec.actBits);
        j["kind"] = "predicted";
        out << j.dump(1) << '\n';
    } else if (format == "csv") {
        printEstimateCsv(out, e);
    } else {
        printEstimateTable(out, d, folding, e);
    }
    return 0;
}

} // namespace bitfold::cli
