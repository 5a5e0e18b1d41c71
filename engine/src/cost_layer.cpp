// Per-layer pricing shared by estimate() and the folding optimizer: dispatch to the model.
#include "cost_internal.h"

#include <cmath>

namespace bitfold::detail {

LayerCost MatrixCostModel::base(int pe, int simd, ProductResource product, ThresholdUnit thresholds) const {
    switch (m_model) {
    case CostModel::Bitfold: return bitfoldBase(pe, simd, product, thresholds);
    case CostModel::FinnR: return {finnRCompute(m_prec, pe, simd), {}, {}, {}, {}, MemoryStyle::Auto};
    case CostModel::Finn: {
        const FinnMvauCost c = finnLayerCost(*m_layer, m_prec, pe, simd);
        LayerCost out;
        out.compute.lut = c.lut; // FINN's figure includes LUTRAM weights (its c2 term)
        out.compute.dsp = c.dsp;
        return out;
    }
    }
    return {};
}

LayerCost MatrixCostModel::base(int pe, int simd, int mmv, ProductResource product, ThresholdUnit thresholds) const {
    LayerCost c = base(pe, simd, product, thresholds);
    if (mmv <= 1) return c;
    const double copies = double(mmv);
    c.compute = c.compute * copies;
    if (m_model == CostModel::Bitfold && m_layer->kind == LayerKind::Conv) {
        // MMV banks of the line buffer (each at least one primitive) and an output multiplexer
        // and register per bank.
        const double inBits = double(simd) * m_prec.inputBits;
        c.window.bram18 *= copies;
        c.window.lut += (copies - 1) * inBits * std::ceil(std::log2(double(m_layer->kernel / m_layer->stride + 1)));
        c.window.ff += (copies - 1) * 2.0 * inBits;
    }
    return c;
}

LayerCost MatrixCostModel::weights(int pe, int simd, MemoryStyle style) const {
    switch (m_model) {
    case CostModel::Bitfold: return bitfoldWeights(pe, simd, style);
    case CostModel::FinnR: {
        LayerCost c;
        c.weights = finnRWeights(m_mw, m_mh, m_prec, pe, simd);
        c.weightMemory = MemoryStyle::Bram;
        return c;
    }
    case CostModel::Finn: {
        LayerCost c;
        c.weights.bram18 = finnLayerCost(*m_layer, m_prec, pe, simd).bram18;
        c.weightMemory = c.weights.bram18 > 0 ? MemoryStyle::Bram : MemoryStyle::Lutram;
        return c;
    }
    }
    return {};
}

Modelled modelledFigures(CostModel model) {
    switch (model) {
    case CostModel::Bitfold: return {};
    case CostModel::FinnR: return {false, false, false};
    case CostModel::Finn: return {false, true, false};
    }
    return {};
}

std::vector<std::string> modelAssumptions(CostModel model) {
    switch (model) {
    case CostModel::Bitfold: return bitfoldAssumptions();
    case CostModel::FinnR: return finnRAssumptions();
    case CostModel::Finn: return finnAssumptions();
    }
    return {};
}

} // namespace bitfold::detail
