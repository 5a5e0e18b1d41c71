#pragma once
// Folding: how many processing elements (PE) and SIMD lanes each matrix layer gets.
#include "bitfold/precision.h"

#include <string>
#include <vector>

namespace bitfold {

struct Network;

/// Where a layer keeps its weights. Auto lets the cost model choose as Vivado HLS would.
enum class MemoryStyle { Auto, Bram, Lutram, Uram };
const char* toString(MemoryStyle s);
MemoryStyle memoryStyleFromString(const std::string& s); // throws Error

/// What computes a layer's 2-8-bit W x A products: LUT fabric or DSP slices (HLS
/// `bind_op ... impl=dsp`/`resource core=DSP48`; bit-exact either way).
enum class ProductResource { Lut, Dsp };
const char* toString(ProductResource r); ///< "lut", "dsp"
ProductResource productResourceFromString(const std::string& s); // throws Error
/// How a layer compares accumulators with its 2^A - 1 thresholds: all at once, or a
/// binary search over a threshold memory, A pipelined comparisons (FINN's RTL thresholding).
enum class ThresholdUnit { Parallel, BinarySearch };
const char* toString(ThresholdUnit t); ///< "parallel", "binary-search"
ThresholdUnit thresholdUnitFromString(const std::string& s); // throws Error

struct LayerFolding {
    int pe = 1; ///< output channels computed in parallel; divides MH
    int simd = 1; ///< inputs consumed per PE per cycle; divides MW (conv: divides C_in)
    int mmv = 1; ///< output pixels computed per cycle (FINN-R's MMV); divides a conv's output side, 1 for FC
    MemoryStyle memory = MemoryStyle::Auto;
    ProductResource product = ProductResource::Lut; ///< JSON "res_type"
    ThresholdUnit thresholds = ThresholdUnit::Parallel; ///< JSON "thresholds"
    bool operator==(const LayerFolding&) const = default;
};

/// One entry per network layer (pooling layers carry pe/simd 1 and inherit their stream
/// width from the producer).
struct Folding {
    std::vector<LayerFolding> layers;
    int computeUnits = 1; ///< copies of the whole accelerator on the device (v++ --connectivity.nk)
    bool operator==(const Folding&) const = default;
};

/// Widest stream a folding may create, bits (SIMD * input bits, PE * output bits):
/// Vitis HLS's ap_uint limit.
inline constexpr int kMaxStreamBits = 4096;

/// All-ones folding: every layer PE = SIMD = 1.
Folding minimalFolding(const Network& net);
/// Valid SIMD values of a layer (divisors of MW, or of C_in/groups for conv, stream cap).
std::vector<int> validSimd(const Network& net, const std::vector<LayerPrecision>& prec, int layer);
/// Valid PE values of a layer (divisors of MH, stream cap).
std::vector<int> validPe(const Network& net, const std::vector<LayerPrecision>& prec, int layer);
/// Valid MMV values of a layer (divisors of a conv's output side within the stream cap; {1} else).
std::vector<int> validMmv(const Network& net, const std::vector<LayerPrecision>& prec, int layer, int pe = 1,
                          int simd = 1);
/// Throws Error naming the layer and listing the valid values when a folding does not fit.
void validate(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding);

} // namespace bitfold
