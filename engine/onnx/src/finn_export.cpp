// FINN folding_config.json and dataflow_build_config.json (finn_export.h).
#include "bitfold/finn_export.h"

#include <map>

namespace bitfold {

namespace {

const char* ramStyle(MemoryStyle m) {
    switch (m) {
    case MemoryStyle::Bram: return "block";
    case MemoryStyle::Lutram: return "distributed";
    case MemoryStyle::Uram: return "ultra";
    case MemoryStyle::Auto: break;
    }
    return "auto";
}

} // namespace

nlohmann::json finnFoldingConfig(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                                 FinnNaming naming) {
    const bool legacy = naming == FinnNaming::Legacy;
    const std::string mvau = legacy ? "MatrixVectorActivation_" : "MVAU_hls_";
    const std::string swg = legacy ? "ConvolutionInputGenerator_" : "ConvolutionInputGenerator_rtl_";
    const std::string pool = legacy ? "StreamingMaxPool_Batch_" : "StreamingMaxPool_hls_";
    std::map<std::string, int> count;
    auto next = [&count](const std::string& op) { return op + std::to_string(count[op]++); };
    nlohmann::json cfg = nlohmann::json::object();
    cfg["Defaults"] = nlohmann::json::object();
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const LayerFolding f = i < folding.layers.size() ? folding.layers[i] : LayerFolding{};
        if (l.kind == LayerKind::MaxPool) {
            cfg[next(pool)] = {{"PE", 1}};
            continue;
        }
        if (l.kind == LayerKind::Conv) cfg[next(swg)] = {{"SIMD", f.simd}, {"ram_style", "distributed"}};
        const LayerPrecision p = i < prec.size() ? prec[i] : LayerPrecision{};
        // FINN maps narrow products to LUTs and wide ones to DSPs; Bitfold's cost model does too.
        const bool lut = p.weightBits <= 4 && p.inputBits <= 4;
        cfg[next(mvau)] = {{"PE", f.pe},
                           {"SIMD", f.simd},
                           {"ram_style", ramStyle(f.memory)},
                           {"resType", lut ? "lut" : "dsp"},
                           {"mem_mode", legacy ? "decoupled" : "internal_decoupled"}};
    }
    return cfg;
}

std::vector<std::string> finnMmvNotes(const Network& net, const Folding& folding, FinnNaming naming) {
    std::vector<std::string> notes;
    const std::string mvau = naming == FinnNaming::Legacy ? "MatrixVectorActivation_" : "MVAU_hls_";
    int matrix = 0;
    for (std::size_t i = 0; i < net.layers.size() && i < folding.layers.size(); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        const int mmv = folding.layers[i].mmv;
        if (mmv > 1)
            notes.push_back("layer " + net.layers[i].name + " (" + mvau + std::to_string(matrix) + "): MMV " +
                            std::to_string(mmv) +
                            " is not exported (FINN >= 0.10 has no general MMV attribute); FINN "
                            "builds it with MMV 1");
        ++matrix;
    }
    return notes;
}

Folding withoutMmv(Folding folding) {
    for (LayerFolding& f : folding.layers) f.mmv = 1;
    return folding;
}

nlohmann::json finnBuildConfig(const Device& device, double clockMhz, const std::vector<std::string>& notes) {
    std::string comment =
        "Written by bitfold-cli export-finn for " + device.name + "; set fpga_part/board to your target";
    for (const std::string& n : notes) comment += ". " + n;
    const bool zynq = device.id.rfind("xc7z", 0) == 0 || device.id.rfind("xczu", 0) == 0; // else Alveo/F1
    return {{"output_dir", "output_" + device.id},
            {"synth_clk_period_ns", 1000.0 / clockMhz},
            {"board", device.aliases.empty() ? device.id : device.aliases.front()},
            {"shell_flow_type", zynq ? "vivado_zynq" : "vitis_alveo"},
            {"folding_config_file", "folding_config.json"},
            {"generate_outputs", {"estimate_reports", "stitched_ip", "bitfile"}},
            {"_comment", comment}};
}

} // namespace bitfold
