// bitfold-cli import / export-finn / export-qonnx: QONNX and FINN interchange (docs/onnx.md).
#include "bitfold/error.h"
#include "bitfold/finn_export.h"
#include "bitfold/json_io.h"
#include "bitfold/onnx_import.h"
#include "bitfold/optimizer.h"
#include "commands.h"
#include "design_options.h"
#include "table.h"

#include <filesystem>
#include <fstream>
#include <ostream>

namespace bitfold::cli {

namespace fs = std::filesystem;

namespace {

/// The first argument when it is not an option (`import MODEL.onnx --out DIR`).
std::pair<std::string, Argv> positional(const Argv& argv, const char* what) {
    if (argv.empty() || argv[0].rfind("--", 0) == 0) throw Error("", std::string("missing ") + what);
    return {argv[0], Argv(argv.begin() + 1, argv.end())};
}

void writeJson(const fs::path& path, const nlohmann::json& j) {
    std::ofstream f(path);
    f << j.dump(1) << '\n';
    if (!f) throw Error(path.string(), "cannot write the file");
}

nlohmann::json report(const OnnxImport& m, const std::optional<Agreement>& agreement) {
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t i = 0; i < m.network.layers.size(); ++i) {
        const Layer& l = m.network.layers[i];
        const LayerPrecision& p = m.precision[i];
        layers.push_back({{"name", l.name},
                          {"kind", toString(l.kind)},
                          {"in", l.kind == LayerKind::Fc ? l.inChannels : l.inChannels * l.inDim * l.inDim},
                          {"out", l.kind == LayerKind::Fc ? l.outChannels : l.outChannels * l.outDim() * l.outDim()},
                          {"weight_bits", l.isMatrix() ? nlohmann::json(bitsToString(p.weightBits)) : nlohmann::json()},
                          {"act_bits", bitsToString(p.outputBits)}});
    }
    nlohmann::json j = {{"network", m.network.id},
                        {"float", m.isFloat()},
                        {"input_bits", m.isFloat() ? "float32" : std::to_string(m.network.inputBits)},
                        {"input_encoding", toString(m.encoding)},
                        {"layers", layers},
                        {"folded", m.notes}};
    if (agreement) j["agreement"] = {{"images", agreement->images}, {"agreed", agreement->agreed}};
    return j;
}

} // namespace

int importCommand(const Argv& argv, std::ostream& out) {
    const auto [model, rest] = positional(argv, "MODEL.onnx (usage: import MODEL.onnx --out DIR)");
    const Args args(rest, {"out", "format", "input-encoding", "images", "finn-folding"});
    const std::string format = args.choice("format", {"table", "json"});
    OnnxImport m = importOnnx(model, {inputEncodingFromString(args.str("input-encoding", "auto"))});
    if (args.has("finn-folding")) {
        m.folding = readFinnFolding(args.str("finn-folding"), m.network);
        try {
            validate(m.network, m.precision, *m.folding);
        } catch (const Error& e) {
            throw Error(args.str("finn-folding"), e.what());
        }
    }
    const fs::path dir = args.str("out");
    fs::create_directories(dir);
    writeJson(dir / "network.json", toJson(m.network));
    std::optional<Agreement> agreement;
    if (m.params) {
        savePackage(*m.params, (dir / "params").string());
        const int images = args.integer("images", 1000);
        // Images for 28x28 inputs, random binary vectors for feature vectors.
        const std::size_t size = GoldenRunner(*m.params).inputSize();
        if (images > 0 && size == 784) agreement = measureAgreement(m, loadFashionMnist("test", images), images);
        if (images > 0 && size != 784) agreement = measureAgreement(m, randomBinaryVectors(images, int(size)), images);
    }
    if (m.folding) writeJson(dir / "folding.json", toJson(*m.folding, m.network));
    const nlohmann::json r = report(m, agreement);
    if (format == "json") {
        out << r.dump(1) << '\n';
        return 0;
    }
    out << model << ": " << m.network.layers.size() << " layers, " << (m.isFloat() ? "float32" : "integer")
        << ", input " << r["input_bits"].get<std::string>() << " bits (" << toString(m.encoding) << " encoding)\n\n";
    Table t({"layer", "kind", "in", "out", "weight bits", "act bits"});
    for (const auto& l : r["layers"])
        t.add({l["name"], l["kind"], std::to_string(l["in"].get<int>()), std::to_string(l["out"].get<int>()),
               l["weight_bits"].is_null() ? "-" : l["weight_bits"].get<std::string>(), l["act_bits"]});
    t.print(out);
    for (const auto& n : m.notes) out << "  - " << n << '\n';
    if (agreement)
        out << "agreement with the float graph: " << agreement->agreed << " of " << agreement->images
            << (m.network.layers.front().inChannels == 784 ? " Fashion-MNIST images\n" : " random binary vectors\n");
    out << "wrote " << (dir / "network.json").string() << (m.params ? " and params/" : "") << '\n';
    return 0;
}

int exportFinnCommand(const Argv& argv, std::ostream& out) {
    auto names = designOptionNames();
    names.merge(std::set<std::string>{"out", "names"});
    const Args args(argv, names);
    const DesignArgs d = parseDesign(args);
    const auto naming =
        args.choice("names", {"current", "legacy"}) == "legacy" ? FinnNaming::Legacy : FinnNaming::Current;
    Folding folding;
    if (d.folding) {
        folding = *d.folding;
    } else {
        FoldingRequest request;
        request.model = d.model;
        request.clockMhz = d.clockMhz;
        const FoldingResult r = optimizeFolding(d.network, d.precision, d.device, request);
        if (!r.fits) throw Error("", r.message.empty() ? d.network.id + " does not fit " + d.device.id : r.message);
        folding = r.folding;
    }
    const fs::path dir = args.str("out");
    fs::create_directories(dir);
    const auto notes = finnMmvNotes(d.network, folding, naming);
    writeJson(dir / "folding_config.json", finnFoldingConfig(d.network, d.precision, folding, naming));
    writeJson(dir / "dataflow_build_config.json", finnBuildConfig(d.device, d.clockMhz, notes));
    out << "wrote " << (dir / "folding_config.json").string() << " and "
        << (dir / "dataflow_build_config.json").string() << '\n';
    if (!notes.empty()) {
        for (const std::string& n : notes) out << "note: " << n << '\n';
        const double fps = estimate(d.network, d.precision, folding, d.device, d.clockMhz, d.model).fps;
        const double finn = estimate(d.network, d.precision, withoutMmv(folding), d.device, d.clockMhz, d.model).fps;
        out << "note: predicted " << fmt(fps, 0) << " FPS for Bitfold's design, " << fmt(finn, 0)
            << " FPS as FINN builds it from this export (MMV 1)\n";
    }
    return 0;
}

int exportQonnxCommand(const Argv& argv, std::ostream& out) {
    const Args args(argv, {"params", "out"});
    const ParamPackage pkg = loadPackage(args.str("params"));
    exportQonnx(pkg, args.str("out"));
    out << "wrote " << args.str("out") << '\n';
    return 0;
}

} // namespace bitfold::cli
