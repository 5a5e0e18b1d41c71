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

namespace {

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

void matrixLayer(const Layer& l, const LayerPrecision& p, const LayerFolding& f, const Device& dev,
                 LayerEstimate& e) {
    const double pe = f.pe, simd = f.simd;
    const double acc = e.accumulatorBits;
    const Datapath dp = datapathOf(p);

    // Datapath: SIMD lanes per PE, an accumulator, and the activation.
    const Resources ln = bitfoldLane(p);
    e.compute = ln * (pe * simd);
    Resources perPe;
    if (dp != Datapath::Float) {
        perPe.lut += k::kAccLutPerBit * acc + k::kAccLut;
        perPe.ff += k::kAccFfPerBit * acc + (l.activation ? p.outputBits : acc);
    }
    if (l.activation) {
        if (p.outputBits == kFloatBits || dp == Datapath::Float) {
            perPe.lut += k::kFloatActLut;
            perPe.dsp += k::kFloatActDsp;
        } else if (p.outputBits >= 16) {
            perPe.lut += 2 * acc;
            perPe.dsp += k::kRequantDsp;
        } else {
            const double t = std::pow(2.0, p.outputBits) - 1;
            perPe.lut += (k::kCmpLutPerBit * acc + k::kCmpLut) * t;
            // Threshold memory: T values of acc bits for each of the MH/PE rows a PE owns.
            const std::int64_t rows = l.matrixHeight() / f.pe;
            const double bits = double(rows) * t * acc;
            Resources thr = bits <= k::kThresholdLutramMaxBits
                                ? memory(MemoryStyle::Lutram, rows, std::int64_t(t * acc))
                                : memory(MemoryStyle::Bram, rows, std::int64_t(t * acc));
            e.thresholds = thr * pe;
        }
    }
    e.compute += perPe * pe;

    // Weights: one memory per PE, Omega words of SIMD*W bits (HLS partitions by PE).
    MemoryStyle style = f.memory;
    if (style == MemoryStyle::Auto) style = MemoryStyle::Bram; // Vivado HLS maps arrays to block RAM
    if (style == MemoryStyle::Uram && dev.total.uram <= 0) style = MemoryStyle::Bram;
    e.weightMemory = style;
    e.weights = memory(style, e.weightDepth, e.weightWidth) * pe;
    e.weights.ff += pe * e.weightWidth; // registered memory output

    e.glue.lut += k::kMvtuControlLut;
    e.glue.ff += k::kMvtuControlFf;

    if (l.kind == LayerKind::Conv) {
        // Sliding window: K/S + 1 row blocks of S*IFM*(C/SIMD) words of SIMD*A bits.
        const std::int64_t ifm = l.inDim + l.padTotal;
        const std::int64_t blocks = l.kernel / l.stride + 1;
        const std::int64_t words = std::int64_t(l.stride) * ifm * (l.hwIn() / f.simd);
        const std::int64_t width = std::int64_t(f.simd) * p.inputBits;
        e.window = buffer(words, width) * double(blocks);
        e.window.lut += k::kWindowControlLut + width * std::ceil(std::log2(double(blocks)));
        e.window.ff += k::kWindowControlFf + 2.0 * width;
        e.window.dsp += k::kWindowControlDsp;
    }
}

void poolLayer(const Layer& l, const LayerPrecision& p, LayerEstimate& e) {
    const double lanes = double(e.pe) * p.inputBits;
    // One output row of partial maxima: OFM words of C*A bits.
    e.window = buffer(l.outDim(), std::int64_t(l.inChannels) * p.inputBits);
    e.window.lut += k::kPoolControlLut + lanes;
    e.window.ff += k::kPoolControlFf + 2 * lanes;
}

} // namespace

void bitfoldResources(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                      const Device& device, std::vector<LayerEstimate>& layers, Estimate& e) {
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        if (l.isMatrix()) matrixLayer(l, prec[i], folding.layers[i], device, layers[i]);
        else poolLayer(l, prec[i], layers[i]);
        // The stream into this stage: a FIFO, and a width converter where widths differ.
        const double inBits = inStreamBits(net, prec, folding, int(i));
        const double fromBits = i > 0 ? outStreamBits(net, prec, folding, int(i) - 1) : inBits;
        layers[i].glue.ff += k::kFifoFfPerBit * inBits;
        if (fromBits != inBits) {
            layers[i].glue.lut += k::kConverterLutPerBit * std::max(inBits, fromBits);
            layers[i].glue.ff += k::kConverterFfPerBit * (inBits + fromBits);
        }
    }
    e.infrastructure = {k::kIoLut, k::kIoFf, k::kIoBram18, 0, k::kIoDsp, 0};
    e.assumptions = {
        "model bitfold: per-lane datapath by precision (XNOR/popcount, LUT multiply, DSP for 16-bit and float)",
        "weights: one memory per PE on RAMB18 aspect ratios, deep memories cascaded depth-first (auto = block RAM, as Vivado HLS maps arrays)",
        "thresholds: 2^A-1 comparators per PE; threshold memory in LUTRAM while small",
        "sliding windows, pools, FIFOs, width converters and accelerator I/O included",
        "totals include the device's platform shell as listed in its device file",
        "latency: stages overlap (a window starts after K input rows, an FC layer after its whole input)"};
}

} // namespace bitfold::detail
