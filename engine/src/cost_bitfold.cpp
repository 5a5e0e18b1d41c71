// Bitfold's own cost model: every block of the streaming pipeline, built from what the
// hardware does at each precision. Constants and their sources: bitfold_constants.h and
// docs/cost-model.md.
#include "bitfold_constants.h"
#include "cost_internal.h"

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

/// Vivado over Yosys for a LUT multiplier of a W*A-bit product: piecewise log-linear through
/// (4, 1), (16, 0.92), (64, 0.67).
double vivadoFactor(double wa) {
    if (wa <= 4) return 1.0;
    if (wa <= 16) return std::pow(k::kMul16VivadoFactor, std::log2(wa / 4) / 2);
    return k::kMul16VivadoFactor * std::pow(k::kMul64VivadoFactor / k::kMul16VivadoFactor, std::log2(wa / 16) / 2);
}

Resources memory(MemoryStyle style, std::int64_t depth, std::int64_t width) {
    Resources r;
    switch (style) {
    case MemoryStyle::Lutram: r.lut = r.lutram = lutramFor(depth, width); break;
    case MemoryStyle::Uram: r.uram = uramFor(depth, width); break;
    default: r.bram18 = ramb18For(depth, width, k::kDepthFirstAbove); break;
    }
    return r;
}

/// Line buffers are HLS arrays: block RAM, as Vivado HLS maps them by default.
Resources buffer(std::int64_t depth, std::int64_t width) { return memory(MemoryStyle::Bram, depth, width); }

} // namespace

Resources bitfoldLane(const LayerPrecision& p) {
    const double w = p.weightBits, a = p.inputBits;
    switch (datapathOf(p)) {
    case Datapath::Xnor: return {k::kXnorLaneLut * k::kXnorVivadoFactor, 2 * k::kLaneFfPerBit, 0, 0, 0, 0};
    case Datapath::Lut: {
        double lut;
        if (w == 1 || a == 1) lut = k::kSignLaneLutPerBit * std::max(w, a) + k::kSignLaneLut; // conditional negate
        else lut = k::kMulLaneLutPerBit2 * w * a + k::kMulLaneLutPerBit * (w + a) + k::kMulLaneLut;
        return {lut * vivadoFactor(w * a), k::kLaneFfPerBit * (w + a), 0, 0, 0, 0};
    }
    case Datapath::Fix16: return {k::kFix16LaneLut, k::kFix16LaneFf, 0, 0, k::kFix16LaneDsp, 0};
    case Datapath::Float: return {k::kFloatLaneLut, k::kFloatLaneFf, 0, 0, k::kFloatLaneDsp, 0};
    }
    return {};
}

MatrixCostModel::MatrixCostModel(const Layer& layer, const LayerPrecision& prec, const Device& device,
                                 CostModel model)
    : m_layer(&layer), m_prec(prec), m_model(model), m_hasUram(device.total.uram > 0),
      m_mw(layer.matrixWidth()), m_mh(layer.matrixHeight()) {
    if (model != CostModel::Bitfold) return;
    const LayerPrecision& p = prec;
    m_accBits = accumulatorBits(m_mw, p.weightBits, p.inputBits);
    const double acc = m_accBits;
    const Datapath dp = datapathOf(p);
    m_lane = bitfoldLane(p);
    if (dp != Datapath::Float) {
        m_perPe.lut += k::kAccLutPerBit * acc + k::kAccLut;
        m_perPe.ff += k::kAccFfPerBit * acc + (layer.activation ? p.outputBits : acc);
    }
    if (!layer.activation) return;
    if (p.outputBits == kFloatBits || dp == Datapath::Float) {
        m_perPe.lut += k::kFloatActLut;
        m_perPe.dsp += k::kFloatActDsp;
    } else if (p.outputBits >= 16) {
        m_perPe.lut += 2 * acc;
        m_perPe.dsp += k::kRequantDsp;
    } else {
        m_thresholdCount = std::pow(2.0, p.outputBits) - 1;
        m_perPe.lut += (k::kCmpLutPerBit * acc + k::kCmpLut) * m_thresholdCount;
    }
}

