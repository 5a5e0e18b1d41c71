#pragma once
// Bitfold's C-simulation stand-in for Vitis HLS's <ap_int.h>: ap_uint<W> and ap_int<W> for
// W = 1..4096 bits. Written from the public Vitis API (no Vitis sources), as a compatible,
// fast subset; configure with BITFOLD_VITIS_INCLUDE to build against the real headers instead.
//
// Provided: construction from C integers, other widths, bits, fields and strings (truncating
// or sign-extending as Vitis does); implicit conversion to (unsigned) long long for W <= 64;
// to_int/to_uint/to_long/to_ulong/to_int64/to_uint64/to_bool/to_double/to_string; x[i] and
// x.range(hi, lo) / x(hi, lo) read and write; + - * / % & | ^ ~ << >> with Vitis result
// widths; all comparisons; compound assignment; ++/--; concat and (a, b); reductions,
// countLeadingZeros, reverse; operator<< on std::ostream.
//
// Known differences from Vitis, all outside what the kernels use:
// - W is limited to 4096 (AP_INT_MAX_W is ignored); intermediate results such as the sum or
//   product of two ap_uint<4096> may reach 16384 bits and stay exact.
// - No implicit conversion to a C integer for W > 64 (Vitis truncates silently); use to_uint64().
// - range(hi, lo) requires hi >= lo (Vitis reads hi < lo reversed); a concatenation is not
//   assignable; there is no ap_fixed.
// - A default-constructed value is 0 (Vitis leaves it unspecified).
// - to_string() formatting may differ in details.

#include "ap_int_ops.h"

/// Marks Bitfold's simulation headers, for code that uses their extras (popcount).
#define BITFOLD_HLS_SIM 1

/// Unsigned W-bit integer, W = 1..4096; arithmetic wraps modulo 2^W on assignment.
template <int W>
class ap_uint : public ap_int_base<W, false> {
    static_assert(W >= 1, "ap_uint: width W must be at least 1 bit");
    static_assert(W <= ap_detail::kMaxWidth, "ap_uint: width W must be at most 4096 bits");
    using Base = ap_int_base<W, false>;

public:
    constexpr ap_uint() = default;
    template <std::integral T>
    constexpr ap_uint(T v) : Base(v) {}
    template <int W2, bool S2>
    constexpr ap_uint(const ap_int_base<W2, S2>& v) : Base(v) {}
    template <int W2, bool S2>
    constexpr ap_uint(const ap_bit_ref<W2, S2>& v) : Base(v) {}
    template <int W2, bool S2>
    constexpr ap_uint(const ap_range_ref<W2, S2>& v) : Base(v) {}
    /// See ap_int_base(const char*, int): radix 2, 8, 10, 16, or 0 to read it from the prefix.
    constexpr ap_uint(const char* s, int radix = 0) : Base(s, radix) {}
};

/// Signed two's-complement W-bit integer, W = 1..4096; arithmetic wraps modulo 2^W on assignment.
template <int W>
class ap_int : public ap_int_base<W, true> {
    static_assert(W >= 1, "ap_int: width W must be at least 1 bit");
    static_assert(W <= ap_detail::kMaxWidth, "ap_int: width W must be at most 4096 bits");
    using Base = ap_int_base<W, true>;

public:
    constexpr ap_int() = default;
    template <std::integral T>
    constexpr ap_int(T v) : Base(v) {}
    template <int W2, bool S2>
    constexpr ap_int(const ap_int_base<W2, S2>& v) : Base(v) {}
    template <int W2, bool S2>
    constexpr ap_int(const ap_bit_ref<W2, S2>& v) : Base(v) {}
    template <int W2, bool S2>
    constexpr ap_int(const ap_range_ref<W2, S2>& v) : Base(v) {}
    /// See ap_int_base(const char*, int): radix 2, 8, 10, 16, or 0 to read it from the prefix.
    constexpr ap_int(const char* s, int radix = 0) : Base(s, radix) {}
};

/// Number of set bits among the W bits of x, 0..W. Not in Vitis: a synthesizable kernel counts
/// with an unrolled loop (`for (int i = 0; i < W; ++i) n += x[i];`), which HLS turns into an
/// adder tree. Kernels keep that loop for synthesis and may take this word-wise count (one
/// hardware popcount per 64 bits) under `#ifdef BITFOLD_HLS_SIM` to make C simulation fast;
/// testbenches and references use it freely.
template <int W, bool S>
constexpr int popcount(const ap_int_base<W, S>& x) {
    int n = 0;
    for (int i = 0; i + 1 < x.kWords; ++i) n += std::popcount(x.word(i));
    return n + std::popcount(x.word(x.kWords - 1) & ap_detail::lowMask(W - (x.kWords - 1) * 64));
}
