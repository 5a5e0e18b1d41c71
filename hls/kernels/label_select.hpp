#pragma once
// Label select (top-1): the index of the largest logical output, the first on ties
// (docs/semantics.md); hardware-padded outputs are never chosen. It also forwards the
// logical outputs as int32 so the host can check them bit for bit.
#include "types.hpp"

namespace bitfold::hw {

/// Geometry: Groups x PerGroup elements per frame arrive, one per word (Groups: output
/// pixels of a conv, 1 for FC; PerGroup: hardware channels), of which the first Keep of each
/// group are logical. TV: element type (Accumulator<B>, Binary, Unsigned<A>). Out: Groups *
/// Keep values (int32 two's complement) and one label per frame. Groups * PerGroup cycles per frame.
template <unsigned Groups, unsigned PerGroup, unsigned Keep, class TV>
void labelSelect(hls::stream<ap_uint<TV::bits>>& in, hls::stream<ap_uint<32>>& values,
                 hls::stream<ap_uint<32>>& labels, unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(Groups >= 1 && PerGroup >= 1 && Keep >= 1, "labelSelect: sizes must be positive");
    static_assert(Keep <= PerGroup, "labelSelect: Keep exceeds the group");
    constexpr unsigned PER_FRAME = Groups * PerGroup;
    int best = 0;
    unsigned bestIndex = 0, index = 0, j = 0, n = 0;
    const unsigned long long total = (unsigned long long)PER_FRAME * frames;
label_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        const int v = TV::value(in.read().to_uint64());
        if (j < Keep) {
            values.write(ap_uint<32>((unsigned)v));
            if (index == 0 || v > best) {
                best = v;
                bestIndex = index;
            }
            ++index;
        }
        j = j + 1 == PerGroup ? 0 : j + 1;
        if (++n == PER_FRAME) {
            labels.write(ap_uint<32>(bestIndex));
            n = 0;
            index = 0;
        }
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
