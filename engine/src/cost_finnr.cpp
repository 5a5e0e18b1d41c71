// The group's published 2018-era model (FINN-R, Blott et al. 2018; constants as the first
// FINN-compiler port attributes them to FINN-R): it exists to be compared against.
//   LUT(MVTU)  = 300 + 1.1 * PE * SIMD * W * A
//   BRAM18     = PE * ceil(Omega / 512) * ceil(SIMD * W / 36),  Omega = MW*MH/(PE*SIMD)
// Sliding windows, pools, FIFOs, thresholds, FFs and DSPs are not modelled.
#include "cost_internal.h"

#include <cmath>

namespace bitfold::detail {

Resources finnRCompute(const LayerPrecision& p, int pe, int simd) {
    // The model multiplies the operand widths; the input of the layer is its A.
    Resources r;
    r.lut = 300 + 1.1 * pe * simd * double(p.weightBits) * double(p.inputBits);
    return r;
}

Resources finnRWeights(std::int64_t mw, std::int64_t mh, const LayerPrecision& p, int pe, int simd) {
    const double omega = double(mw * mh / (std::int64_t(pe) * simd));
    Resources r;
    r.bram18 = pe * std::ceil(omega / 512.0) * std::ceil(simd * double(p.weightBits) / 36.0);
    return r;
}

std::vector<std::string> finnRAssumptions() {
    return {
        "model finn-r: LUT = 300 + 1.1*PE*SIMD*W*A per MVTU; BRAM18 = PE*ceil(Omega/512)*ceil(SIMD*W/36)",
        "finn-r does not model FFs, DSPs, thresholds, sliding windows, pools, FIFOs or I/O: FF and DSP are n/a, the rest is left out",
        "totals include the device's platform shell as listed in its device file"};
}

} // namespace bitfold::detail
