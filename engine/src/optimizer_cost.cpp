// The cost of one stage under one folding, fast: the same formulas as cost_bitfold.cpp,
// cost_finnr.cpp and cost_finn.cpp, term for term, without building an Estimate (the search
// prices thousands of options per optimisation; estimate() allocates names and assumptions on
// every call). Keep in step with those files: tests/explore/test_stage_cost.cpp compares the
// two on every shipped network and names the layer that drifted. Should they drift anyway, the
// optimizer notices (its final estimate() disagrees with its tables) and redoes the search
// with tables built from estimate() itself: slower, never wrong.
#include "bitfold/cycles.h"
#include "bitfold/finn_estimate.h"
#include "bitfold/network.h"
#include "bitfold_constants.h"
#include "cost_internal.h"
#include "optimizer_internal.h"

#include <algorithm>
#include <cmath>

namespace bitfold::detail {

namespace {

enum class Datapath { Xnor, Lut, Fix16, Float };

Datapath datapathOf(const LayerPrecision& p) {
    if (p.isFloat()) return Datapath::Float;
    if (p.weightBits >= 16 || p.inputBits >= 16) return Datapath::Fix16;
    if (p.weightBits == 1 && p.inputBits == 1) return Datapath::Xnor;
    return Datapath::Lut;
}

Resources lane(const LayerPrecision& p) { return bitfoldLane(p); }

Resources memory(MemoryStyle style, std::int64_t depth, std::int64_t width) {
    Resources r;
    switch (style) {
    case MemoryStyle::Lutram: r.lut = r.lutram = lutramFor(depth, width); break;
    case MemoryStyle::Uram: r.uram = uramFor(depth, width); break;
    default: r.bram18 = ramb18For(depth, width, k::kDepthFirstAbove); break;
    }
    return r;
}

Resources buffer(std::int64_t depth, std::int64_t width) { return memory(MemoryStyle::Bram, depth, width); }

/// Bits per cycle leaving layer `i` when its matrix producer has `pe` PEs (outStreamBits).
int outBits(const std::vector<LayerPrecision>& prec, int i, int pe) { return pe * prec[i].outputBits; }

} // namespace

MatrixLayerCost::MatrixLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i,
                                 const Device& device, CostModel model)
    : m_layer(&net.layers[i]), m_prec(prec[i]), m_model(model), m_hasUram(device.total.uram > 0) {
    const Layer& l = *m_layer;
    const LayerPrecision& p = m_prec;
    m_mw = l.matrixWidth();
    m_mh = l.matrixHeight();
    if (model != CostModel::Bitfold) return;
    // The terms of cost_bitfold.cpp's matrixLayer() that do not depend on the folding.
    const double acc = accumulatorBits(m_mw, p.weightBits, p.inputBits);
    const Datapath dp = datapathOf(p);
    m_lane = lane(p);
    if (dp != Datapath::Float) {
        m_perPe.lut += k::kAccLutPerBit * acc + k::kAccLut;
        m_perPe.ff += k::kAccFfPerBit * acc + (l.activation ? p.outputBits : acc);
    }
    if (l.activation) {
        if (p.outputBits == kFloatBits || dp == Datapath::Float) {
            m_perPe.lut += k::kFloatActLut;
            m_perPe.dsp += k::kFloatActDsp;
        } else if (p.outputBits >= 16) {
            m_perPe.lut += 2 * acc;
            m_perPe.dsp += k::kRequantDsp;
        } else {
            const double t = std::pow(2.0, p.outputBits) - 1;
            m_perPe.lut += (k::kCmpLutPerBit * acc + k::kCmpLut) * t;
            m_thresholdBits = t * acc;
            m_thresholdWidth = std::int64_t(t * acc);
        }
    }
}

