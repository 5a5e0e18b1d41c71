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

/// Structural bits of one product, as Vivado builds a LUT multiplier: W1A1 has none (the
/// XNOR folds into the first popcount adder); one 1-bit operand makes the first tree adder an
/// adder/subtractor of the other (no LUTs of its own); W, A >= 2 is an array of (min - 1) carry-chain
/// adders of max + 1 bits with the partial-product ANDs inside their LUTs, never fewer LUTs
/// than its W + A output bits.
double productBits(int w, int a) {
    if (w == 1 && a == 1) return 0;
    if (w == 1 || a == 1) return 0; // +/- operand: an adder/subtractor, the sign on the carry-in
    return std::max(double(w + a), double(std::min(w, a) - 1) * double(std::max(w, a) + 1));
}

/// Output width of one product: the popcount's 1 bit for XNOR, W + A otherwise.
int productWidth(int w, int a) { return w == 1 && a == 1 ? 1 : w + a; }

} // namespace

double adderTreeBits(int inputs, int width) {
    // A balanced tree: each level halves the operands and grows one bit.
    double bits = 0;
    for (int n = inputs, level = 1; n > 1; n = (n + 1) / 2, ++level) bits += double(n / 2) * double(width + level);
    return bits;
}

MatrixCostModel::MatrixCostModel(const Layer& layer, const LayerPrecision& prec, const Device& device, CostModel model,
                                 const CostCalibration& cal)
    : m_layer(&layer), m_prec(prec), m_model(model), m_hasUram(device.total.uram > 0), m_cal(&cal),
      m_mw(layer.matrixWidth()), m_mh(layer.matrixHeight()) {
    if (model != CostModel::Bitfold) return;
    const LayerPrecision& p = prec;
    m_accBits = accumulatorBits(m_mw, p.weightBits, p.inputBits);
    const double acc = m_accBits;
    const Datapath dp = datapathOf(p);
    if (dp == Datapath::Fix16) m_lane = {k::kFix16LaneLut, k::kFix16LaneFf, 0, 0, k::kFix16LaneDsp, 0};
    if (dp == Datapath::Float) m_lane = {k::kFloatLaneLut, k::kFloatLaneFf, 0, 0, k::kFloatLaneDsp, 0};
    if (dp == Datapath::Xnor || dp == Datapath::Lut) {
        m_productBits = productBits(p.weightBits, p.inputBits);
        m_productWidth = productWidth(p.weightBits, p.inputBits);
    }
    // A true multiplier (W, A >= 2) can move into a DSP slice, one product per slice as HLS
    // binds a multiply (docs/cost-model.md: DSP48E2 could take two INT8 products sharing an
    // operand, Xilinx WP486, but only with hand-packed operands that HLS does not infer).
    m_dspProducts = dp == Datapath::Lut && p.weightBits >= 2 && p.inputBits >= 2;
    if (dp != Datapath::Float) {
        // The accumulator: a carry-chain adder and its register, then the output register.
        m_perPe.lut += cal.datapathLut * acc;
        m_perPe.ff += acc + (layer.activation ? p.outputBits : acc);
    }
    if (!layer.activation) return;
    if (p.outputBits == kFloatBits || dp == Datapath::Float) {
        m_perPe.lut += k::kFloatActLut;
        m_perPe.dsp += k::kFloatActDsp;
    } else if (p.outputBits >= 16) {
        m_perPe.lut += 2 * acc;
        m_perPe.dsp += k::kRequantDsp;
    } else {
        m_thresholdCount = std::ldexp(1.0, p.outputBits) - 1; // 2^A - 1
        m_comparatorLut = k::kCmpLutPerBit * acc + k::kCmpLut;
    }
}

LayerCost MatrixCostModel::bitfoldBase(int peCount, int simdCount, ProductResource product,
                                       ThresholdUnit thresholds) const {
    const Layer& l = *m_layer;
    const double pe = peCount, simd = simdCount;
    const bool dspProducts = product == ProductResource::Dsp && m_dspProducts;
    const bool search = thresholds == ThresholdUnit::BinarySearch && m_thresholdCount > 1;
    LayerCost c;
    // Datapath per PE: SIMD products, the adder tree over them (widths growing per level),
    // the accumulator and the activation; pipeline registers on a share of the datapath bits.
    Resources perPe = m_lane * simd + m_perPe;
    if (m_productWidth > 0) {
        const double bits = (dspProducts ? 0.0 : simd * m_productBits) + adderTreeBits(simdCount, m_productWidth);
        perPe.lut += m_cal->datapathLut * bits;
        perPe.ff += m_cal->datapathFf * bits;
    }
    // Thresholds: 2^A - 1 comparators at once, or A pipelined comparisons of a binary search
    // (each stage registers the accumulator and the index found so far).
    const int outBits = m_prec.outputBits;
    perPe.lut += m_comparatorLut * (search ? double(outBits) : m_thresholdCount);
    if (search) perPe.ff += double(outBits) * (m_accBits + outBits);
    c.compute = perPe * pe;
    c.compute.ff += simd * m_prec.inputBits; // the input vector register, shared by the PEs
    if (dspProducts) c.compute.dsp += pe * simd;
    if (m_thresholdCount > 0) {
        // Threshold memory, per PE for the MH/PE rows it owns: one word of T values (parallel),
        // or one memory per search stage s holding 2^s values per row.
        const std::int64_t rows = m_mh / peCount;
        auto thresholdMemory = [&](std::int64_t depth, std::int64_t width) {
            const bool small = double(depth) * double(width) <= k::kThresholdLutramMaxBits;
            return memory(small ? MemoryStyle::Lutram : MemoryStyle::Bram, depth, width);
        };
        if (search)
            for (int stage = 0; stage < outBits; ++stage)
                c.thresholds += thresholdMemory(rows << stage, m_accBits) * pe;
        else
            c.thresholds = thresholdMemory(rows, std::int64_t(m_thresholdCount * m_accBits)) * pe;
    }
    c.glue.lut += m_cal->mvtuControlLut;
    c.glue.ff += m_cal->mvtuControlFf;
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
    // FINN's compiler packs every PE's word into one memory; BNN-PYNQ's HLS partitions by PE.
    c.weights = m_cal->weightsOneMemory ? memory(style, depth, width * pe) : memory(style, depth, width) * double(pe);
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

Resources infrastructureCost(CostModel model, const CostCalibration& cal) {
    if (model != CostModel::Bitfold) return {};
    return {cal.ioLut, cal.ioFf, k::kIoBram18, 0, k::kIoDsp, 0};
}

std::vector<std::string> bitfoldAssumptions() {
    return {"model bitfold: per-lane datapath by precision (XNOR/popcount, LUT multiply, DSP for 16-bit and float)",
            "weights: one memory per PE on RAMB18 aspect ratios, deep memories cascaded depth-first (auto = block "
            "RAM, as Vivado HLS maps arrays)",
            "thresholds: 2^A-1 comparators per PE; threshold memory in LUTRAM while small",
            "sliding windows, pools, FIFOs, width converters and accelerator I/O included",
            "totals include the device's platform shell as listed in its device file",
            "latency: stages overlap (a window starts after K input rows, an FC layer after its whole input)"};
}

} // namespace bitfold::detail
