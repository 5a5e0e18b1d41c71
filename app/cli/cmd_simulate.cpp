// bitfold-cli simulate: the accelerator's C simulation, checked bit for bit against the
// golden reference, with measured cycles beside the predicted ones.
#include "args.h"
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/golden.h"
#include "bitfold/json_io.h"
#include "bitfold/sim_runner.h"
#include "bitfold/stage_json.h"
#include "commands.h"
#include "table.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>

namespace bitfold::cli {

namespace {

bool sameShape(const Network& a, const Network& b) {
    if (a.layers.size() != b.layers.size()) return false;
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
        Layer x = a.layers[i], y = b.layers[i];
        x.name = y.name;
        if (!(x == y)) return false;
    }
    return true;
}

/// The package to simulate: a trained one from --params DIR, or random from --params random.
ParamPackage package(const Args& args) {
    const std::string params = args.str("params", "random");
    if (params != "random") {
        ParamPackage pkg = loadPackage(params);
        if (args.has("network")) {
            const Network net = Catalog::shipped().network(args.str("network"));
            if (!sameShape(net, pkg.network))
                throw Error("--params", params + " holds network " + pkg.network.id + ", not the shape of " + net.id);
        }
        return pkg;
    }
    if (!args.has("network")) throw Error("--network", "required with random parameters (or give --params DIR)");
    const Network net = Catalog::shipped().network(args.str("network"));
    PrecisionSpec spec;
    spec.weightBits = bitsFromString(args.str("weights", "1"), "--weights");
    spec.actBits = bitsFromString(args.str("acts", "1"), "--acts");
    if (args.has("input-bits")) spec.inputBits = bitsFromString(args.str("input-bits"), "--input-bits");
    const int seed = args.integer("seed", 1);
    checkSimulationMemory(net, 0); // before the parameters of a huge network are made
    return randomPackage(net, resolvePrecision(net, spec), std::uint64_t(seed));
}

ImageSet images(const Args& args, const Network& net) {
    const Layer& l0 = net.layers.front();
    const int side = l0.kind == LayerKind::Fc ? 1 : l0.inDim;
    if (args.has("dataset")) {
        const std::string ds = args.str("dataset");
        if (ds != "fashion-mnist") throw Error("--dataset", "'" + ds + "' is not available (valid: fashion-mnist)");
        const bool fits = l0.kind == LayerKind::Fc ? l0.inChannels == 28 * 28 : (side == 28 && l0.inChannels == 1);
        if (!fits)
            throw Error("--dataset",
                        "fashion-mnist images are 28x28x1; network " + net.id + " takes " +
                            (l0.kind == LayerKind::Fc ? std::to_string(l0.inChannels) + " inputs"
                                                      : std::to_string(side) + "x" + std::to_string(side) + "x" +
                                     std::to_string(l0.inChannels)));
        const int count = args.integer("images", 10000);
        if (count < 1) throw Error("--images", "must be at least 1");
        ImageSet s = loadFashionMnist("test", count);
        // FC first layers read the image flattened (docs/semantics.md).
        if (l0.kind == LayerKind::Fc) {
            s.cols = s.rows * s.cols;
            s.rows = 1;
        }
        return s;
    }
    const int count = args.integer("images", 100);
    if (count < 1) throw Error("--images", "must be at least 1");
    return randomImages(count, side, side, l0.inChannels, std::uint64_t(args.integer("seed", 1)) + 1000);
}

} // namespace