Resources MatrixLayerCost::base(int peCount, int simdCount) const {
    const Layer& l = *m_layer;
    const LayerPrecision& p = m_prec;
    Resources r;
    switch (m_model) {
    case CostModel::Bitfold: {
        const double pe = peCount, simd = simdCount;
        Resources compute = m_lane * (pe * simd), thresholds, window, glue;
        compute += m_perPe * pe;
        if (m_thresholdWidth > 0) {
            // Threshold memory: T values of acc bits for each of the MH/PE rows a PE owns.
            const std::int64_t rows = m_mh / peCount;
            const Resources thr = double(rows) * m_thresholdBits <= k::kThresholdLutramMaxBits
                                      ? memory(MemoryStyle::Lutram, rows, m_thresholdWidth)
                                      : memory(MemoryStyle::Bram, rows, m_thresholdWidth);
            thresholds = thr * pe;
        }
        glue.lut += k::kMvtuControlLut;
        glue.ff += k::kMvtuControlFf;
        if (l.kind == LayerKind::Conv) {
            // Sliding window: K/S + 1 row blocks of S*IFM*(C/SIMD) words of SIMD*A bits.
            const std::int64_t ifm = l.inDim + l.padTotal;
            const std::int64_t blocks = l.kernel / l.stride + 1;
            const std::int64_t words = std::int64_t(l.stride) * ifm * (l.hwIn() / simdCount);
            const std::int64_t width = std::int64_t(simdCount) * p.inputBits;
            window = buffer(words, width) * double(blocks);
            window.lut += k::kWindowControlLut + width * std::ceil(std::log2(double(blocks)));
            window.ff += k::kWindowControlFf + 2.0 * width;
            window.dsp += k::kWindowControlDsp;
        }
        // The FIFO on the stage's input stream (the converter is added per pair of stages).
        glue.ff += k::kFifoFfPerBit * double(simdCount * p.inputBits);
        return compute + thresholds + window + glue;
    }
    case CostModel::FinnR: {
        const double wa = double(p.weightBits) * double(p.inputBits);
        r.lut = 300 + 1.1 * peCount * simdCount * wa;
        return r;
    }
    case CostModel::Finn: {
        FinnMvauParams fp;
        fp.mw = m_mw;
        fp.mh = m_mh;
        fp.pe = peCount;
        fp.simd = simdCount;
        fp.weightBits = p.weightBits;
        fp.inputBits = p.inputBits;
        fp.outputBits = p.outputBits;
        fp.activation = l.activation;
        fp.dspMultiply = p.weightBits >= 16 || p.inputBits >= 16;
        const FinnMvauCost c = finnMvauCost(fp); // weights included (LUTRAM or BRAM, by FINN's rule)
        r.lut = c.lut;
        r.dsp = c.dsp;
        r.bram18 = c.bram18;
        return r;
    }
    }
    return r;
}

Resources MatrixLayerCost::weights(int peCount, int simdCount, MemoryStyle style) const {
    const std::int64_t depth = m_mw * m_mh / (std::int64_t(peCount) * simdCount);
    Resources r;
    switch (m_model) {
    case CostModel::Bitfold: {
        // One memory per PE, Omega words of SIMD*W bits.
        const std::int64_t wordBits = std::int64_t(simdCount) * m_prec.weightBits;
        if (style == MemoryStyle::Auto) style = MemoryStyle::Bram;
        if (style == MemoryStyle::Uram && !m_hasUram) style = MemoryStyle::Bram;
        r = memory(style, depth, wordBits) * double(peCount);
        r.ff += double(peCount) * double(wordBits);
        return r;
    }
    case CostModel::FinnR:
        r.bram18 = peCount * std::ceil(double(depth) / 512.0) * std::ceil(simdCount * double(m_prec.weightBits) / 36.0);
        return r;
    case CostModel::Finn: return r;
    }
    return r;
}

Resources matrixLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i, const LayerFolding& f,
                          const Device& device, CostModel model) {
    const MatrixLayerCost c(net, prec, i, device, model);
    return c.base(f.pe, f.simd) + c.weights(f.pe, f.simd, f.memory);
}

Resources poolLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i, int producerPe,
                        CostModel model) {
    if (model != CostModel::Bitfold) return {};
    const Layer& l = net.layers[i];
    const LayerPrecision& p = prec[i];
    int pe = producerPe;
    while (l.inChannels % pe) --pe;
    const double lanes = double(pe) * p.inputBits;
    Resources window = buffer(l.outDim(), std::int64_t(l.inChannels) * p.inputBits);
    window.lut += k::kPoolControlLut + lanes;
    window.ff += k::kPoolControlFf + 2 * lanes;
    Resources glue;
    const double inBits = i > 0 ? outBits(prec, i - 1, producerPe) : p.inputBits;
    glue.ff += k::kFifoFfPerBit * inBits;
    return window + glue;
}

Resources converterCost(CostModel model, double inBits, double fromBits) {
    Resources r;
    if (model != CostModel::Bitfold || inBits == fromBits) return r;
    r.lut = k::kConverterLutPerBit * std::max(inBits, fromBits);
    r.ff = k::kConverterFfPerBit * (inBits + fromBits);
    return r;
}

Resources infrastructureCost(CostModel model) {
    if (model != CostModel::Bitfold) return {};
    return {k::kIoLut, k::kIoFf, k::kIoBram18, 0, k::kIoDsp, 0};
}

std::int64_t poolCycles(const Layer& pool, int producerPe) {
    int pe = producerPe;
    while (pool.inChannels % pe) --pe;
    return std::int64_t(cycles::maxPool(pool.inDim + pool.padTotal, pool.inChannels, pe));
}

} // namespace bitfold::detail
