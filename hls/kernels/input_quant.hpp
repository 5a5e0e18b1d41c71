#pragma once
// Input quantisation (docs/semantics.md): 8-bit pixels to the first layer's input type,
// with the first layer's hardware padding appended: Binary is pixel >= 128, Unsigned<B> is
// pixel >> (8 - B). One value per cycle out.
#include "types.hpp"

namespace bitfold::hw {

/// Quantised value of one pixel, as TO's raw bits.
template <class TO> ap_uint<TO::bits> quantizePixel(ap_uint<8> p) {
    static_assert(TO::isBinary || (!TO::isSigned && TO::bits <= 8), "quantizePixel: Binary or Unsigned<1..8>");
    if constexpr (TO::isBinary)
        return p >= 128 ? 1 : 0;
    else
        return ap_uint<TO::bits>(p >> (8 - TO::bits));
}

/// Geometry: Groups x Values pixels per frame arrive (Groups = 1 for a flattened FC input,
/// the pixels of a map with Values channels else) and Groups x PaddedValues values leave,
/// padding (raw 0) after each group's Values. Groups * PaddedValues cycles per frame.
template <unsigned Groups, unsigned Values, unsigned PaddedValues, class TO>
void quantizeInput(hls::stream<ap_uint<8>>& in, hls::stream<ap_uint<TO::bits>>& out,
                   unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(Groups >= 1 && Values >= 1, "quantizeInput: sizes must be positive");
    static_assert(PaddedValues >= Values, "quantizeInput: PaddedValues must be at least Values");
    unsigned j = 0;
    const unsigned long long total = (unsigned long long)Groups * PaddedValues * frames;
quantize_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        ap_uint<TO::bits> v = 0;
        if (j < Values)
            v = quantizePixel<TO>(in.read());
        out.write(v);
        j = j + 1 == PaddedValues ? 0 : j + 1;
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
