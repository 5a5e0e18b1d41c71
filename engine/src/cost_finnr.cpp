// The group's published 2018-era model (FINN-R, Blott et al. 2018; constants as the first
// FINN-compiler port attributes them to FINN-R): it exists to be compared against.
//   LUT(MVTU)  = 300 + 1.1 * PE * SIMD * W * A
//   BRAM18     = PE * ceil(Omega / 512) * ceil(SIMD * W / 36),  Omega = MW*MH/(PE*SIMD)
// Sliding windows, pools, FIFOs, thresholds, FFs and DSPs are not modelled.
#include "cost_internal.h"

#include <cmath>

namespace bitfold::detail {

void finnRResources(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                    const Device&, std::vector<LayerEstimate>& layers, Estimate& e) {
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        if (!l.isMatrix()) continue;
        const LayerFolding& f = folding.layers[i];
        const LayerPrecision& p = prec[i];
        // The model multiplies the operand widths; the input of the layer is its A.
        const double wa = double(p.weightBits) * double(p.inputBits);
        LayerEstimate& le = layers[i];
        le.compute.lut = 300 + 1.1 * f.pe * f.simd * wa;
        const double omega = double(le.weightDepth);
        le.weights.bram18 = f.pe * std::ceil(omega / 512.0) * std::ceil(f.simd * double(p.weightBits) / 36.0);
        le.weightMemory = MemoryStyle::Bram;
    }
    e.assumptions = {
        "model finn-r: LUT = 300 + 1.1*PE*SIMD*W*A per MVTU; BRAM18 = PE*ceil(Omega/512)*ceil(SIMD*W/36)",
        "finn-r does not model FFs, DSPs, thresholds, sliding windows, pools, FIFOs or I/O: those read 0",
        "totals include the device's platform shell as listed in its device file"};
}

} // namespace bitfold::detail
