#pragma once
// FINN export: a Bitfold design's folding as FINN's folding_config.json, and a
// dataflow_build_config.json stub (docs/formats.md).
#include "bitfold/device.h"
#include "bitfold/folding.h"
#include "bitfold/network.h"
#include "bitfold/precision.h"

#include <nlohmann/json.hpp>

namespace bitfold {

/// How FINN names its HW layers: >= 0.10 (MVAU_hls_0, ConvolutionInputGenerator_rtl_0,
/// StreamingMaxPool_hls_0) or the older ones (MatrixVectorActivation_0, ConvolutionInputGenerator_0).
enum class FinnNaming { Current, Legacy };

/// One entry per FINN HW node the network becomes, in FINN's numbering per op type:
/// MVAU PE/SIMD/ram_style/resType/mem_mode, the sliding window's SIMD, max-pool's PE.
nlohmann::json finnFoldingConfig(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                                 FinnNaming naming = FinnNaming::Current);
/// build_dataflow settings naming the board, part family and clock; FINN fills the rest.
/// `notes` (e.g. finnMmvNotes) are appended to its "_comment".
nlohmann::json finnBuildConfig(const Device& device, double clockMhz, const std::vector<std::string>& notes = {});
/// What the export cannot carry: one line per convolution with MMV > 1 (FINN >= 0.10 has no
/// general MMV attribute on MVAU_hls / ConvolutionInputGenerator_rtl, so FINN builds it with
/// MMV 1). Empty when every layer has MMV 1.
std::vector<std::string> finnMmvNotes(const Network& net, const Folding& folding,
                                      FinnNaming naming = FinnNaming::Current);
/// The folding as FINN builds it from the export: every MMV 1.
Folding withoutMmv(Folding folding);

} // namespace bitfold

namespace bitfold {

/// FINN folding back onto a network: from a folding_config.json / final_hw_config.json
/// (node name -> PE, SIMD, ram_style) or from a FINN HW ONNX graph (the PE/SIMD/ram_style
/// attributes of its MVAU_hls / MVAU_rtl / MatrixVectorActivation nodes). The n-th MVAU (by
/// its number) is the n-th matrix layer; sliding windows, thresholds and pools follow their
/// MVAU in Bitfold. Throws Error naming the file when the counts differ.
Folding finnFoldingFromJson(const nlohmann::json& cfg, const Network& net, const std::string& where);
/// `path` ending in .onnx is read as a HW graph, anything else as JSON.
Folding readFinnFolding(const std::string& path, const Network& net);

} // namespace bitfold
