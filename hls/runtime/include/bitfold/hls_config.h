#pragma once
// The accelerator's generated sources: for a parameter package (network, precisions, integer
// parameters) and a folding, the configuration header (the dataflow pipeline of hls/kernels
// blocks: topology, precisions, folding, stream widths) and the parameter header (weight ROMs
// and thresholds as C arrays) that hls/top/bitfold_top.cpp is built with, for C simulation
// (sim_runner.h) and for v++ (hls/f1/). Hardware padding follows docs/semantics.md.
//
// Each block's configuration is data first (BlockConfig, from the pipeline plan), rendered as
// a configuration struct the way hls4ml's nnet configs are (`struct s4_fc0_config { static
// constexpr unsigned PE = 8; ... };`); the kernel call names its members, in the kernels'
// template parameter order (finn-hlslib's).
#include "bitfold/folding.h"
#include "bitfold/params.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitfold {

/// One block of the generated pipeline, in stream order.
struct HlsStage {
    std::string name; ///< "read", "quantize", "fc0", "conv1.swu", "fc2.dwc", "label", "write", ...
    std::string layer; ///< the network layer it serves ("" for the image/result ends)
    std::string kind; ///< read, quantize, dwc, croppad, swu, mvtu, maxpool, label, write
    /// Cycles per frame the block takes: the pipeline plan's (cycles.h).
    std::uint64_t cyclesPredicted = 0;
    bool operator==(const HlsStage&) const = default;
};

/// One constant or type of a block's configuration struct.
struct ConfigEntry {
    enum class Kind { Unsigned, Bool, Type };
    std::string name; ///< the kernel's template parameter name where it is one: "PE", "TW"
    Kind kind = Kind::Unsigned;
    std::uint64_t value = 0; ///< Unsigned, Bool
    std::string type; ///< Type: "Binary", "Signed<4>", "Accumulator<12>", ...
    bool operator==(const ConfigEntry&) const = default;
};

/// A compile-time check of the generated design: `bitfold::cycles::formula(args...) == expected`.
struct CycleCheck {
    std::string formula; ///< a cycles.h function: "mvtu", "thresholdSteps", ...
    std::vector<std::string> args; ///< names of the block's entries
    std::uint64_t expected = 0; ///< the pipeline plan's figure
    std::string message;
    bool operator==(const CycleCheck&) const = default;
};

/// An object the kernel call takes after its streams: a plain name (`argument` alone) or
/// `type<templateArgs...>(argument)`, e.g. the MVTU's activation.
struct KernelArgument {
    std::string type;
    std::vector<std::string> templateArgs; ///< names of the block's entries
    std::string argument;
    bool operator==(const KernelArgument&) const = default;
};

/// One block of the generated pipeline as data.
struct BlockConfig {
    std::string structName; ///< "s4_fc0_config"
    std::string kernel; ///< "matrixVectorActivate"
    std::vector<ConfigEntry> entries;
    std::vector<std::string> templateArgs; ///< entry names in the kernel's template order
    std::vector<CycleCheck> checks; ///< the first: the kernel's loop count against the plan
    std::vector<KernelArgument> callArgs; ///< between the streams and `frames`
    std::int64_t outBits = 0; ///< width of the output stream (0: the writer, to memory)
    std::string comment;
    /// The entry called `name`; asserts it exists.
    const ConfigEntry& entry(const std::string& name) const;
    bool operator==(const BlockConfig&) const = default;
};

struct HlsDesign {
    std::string configHeader; ///< bitfold_config.h
    std::string paramsHeader; ///< bitfold_params.h
    std::vector<HlsStage> stages;
    std::vector<BlockConfig> blocks; ///< one per stage, as rendered into configHeader
    int imageBytes = 0; ///< 8-bit pixels per image the first layer takes
    int outputs = 0; ///< logical outputs of the last layer per image
    int portBits = 64; ///< memory port width the reader and writer use
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
