#pragma once
// Shared by the ap_int tests: the width lists and a driver over them, and reference arithmetic
// on W-bit two's-complement patterns held as one bool per bit, computed bit by bit. Slow and
// obviously right, and it shares no code with ap_int.h.

#include <ap_int.h>

#include <QByteArray>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace apref {

/// Bit i of the pattern is bits[i]; the vector's size is the width.
using Bits = std::vector<bool>;

template <int W, bool S>
using ApT = std::conditional_t<S, ap_int<W>, ap_uint<W>>;

/// Width lists of the property tests.
template <int... Ws>
struct Widths {};
using AllWidths = Widths<1, 2, 3, 7, 8, 13, 31, 32, 33, 63, 64, 65, 100, 128, 200, 512, 1024, 4096>;
using NarrowWidths = Widths<1, 2, 3, 7, 8, 13, 31, 32, 33, 63, 64>;

/// Calls f.template operator()<W, S>() for each width, unsigned then signed, until a QTest
/// check fails.
template <class F, int... Ws>
void forEachType(Widths<Ws...>, F f) {
    (void)(((f.template operator()<Ws, false>(), !QTest::currentTestFailed()) &&
            (f.template operator()<Ws, true>(), !QTest::currentTestFailed())) &&
           ...);
}

/// Random trials per width: many for narrow types, fewer where the reference is slow.
constexpr int trials(int w) { return w <= 64 ? 300 : w <= 512 ? 60 : 12; }

inline Bits fromU64(std::uint64_t v, int w) {
    Bits r(w);
    for (int i = 0; i < w && i < 64; ++i) r[i] = (v >> i) & 1;
    return r;
}

/// Sign- or zero-extends (per `sign`) or truncates x to w bits.
inline Bits resize(const Bits& x, bool sign, int w) {
    Bits r(w);
    for (int i = 0; i < w; ++i) r[i] = i < int(x.size()) ? x[i] : (sign && x.back());
    return r;
}

inline Bits add(const Bits& a, const Bits& b) {
    Bits r(a.size());
    bool carry = false;
    for (size_t i = 0; i < a.size(); ++i) {
        const int s = a[i] + b[i] + carry;
        r[i] = s & 1;
        carry = s >= 2;
    }
    return r;
}

inline Bits bitNot(const Bits& a) {
    Bits r(a.size());
    for (size_t i = 0; i < a.size(); ++i) r[i] = !a[i];
    return r;
}

inline Bits negate(const Bits& a) { return add(bitNot(a), fromU64(1, int(a.size()))); }
inline Bits sub(const Bits& a, const Bits& b) { return add(a, negate(b)); }

/// Left shift within the width; n >= 0.
inline Bits shl(const Bits& a, int n) {
    Bits r(a.size());
    for (int i = n; i < int(a.size()); ++i) r[i] = a[i - n];
    return r;
}

/// Right shift, arithmetic when `arith`; n >= 0.
inline Bits shr(const Bits& a, int n, bool arith) {
    Bits r(a.size());
    for (int i = 0; i < int(a.size()); ++i) r[i] = i + n < int(a.size()) ? a[i + n] : (arith && a.back());
    return r;
}

/// Product modulo 2^width (shift and add).
inline Bits mul(const Bits& a, const Bits& b) {
    Bits r(a.size());
    for (int i = 0; i < int(b.size()); ++i)
        if (b[i]) r = add(r, shl(a, i));
    return r;
}

template <class Op>
Bits bitwise(const Bits& a, const Bits& b, Op op) {
    Bits r(a.size());
    for (size_t i = 0; i < a.size(); ++i) r[i] = op(bool(a[i]), bool(b[i]));
    return r;
}

/// Exact comparison of the values of a (signed when sa) and b (signed when sb): -1, 0, 1.
inline int compare(const Bits& a, bool sa, const Bits& b, bool sb) {
    const int w = int(std::max(a.size(), b.size())) + 1;
    const Bits x = resize(a, sa, w), y = resize(b, sb, w);
    if (x.back() != y.back()) return x.back() ? -1 : 1;
    for (int i = w - 2; i >= 0; --i)
        if (x[i] != y[i]) return x[i] ? 1 : -1;
    return 0;
}

inline bool isNegative(const Bits& a, bool sign) { return sign && a.back(); }

/// Hex digits of the pattern, most significant first, for messages and string tests.
inline std::string hex(const Bits& a) {
    std::string s;
    for (int lo = (int(a.size()) - 1) / 4 * 4; lo >= 0; lo -= 4) {
        int d = 0;
        for (int k = 3; k >= 0; --k) d = d * 2 + (lo + k < int(a.size()) && a[lo + k]);
        s += "0123456789abcdef"[d];
    }
    return s;
}

/// Bits via x[i] reads.
template <int W, bool S>
Bits toBits(const ap_int_base<W, S>& x) {
    Bits r(W);
    for (int i = 0; i < W; ++i) r[i] = x[i];
    return r;
}

/// An ap value written bit by bit through x[i] = ...
template <class Ap>
Ap fromBits(const Bits& b) {
    Ap x;
    for (int i = 0; i < Ap::width; ++i) x[i] = bool(b[i]);
    return x;
}

/// A random pattern, biased toward edge cases: zero, all ones, lone sign bit, small values of
/// either sign, and patterns with runs across word boundaries.
inline Bits randomBits(int w, std::mt19937_64& rng) {
    Bits r(w);
    switch (rng() % 8) {
    case 0: // zero
        break;
    case 1: // all ones (-1)
        r.assign(w, true);
        break;
    case 2: // only the top bit (most negative)
        r[w - 1] = true;
        break;
    case 3: // small positive
        r = fromU64(rng() & 0xff, w);
        break;
    case 4: // small negative
        r = negate(fromU64(rng() & 0xff, w));
        break;
    default:
        for (int i = 0; i < w; ++i) r[i] = rng() & 1;
    }
    return r;
}

/// "label: value" as a QByteArray, so QCOMPARE shows context next to each side.
inline QByteArray tagged(const std::string& label, const Bits& v) {
    return QByteArray::fromStdString(label + ": 0x" + hex(v));
}

} // namespace apref
