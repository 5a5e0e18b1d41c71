#pragma once
// Operators of Bitfold's C-simulation ap_int types. Include <ap_int.h>, not this file.
//
// Result types follow Vitis: each operand (a C integer counts as the ap type of its size and
// signedness) is extended to a result wide enough to be exact, so `a + b` of ap_uint<8> is an
// ap_uint<9>; the value is truncated only on assignment. Shifts keep the left operand's type.

#include <ostream>
#include <utility>

#include "ap_int_ref.h"

namespace ap_detail {

/// Result types of a binary operation between ap_int_base<W1,S1> and ap_int_base<W2,S2>.
template <int W1, bool S1, int W2, bool S2>
struct RType {
    // Widths after making an unsigned operand signed-compatible with a signed one.
    static constexpr int kW1 = W1 + (S2 && !S1);
    static constexpr int kW2 = W2 + (S1 && !S2);
    using plus = ap_int_base<maxOf(kW1, kW2) + 1, S1 || S2>;
    using minus = ap_int_base<maxOf(kW1, kW2) + 1, true>;
    using mult = ap_int_base<W1 + W2, S1 || S2>;
    using div = ap_int_base<W1 + S2, S1 || S2>;
    using mod = ap_int_base<minOf(W1, W2 + (!S2 && S1)), S1>;
    using logic = ap_int_base<maxOf(kW1, kW2), S1 || S2>;
};

// The word loops below run on operands already extended to the result type R, so one loop
// serves every signedness; for W <= 64 each collapses to a single machine operation.

template <int W, bool S>
constexpr ap_int_base<W, S> addSame(const ap_int_base<W, S>& a, const ap_int_base<W, S>& b) {
    ap_int_base<W, S> r;
    u64* o = Access::words(r);
    u64 carry = 0;
    for (int i = 0; i < r.kWords; ++i) {
        const u64 t = a.word(i) + carry;
        const u64 s = t + b.word(i);
        carry = (t < carry) | (s < t);
        o[i] = s;
    }
    Access::normalize(r);
    return r;
}

template <int W, bool S>
constexpr ap_int_base<W, S> subSame(const ap_int_base<W, S>& a, const ap_int_base<W, S>& b) {
    ap_int_base<W, S> r;
    u64* o = Access::words(r);
    u64 borrow = 0;
    for (int i = 0; i < r.kWords; ++i) {
        const u64 t = a.word(i) - borrow;
        const u64 d = t - b.word(i);
        borrow = (a.word(i) < borrow) | (t < b.word(i));
        o[i] = d;
    }
    Access::normalize(r);
    return r;
}

// Schoolbook product modulo 2^(64*kWords); two's complement makes it right for signed too.
template <int W, bool S>
constexpr ap_int_base<W, S> mulSame(const ap_int_base<W, S>& a, const ap_int_base<W, S>& b) {
    ap_int_base<W, S> r;
    u64* o = Access::words(r);
    if constexpr (r.kWords == 1) {
        o[0] = a.word(0) * b.word(0);
    } else {
        for (int i = 0; i < r.kWords; ++i) {
            u64 carry = 0;
            for (int j = 0; i + j < r.kWords; ++j) {
                const u128 t = u128(a.word(i)) * b.word(j) + o[i + j] + carry;
                o[i + j] = u64(t);
                carry = u64(t >> 64);
            }
        }
    }
    Access::normalize(r);
    return r;
}

template <int W, bool S, class F>
constexpr ap_int_base<W, S> wordwise(const ap_int_base<W, S>& a, const ap_int_base<W, S>& b, F f) {
    ap_int_base<W, S> r;
    u64* o = Access::words(r);
    for (int i = 0; i < r.kWords; ++i) o[i] = f(a.word(i), b.word(i));
    Access::normalize(r);
    return r;
}

template <int W, bool S>
constexpr ap_int_base<W, S> shiftLeft(const ap_int_base<W, S>& a, u64 sh) {
    ap_int_base<W, S> r;
    if (sh >= u64(W)) return r;
    u64* o = Access::words(r);
    const int ws = int(sh >> 6), bs = int(sh & 63);
    for (int i = r.kWords - 1; i >= ws; --i) {
        const u64 lo = i - ws - 1 >= 0 ? a.word(i - ws - 1) : 0;
        o[i] = bs == 0 ? a.word(i - ws) : (a.word(i - ws) << bs) | (lo >> (64 - bs));
    }
    Access::normalize(r);
    return r;
}

// Arithmetic for ap_int (the sign fills in), logical for ap_uint.
template <int W, bool S>
constexpr ap_int_base<W, S> shiftRight(const ap_int_base<W, S>& a, u64 sh) {
    ap_int_base<W, S> r;
    u64* o = Access::words(r);
    const u64 fill = a.fillWord();
    if (sh >= u64(W)) {
        for (int i = 0; i < r.kWords; ++i) o[i] = fill;
        return r;
    }
    const int ws = int(sh >> 6), bs = int(sh & 63);
    for (int i = 0; i < r.kWords; ++i) {
        const u64 lo = i + ws < r.kWords ? a.word(i + ws) : fill;
        const u64 hi = i + ws + 1 < r.kWords ? a.word(i + ws + 1) : fill;
        o[i] = bs == 0 ? lo : (lo >> bs) | (hi << (64 - bs));
    }
    return r;
}

/// Shift distance of an ap value: its magnitude (saturated past 2^32), negative when signed
/// and below zero; Vitis shifts the other way then.
template <int W, bool S>
constexpr u64 shiftDistance(const ap_int_base<W, S>& b, bool& negative) {
    negative = b.isNegative();
    // W unsigned bits hold the magnitude, even that of the most negative value.
    const ap_int_base<W, false> m =
        negative ? subSame(ap_int_base<W, false>(0), ap_int_base<W, false>(b)) : ap_int_base<W, false>(b);
    for (int i = 1; i < m.kWords; ++i)
        if (m.word(i) != 0) return u64{1} << 32;
    return m.word(0) > (u64{1} << 32) ? u64{1} << 32 : m.word(0);
}

template <int W, bool S, int W2, bool S2>
constexpr ap_int_base<W, S> shl(const ap_int_base<W, S>& a, const ap_int_base<W2, S2>& b) {
    bool negative = false;
    const u64 sh = shiftDistance(b, negative);
    return negative ? shiftRight(a, sh) : shiftLeft(a, sh);
}

template <int W, bool S, int W2, bool S2>
constexpr ap_int_base<W, S> shr(const ap_int_base<W, S>& a, const ap_int_base<W2, S2>& b) {
    bool negative = false;
    const u64 sh = shiftDistance(b, negative);
    return negative ? shiftLeft(a, sh) : shiftRight(a, sh);
}

/// Exact comparison of the two values: -1, 0 or 1.
template <int W1, bool S1, int W2, bool S2>
constexpr int compareValues(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
    if constexpr (W1 < 64 + S1 && W2 < 64 + S2) { // both fit a signed 64-bit integer
        const auto x = std::int64_t(a.word(0)), y = std::int64_t(b.word(0));
        return (x > y) - (x < y);
    } else {
        const auto fa = std::int64_t(a.fillWord()), fb = std::int64_t(b.fillWord());
        if (fa != fb) return fa < fb ? -1 : 1; // opposite signs
        for (int i = maxOf(a.kWords, b.kWords) - 1; i >= 0; --i) {
            const u64 x = i < a.kWords ? a.word(i) : u64(fa), y = i < b.kWords ? b.word(i) : u64(fb);
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }
}

/// Ordering as Vitis does it (the gcc rule): exact, except that when an unsigned operand of at
/// least 32 bits meets a signed one no wider, C converts the signed one to unsigned, so a
/// negative value compares greater than every unsigned value.
template <int W1, bool S1, int W2, bool S2>
constexpr int compareOrder(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
    if constexpr (S1 != S2) {
        constexpr int wu = S1 ? W2 : W1, ws = S1 ? W1 : W2;
        if constexpr (wu >= 32 && wu >= ws) {
            if (a.isNegative()) return 1;
            if (b.isNegative()) return -1;
        }
    }
    return compareValues(a, b);
}

/// Quotient or remainder, rounded toward zero as in C, in the Vitis div type (which also holds
/// every remainder).
template <int W1, bool S1, int W2, bool S2>
constexpr auto divide(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b, bool wantRemainder) {
    using D = typename RType<W1, S1, W2, S2>::div;
    assert(!b.iszero() && "ap_int: division by zero");
    if constexpr (W1 <= 64 && W2 <= 64 && !S1 && !S2) {
        return D(wantRemainder ? a.to_uint64() % b.to_uint64() : a.to_uint64() / b.to_uint64());
    } else if constexpr (W1 <= 64 && W2 <= 64) {
        __extension__ typedef __int128 i128;
        const i128 x = S1 ? i128(a.to_int64()) : i128(a.to_uint64());
        const i128 y = S2 ? i128(b.to_int64()) : i128(b.to_uint64());
        const i128 q = wantRemainder ? x % y : x / y;
        ap_int_base<128, true> wide;
        Access::words(wide)[0] = u64(q);
        Access::words(wide)[1] = u64(q >> 64);
        return D(wide);
    } else {
        // Restoring long division of the magnitudes, which fit M unsigned bits.
        constexpr int M = maxOf(W1, W2);
        using U = ap_int_base<M, false>;
        const bool negA = a.isNegative(), negB = b.isNegative();
        const U x = negA ? subSame(U(0), U(a)) : U(a);
        const U y = negB ? subSame(U(0), U(b)) : U(b);
        // Before bit i, r <= x >> (i + 1) < 2^(M-1): shifting it left never loses a bit.
        U q, r;
        for (int i = M - 1; i >= 0; --i) {
            r = shiftLeft(r, 1);
            r.set_bit(0, x.get_bit(i));
            if (compareValues(r, y) >= 0) {
                r = subSame(r, y);
                q.set_bit(i, true);
            }
        }
        const bool negResult = wantRemainder ? negA : negA != negB;
        const D mag = wantRemainder ? D(r) : D(q);
        return negResult ? subSame(D(0), mag) : mag;
    }
}

template <class A, class B>
concept ApBinary = ApOperand<A> && ApOperand<B> &&(ApObject<A> || ApObject<B>);

/// The ap_int_base type an operand of type A acts as.
template <class A>
using OperandT = std::remove_cvref_t<decltype(operand(std::declval<const A&>()))>;
template <class A, class B>
using RTypeOf = RType<OperandT<A>::width, OperandT<A>::sign_flag, OperandT<B>::width, OperandT<B>::sign_flag>;

} // namespace ap_detail

// Arithmetic and bitwise operators: the exact result in the Vitis result type.
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator+(const A& a, const B& b) {
    using R = typename ap_detail::RTypeOf<A, B>::plus;
    return ap_detail::addSame(R(ap_detail::operand(a)), R(ap_detail::operand(b)));
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator-(const A& a, const B& b) {
    using R = typename ap_detail::RTypeOf<A, B>::minus;
    return ap_detail::subSame(R(ap_detail::operand(a)), R(ap_detail::operand(b)));
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator*(const A& a, const B& b) {
    using R = typename ap_detail::RTypeOf<A, B>::mult;
    return ap_detail::mulSame(R(ap_detail::operand(a)), R(ap_detail::operand(b)));
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator/(const A& a, const B& b) {
    return ap_detail::divide(ap_detail::operand(a), ap_detail::operand(b), false);
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator%(const A& a, const B& b) {
    using R = typename ap_detail::RTypeOf<A, B>::mod;
    return R(ap_detail::divide(ap_detail::operand(a), ap_detail::operand(b), true));
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator&(const A& a, const B& b) {
    using R = typename ap_detail::RTypeOf<A, B>::logic;
    return ap_detail::wordwise(R(ap_detail::operand(a)), R(ap_detail::operand(b)),
                               [](ap_detail::u64 p, ap_detail::u64 q) { return p & q; });
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator|(const A& a, const B& b) {
    using R = typename ap_detail::RTypeOf<A, B>::logic;
    return ap_detail::wordwise(R(ap_detail::operand(a)), R(ap_detail::operand(b)),
                               [](ap_detail::u64 p, ap_detail::u64 q) { return p | q; });
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr auto operator^(const A& a, const B& b) {
    using R = typename ap_detail::RTypeOf<A, B>::logic;
    return ap_detail::wordwise(R(ap_detail::operand(a)), R(ap_detail::operand(b)),
                               [](ap_detail::u64 p, ap_detail::u64 q) { return p ^ q; });
}

// Shifts keep the type of the ap left operand; bits shifted past W are lost. A negative signed
// distance shifts the other way; a distance of W or more gives 0 (or -1 for a negative ap_int
// shifted right). A C integer on the left shifts as C does.
template <class A, class B>
requires ap_detail::ApObject<A> && ap_detail::ApOperand<B>
constexpr auto operator<<(const A& a, const B& b) {
    return ap_detail::shl(ap_detail::operand(a), ap_detail::operand(b));
}
template <class A, class B>
requires ap_detail::ApObject<A> && ap_detail::ApOperand<B>
constexpr auto operator>>(const A& a, const B& b) {
    return ap_detail::shr(ap_detail::operand(a), ap_detail::operand(b));
}

// Equality compares values exactly; ordering follows compareOrder() above.
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr bool operator==(const A& a, const B& b) {
    return ap_detail::compareValues(ap_detail::operand(a), ap_detail::operand(b)) == 0;
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr bool operator!=(const A& a, const B& b) {
    return ap_detail::compareValues(ap_detail::operand(a), ap_detail::operand(b)) != 0;
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr bool operator<(const A& a, const B& b) {
    return ap_detail::compareOrder(ap_detail::operand(a), ap_detail::operand(b)) < 0;
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr bool operator<=(const A& a, const B& b) {
    return ap_detail::compareOrder(ap_detail::operand(a), ap_detail::operand(b)) <= 0;
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr bool operator>(const A& a, const B& b) {
    return ap_detail::compareOrder(ap_detail::operand(a), ap_detail::operand(b)) > 0;
}
template <class A, class B>
requires ap_detail::ApBinary<A, B>
constexpr bool operator>=(const A& a, const B& b) {
    return ap_detail::compareOrder(ap_detail::operand(a), ap_detail::operand(b)) >= 0;
}

// Unary operators: -x is signed and one bit wider (exact); ~x keeps the type.
template <int W, bool S>
constexpr auto operator-(const ap_int_base<W, S>& x) {
    return ap_int_base<1, false>(0) - x;
}
template <int W, bool S>
constexpr ap_int_base<W, S> operator+(const ap_int_base<W, S>& x) {
    return x;
}
template <int W, bool S>
constexpr ap_int_base<W, S> operator~(const ap_int_base<W, S>& x) {
    return ap_detail::wordwise(x, x, [](ap_detail::u64 p, ap_detail::u64) { return ~p; });
}
template <int W, bool S>
constexpr bool operator!(const ap_int_base<W, S>& x) {
    return x.iszero();
}
template <int W, bool S>
constexpr ap_int_base<W, false> operator~(const ap_range_ref<W, S>& r) {
    return ~r.get();
}

/// Concatenation (a, b): a above b, as ap_uint<W1 + W2>. Read-only here; Vitis also allows
/// assigning to a concatenation.
template <int W1, bool S1, int W2, bool S2>
constexpr ap_int_base<W1 + W2, false> operator,(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
    return a.concat(b);
}

/// Prints the value in decimal, or its W-bit pattern in hex/octal under std::hex/std::oct.
template <int W, bool S>
std::ostream& operator<<(std::ostream& os, const ap_int_base<W, S>& x) {
    const auto base = os.flags() & std::ios_base::basefield;
    if (base == std::ios_base::hex || base == std::ios_base::oct) {
        const std::string s = x.to_string(base == std::ios_base::hex ? 16 : 8, false);
        return os << ((os.flags() & std::ios_base::showbase) ? s : s.substr(2));
    }
    return os << x.to_string(10);
}
template <int W, bool S>
std::ostream& operator<<(std::ostream& os, const ap_range_ref<W, S>& r) {
    return os << r.get();
}
