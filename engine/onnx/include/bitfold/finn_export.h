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
nlohmann::json finnBuildConfig(const Device& device, double clockMhz);

} // namespace bitfold
