// Stage prices for the folding search, from the cost models' own per-layer pricing
// (MatrixCostModel, poolCost in cost_internal.h): the same code estimate() runs, without
// building an Estimate (the search prices thousands of options per optimisation; estimate()
// allocates names and assumptions on every call). tests/explore/test_stage_cost.cpp checks the
// sums against estimate() on every shipped network.
#include "bitfold/network.h"
#include "bitfold/pipeline.h"
#include "cost_internal.h"
#include "optimizer_internal.h"

namespace bitfold::detail {

Resources matrixLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i, const LayerFolding& f,
                          const Device& device, CostModel model) {
    const MatrixLayerCost c(net, prec, i, device, model);
    return c.base(f.pe, f.simd, f.mmv, f.product, f.thresholds) + c.weights(f.pe, f.simd, f.memory);
}

std::vector<ProductResource> MatrixLayerCost::products() const {
    if (m_cost.hasProductChoice()) return {ProductResource::Lut, ProductResource::Dsp};
    return {ProductResource::Lut};
}

std::vector<ThresholdUnit> MatrixLayerCost::thresholdUnits() const {
    if (m_cost.hasThresholdChoice()) return {ThresholdUnit::Parallel, ThresholdUnit::BinarySearch};
    return {ThresholdUnit::Parallel};
}

Resources poolLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i, int producerPerWord,
                        CostModel model) {
    const Layer& l = net.layers[i];
    // The pool's input stream is its producer's output: PE * MMV elements of its output bits.
    const double inBits = i > 0 ? double(producerPerWord) * prec[i - 1].outputBits : prec[i].inputBits;
    return poolCost(model, l, prec[i], plan::poolParallelism(l, producerPerWord), inBits);
}

std::int64_t poolCycles(const Layer& pool, int producerPerWord) {
    return plan::poolCycles(pool, plan::poolParallelism(pool, producerPerWord));
}

} // namespace bitfold::detail
