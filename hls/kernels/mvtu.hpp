#pragma once
// Matrix-vector-threshold unit (MVTU/MVAU): an MH x MW weight matrix times each input
// vector, PE rows and SIMD columns per cycle, followed by an activation (thresholds or the
// raw accumulator), MMV output pixels at a time sharing each weight word (FINN-R's MMV).
// One flattened II=1 loop of exactly cycles::mvtu(MH, MW, PE, SIMD, OutPixels, MMV)
// iterations per frame.
//
// Arithmetic (docs/semantics.md): Binary x Binary is XNOR/popcount (acc = SIMD - 2 *
// popcount(w ^ x) per word); every other pairing multiplies signed narrow-range weights
// (Signed<W>, or Binary +-1) with unsigned activations (Unsigned<A>) or +-1 (Binary).
// Where the W, A >= 2 products live is a template choice, LutProducts or DspProducts (finn-hlslib's
// ap_resource_lut / ap_resource_dsp idiom): the same C++ arithmetic, a different binding.
#include "threshold.hpp"

#ifdef BITFOLD_FAST_SIM
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>
#endif

namespace bitfold::hw {

/// Where a layer's W, A >= 2 products are built: LUT fabric (the default) or DSP slices
/// (LayerFolding::product, JSON "res_type"). Only the binding differs: the product is the same
/// integer either way, so the choice is bit-exact by construction.
struct LutProducts {
    static constexpr bool inDsp = false;
};
struct DspProducts {
    static constexpr bool inDsp = true;
};

/// Product of one weight lane and one input lane, exact. One operand of 1 bit makes it a
/// conditional negate (no multiplier, TR has no effect); W, A >= 2 is a signed W x (A + 1)-bit
/// multiply bound to TR's resource.
template <class TW, class TI, class TR = LutProducts>
ap_int<TW::bits + TI::bits + 2> laneProduct(ap_uint<TW::bits> w, ap_uint<TI::bits> x) {
    using R = ap_int<TW::bits + TI::bits + 2>;
    if constexpr (TW::isBinary && TI::isBinary) {
        return w == x ? R(1) : R(-1);
    } else if constexpr (TW::isBinary) {
        const R xv = TI::isSigned ? R(ap_int<TI::bits>(x)) : R(x);
        return w[0] ? xv : R(-xv);
    } else if constexpr (TI::isBinary) {
        const R wv = R(ap_int<TW::bits>(w));
        return x[0] ? wv : R(-wv);
    } else {
        // The operands as the multiplier sees them: W-bit signed weights, inputs widened to a
        // signed A + 1 bits (a DSP48E1 multiplies 25 x 18 bits, a DSP48E2 27 x 18).
        static_assert(TW::bits <= 25 && TI::bits + 1 <= 18, "laneProduct: operands wider than a DSP48 multiplier");
        const ap_int<TW::bits> wv = w;
        const ap_int<TI::bits + 1> xv =
            TI::isSigned ? ap_int<TI::bits + 1>(ap_int<TI::bits>(x)) : ap_int<TI::bits + 1>(x);
        if constexpr (TR::inDsp) {
            const ap_int<TW::bits + TI::bits + 1> p = wv * xv;
#pragma HLS BIND_OP variable = p op = mul impl = dsp
            return R(p);
        } else {
            const ap_int<TW::bits + TI::bits + 1> p = wv * xv;
#pragma HLS BIND_OP variable = p op = mul impl = fabric
            return R(p);
        }
    }
}

/// Dot product of SIMD weight lanes with SIMD input lanes: the synthesizable datapath (an
/// XNOR/popcount adder tree for Binary x Binary, SIMD multipliers on TR's resource and an
/// adder tree else).
template <unsigned SIMD, class TW, class TI, class TR = LutProducts>
ap_int<accumulatorBits<TW, TI>(SIMD) + 1> dotProduct(const ap_uint<SIMD * TW::bits>& w,
                                                     const ap_uint<SIMD * TI::bits>& x) {
    using R = ap_int<accumulatorBits<TW, TI>(SIMD) + 1>;
    if constexpr (TW::isBinary && TI::isBinary) {
        const ap_uint<SIMD> match = ~(w ^ x);
        ap_uint<32> ones = 0;
    dot_popcount:
        for (unsigned i = 0; i < SIMD; ++i) {
#pragma HLS UNROLL
            ones += match[i] ? 1 : 0;
        }
        return R(2 * int(ones.to_uint()) - int(SIMD));
    } else {
        R sum = 0;
    dot_lanes:
        for (unsigned i = 0; i < SIMD; ++i) {
#pragma HLS UNROLL
            const ap_uint<TW::bits> wl = w.range((i + 1) * TW::bits - 1, i * TW::bits);
            const ap_uint<TI::bits> xl = x.range((i + 1) * TI::bits - 1, i * TI::bits);
            sum += laneProduct<TW, TI, TR>(wl, xl);
        }
        return sum;
    }
}

/// One weight ROM entry (SIMD lanes of one PE at one tile) as a word.
template <unsigned Bits, unsigned Words>
ap_uint<Bits> romWord(const unsigned long long (&words)[Words]) {
    ap_uint<Bits> w = 0;
rom_words:
    for (unsigned k = 0; k < Words; ++k) {
#pragma HLS UNROLL
        const unsigned lo = 64 * k;
        const unsigned hi = lo + 63 < Bits ? lo + 63 : Bits - 1;
        w.range(hi, lo) = words[k];
    }
    return w;
}

#ifdef BITFOLD_FAST_SIM
namespace sim {

/// Bits [lo, lo + 64) of a packed word as a machine word (zeros past its end).
template <int W>
unsigned long long chunk(const ap_uint<W>& x, unsigned lo) {
    const unsigned hi = lo + 63 < W ? lo + 63 : W - 1;
    return x.range(hi, lo).to_uint64();
}

/// Lane i of `bits` bits from 64-bit words.
inline unsigned long long lane(const unsigned long long* words, unsigned i, unsigned bits) {
    const unsigned lo = i * bits, q = lo / 64, r = lo % 64;
    unsigned long long v = words[q] >> r;
    if (r + bits > 64) v |= words[q + 1] << (64 - r);
    return v & ((1ull << bits) - 1);
}

/// The weight ROM unpacked to one int16 per lane, [PE][TILES][SIMD], or [TILES][SIMD][PE] when
/// PeInner (the dot products then vectorise across PEs); built once per weight array (and
/// rebuilt if its contents change, as testbenches reuse buffers).
template <unsigned PE, unsigned TILES, unsigned SIMD, class TW, bool PeInner, unsigned Words>
const std::int16_t* unpackedWeights(const unsigned long long (&w)[PE][TILES][Words]) {
    struct Entry {
        const void* key;
        std::vector<unsigned long long> packed;
        std::vector<std::int16_t> lanes;
    };
    static std::vector<Entry> cache;
    const std::size_t n = std::size_t(PE) * TILES * Words;
    for (Entry& e : cache)
        if (e.key == &w && std::memcmp(e.packed.data(), &w[0][0][0], n * sizeof(unsigned long long)) == 0)
            return e.lanes.data();
    Entry e{&w, std::vector<unsigned long long>(&w[0][0][0], &w[0][0][0] + n),
            std::vector<std::int16_t>(std::size_t(PE) * TILES * SIMD)};
    std::int16_t* out = e.lanes.data();
    for (unsigned pe = 0; pe < PE; ++pe)
        for (unsigned t = 0; t < TILES; ++t)
            for (unsigned i = 0; i < SIMD; ++i) {
                const std::size_t at =
                    PeInner ? (std::size_t(t) * SIMD + i) * PE + pe : (std::size_t(pe) * TILES + t) * SIMD + i;
                out[at] = std::int16_t(TW::value(lane(w[pe][t], i, TW::bits)));
            }
    for (Entry& old : cache)
        if (old.key == &w) {
            old = std::move(e);
            return old.lanes.data();
        }
    cache.push_back(std::move(e));
    return cache.back().lanes.data();
}

} // namespace sim
#endif

/// The MVTU. Geometry: MW inputs per output (matrix width, hardware-padded), MH outputs
/// (matrix height), OutPixels input vectors per frame (output pixels of a conv, 1 for FC).
/// Folding: SIMD (divides MW) input lanes and PE (divides MH) output rows per cycle, MMV
/// (divides OutPixels) consecutive pixels computed together with shared weights; MMV > 1
/// needs PE = MH, so that the MMV pixels' outputs leave in pixel order.
/// Precision: TW weights (Binary or Signed<W>), TI inputs (Binary or Unsigned<A>), TO outputs
/// (Binary/Unsigned<A> with a ThresholdActivation or ThresholdSearchActivation, Accumulator<B>
/// with PassThroughActivation). TR: LutProducts or DspProducts, where W, A >= 2 products live.
/// Weights: ROM entry [pe][nf*SF + sf] holds row nf*PE + pe, columns sf*SIMD .. +SIMD-1,
/// lane i at bits [i*W, (i+1)*W) of its 64-bit words. Input word: pixel j's SIMD lanes at
/// bits [j*SIMD*TI::bits, ...), lane (j, i) at [(j*SIMD + i)*TI::bits, ...). Output word nf
/// holds rows nf*PE .. nf*PE + PE-1 of each of its MMV pixels, lane (j, pe) at
/// [(j*PE + pe)*TO::bits, ...). cycles::mvtu(MH, MW, PE, SIMD, OutPixels, MMV) cycles per frame.
template <unsigned MW, unsigned MH, unsigned OutPixels, unsigned SIMD, unsigned PE, unsigned MMV, class TW, class TI,
          class TO, class TR = LutProducts, class TActivation>
void matrixVectorActivate(hls::stream<ap_uint<MMV * SIMD * TI::bits>>& in,
                          hls::stream<ap_uint<MMV * PE * TO::bits>>& out,
                          const unsigned long long (&weights)[PE][(MH / PE) * (MW / SIMD)][romWords(SIMD * TW::bits)],
                          const TActivation& activation, unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(MW >= 1 && MH >= 1 && OutPixels >= 1, "matrixVectorActivate: MW, MH and OutPixels must be positive");
    static_assert(SIMD >= 1 && MW % SIMD == 0, "matrixVectorActivate: SIMD must divide MW");
    static_assert(PE >= 1 && MH % PE == 0, "matrixVectorActivate: PE must divide MH");
    static_assert(MMV >= 1 && OutPixels % MMV == 0, "matrixVectorActivate: MMV must divide OutPixels");
    static_assert(MMV == 1 || PE == MH, "MMV > 1 needs PE = MH: the MMV pixels' outputs then leave in pixel order");
    static_assert(MMV * SIMD * TI::bits <= 4096 && SIMD * TW::bits <= 4096 && MMV * PE * TO::bits <= 4096,
                  "matrixVectorActivate: a stream or weight word is wider than 4096 bits");
    static_assert(!TI::isSigned, "matrixVectorActivate: inputs are activations (Binary or Unsigned<A>)");
    static_assert(TW::isBinary || TW::isSigned, "matrixVectorActivate: weights are Binary or Signed<W>");
    static_assert(accumulatorBits<TW, TI>(MW) <= 32, "matrixVectorActivate: the accumulator exceeds 32 bits");
    static_assert(TI::bits <= 8 && TW::bits <= 8, "matrixVectorActivate: weights and inputs have at most 8 bits");
    static_assert(TR::inDsp || !TR::inDsp, "matrixVectorActivate: TR is LutProducts or DspProducts");
    constexpr unsigned NF = MH / PE;
    constexpr unsigned SF = MW / SIMD;
    constexpr unsigned TILES = NF * SF;
    constexpr unsigned WORDS = romWords(SIMD * TW::bits);
    constexpr unsigned AccBits = accumulatorBits<TW, TI>(MW);
    static_assert(cycles::mvtu(MH, MW, PE, SIMD, OutPixels, MMV) == (unsigned long long)TILES * (OutPixels / MMV),
                  "matrixVectorActivate: the loop must take cycles::mvtu iterations per frame");
    using InWord = ap_uint<MMV * SIMD * TI::bits>;
    using OutWord = ap_uint<MMV * PE * TO::bits>;
    constexpr unsigned IN_BITS = SIMD * TI::bits; // one pixel's lanes

    InWord inputBuf[SF];
#ifdef BITFOLD_FAST_SIM
    // Simulation shadow of inputBuf, [sf][pixel]: 64-bit words (XNOR) or one int16 per lane (MAC).
    constexpr bool kXnor = TW::isBinary && TI::isBinary;
    constexpr bool kPeInner = PE >= SIMD;
    constexpr unsigned XWORDS = romWords(IN_BITS);
    std::vector<unsigned long long> xWords(kXnor ? std::size_t(SF) * MMV * XWORDS : 0);
    std::vector<std::int16_t> xLanes(kXnor ? 0 : std::size_t(SF) * MMV * SIMD);
    const std::int16_t* wLanes = kXnor ? nullptr : sim::unpackedWeights<PE, TILES, SIMD, TW, kPeInner>(weights);
    // A tile's partial sums fit 16 bits for most precisions: products and sums then
    // vectorise twice as wide.
    constexpr bool kNarrow = (unsigned long long)SIMD * maxMagnitude<TW>() * maxMagnitude<TI>() <= 32767;
    using Part = std::conditional_t<kNarrow, std::int16_t, std::int32_t>;
    int acc[MMV][PE] = {};
#else
    ap_int<AccBits> acc[MMV][PE];
#pragma HLS ARRAY_PARTITION variable = acc complete dim = 0
#pragma HLS ARRAY_PARTITION variable = weights complete dim = 1
#pragma HLS ARRAY_PARTITION variable = weights complete dim = 3
#endif
    (void)AccBits;
    unsigned nf = 0, sf = 0, tile = 0;
    const unsigned long long total = (unsigned long long)TILES * (OutPixels / MMV) * frames;
mvtu_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        InWord x;
        if (nf == 0) {
            x = in.read();
            inputBuf[sf] = x;
#ifdef BITFOLD_FAST_SIM
            for (unsigned j = 0; j < MMV; ++j) {
                const ap_uint<IN_BITS> xj = laneGroup<IN_BITS, MMV>(x, j);
                const std::size_t at = std::size_t(sf) * MMV + j;
                if constexpr (kXnor) {
                    for (unsigned k = 0; k < XWORDS; ++k) xWords[at * XWORDS + k] = sim::chunk(xj, 64 * k);
                } else {
                    unsigned long long xw[XWORDS + 1];
                    for (unsigned k = 0; k < XWORDS; ++k) xw[k] = sim::chunk(xj, 64 * k);
                    xw[XWORDS] = 0;
                    for (unsigned l = 0; l < SIMD; ++l)
                        xLanes[at * SIMD + l] = std::int16_t(TI::value(sim::lane(xw, l, TI::bits)));
                }
            }
#endif
        } else {
            x = inputBuf[sf];
        }
#ifdef BITFOLD_FAST_SIM
        for (unsigned j = 0; j < MMV; ++j) {
            const std::size_t at = std::size_t(sf) * MMV + j;
            int* a = acc[j];
            if constexpr (kXnor) {
                // Bits past lane SIMD-1 in the last ROM word are ignored, as romWord() does.
                constexpr unsigned long long kLastMask = SIMD % 64 == 0 ? ~0ull : (1ull << (SIMD % 64)) - 1;
                const unsigned long long* xs = &xWords[at * XWORDS];
                for (unsigned pe = 0; pe < PE; ++pe) {
                    const unsigned long long* w = weights[pe][tile];
                    int mismatches = 0;
                    for (unsigned k = 0; k + 1 < WORDS; ++k) mismatches += __builtin_popcountll(w[k] ^ xs[k]);
                    mismatches += __builtin_popcountll((w[WORDS - 1] ^ xs[WORDS - 1]) & kLastMask);
                    const int d = int(SIMD) - 2 * mismatches;
                    a[pe] = sf == 0 ? d : a[pe] + d;
                }
            } else if constexpr (kPeInner) {
                const std::int16_t* xs = &xLanes[at * SIMD];
                const std::int16_t* w = wLanes + std::size_t(tile) * SIMD * PE;
                Part part[PE] = {};
                for (unsigned l = 0; l < SIMD; ++l) {
                    const Part xv = xs[l];
                    const std::int16_t* wl = w + std::size_t(l) * PE;
                    for (unsigned pe = 0; pe < PE; ++pe) part[pe] = Part(part[pe] + Part(wl[pe] * xv));
                }
                for (unsigned pe = 0; pe < PE; ++pe) a[pe] = (sf == 0 ? 0 : a[pe]) + part[pe];
            } else {
                const std::int16_t* xs = &xLanes[at * SIMD];
                for (unsigned pe = 0; pe < PE; ++pe) {
                    const std::int16_t* w = wLanes + (std::size_t(pe) * TILES + tile) * SIMD;
                    Part d = 0;
                    for (unsigned l = 0; l < SIMD; ++l) d = Part(d + Part(w[l] * xs[l]));
                    a[pe] = sf == 0 ? int(d) : a[pe] + d;
                }
            }
        }
#else
    mvtu_pe:
        for (unsigned pe = 0; pe < PE; ++pe) {
#pragma HLS UNROLL
            // One weight word feeds all MMV pixels.
            const ap_uint<SIMD* TW::bits> w = romWord<SIMD * TW::bits, WORDS>(weights[pe][tile]);
        mvtu_mmv:
            for (unsigned j = 0; j < MMV; ++j) {
#pragma HLS UNROLL
                const auto d = dotProduct<SIMD, TW, TI, TR>(w, laneGroup<IN_BITS, MMV>(x, j));
                acc[j][pe] = sf == 0 ? ap_int<AccBits>(d) : ap_int<AccBits>(acc[j][pe] + d);
            }
        }
#endif
        if (sf + 1 == SF) {
            OutWord y = 0;
        mvtu_activate:
            for (unsigned j = 0; j < MMV; ++j) {
#pragma HLS UNROLL
                for (unsigned pe = 0; pe < PE; ++pe) {
#pragma HLS UNROLL
#ifdef BITFOLD_FAST_SIM
                    const int a = acc[j][pe];
#else
                    const int a = acc[j][pe].to_int();
#endif
                    const unsigned lane = j * PE + pe;
                    y.range((lane + 1) * TO::bits - 1, lane * TO::bits) = activation.activate(nf, pe, a);
                }
            }
            out.write(y);
            sf = 0;
            nf = nf + 1 == NF ? 0 : nf + 1;
        } else {
            ++sf;
        }
        tile = tile + 1 == TILES ? 0 : tile + 1;
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
