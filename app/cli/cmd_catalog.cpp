#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "commands.h"
#include "args.h"
#include "table.h"

#include <ostream>

namespace bitfold::cli {

namespace {
std::string formatOf(const Args& args) { return args.choice("format", {"table", "json"}); }
} // namespace

int networksCommand(const Argv& argv, std::ostream& out) {
    const Args args(argv, {"format"});
    const auto& nets = Catalog::shipped().networks();
    if (formatOf(args) == "json") {
        nlohmann::json j = nlohmann::json::array();
        for (const Network& n : nets) {
            nlohmann::json o = toJson(n);
            o["ops"] = n.ops();
            o["weights"] = n.weights();
            j.push_back(o);
        }
        out << j.dump(1) << '\n';
        return 0;
    }
    Table t({"id", "name", "dataset", "layers", "input bits", "MOp/frame", "weights"});
    for (const Network& n : nets)
        t.add({n.id, n.name, n.dataset, std::to_string(n.layers.size()), std::to_string(n.inputBits),
               fmt(double(n.ops()) / 1e6, 2), std::to_string(n.weights())});
    t.print(out);
    return 0;
}

int devicesCommand(const Argv& argv, std::ostream& out) {
    const Args args(argv, {"format"});
    const auto& devs = Catalog::shipped().devices();
    if (formatOf(args) == "json") {
        nlohmann::json j = nlohmann::json::array();
        for (const Device& d : devs) j.push_back(toJson(d));
        out << j.dump(1) << '\n';
        return 0;
    }
    Table t({"id", "name", "aliases", "LUT", "FF", "BRAM36", "URAM", "DSP", "clock MHz"});
    for (const Device& d : devs) {
        std::string aliases;
        for (const auto& a : d.aliases) aliases += (aliases.empty() ? "" : ",") + a;
        t.add({d.id, d.name, aliases, fmt(d.total.lut), fmt(d.total.ff), fmt(d.total.bram36()), fmt(d.total.uram),
               fmt(d.total.dsp), fmt(d.clockMhz)});
    }
    t.print(out);
    return 0;
}

} // namespace bitfold::cli
