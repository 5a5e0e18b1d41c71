#pragma once
// The pipeline plan: the ordered hardware blocks of a design and each block's cycles per frame,
// in one place. estimate(), the folding optimizer, both baselines, the GUI's explanations and
// the accelerator's configuration generator (hls_config.cpp) all read it; none recomputes a
// block's cycles. The cycle formulas themselves live in cycles.h, shared with the kernels.
#include "bitfold/folding.h"
#include "bitfold/network.h"
#include "bitfold/precision.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitfold {

/// The kinds of hardware block, in the order a frame meets them.
enum class BlockKind { Read, Quantize, CropPad, WidthConverter, SlidingWindow, Mvtu, MaxPool, LabelSelect, Write };
const char* toString(BlockKind k); ///< "read", "quantize", "croppad", "dwc", "swu", "mvtu", "maxpool", "label", "write"
/// True for the blocks whose cycles no folding changes (memory interface, quantizer, adapters, label select).
bool isFoldingIndependent(BlockKind k);
/// True for the blocks on the memory interface (reader, writer).
inline bool isMemoryBlock(BlockKind k) { return k == BlockKind::Read || k == BlockKind::Write; }

/// One hardware block and the inputs of its cycle formula (the fields its kind uses).
struct PlanStage {
    std::string name; ///< "read", "conv0.dwc", "conv0.swu", "conv0", "pool0", "label", "write"
    BlockKind kind = BlockKind::Read;
    int layer = -1; ///< network layer it serves, -1 for accelerator-level blocks
    std::int64_t cycles = 0; ///< per frame, from cycles.h
    int elemBits = 0; ///< bits per element on its input stream (quantize: on its output)
    int inPerWord = 1; ///< elements per input word (read: bytes per port word)
    int outPerWord = 1; ///< elements per output word
    std::int64_t groups = 1; ///< croppad/quantize/label: groups (pixels) per frame
    std::int64_t inPer = 0; ///< croppad: elements per group in; quantize: logical values; label: per group
    std::int64_t keep = 0; ///< croppad/label: logical elements kept per group
    std::int64_t outPer = 0; ///< croppad/quantize: elements per group out (padding included)
    std::int64_t frameBits = 0; ///< dwc: bits per frame; read: image bytes * 8; write: result slots * 32
    int pe = 1, simd = 1, mmv = 1, inMult = 1; ///< mvtu/swu/maxpool parallelism
    /// mvtu: comparisons per output of its threshold unit (cycles::thresholdSteps: 1 parallel,
    /// A by binary search, each a pipeline stage; no cycles per frame of its own); 0: no thresholds
    int thresholdSteps = 0;
    bool operator==(const PlanStage&) const = default;
};

struct PipelinePlan {
    std::vector<PlanStage> stages;
    int portBits = 64;
    std::int64_t imageBytes = 0; ///< 8-bit pixels per frame the reader fetches
    std::int64_t outputs = 0; ///< logical outputs per frame (result slots = outputs + 1)
    std::int64_t cycles = 0; ///< initiation interval: the slowest block, cycles per frame
    int slowest = -1; ///< index of that block (the first of equals)
    /// Cycles of the slowest block serving each network layer (0 for none).
    std::vector<std::int64_t> layerCycles;
    /// Parallelism each layer really gets: a pool's PE is what its input stream carries.
    std::vector<int> layerPe;
};

/// Plans the accelerator of `net` at `prec` folded by `folding`, with a memory port of
/// `portBits` bits (Device::port.bits). The folding must be valid (folding.h validate()).
PipelinePlan planPipeline(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                          int portBits);

namespace plan {

/// Cycles of a matrix layer's own blocks: max of its MVTU and (conv) sliding window.
std::int64_t matrixCycles(const Layer& l, int pe, int simd, int mmv);
std::int64_t mvtuCycles(const Layer& l, int pe, int simd, int mmv);
std::int64_t windowCycles(const Layer& l, int simd, int mmv);
/// Input multiplier the plan gives a conv layer's sliding window.
int windowInputMultiplier(const Layer& l, int simd, int mmv);
/// Channels per cycle of a max-pool fed `producerPerWord` elements per word: gcd with its channels.
int poolParallelism(const Layer& pool, int producerPerWord);
std::int64_t poolCycles(const Layer& pool, int pe);
/// Slowest folding-independent block of the plan (reader, quantizer, adapters, label, writer);
/// `memory` (optional) tells whether that block is the reader or the writer.
std::int64_t foldingIndependentCycles(const Network& net, const std::vector<LayerPrecision>& prec, int portBits,
                                      bool* memory = nullptr);
/// Slowest memory-interface block (reader or writer).
std::int64_t memoryCycles(const PipelinePlan& p);

} // namespace plan

} // namespace bitfold
