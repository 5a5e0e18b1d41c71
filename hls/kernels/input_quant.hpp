#pragma once
// Input quantisation (docs/semantics.md): 8-bit pixels, arriving as the reader's port words,
// to the first layer's input type, with the first layer's hardware padding appended: Binary
// is pixel >= 128, Unsigned<B> is pixel >> (8 - B). PerWord values per cycle out.
#include "types.hpp"

namespace bitfold::hw {

/// Quantised value of one pixel, as TO's raw bits.
template <class TO>
ap_uint<TO::bits> quantizePixel(ap_uint<8> p) {
    static_assert(TO::isBinary || (!TO::isSigned && TO::bits <= 8), "quantizePixel: Binary or Unsigned<1..8>");
    if constexpr (TO::isBinary)
        return p >= 128 ? 1 : 0;
    else
        return ap_uint<TO::bits>(p >> (8 - TO::bits));
}

/// Geometry: Groups x Values pixels per frame arrive (Groups = 1 for a flattened FC input,
/// the pixels of a map with Values channels else) and Groups x PaddedValues values leave,
/// padding (raw 0) after each group's Values. Input: PortBits-wide words, pixel byte
/// b = g*Values + v of a frame at byte b % (PortBits/8) of word b / (PortBits/8), each frame
/// starting on a word (readImages). Output: PerWord values per word, element
/// e = g*PaddedValues + p at lane e % PerWord of word e / PerWord, one word per cycle:
/// cycles::quantizer(Groups * PaddedValues, PerWord) cycles per frame. A word never straddles
/// two port words nor mixes pixels with padding (the preconditions below).
template <unsigned Groups, unsigned Values, unsigned PaddedValues, unsigned PerWord, unsigned PortBits, class TO>
void quantizeInput(hls::stream<ap_uint<PortBits>>& in, hls::stream<ap_uint<PerWord * TO::bits>>& out,
                   unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(Groups >= 1 && Values >= 1, "quantizeInput: sizes must be positive");
    static_assert(PaddedValues >= Values, "quantizeInput: PaddedValues must be at least Values");
    static_assert(PortBits >= 8 && PortBits % 8 == 0 && PortBits <= 4096,
                  "quantizeInput: PortBits must be a multiple of 8, at most 4096");
    static_assert(PerWord >= 1 && (PortBits / 8) % PerWord == 0,
                  "quantizeInput: PerWord must divide the pixels per port word (PortBits/8)");
    static_assert(PaddedValues != Values || (Groups * Values) % PerWord == 0,
                  "quantizeInput: without padding, PerWord must divide the pixels per frame");
    static_assert(PaddedValues == Values || (Values % PerWord == 0 && PaddedValues % PerWord == 0),
                  "quantizeInput: with padding, PerWord must divide Values and PaddedValues");
    static_assert(PerWord * TO::bits <= 4096, "quantizeInput: output word wider than 4096 bits");
    constexpr unsigned BYTES = PortBits / 8;
    // Without padding the frame is one run of pixels; with it, each group is.
    constexpr unsigned REAL = PaddedValues == Values ? Groups * Values : Values;
    constexpr unsigned SPAN = PaddedValues == Values ? Groups * Values : PaddedValues;
    constexpr unsigned PER_FRAME = Groups * PaddedValues / PerWord;
    static_assert(PER_FRAME == cycles::quantizer((unsigned long long)Groups * PaddedValues, PerWord),
                  "quantizeInput: the loop must take cycles::quantizer iterations per frame");
    using OutWord = ap_uint<PerWord * TO::bits>;

    ap_uint<PortBits> word = 0; // the current port word, consumed pixels shifted out
    unsigned used = 0; // bytes of `word` consumed
    unsigned p = 0; // position in the group (or frame), in values
    unsigned n = 0; // output word of the frame
    const unsigned long long total = (unsigned long long)PER_FRAME * frames;
quantize_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        OutWord y = 0;
        if (p < REAL) {
            if (used == 0) word = in.read();
        quantize_lanes:
            for (unsigned l = 0; l < PerWord; ++l) {
#pragma HLS UNROLL
                y.range((l + 1) * TO::bits - 1, l * TO::bits) =
                    quantizePixel<TO>(ap_uint<8>(word.range(l * 8 + 7, l * 8)));
            }
            if constexpr (PerWord < BYTES) word >>= PerWord * 8;
            used = used + PerWord == BYTES ? 0 : used + PerWord;
        }
        out.write(y);
        p = p + PerWord == SPAN ? 0 : p + PerWord;
        if (++n == PER_FRAME) { // the next image starts on a fresh word
            n = 0;
            used = 0;
        }
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