LayerCost MatrixCostModel::bitfoldBase(int peCount, int simdCount) const {
    const Layer& l = *m_layer;
    const double pe = peCount, simd = simdCount;
    LayerCost c;
    // Datapath: SIMD lanes per PE, an accumulator, and the activation.
    c.compute = m_lane * (pe * simd) + m_perPe * pe;
    if (m_thresholdCount > 0) {
        // Threshold memory: T values of acc bits for each of the MH/PE rows a PE owns.
        const std::int64_t rows = m_mh / peCount;
        const std::int64_t width = std::int64_t(m_thresholdCount * m_accBits);
        const bool small = double(rows) * double(width) <= k::kThresholdLutramMaxBits;
        c.thresholds = memory(small ? MemoryStyle::Lutram : MemoryStyle::Bram, rows, width) * pe;
    }
    c.glue.lut += k::kMvtuControlLut;
    c.glue.ff += k::kMvtuControlFf;
    const double inBits = simd * m_prec.inputBits;
    c.glue.ff += k::kFifoFfPerBit * inBits; // the FIFO on the stage's input stream
    if (l.kind == LayerKind::Conv) {
        // Sliding window: K/S + 1 row blocks of S*IFM*(C/SIMD) words of SIMD*A bits.
        const std::int64_t ifm = l.inDim + l.padTotal;
        const std::int64_t blocks = l.kernel / l.stride + 1;
        const std::int64_t words = std::int64_t(l.stride) * ifm * (l.hwIn() / simdCount);
        c.window = buffer(words, std::int64_t(inBits)) * double(blocks);
        c.window.lut += k::kWindowControlLut + inBits * std::ceil(std::log2(double(blocks)));
        c.window.ff += k::kWindowControlFf + 2.0 * inBits;
        c.window.dsp += k::kWindowControlDsp;
    }
    return c;
}

LayerCost MatrixCostModel::bitfoldWeights(int pe, int simd, MemoryStyle style) const {
    // One memory per PE (HLS partitions by PE), Omega words of SIMD*W bits.
    const std::int64_t depth = m_mw * m_mh / (std::int64_t(pe) * simd);
    const std::int64_t width = std::int64_t(simd) * m_prec.weightBits;
    if (style == MemoryStyle::Auto) style = MemoryStyle::Bram; // Vivado HLS maps arrays to block RAM
    if (style == MemoryStyle::Uram && !m_hasUram) style = MemoryStyle::Bram;
    LayerCost c;
    c.weightMemory = style;
    c.weights = memory(style, depth, width) * double(pe);
    c.weights.ff += double(pe) * double(width); // registered memory output
    return c;
}

Resources poolCost(CostModel model, const Layer& l, const LayerPrecision& p, int pe, double inBits) {
    if (model != CostModel::Bitfold) return {};
    const double lanes = double(pe) * p.inputBits;
    // One output row of partial maxima: OFM words of C*A bits.
    Resources r = buffer(l.outDim(), std::int64_t(l.inChannels) * p.inputBits);
    r.lut += k::kPoolControlLut + lanes;
    r.ff += k::kPoolControlFf + 2 * lanes + k::kFifoFfPerBit * inBits;
    return r;
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

std::vector<std::string> bitfoldAssumptions() {
    return {
        "model bitfold: per-lane datapath by precision (XNOR/popcount, LUT multiply, DSP for 16-bit and float)",
        "weights: one memory per PE on RAMB18 aspect ratios, deep memories cascaded depth-first (auto = block "
        "RAM, as Vivado HLS maps arrays)",
        "thresholds: 2^A-1 comparators per PE; threshold memory in LUTRAM while small",
        "sliding windows, pools, FIFOs, width converters and accelerator I/O included",
        "totals include the device's platform shell as listed in its device file",
        "latency: stages overlap (a window starts after K input rows, an FC layer after its whole input)"};
}

} // namespace bitfold::detail
