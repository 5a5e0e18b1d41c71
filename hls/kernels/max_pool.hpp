#pragma once
// Streaming max-pool: K x K windows, stride S, padding PadBegin/PadEnd, over activations
// (Binary: the OR of the bits; Unsigned<A>: the largest). Padding never wins (raw 0 is the
// smallest value of both types), so a window's maximum is that of its real cells. It reads
// every input word once, PE channels per word, and emits each output when its window's last
// cell passes: E * E * C/PE cycles per frame (cycles::maxPool), E = IFM unless bottom/right
// padding puts the last window's end past the input, which adds those rows and columns.
#include "types.hpp"

namespace bitfold::hw {

/// Lane-wise maximum of two words of PE elements of T.
template <unsigned PE, class T>
ap_uint<PE * T::bits> maxLanes(const ap_uint<PE * T::bits>& a, const ap_uint<PE * T::bits>& b) {
    if constexpr (T::bits == 1) {
        return a | b;
    } else {
        ap_uint<PE* T::bits> r = 0;
    max_lanes:
        for (unsigned pe = 0; pe < PE; ++pe) {
#pragma HLS UNROLL
            const ap_uint<T::bits> x = a.range((pe + 1) * T::bits - 1, pe * T::bits);
            const ap_uint<T::bits> y = b.range((pe + 1) * T::bits - 1, pe * T::bits);
            r.range((pe + 1) * T::bits - 1, pe * T::bits) = x > y ? x : y;
        }
        return r;
    }
}

/// Geometry: IFM input side (pixels), K window side, S stride, PadBegin/PadEnd padding
/// (top/left, bottom/right), C channels. PE channels per word, divides C. T: Binary or
/// Unsigned<A>. Every window must hold at least one real cell.
template <unsigned IFM, unsigned K, unsigned S, unsigned PadBegin, unsigned PadEnd, unsigned C, unsigned PE, class T>
void maxPool(hls::stream<ap_uint<PE * T::bits>>& in, hls::stream<ap_uint<PE * T::bits>>& out,
             unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(K >= 1 && S >= 1 && IFM >= 1, "maxPool: window, stride and input side must be positive");
    static_assert(IFM + PadBegin + PadEnd >= K, "maxPool: the window is larger than the padded input");
    static_assert(PE >= 1 && C % PE == 0, "maxPool: PE must divide the channels C");
    static_assert(PE * T::bits <= 4096, "maxPool: stream wider than 4096 bits");
    static_assert(!T::isSigned, "maxPool: elements are activations (Binary or Unsigned<A>)");
    constexpr unsigned OFM = (IFM + PadBegin + PadEnd - K) / S + 1;
    static_assert(PadBegin < K, "maxPool: the first window lies entirely in the padding");
    static_assert((OFM - 1) * S < IFM + PadBegin, "maxPool: the last window lies entirely in the padding");
    constexpr unsigned FOLD = C / PE;
    constexpr unsigned R = ceilDiv(K, S); // output rows in flight
    constexpr unsigned LASTEND = (OFM - 1) * S + K - PadBegin; // one past the last window's end
    constexpr unsigned E = IFM > LASTEND ? IFM : LASTEND; // side of the grid walked
    static_assert((unsigned long long)E * E * FOLD == cycles::maxPool(IFM, K, S, PadBegin, PadEnd, C, PE),
                  "maxPool: the loop must take cycles::maxPool iterations per frame");
    using Word = ap_uint<PE * T::bits>;

    Word acc[R][OFM][FOLD];
    unsigned iy = 0, ix = 0, f = 0;
    const unsigned long long total = (unsigned long long)E * E * FOLD * frames;
pool_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        const bool real = iy < IFM && ix < IFM;
        Word v = 0;
        if (real) v = in.read();
        // Windows holding (iy, ix): oy*S - PadBegin <= iy <= oy*S - PadBegin + K - 1.
        const int py = int(iy + PadBegin), px = int(ix + PadBegin);
        const int hiY = py / int(S), hiX = px / int(S);
        const int loY = py - int(K) + 1, loX = px - int(K) + 1; // oy*S >= lo
        if (real) {
        pool_rows:
            for (unsigned dy = 0; dy < R; ++dy) {
#pragma HLS UNROLL
                const int oy = hiY - int(dy);
                if (oy < 0 || oy >= int(OFM) || oy * int(S) < loY) continue;
                const int firstY = oy * int(S) - int(PadBegin) > 0 ? oy * int(S) - int(PadBegin) : 0;
            pool_cols:
                for (unsigned dx = 0; dx < R; ++dx) {
#pragma HLS UNROLL
                    const int ox = hiX - int(dx);
                    if (ox < 0 || ox >= int(OFM) || ox * int(S) < loX) continue;
                    const int firstX = ox * int(S) - int(PadBegin) > 0 ? ox * int(S) - int(PadBegin) : 0;
                    Word& a = acc[unsigned(oy) % R][ox][f];
                    a = (int(iy) == firstY && int(ix) == firstX) ? v : maxLanes<PE, T>(a, v);
                }
            }
        }
        // The window whose last cell (real or past the end) this is leaves now.
        const int ey = py + 1 - int(K), ex = px + 1 - int(K);
        if (ey >= 0 && ex >= 0 && ey % int(S) == 0 && ex % int(S) == 0 && ey / int(S) < int(OFM) &&
            ex / int(S) < int(OFM))
            out.write(acc[unsigned(ey / int(S)) % R][ex / int(S)][f]);
        if (++f == FOLD) {
            f = 0;
            if (++ix == E) {
                ix = 0;
                iy = iy + 1 == E ? 0 : iy + 1;
            }
        }
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
