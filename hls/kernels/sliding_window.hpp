#pragma once
// Sliding-window unit (FINN's ConvolutionInputGenerator, with FINN-R's MMV): turns a feature
// map, SIMD channels per word, into the stream of K x K patches a convolution's MVTU
// consumes, patch order (ky, kx, c) as in docs/semantics.md, with the zero padding inserted
// here (raw 0: the value 0 for Unsigned<A> and -1 for Binary). A line buffer of K + S padded
// rows: it first fills K rows, then each output row takes max(write, read) cycles, writing
// that row's patches (MMV output columns side by side per word) while reading the next S
// input rows (InMult channel folds of one pixel per cycle), so one frame takes exactly
// cycles::slidingWindow(IFM + pads, OFM, K, S, C, SIMD, MMV, InMult) cycles.
#include "types.hpp"

namespace bitfold::hw {

/// Geometry: K kernel side, IFM input side (pixels, unpadded), S stride, PadBegin/PadEnd
/// padding at top/left and bottom/right (docs/semantics.md: padTotal/2 and the rest), C
/// channels. SIMD channels per lane group, divides C. MMV output columns per output word
/// (divides the output side OFM): for output column ox = g*MMV + j, word (g, ky, kx, fold)
/// holds that patch element of column ox in lane group j (bits [j*SIMD*T::bits, ...)).
/// InMult channel folds per input word (divides C/SIMD): one pixel's folds f*InMult ..
/// f*InMult + InMult-1, lowest first. T: the element type (Binary, Unsigned<A>).
template <unsigned K, unsigned IFM, unsigned S, unsigned PadBegin, unsigned PadEnd, unsigned C, unsigned SIMD,
          unsigned MMV, unsigned InMult, class T>
void slidingWindow(hls::stream<ap_uint<InMult * SIMD * T::bits>>& in, hls::stream<ap_uint<MMV * SIMD * T::bits>>& out,
                   unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(K >= 1 && S >= 1 && IFM >= 1, "slidingWindow: kernel, stride and input side must be positive");
    static_assert(IFM + PadBegin + PadEnd >= K, "slidingWindow: the kernel is larger than the padded input");
    static_assert(SIMD >= 1 && C % SIMD == 0, "slidingWindow: SIMD must divide the channels C");
    static_assert(InMult >= 1 && (C / SIMD) % InMult == 0, "slidingWindow: InMult must divide the channel fold C/SIMD");
    static_assert(MMV >= 1 && ((IFM + PadBegin + PadEnd - K) / S + 1) % MMV == 0,
                  "slidingWindow: MMV must divide the output side");
    static_assert(MMV * SIMD * T::bits <= 4096 && InMult * SIMD * T::bits <= 4096,
                  "slidingWindow: stream wider than 4096 bits");
    static_assert(!T::isSigned, "slidingWindow: elements are activations (Binary or Unsigned<A>)");
    constexpr unsigned IFMP = IFM + PadBegin + PadEnd;
    constexpr unsigned OFM = (IFMP - K) / S + 1;
    constexpr unsigned FOLD = C / SIMD;
    constexpr unsigned ROWW = IFMP * FOLD; // words per padded row
    constexpr unsigned ROWS = K + S; // rows being read never alias rows being written
    constexpr unsigned FILL = K * ROWW / InMult;
    constexpr unsigned WRITE = (OFM / MMV) * K * K * FOLD;
    constexpr unsigned READ = S * ROWW / InMult;
    constexpr unsigned PHASE = WRITE > READ ? WRITE : READ;
    constexpr unsigned long long PER_FRAME = (unsigned long long)FILL + (unsigned long long)OFM * PHASE;
    static_assert(PER_FRAME == cycles::slidingWindow(IFMP, OFM, K, S, C, SIMD, MMV, InMult),
                  "slidingWindow: the loop must take cycles::slidingWindow iterations per frame");
    constexpr unsigned BITS = SIMD * T::bits;
    using Word = ap_uint<BITS>;
    using InWord = ap_uint<InMult * BITS>;
    using OutWord = ap_uint<MMV * BITS>;

    // MMV columns S*FOLD words apart are read, InMult consecutive words written, per cycle:
    // cyclic banks of MMV*S*FOLD keep both conflict-free.
    constexpr unsigned BANKS = MMV > 1 ? MMV * S * FOLD : InMult;
    (void)BANKS;
    Word buf[ROWS][ROWW];
#pragma HLS DEPENDENCE variable = buf inter false
#pragma HLS ARRAY_PARTITION variable = buf cyclic factor = BANKS dim = 2
    // Read cursor: padded row, its buffer slot, padded column, channel fold.
    unsigned rRow = 0, rSlot = 0, rCol = 0, rF = 0;
    // Write cursor: output row (its first row's slot), column group, kernel offsets, fold.
    unsigned oy = 0, baseSlot = 0, og = 0, ky = 0, kx = 0, wF = 0;
    bool filling = true;
    unsigned pos = 0; // position inside the fill or the current output row's phase
    const unsigned long long total = PER_FRAME * frames;
swu_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        const bool doWrite = !filling && pos < WRITE;
        const bool doRead = filling || (pos < READ && rRow < IFMP);
        if (doWrite) {
            const unsigned slot = baseSlot + ky < ROWS ? baseSlot + ky : baseSlot + ky - ROWS;
            OutWord y = 0;
        swu_mmv:
            for (unsigned j = 0; j < MMV; ++j) {
#pragma HLS UNROLL
                const unsigned ox = og * MMV + j;
                y.range((j + 1) * BITS - 1, j * BITS) = buf[slot][(ox * S + kx) * FOLD + wF];
            }
            out.write(y);
            if (++wF == FOLD) {
                wF = 0;
                if (++kx == K) {
                    kx = 0;
                    if (++ky == K) {
                        ky = 0;
                        og = og + 1 == OFM / MMV ? 0 : og + 1;
                    }
                }
            }
        }
        if (doRead) {
            const bool pad = rRow < PadBegin || rRow >= PadBegin + IFM || rCol < PadBegin || rCol >= PadBegin + IFM;
            InWord v = 0;
            if (!pad) v = in.read();
        swu_inmult:
            for (unsigned m = 0; m < InMult; ++m) {
#pragma HLS UNROLL
                buf[rSlot][rCol * FOLD + rF + m] = laneGroup<BITS, InMult>(v, m);
            }
            rF += InMult;
            if (rF == FOLD) {
                rF = 0;
                if (++rCol == IFMP) {
                    rCol = 0;
                    ++rRow;
                    rSlot = rSlot + 1 == ROWS ? 0 : rSlot + 1;
                }
            }
        }
        if (filling) {
            if (++pos == FILL) {
                filling = false;
                pos = 0;
            }
        } else if (++pos == PHASE) {
            pos = 0;
            baseSlot = baseSlot + S < ROWS ? baseSlot + S : baseSlot + S - ROWS;
            if (++oy == OFM) { // frame done
                oy = 0;
                baseSlot = 0;
                filling = true;
                rRow = 0;
                rSlot = 0;
            }
        }
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
