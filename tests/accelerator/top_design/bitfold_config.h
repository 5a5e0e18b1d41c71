// A hand-written design in the shape bitfold::generateHlsDesign emits, so the top function
// and the C-simulation harness are tested on their own (test_top_harness): 5 x 5 images of 4
// channels (100 bytes: 6.25 words of the 128-bit port), 2-bit inputs, a 2 x 2 convolution to 5
// channels (Signed<2> weights, raw accumulators) at MMV 2 with an input multiplier of 2, the
// first 3 channels of its 16 output pixels as the 48 logical outputs (49 slots: 13 words).
#pragma once
#include "bitfold_kernels.hpp"

#define BITFOLD_PORT_BITS 128
#define BITFOLD_IMAGE_BYTES 100
#define BITFOLD_OUTPUTS 48
#define BITFOLD_STAGE_COUNT 7

namespace bitfold_net {
using namespace bitfold::hw;
namespace cycles = bitfold::cycles;

/// Weights [PE][tile][word] of the 5 x 16 matrix: row pe, columns 2t and 2t + 1.
inline const unsigned long long kConvWeights[5][8][1] = {
    {{1ull}, {1ull}, {5ull}, {5ull}, {3ull}, {7ull}, {15ull}, {3ull}},
    {{12ull}, {4ull}, {7ull}, {15ull}, {13ull}, {0ull}, {3ull}, {15ull}},
    {{7ull}, {1ull}, {15ull}, {15ull}, {15ull}, {15ull}, {0ull}, {7ull}},
    {{5ull}, {15ull}, {13ull}, {0ull}, {3ull}, {12ull}, {3ull}, {3ull}},
    {{4ull}, {13ull}, {5ull}, {1ull}, {3ull}, {0ull}, {4ull}, {12ull}},
};

struct StageInfo {
    const char* name;
    const char* layer;
    const char* kind;
    unsigned long long cyclesPredicted;
};
constexpr StageInfo kStages[BITFOLD_STAGE_COUNT] = {
    {"read", "", "read", cycles::reader(100, 128)},
    {"quantize", "", "quantize", cycles::quantizer(100, 4)},
    {"conv0_swu", "conv0", "swu", cycles::slidingWindow(5, 4, 2, 1, 4, 2, 2, 2)},
    {"conv0", "conv0", "mvtu", cycles::mvtu(5, 16, 5, 2, 16, 2)},
    {"conv0_dwc", "conv0", "dwc", cycles::widthConverter(640, 80, 8)},
    {"label", "", "label", cycles::labelSelect(80)},
    {"write", "", "write", cycles::writer(49, 128)},
};

inline void pipeline(const ap_uint<BITFOLD_PORT_BITS>* images, ap_uint<BITFOLD_PORT_BITS>* results, unsigned frames
#ifndef __SYNTHESIS__
                     ,
                     StageCounter* counters
#endif
) {
    hls::stream<ap_uint<128>> words("words");
    hls::stream<ap_uint<8>> pixels("pixels");
    hls::stream<ap_uint<8>> patches("patches");
    hls::stream<ap_uint<80>> sums("sums");
    hls::stream<ap_uint<8>> elements("elements");
    hls::stream<ap_uint<128>> packed("packed");
    readImages<100, 128>(images, words, frames BITFOLD_COUNTER_ARG(counters[0]));
    quantizeInput<25, 4, 4, 4, 128, Unsigned<2>>(words, pixels, frames BITFOLD_COUNTER_ARG(counters[1]));
    slidingWindow<2, 5, 1, 0, 0, 4, 2, 2, 2, Unsigned<2>>(pixels, patches, frames BITFOLD_COUNTER_ARG(counters[2]));
    matrixVectorActivate<16, 5, 16, 2, 5, 2, Signed<2>, Unsigned<2>, Accumulator<8>>(
        patches, sums, kConvWeights, PassThroughActivation<Accumulator<8>>(), frames BITFOLD_COUNTER_ARG(counters[3]));
    widthConvert<640, 80, 8>(sums, elements, frames BITFOLD_COUNTER_ARG(counters[4]));
    labelSelect<16, 5, 3, 128, Accumulator<8>>(elements, packed, frames BITFOLD_COUNTER_ARG(counters[5]));
    writeResults<49, 128>(packed, results, frames BITFOLD_COUNTER_ARG(counters[6]));
}

} // namespace bitfold_net