int simulateCommand(const Argv& argv, std::ostream& out) {
    const Args args(argv,
                    {"network", "weights", "acts", "input-bits", "folding", "params", "seed", "dataset", "images",
                     "format", "batch", "cache", "emit", "device", "clock", "predictions"});
    const std::string format = args.choice("format", {"table", "json"});
    const ParamPackage pkg = package(args);
    const Network& net = pkg.network;
    const std::vector<LayerPrecision> prec = pkg.precision();
    // The memory port and the clock come from the device.
    const Device device = Catalog::shipped().device(args.str("device", "xc7z020"));
    const double clockMhz = args.number("clock", device.clockMhz);
    if (!(clockMhz > 0 && clockMhz <= 1000))
        throw Error("--clock", "'" + args.str("clock") + "' MHz is out of range (0 < clock <= 1000)");
    Folding folding = simulationFolding(net, prec);
    if (args.has("folding")) {
        folding = loadFoldingFile(args.str("folding"), net);
        try {
            validate(net, prec, folding);
        } catch (const Error& e) {
            throw Error(args.str("folding"), e.what());
        }
    }
    if (args.has("emit")) {
        // The headers v++ builds (hls/f1/build.sh): the very ones simulated below.
        const std::string dir = args.str("emit");
        const HlsDesign d = generateHlsDesign(pkg, folding, device.port.bits);
        std::filesystem::create_directories(dir);
        for (const auto& [name, text] :
             {std::pair{"bitfold_config.h", &d.configHeader}, std::pair{"bitfold_params.h", &d.paramsHeader}}) {
            std::ofstream f(std::filesystem::path(dir) / name, std::ios::trunc);
            f << *text;
            if (!f) throw Error("--emit", "cannot write " + (std::filesystem::path(dir) / name).string());
        }
    }
    const ImageSet set = images(args, net);
    SimOptions options;
    options.batch = args.integer("batch", 64);
    options.portBits = device.port.bits;
    if (args.has("cache")) options.cacheDir = args.str("cache");

    const bool json = format == "json";
    const SimResult r = simulate(pkg, folding, set, options, [&](const SimProgress& p) {
        if (!json) return;
        nlohmann::json j = {{"event", "progress"},
                            {"images_done", p.imagesDone},
                            {"images", p.images},
                            {"mismatches", p.mismatches},
                            {"elapsed_s", p.elapsedSeconds}};
        if (p.accuracy) j["accuracy"] = *p.accuracy;
        nlohmann::json cycles = nlohmann::json::object();
        for (const SimStage& s : p.stages)
            if (s.kind == "mvtu" || s.kind == "maxpool") cycles[s.name] = s.cyclesCounted;
        j["cycles"] = cycles;
        out << j.dump() << '\n' << std::flush;
    });

    if (args.has("predictions")) {
        // One JSON line per image: its label (null when unlabelled) and the accelerator's class.
        std::ofstream f(args.str("predictions"), std::ios::trunc);
        for (std::size_t i = 0; i < r.labels.size(); ++i)
            f << nlohmann::json{{"index", i},
                                {"label",
                                 i < set.labels.size() ? nlohmann::json(int(set.labels[i])) : nlohmann::json()},
                                {"predicted", r.labels[i]}}
                     .dump()
              << '\n';
        if (!f) throw Error("--predictions", "cannot write " + args.str("predictions"));
    }
    nlohmann::json layers = nlohmann::json::array(), stages = nlohmann::json::array();
    std::uint64_t slowest = 0;
    for (const SimStage& s : r.stages) {
        slowest = std::max(slowest, s.cyclesCounted);
        stages.push_back(toJson(s));
        if (s.kind == "mvtu" || s.kind == "maxpool") layers.push_back(toJson(s));
    }
    if (json) {
        nlohmann::json j = {{"network", net.id},
                            {"params", args.str("params", "random")},
                            {"images", r.images},
                            {"bit_exact", r.bitExact},
                            {"mismatches", r.mismatches},
                            {"images_per_s", r.imagesPerSecond},
                            {"sim_seconds", r.elapsedSeconds},
                            {"compile_seconds", r.compileSeconds},
                            {"cached", r.cached},
                            {"folding", toJson(folding, net)},
                            {"device", device.id},
                            {"clock_mhz", clockMhz},
                            {"port_bits", device.port.bits},
                            {"cycles_counted", slowest},
                            {"fps_cycle_bound", slowest > 0 ? clockMhz * 1e6 / double(slowest) : 0.0},
                            {"layers", layers},
                            {"stages", stages}};
        if (r.accuracy) j["accuracy"] = *r.accuracy;
        if (pkg.accuracy) j["package_accuracy"] = *pkg.accuracy;
        if (!r.firstMismatch.empty()) j["first_mismatch"] = r.firstMismatch;
        out << j.dump() << '\n';
    } else {
        out << net.name << " (" << net.id << "), " << (pkg.dataset.empty() ? "random" : "trained")
            << " parameters, C simulation [measured]\n\n";
        Table t({"block", "kind", "cycles counted", "cycles predicted"});
        for (const SimStage& s : r.stages)
            t.add({s.name, s.kind, std::to_string(s.cyclesCounted), std::to_string(s.cyclesPredicted)});
        t.print(out);
        out << "\nimages " << r.images << ", bit-exact against the golden reference: " << (r.bitExact ? "yes" : "NO");
        if (!r.firstMismatch.empty()) out << " (" << r.mismatches << " differ; first: " << r.firstMismatch << ")";
        if (slowest > 0)
            out << "\ncycle-bound rate on " << device.id << " at " << fmt(clockMhz, 0)
                << " MHz: " << fmt(clockMhz * 1e6 / double(slowest), 1) << " FPS (slowest block " << slowest
                << " cycles/frame)";
        out << "\nsimulated " << fmt(r.imagesPerSecond, 0) << " images/s on one core";
        if (r.accuracy) out << ", top-1 accuracy " << fmt(100 * *r.accuracy, 2) << "%";
        out << "\ncompile " << (r.cached ? "cached" : fmt(r.compileSeconds, 1) + " s") << '\n';
    }
    return r.bitExact ? 0 : 1;
}

} // namespace bitfold::cli
