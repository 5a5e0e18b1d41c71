#pragma once
// Label select (top-1): the index of the largest logical output, the first on ties
// (docs/semantics.md); hardware-padded outputs are never chosen. It also forwards the
// logical outputs as int32 so the host can check them bit for bit, packing both into the
// writer's port words (the result slots of docs/accelerator.md).
#include "types.hpp"

namespace bitfold::hw {

/// Geometry: Groups x PerGroup elements per frame arrive, one per word (Groups: output
/// pixels of a conv, 1 for FC; PerGroup: hardware channels), of which the first Keep of each
/// group are logical. TV: element type (Accumulator<B>, Binary, Unsigned<A>). Out per frame:
/// Slots = Groups*Keep + 1 32-bit slots, the logical values (int32 two's complement) in
/// stream order and then the label; slot k at bits [32*(k % (PortBits/32)), +32) of word
/// k / (PortBits/32), unused slots of the last word 0: cycles::writer(Slots, PortBits) words.
/// One element per cycle, then one cycle for the label: cycles::labelSelect(Groups *
/// PerGroup) cycles per frame, at most one word written per cycle.
template <unsigned Groups, unsigned PerGroup, unsigned Keep, unsigned PortBits, class TV>
void labelSelect(hls::stream<ap_uint<TV::bits>>& in, hls::stream<ap_uint<PortBits>>& out,
                 unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(Groups >= 1 && PerGroup >= 1 && Keep >= 1, "labelSelect: sizes must be positive");
    static_assert(Keep <= PerGroup, "labelSelect: Keep exceeds the group");
    static_assert(PortBits >= 32 && PortBits % 32 == 0 && PortBits <= 4096,
                  "labelSelect: PortBits must be a multiple of 32, at most 4096");
    constexpr unsigned ELEMENTS = Groups * PerGroup;
    constexpr unsigned SLOTS_PER_WORD = PortBits / 32;
    constexpr unsigned PER_FRAME = ELEMENTS + 1;
    static_assert(PER_FRAME == cycles::labelSelect(ELEMENTS),
                  "labelSelect: the loop must take cycles::labelSelect iterations per frame");
    int best = 0;
    unsigned bestIndex = 0, index = 0, j = 0, n = 0;
    ap_uint<PortBits> word = 0;
    unsigned slot = 0; // next free slot of `word`
    const unsigned long long total = (unsigned long long)PER_FRAME * frames;
label_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        if (n < ELEMENTS) {
            const int v = TV::value(in.read().to_uint64());
            if (j < Keep) {
                word.range(32 * slot + 31, 32 * slot) = ap_uint<32>((unsigned)v);
                if (index == 0 || v > best) {
                    best = v;
                    bestIndex = index;
                }
                ++index;
                if (++slot == SLOTS_PER_WORD) {
                    out.write(word);
                    word = 0;
                    slot = 0;
                }
            }
            j = j + 1 == PerGroup ? 0 : j + 1;
            ++n;
        } else { // the label closes the frame's last word
            word.range(32 * slot + 31, 32 * slot) = ap_uint<32>(bestIndex);
            out.write(word);
            word = 0;
            slot = 0;
            index = 0;
            n = 0;
        }
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
