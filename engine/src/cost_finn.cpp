// Today's FINN compiler analytical estimate of an HLS MVAU (Xilinx/finn,
// MatrixVectorActivation.lut_estimation / bram_estimation / dsp_estimation), ported as
// written so Bitfold can show it beside its own model. Only matrix layers are costed, as
// in FINN's per-node estimates; mem_mode "const" (weights inside the MVAU).
#include "cost_internal.h"

#include <cmath>

namespace bitfold {

FinnMvauCost finnMvauCost(const FinnMvauParams& p) {
    const double P = p.pe, Q = p.simd, W = p.weightBits, A = p.inputBits;
    const double wmem = double(p.mw) * double(p.mh) / (P * Q);
    const double tmem = p.activation ? double(p.mh) / P : 0;
    double c2 = 0;
    if (wmem <= 128) c2 = (P * Q * W) * std::ceil(wmem / 64);
    const double multLuts = p.dspMultiply ? 0 : Q * (2 * std::ceil((W + A) / 6) - 1) * (W + A);
    const double adderTreeLuts = (W + A) * (2 * Q - 1);
    const double accBits = W + A + std::ceil(std::log2(double(p.mw)));
    double thrLuts = 0, compLuts = 0;
    if (p.activation) {
        const double t = std::ldexp(1.0, p.outputBits) - 1; // 2^A - 1
        thrLuts = t * accBits * std::ceil(tmem / 64);
        compLuts = t * accBits;
    }
    FinnMvauCost c;
    c.lut = std::floor(300 + 1.1 * (P * (multLuts + adderTreeLuts + accBits + thrLuts + compLuts)) + c2);
    c.dsp = p.dspMultiply ? P * Q * std::ceil((W + A) / 48) : 0;
    // BRAM18: FINN's aspect-ratio table (widths 1, 2, 4, 8, 16, 32 as FINN writes them).
    const double width = Q * W * P;
    if (wmem <= 128)
        c.bram18 = 0;
    else if (width == 1)
        c.bram18 = std::ceil(wmem / 16384);
    else if (width == 2)
        c.bram18 = std::ceil(wmem / 8192);
    else if (width <= 4)
        c.bram18 = std::ceil(wmem / 4096) * std::ceil(width / 4);
    else if (width <= 9)
        c.bram18 = std::ceil(wmem / 2048) * std::ceil(width / 8);
    else if (width <= 18 || wmem > 512)
        c.bram18 = std::ceil(wmem / 1024) * std::ceil(width / 16);
    else
        c.bram18 = std::ceil(wmem / 512) * std::ceil(width / 32);
    return c;
}

} // namespace bitfold

namespace bitfold::detail {

FinnMvauCost finnLayerCost(const Layer& l, const LayerPrecision& p, int pe, int simd) {
    return finnMvauCost({.mw = l.matrixWidth(),
                         .mh = l.matrixHeight(),
                         .pe = pe,
                         .simd = simd,
                         .weightBits = p.weightBits,
                         .inputBits = p.inputBits,
                         .outputBits = p.outputBits,
                         .activation = l.activation,
                         .dspMultiply = p.weightBits >= 16 || p.inputBits >= 16});
}

std::vector<std::string> finnAssumptions() {
    return {
        "model finn: today's FINN HLS MVAU estimate (300 + 1.1*PE*(mult + adder tree + acc + thresholds + "
        "comparators) + LUTRAM weights; FINN's BRAM aspect table; DSP for >= 16-bit)",
        "finn's per-node estimate leaves out sliding windows, pools, FIFOs, FFs and I/O: FF is n/a, the rest is left out",
        "totals include the device's platform shell as listed in its device file"};
}

} // namespace bitfold::detail
