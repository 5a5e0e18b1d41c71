#pragma once
// Element types of the streaming kernels, the C-simulation cycle counter and small constexpr
// helpers. Values and encodings follow docs/semantics.md:
//   Binary       1 bit, bit 1 = +1, bit 0 = -1 (weights, activations, binarised pixels)
//   Unsigned<B>  B-bit unsigned activations and input pixels, [0, 2^B - 1]
//   Signed<B>    B-bit two's-complement weights, narrow range [-(2^(B-1)-1), 2^(B-1)-1]
//   Accumulator<B> B-bit two's-complement raw accumulators (last layer without activation)
// Streams carry packed words: element i of a word at bits [i*bits, (i+1)*bits).
// The raw pattern 0 is the padding value of every activation type (0, or -1 for Binary),
// which is also the smallest value of the type (max-pool's "padding never wins").
#include <ap_int.h>
#include <hls_stream.h>

#include "bitfold/cycles.h"
#include "bitfold/geometry.h"

// C-simulation fast paths (word-wise popcount, unpacked weights, binary-search thresholds)
// compute the same integers as the synthesizable lane loops; define BITFOLD_SIM_LANEWISE to
// simulate the lane loops themselves.
#if !defined(__SYNTHESIS__) && !defined(BITFOLD_SIM_LANEWISE)
#define BITFOLD_FAST_SIM 1
#endif

namespace bitfold::hw {

struct Binary {
    static constexpr unsigned bits = 1;
    static constexpr bool isBinary = true;
    static constexpr bool isSigned = false;
    static constexpr int minValue = -1;
    static constexpr int maxValue = 1;
    static constexpr int value(unsigned long long raw) { return (raw & 1) ? 1 : -1; }
};

/// Unsigned activations/pixels, B = 1..16 bits (B = 1 here is 0/1, not Binary).
template <unsigned B>
struct Unsigned {
    static_assert(B >= 1 && B <= 16, "Unsigned<B>: B must be 1..16 bits");
    static constexpr unsigned bits = B;
    static constexpr bool isBinary = false;
    static constexpr bool isSigned = false;
    static constexpr int minValue = 0;
    static constexpr int maxValue = int((1u << B) - 1);
    static constexpr int value(unsigned long long raw) { return int(raw & ((1ull << B) - 1)); }
};

/// Narrow-range signed weights, B = 2..8 bits.
template <unsigned B>
struct Signed {
    static_assert(B >= 2 && B <= 8, "Signed<B>: B must be 2..8 bits (1-bit weights are Binary)");
    static constexpr unsigned bits = B;
    static constexpr bool isBinary = false;
    static constexpr bool isSigned = true;
    static constexpr int maxValue = int((1u << (B - 1)) - 1);
    static constexpr int minValue = -maxValue;
    static constexpr int value(unsigned long long raw) {
        const int v = int(raw & ((1ull << B) - 1));
        return v >= int(1u << (B - 1)) ? v - int(1u << B) : v;
    }
};

/// Raw accumulators of a layer without activation, B = 2..32 bits, two's complement.
template <unsigned B>
struct Accumulator {
    static_assert(B >= 2 && B <= 32, "Accumulator<B>: B must be 2..32 bits");
    static constexpr unsigned bits = B;
    static constexpr bool isBinary = false;
    static constexpr bool isSigned = true;
    static constexpr long long maxValue = (1ll << (B - 1)) - 1;
    static constexpr long long minValue = -(1ll << (B - 1));
    static constexpr int value(unsigned long long raw) {
        const long long v = (long long)(raw & ((1ull << B) - 1));
        return int(v >= (1ll << (B - 1)) ? v - (1ll << B) : v);
    }
};

/// Largest magnitude of a value of T.
template <class T>
constexpr unsigned long long maxMagnitude() {
    return T::maxValue > -T::minValue ? (unsigned long long)T::maxValue : (unsigned long long)(-T::minValue);
}

/// Bits of a signed accumulator that holds MW products of TW and TI values without overflow
/// (bitfold/geometry.h, the engine's too).
template <class TW, class TI>
constexpr unsigned accumulatorBits(unsigned long long mw) {
    return unsigned(geometry::accumulatorBits(mw, maxMagnitude<TW>(), maxMagnitude<TI>()));
}

constexpr unsigned ceilDiv(unsigned long long a, unsigned long long b) { return unsigned((a + b - 1) / b); }
constexpr unsigned maxOf(unsigned a, unsigned b) { return a > b ? a : b; }
constexpr unsigned minOf(unsigned a, unsigned b) { return a < b ? a : b; }

/// Lane group j of a word of Groups groups of `Bits` bits each: bits [j*Bits, (j+1)*Bits),
/// the word itself when Groups = 1 (MMV pixels side by side in one word).
template <unsigned Bits, unsigned Groups>
ap_uint<Bits> laneGroup(const ap_uint<Groups * Bits>& x, unsigned j) {
    if constexpr (Groups == 1)
        return x;
    else
        return x.range((j + 1) * Bits - 1, j * Bits);
}

/// 64-bit words one weight ROM entry of `bits` bits occupies.
constexpr unsigned romWords(unsigned bits) { return (bits + 63) / 64; }

} // namespace bitfold::hw

// Cycle counting in C simulation: every block counts the iterations of its pipelined II=1
// loop. The counter is a trailing argument that exists only outside synthesis, so the
// synthesizable signatures stay plain:
//   void block(..., unsigned frames BITFOLD_COUNTER_PARAM) { ... BITFOLD_COUNT(); ... }
//   block<...>(..., frames BITFOLD_COUNTER_ARG(counters[3]));
#ifndef __SYNTHESIS__
namespace bitfold::hw {
/// Iterations of one block's pipelined loop (cycles at II=1), summed over all frames.
struct StageCounter {
    unsigned long long cycles = 0;
};
} // namespace bitfold::hw
#define BITFOLD_COUNTER_PARAM , ::bitfold::hw::StageCounter& counter
#define BITFOLD_COUNTER_ARG(c) , c
#define BITFOLD_COUNT() (++counter.cycles)
#else
#define BITFOLD_COUNTER_PARAM
#define BITFOLD_COUNTER_ARG(c)
#define BITFOLD_COUNT() ((void)0)
#endif
