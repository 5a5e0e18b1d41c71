#pragma once
// Shared between the cost models: per-layer pricing and the assembly of per-layer figures
// into an Estimate (cycles come from the pipeline plan, pipeline.h).
#include "bitfold/calibration.h"
#include "bitfold/cost_model.h"
#include "bitfold/device.h"
#include "bitfold/finn_estimate.h"
#include "bitfold/network.h"
#include "bitfold_constants.h"

#include <algorithm>

namespace bitfold::detail {

/// Bits per cycle on the stream a layer emits (PE * MMV * output bits) and consumes.
int outStreamBits(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int layer);
int inStreamBits(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int layer);

/// RAMB18 primitives for a depth x width memory on the RAMB18 aspect ratios (16Kx1, 8Kx2,
/// 4Kx4, 2Kx9, 1Kx18, 512x36): the fewest primitives, or, for memories deeper than
/// `depthFirstAbove` words, the deepest aspect not deeper than the memory (cascading).
double ramb18For(std::int64_t depth, std::int64_t width, std::int64_t depthFirstAbove = 1LL << 62);
/// URAM blocks (4K x 72) for a depth x width memory.
double uramFor(std::int64_t depth, std::int64_t width);
/// Bitfold model: output bits of all adders of a balanced tree over `inputs` operands of
/// `width` bits (one LUT each on a carry chain).
double adderTreeBits(int inputs, int width);

/// LUTs of a depth x width distributed RAM (64 x 1 per LUT6).
double lutramFor(std::int64_t depth, std::int64_t width);

/// One layer's resources under a model, split as Estimate reports them.
struct LayerCost {
    Resources compute, weights, thresholds, window, glue;
    MemoryStyle weightMemory = MemoryStyle::Auto; ///< resolved placement of the weights
    Resources sum() const { return compute + weights + thresholds + window + glue; }
};

/// One matrix layer's cost under a model, the terms that do not depend on the folding
/// computed once. estimate() and the folding optimizer both price layers through it, so the
/// formulas exist once (cost_bitfold.cpp, cost_finnr.cpp, cost_finn.cpp).
class MatrixCostModel {
public:
    MatrixCostModel(const Layer& layer, const LayerPrecision& prec, const Device& device, CostModel model,
                    const CostCalibration& cal = defaultCalibration());
    /// Everything but the weight memory: datapath, thresholds, window, control and the FIFO on
    /// the layer's input stream (the width converter is priced per pair of stages).
    LayerCost base(int pe, int simd, ProductResource product = ProductResource::Lut,
                   ThresholdUnit thresholds = ThresholdUnit::Parallel) const;
    /// Whether the choices change anything for this layer (2-8-bit products; more than one
    /// threshold), so the optimizer offers them only there.
    bool hasProductChoice() const { return m_dspProducts; }
    bool hasThresholdChoice() const { return m_thresholdCount > 1; }
    /// The same with `mmv` output pixels per cycle: the datapath is replicated, weight and
    /// threshold reads are shared (one word feeds every pixel's lanes), the window's line
    /// buffer is banked so MMV patches leave per cycle.
    LayerCost base(int pe, int simd, int mmv, ProductResource product, ThresholdUnit thresholds) const;
    /// The weight memory; `style` Auto resolves as the model would.
    LayerCost weights(int pe, int simd, MemoryStyle style) const;

private:
    LayerCost bitfoldBase(int pe, int simd, ProductResource product, ThresholdUnit thresholds) const;
    LayerCost bitfoldWeights(int pe, int simd, MemoryStyle style) const;
    const Layer* m_layer;
    LayerPrecision m_prec;
    CostModel m_model;
    bool m_hasUram;
    const CostCalibration* m_cal;
    std::int64_t m_mw = 0, m_mh = 0;
    // Bitfold terms independent of the folding.
    Resources m_lane, m_perPe; ///< DSP lanes (16-bit, float); per-PE accumulator and activation
    double m_productBits = 0; ///< LUT datapath: structural bits of one product
    int m_productWidth = 0; ///< and its output width (0: DSP datapath)
    double m_thresholdCount = 0; ///< 2^A - 1 thresholds per row, 0: none
    double m_comparatorLut = 0; ///< one threshold comparator and its share of the count
    bool m_dspProducts = false; ///< 2-8-bit multiplier products a DSP can take
    int m_accBits = 0;
};

/// A max-pool layer working on `pe` channels per cycle, with the FIFO on its `inBits` input.
Resources poolCost(CostModel model, const Layer& pool, const LayerPrecision& prec, int pe, double inBits);
/// The width converter between a producer emitting `fromBits` and a consumer taking `inBits`
/// (inline: the folding search prices one for every option it tries).
/// A converter takes LUTs and FFs only.
struct ConverterCost {
    double lut = 0, ff = 0;
};
inline ConverterCost converterLutFf(CostModel model, double inBits, double fromBits) {
    if (model != CostModel::Bitfold || inBits == fromBits) return {};
    return {k::kConverterLutPerBit * std::max(inBits, fromBits), k::kConverterFfPerBit * (inBits + fromBits)};
}
inline Resources converterCost(CostModel model, double inBits, double fromBits) {
    const ConverterCost c = converterLutFf(model, inBits, fromBits);
    Resources r;
    r.lut = c.lut;
    r.ff = c.ff;
    return r;
}
/// Accelerator-level I/O.
Resources infrastructureCost(CostModel model, const CostCalibration& cal = defaultCalibration());
// The pieces of the comparison models (cost_finnr.cpp, cost_finn.cpp).
Resources finnRCompute(const LayerPrecision& p, int pe, int simd);
Resources finnRWeights(std::int64_t mw, std::int64_t mh, const LayerPrecision& p, int pe, int simd);
FinnMvauCost finnLayerCost(const Layer& l, const LayerPrecision& p, int pe, int simd);
std::vector<std::string> bitfoldAssumptions();
std::vector<std::string> finnRAssumptions();
std::vector<std::string> finnAssumptions();

/// Which figures a model estimates, for Estimate::modelled.
Modelled modelledFigures(CostModel model);
/// What a model assumes, for Estimate::assumptions.
std::vector<std::string> modelAssumptions(CostModel model);

/// Latency of one frame through overlapping stages, cycles.
double overlappedLatency(const Network& net, const std::vector<LayerEstimate>& layers);

} // namespace bitfold::detail
