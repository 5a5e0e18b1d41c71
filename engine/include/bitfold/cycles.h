#pragma once
// The cycle arithmetic of the streaming dataflow blocks, in one place. The cost models
// (engine) and the kernels (hls/) both include this header, so prediction and hardware
// cannot disagree. Plain constexpr, no library: it must compile under Vitis HLS too.

namespace bitfold::cycles {

using count_t = unsigned long long;

/// Matrix-vector-threshold unit: cycles per frame = (MH/PE)*(MW/SIMD)*N^2, where N^2 is
/// the number of output pixels (1 for FC). Requires MH % PE == 0 and MW % SIMD == 0.
constexpr count_t mvtu(count_t mh, count_t mw, count_t pe, count_t simd, count_t outPixels) {
    return (mh / pe) * (mw / simd) * outPixels;
}

/// Number of neuron folds (output rows per PE) and synapse folds (input chunks per row).
constexpr count_t neuronFold(count_t mh, count_t pe) { return mh / pe; }
constexpr count_t synapseFold(count_t mw, count_t simd) { return mw / simd; }

/// Sliding-window unit, cycles per frame (FINN's HLS ConvolutionInputGenerator):
/// it buffers K rows first, then each output row costs the longer of writing its
/// patches and reading the next input rows:
///   IFM*K*C/SIMD + OFM*max(OFM*K^2*C/SIMD, S*IFM*C/SIMD).
/// `ifm` is the (padded) input side, `channels` the input channels, SIMD divides them.
constexpr count_t slidingWindow(count_t ifm, count_t ofm, count_t kernel, count_t stride, count_t channels,
                                count_t simd) {
    const count_t fold = channels / simd;
    const count_t fill = ifm * kernel * fold;
    const count_t write = ofm * kernel * kernel * fold;
    const count_t read = stride * ifm * fold;
    return fill + ofm * (write > read ? write : read);
}

/// Streaming max-pool: reads every input pixel once, `pe` channels per cycle.
constexpr count_t maxPool(count_t ifm, count_t channels, count_t pe) { return ifm * ifm * (channels / pe); }

/// Stream width converter between a producer of `inBits`-wide words and a consumer of
/// `outBits`-wide words, moving `totalBits` per frame: one word per cycle on the wider side
/// is never the limit, the narrower side is.
constexpr count_t widthConverter(count_t totalBits, count_t inBits, count_t outBits) {
    const count_t narrow = inBits < outBits ? inBits : outBits;
    return (totalBits + narrow - 1) / narrow;
}

} // namespace bitfold::cycles
