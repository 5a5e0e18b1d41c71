#pragma once
// Stream reshaping between blocks: the width converter (FINN's
// StreamingDataWidthConverter, any pair of widths) and the crop/pad adapter that drops
// hardware-padded outputs and inserts hardware-padded inputs (docs/semantics.md).
#include "types.hpp"

namespace bitfold::hw {

/// Width converter: FrameBits bits per frame arrive as InBits-wide words and leave as
/// OutBits-wide words, lowest bits first. One word per cycle on the narrower side:
/// FrameBits / min(InBits, OutBits) cycles per frame (cycles::widthConverter). Both widths
/// must divide FrameBits (words never straddle frames).
template <unsigned FrameBits, unsigned InBits, unsigned OutBits>
void widthConvert(hls::stream<ap_uint<InBits>>& in, hls::stream<ap_uint<OutBits>>& out,
                  unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(InBits >= 1 && OutBits >= 1 && InBits <= 4096 && OutBits <= 4096,
                  "widthConvert: widths must be 1..4096 bits");
    static_assert(FrameBits % InBits == 0, "widthConvert: InBits must divide FrameBits");
    static_assert(FrameBits % OutBits == 0, "widthConvert: OutBits must divide FrameBits");
    constexpr unsigned NARROW = InBits < OutBits ? InBits : OutBits;
    static_assert(cycles::widthConverter(FrameBits, InBits, OutBits) == FrameBits / NARROW,
                  "widthConvert: one narrow word per cycle");
    const unsigned long long total = (unsigned long long)(FrameBits / NARROW) * frames;
    if constexpr (InBits == OutBits) {
    dwc_pass:
        for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
            out.write(in.read());
            BITFOLD_COUNT();
        }
    } else if constexpr (OutBits % InBits == 0) {
        // Gather: OutBits / InBits input words fill one output word.
        ap_uint<OutBits> buf = 0;
        unsigned k = 0;
    dwc_gather:
        for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
            buf.range((k + 1) * InBits - 1, k * InBits) = in.read();
            if (++k == OutBits / InBits) {
                out.write(buf);
                k = 0;
            }
            BITFOLD_COUNT();
        }
    } else if constexpr (InBits % OutBits == 0) {
        // Split: one input word gives InBits / OutBits output words.
        ap_uint<InBits> buf = 0;
        unsigned k = 0;
    dwc_split:
        for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
            if (k == 0) buf = in.read();
            out.write(ap_uint<OutBits>(buf.range((k + 1) * OutBits - 1, k * OutBits)));
            k = k + 1 == InBits / OutBits ? 0 : k + 1;
            BITFOLD_COUNT();
        }
    } else {
        // Neither divides the other: a shift register holding at most OutBits - 1 + InBits
        // bits, which reads only while short of an output word.
        ap_uint<InBits + OutBits> buf = 0;
        unsigned have = 0;
    dwc_shift:
        for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
            if (have < OutBits) {
                const ap_uint<InBits + OutBits> w = in.read();
                buf |= w << have;
                have += InBits;
            }
            if (have >= OutBits) {
                out.write(ap_uint<OutBits>(buf.range(OutBits - 1, 0)));
                buf >>= OutBits;
                have -= OutBits;
            }
            BITFOLD_COUNT();
        }
    }
}

/// Crop/pad adapter, one element per cycle: per group, InPer elements arrive; the first Keep
/// pass, the rest are dropped; OutPer - Keep padding elements (raw 0) follow. Groups: pixels
/// (per-pixel channel padding) or 1 (a flattened vector). Groups * max(InPer, OutPer) cycles
/// per frame (cycles::cropPad).
template <unsigned Groups, unsigned InPer, unsigned Keep, unsigned OutPer, class T>
void cropPad(hls::stream<ap_uint<T::bits>>& in, hls::stream<ap_uint<T::bits>>& out,
             unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(Groups >= 1 && InPer >= 1 && OutPer >= 1, "cropPad: sizes must be positive");
    static_assert(Keep <= InPer && Keep <= OutPer, "cropPad: Keep exceeds the input or output group");
    constexpr unsigned SPAN = InPer > OutPer ? InPer : OutPer;
    static_assert((unsigned long long)Groups * SPAN == cycles::cropPad(Groups, InPer, OutPer),
                  "cropPad: the loop must take cycles::cropPad iterations per frame");
    unsigned j = 0;
    const unsigned long long total = (unsigned long long)Groups * SPAN * frames;
crop_pad_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        ap_uint<T::bits> v = 0;
        if (j < InPer) v = in.read();
        if (j < OutPer) out.write(j < Keep ? v : ap_uint<T::bits>(0));
        j = j + 1 == SPAN ? 0 : j + 1;
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
