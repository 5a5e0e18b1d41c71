// FINN folding (folding_config.json or a HW graph's node attributes) -> Bitfold Folding.
#include "bitfold/error.h"
#include "bitfold/finn_export.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace bitfold {

namespace {

bool isMvau(const std::string& name) {
    return name.rfind("MVAU", 0) == 0 || name.rfind("MatrixVectorActivation", 0) == 0;
}

/// The number FINN appends ("MVAU_hls_12" -> 12).
int suffix(const std::string& name) {
    const auto pos = name.find_last_of('_');
    return pos == std::string::npos ? 0 : std::atoi(name.c_str() + pos + 1);
}

MemoryStyle memoryOf(const std::string& ramStyle) {
    if (ramStyle == "block") return MemoryStyle::Bram;
    if (ramStyle == "distributed") return MemoryStyle::Lutram;
    if (ramStyle == "ultra") return MemoryStyle::Uram;
    return MemoryStyle::Auto;
}

} // namespace

Folding finnFoldingFromJson(const nlohmann::json& cfg, const Network& net, const std::string& where) {
    if (!cfg.is_object()) throw Error(where, "a FINN folding config is a JSON object of node names");
    std::vector<std::pair<int, nlohmann::json>> mvaus;
    for (const auto& [name, attrs] : cfg.items())
        if (isMvau(name)) mvaus.emplace_back(suffix(name), attrs);
    std::sort(mvaus.begin(), mvaus.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Folding f;
    f.layers.resize(net.layers.size());
    std::size_t next = 0;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        if (next >= mvaus.size())
            throw Error(where,
                        "has " + std::to_string(mvaus.size()) + " MVAU nodes for the " +
                            std::to_string(net.matrixLayerCount()) + " matrix layers of " + net.id);
        const auto& a = mvaus[next++].second;
        f.layers[i].pe = a.value("PE", 1);
        f.layers[i].simd = a.value("SIMD", 1);
        f.layers[i].memory = memoryOf(a.value("ram_style", std::string("auto")));
    }
    if (next != mvaus.size())
        throw Error(where,
                    "has " + std::to_string(mvaus.size()) + " MVAU nodes for the " +
                        std::to_string(net.matrixLayerCount()) + " matrix layers of " + net.id);
    return f;
}

Folding readFinnFolding(const std::string& path, const Network& net) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "cannot open the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    if (path.size() < 5 || path.substr(path.size() - 5) != ".onnx") {
        try {
            return finnFoldingFromJson(nlohmann::json::parse(bytes), net, path);
        } catch (const nlohmann::json::exception& e) {
            throw Error(path, std::string("not valid JSON: ") + e.what());
        }
    }
    onnx::ModelProto model;
    if (bytes.empty() || !model.ParseFromString(bytes)) throw Error(path, "not a valid ONNX model");
    nlohmann::json cfg = nlohmann::json::object();
    int count = 0;
    for (const auto& n : model.graph().node()) {
        if (!isMvau(n.op_type())) continue;
        nlohmann::json a = nlohmann::json::object();
        for (const auto& at : n.attribute()) {
            if (at.name() == "PE" || at.name() == "SIMD") a[at.name()] = at.i();
            if (at.name() == "ram_style") a["ram_style"] = at.s();
        }
        cfg["MVAU_" + std::to_string(count++)] = a; // graph order is FINN's order
    }
    if (count == 0) throw Error(path, "has no MVAU / MatrixVectorActivation node (not a FINN HW graph)");
    return finnFoldingFromJson(cfg, net, path);
}

} // namespace bitfold
