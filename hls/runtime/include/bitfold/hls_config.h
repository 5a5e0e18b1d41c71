#pragma once
// The accelerator's generated sources: for a parameter package (network, precisions, integer
// parameters) and a folding, the configuration header (the dataflow pipeline of hls/kernels
// blocks: topology, precisions, folding, stream widths) and the parameter header (weight ROMs
// and thresholds as C arrays) that hls/top/bitfold_top.cpp is built with, for C simulation
// (sim_runner.h) and for v++ (hls/f1/). Hardware padding follows docs/semantics.md.
#include "bitfold/folding.h"
#include "bitfold/params.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitfold {

/// One block of the generated pipeline, in stream order.
struct HlsStage {
    std::string name;  ///< "read", "quantize", "fc0", "conv1.swu", "fc2.dwc", "label", "write", ...
    std::string layer; ///< the network layer it serves ("" for the image/result ends)
    std::string kind;  ///< read, quantize, dwc, croppad, swu, mvtu, maxpool, label, write
    /// Cycles per frame the block takes: the pipeline plan's (cycles.h).
    std::uint64_t cyclesPredicted = 0;
    bool operator==(const HlsStage&) const = default;
};

struct HlsDesign {
    std::string configHeader; ///< bitfold_config.h
    std::string paramsHeader; ///< bitfold_params.h
    std::vector<HlsStage> stages;
    int imageBytes = 0;       ///< 8-bit pixels per image the first layer takes
    int outputs = 0;          ///< logical outputs of the last layer per image
    int portBits = 64;        ///< memory port width the reader and writer use
    std::vector<LayerFolding> folding; ///< per network layer as built (max-pool: its PE)
};

/// Generates both headers. Throws Error naming the layer when the accelerator cannot build
/// the design: grouped convolutions, an accumulator over 32 bits, a pooling window of
/// padding only, parameters that do not match the network, or an invalid folding.
/// `portBits`: the memory port (Device::port.bits). Rejects MMV > 1 unless PE = MH, and more
/// than one compute unit (each unit is the same kernel).
HlsDesign generateHlsDesign(const ParamPackage& pkg, const Folding& folding, int portBits = 64);

/// A valid folding that keeps C simulation fast (few, wide iterations): per matrix layer the
/// widest valid SIMD whose input word stays within 1024 bits, and the largest valid PE up to 64.
Folding simulationFolding(const Network& net, const std::vector<LayerPrecision>& prec);

} // namespace bitfold
