#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "commands.h"
#include "design_options.h"

#include <ostream>

namespace bitfold::cli {

int estimateCommand(const Argv& argv, std::ostream& out) {
    auto names = designOptionNames();
    names.insert("format");
    const Args args(argv, names);
    const DesignArgs d = parseDesign(args);
    const std::string format = args.str("format", "table");
    if (format != "table" && format != "json" && format != "csv")
        throw Error("--format", "'" + format + "' is not one of table, json, csv");
    const Folding folding = d.folding ? *d.folding : minimalFolding(d.network);
    const Estimate e = estimate(d.network, d.precision, folding, d.device, d.clockMhz, d.model);
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
