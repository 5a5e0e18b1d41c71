#pragma once
// Today's FINN compiler analytical estimate of one HLS MVAU (Xilinx/finn,
// MatrixVectorActivation lut/bram/dsp_estimation), ported as written.
#include <cstdint>

namespace bitfold {

struct FinnMvauParams {
    std::int64_t mw = 0, mh = 0;
    int pe = 1, simd = 1, weightBits = 1, inputBits = 1, outputBits = 1;
    bool activation = true; ///< FINN noActivation = 0
    bool dspMultiply = false; ///< FINN resType "dsp"
};
struct FinnMvauCost {
    double lut = 0, bram18 = 0, dsp = 0;
};
/// mem_mode "const": weights with WMEM <= 128 words sit in LUTRAM (c2 term), else BRAM.
FinnMvauCost finnMvauCost(const FinnMvauParams& p);

} // namespace bitfold
