#pragma once
// The cycle arithmetic of the streaming dataflow blocks, in one place. The engine's pipeline
// plan (pipeline.h) and the kernels (hls/) both include this header, so prediction and
// hardware cannot disagree: every kernel static_asserts that its loop runs exactly the count
// given here, and the generated configuration static_asserts that count against the plan.
// Plain constexpr, no library: it must compile under Vitis HLS too. All counts are cycles per
// frame at II = 1.

namespace bitfold::cycles {

using count_t = unsigned long long;

constexpr count_t ceilDiv(count_t a, count_t b) { return (a + b - 1) / b; }
constexpr count_t maxOf(count_t a, count_t b) { return a > b ? a : b; }

/// Matrix-vector-threshold unit: (MH/PE)*(MW/SIMD)*N^2/MMV, where N^2 is the number of
/// output pixels (1 for FC) and MMV the output pixels computed per cycle (divides the output
/// side). Requires MH % PE == 0, MW % SIMD == 0.
constexpr count_t mvtu(count_t mh, count_t mw, count_t pe, count_t simd, count_t outPixels, count_t mmv = 1) {
    return (mh / pe) * (mw / simd) * (outPixels / mmv);
}

/// Comparisons per output of an MVTU's threshold unit over `thresholds` = 2^A - 1 ascending
/// thresholds: the parallel comparators make all of them at once (one step); the binary search
/// (FINN's RTL thresholding) makes A = log2(thresholds + 1), one per pipeline stage, each
/// against one memory. Either way the unit takes one accumulator per PE per cycle inside the
/// MVTU's II=1 loop, so it adds nothing to cycles::mvtu: the search costs A stages of
/// pipeline depth (A cycles of latency), which, like every block's pipeline depth, the plan's
/// per-frame counts leave out.
constexpr count_t thresholdSteps(count_t thresholds, bool binarySearch) {
    if (thresholds == 0) return 0;
    if (!binarySearch) return 1;
    count_t steps = 0;
    while ((count_t(1) << steps) - 1 < thresholds) ++steps;
    return steps;
}

/// Number of neuron folds (output rows per PE) and synapse folds (input chunks per row).
constexpr count_t neuronFold(count_t mh, count_t pe) { return mh / pe; }
constexpr count_t synapseFold(count_t mw, count_t simd) { return mw / simd; }

/// Sliding-window unit (FINN's ConvolutionInputGenerator, with FINN-R's MMV): it buffers K
/// rows first, then each output row costs the longer of writing its patches (MMV windows per
/// cycle) and reading the next S input rows (`inMult` SIMD-words per cycle):
///   fill  = IFM*K*C/(SIMD*inMult)
///   write = (OFM/MMV)*K^2*C/SIMD,  read = S*IFM*C/(SIMD*inMult)
///   total = fill + OFM*max(write, read)
/// `ifm` is the padded input side, `channels` the input channels; SIMD*inMult divides them,
/// MMV divides OFM.
constexpr count_t slidingWindow(count_t ifm, count_t ofm, count_t kernel, count_t stride, count_t channels,
                                count_t simd, count_t mmv = 1, count_t inMult = 1) {
    const count_t fold = channels / simd;
    const count_t readFold = fold / inMult;
    const count_t fill = ifm * kernel * readFold;
    const count_t write = (ofm / mmv) * kernel * kernel * fold;
    const count_t read = stride * ifm * readFold;
    return fill + ofm * maxOf(write, read);
}

/// FINN-R's input multiplier of a sliding window: 2 (two SIMD-words read per cycle) when MMV
/// makes the read side the longer phase and the channel fold is even, else 1.
constexpr count_t windowInputMultiplier(count_t ifm, count_t ofm, count_t kernel, count_t stride, count_t channels,
                                        count_t simd, count_t mmv) {
    const count_t fold = channels / simd;
    if (mmv <= 1 || fold % 2 != 0) return 1;
    const count_t write = (ofm / mmv) * kernel * kernel * fold;
    const count_t read = stride * ifm * fold;
    return read > write ? 2 : 1;
}

/// Output side of a max-pool over an `ifm` input with the given padding.
constexpr count_t poolOutSide(count_t ifm, count_t kernel, count_t stride, count_t padBegin, count_t padEnd) {
    return (ifm + padBegin + padEnd - kernel) / stride + 1;
}

/// Streaming max-pool: reads every input word once, `pe` channels per cycle, walking the
/// input grid extended to the last window's end when bottom/right padding reaches past it:
/// E*E*C/PE with E = max(IFM, (OFM-1)*S + K - PadBegin).
constexpr count_t maxPool(count_t ifm, count_t kernel, count_t stride, count_t padBegin, count_t padEnd,
                          count_t channels, count_t pe) {
    const count_t ofm = poolOutSide(ifm, kernel, stride, padBegin, padEnd);
    const count_t lastEnd = (ofm - 1) * stride + kernel - padBegin;
    const count_t e = maxOf(ifm, lastEnd);
    return e * e * (channels / pe);
}

/// Stream width converter between a producer of `inBits`-wide words and a consumer of
/// `outBits`-wide words, moving `totalBits` per frame: one word per cycle on the narrower side.
constexpr count_t widthConverter(count_t totalBits, count_t inBits, count_t outBits) {
    const count_t narrow = inBits < outBits ? inBits : outBits;
    return ceilDiv(totalBits, narrow);
}

/// Crop/pad adapter, one element per cycle: `groups` x max(inPer, outPer).
constexpr count_t cropPad(count_t groups, count_t inPer, count_t outPer) { return groups * maxOf(inPer, outPer); }

/// Memory reader: one `portBits`-wide word per cycle; an image of `frameBytes` 8-bit pixels
/// starts on a word: ceil(frame bits / port width).
constexpr count_t reader(count_t frameBytes, count_t portBits) { return ceilDiv(frameBytes * 8, portBits); }

/// Input quantizer: `elements` values (hardware padding included) leave `perWord` per cycle.
constexpr count_t quantizer(count_t elements, count_t perWord) { return elements / perWord; }

/// Label select: one element per cycle, then one cycle for the label.
constexpr count_t labelSelect(count_t elements) { return elements + 1; }

/// Memory writer: `resultSlots` 32-bit results (outputs, then the label) in `portBits`-wide words,
/// one word per cycle.
constexpr count_t writer(count_t resultSlots, count_t portBits) { return ceilDiv(resultSlots * 32, portBits); }

} // namespace bitfold::cycles
