#pragma once
// Storage, construction and conversion of Bitfold's C-simulation ap_int types. A from-scratch,
// compatible subset of the public Vitis HLS API; include <ap_int.h>, not this file.
//
// Representation: little-endian 64-bit words. The value is kept canonical: the bits of the top
// word above W repeat the sign bit (ap_int) or are zero (ap_uint). Every operation relies on
// that, so a W <= 64 value is one uint64_t whose arithmetic compiles to plain machine integers.

#include <bit>
#include <cassert>
#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>

template <int W, bool S>
class ap_int_base;
template <int W, bool S>
class ap_bit_ref;
template <int W, bool S>
class ap_range_ref;

namespace ap_detail {

/// Widest ap_uint/ap_int in bits (Vitis: AP_INT_MAX_W, which this sim does not read).
inline constexpr int kMaxWidth = 4096;
/// Widest intermediate result in bits, so that e.g. the product of two ap_uint<4096> is exact.
inline constexpr int kMaxResultWidth = 4 * kMaxWidth;

using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

constexpr int maxOf(int a, int b) { return a > b ? a : b; }
constexpr int minOf(int a, int b) { return a < b ? a : b; }
/// Mask of the low `bits` bits, 0..64.
constexpr u64 lowMask(int bits) { return bits >= 64 ? ~u64{0} : (u64{1} << bits) - 1; }

/// A C integer acts as the ap type of its size and signedness (bool as ap_uint<1>), as in Vitis.
template <class T>
inline constexpr int kIntWidth = std::is_same_v<T, bool> ? 1 : int(sizeof(T) * 8);

/// Bits [lo, lo+len) of a word array of n words, right-aligned; len 1..64, bits past the
/// array read as `fill`.
constexpr u64 bitsAt(const u64* w, int n, u64 fill, int lo, int len) {
    const int q = lo >> 6, r = lo & 63;
    const u64 a = q < n ? w[q] : fill;
    const u64 b = q + 1 < n ? w[q + 1] : fill;
    const u64 v = r == 0 ? a : (a >> r) | (b << (64 - r));
    return v & lowMask(len);
}

/// Writes the low `len` bits of `v` to bits [lo, lo+len) of w (n words); len 1..64, and the
/// field lies inside the array.
constexpr void putBits(u64* w, int n, int lo, int len, u64 v) {
    const int q = lo >> 6, r = lo & 63;
    const u64 m = lowMask(len);
    v &= m;
    w[q] = (w[q] & ~(m << r)) | (v << r);
    if (r + len > 64 && q + 1 < n) {
        const int spill = r + len - 64;
        w[q + 1] = (w[q + 1] & ~lowMask(spill)) | (v >> (64 - r));
    }
}

/// Bits [lo, lo+len) of src (n words), right-aligned and zero-extended into out (nOut words);
/// reads only the words the output needs, so a narrow field of a wide value stays cheap.
constexpr void extractField(const u64* src, int n, int lo, int len, u64* out, int nOut) {
    for (int j = 0; j < nOut; ++j) {
        const int left = len - 64 * j;
        out[j] = left > 0 ? bitsAt(src, n, 0, lo + 64 * j, minOf(64, left)) : 0;
    }
}

/// Friend of ap_int_base: gives the algorithms in this namespace write access to the words.
struct Access {
    template <int W, bool S>
    static constexpr u64* words(ap_int_base<W, S>& x) {
        return x.m_w;
    }
    template <int W, bool S>
    static constexpr void normalize(ap_int_base<W, S>& x) {
        x.normalize();
    }
};

} // namespace ap_detail

/// Two's-complement integer of W bits, signed when S. Base of ap_uint<W> (S false) and ap_int<W>
/// (S true), W = 1..4096; arithmetic results are ap_int_base types wide enough to be exact,
/// up to 16384 bits.
template <int W, bool S>
class ap_int_base {
    static_assert(W >= 1, "ap_int/ap_uint: width W must be at least 1 bit");
    static_assert(W <= ap_detail::kMaxResultWidth, "ap_int: intermediate results are limited to 16384 bits");
    using u64 = ap_detail::u64;
    friend struct ap_detail::Access;
    template <int, bool>
    friend class ap_int_base;

public:
    static constexpr int width = W;
    static constexpr bool sign_flag = S;
    /// Storage in 64-bit words.
    static constexpr int kWords = (W + 63) / 64;

    constexpr ap_int_base() = default;

    /// From a C integer: its value sign- or zero-extended per its own type, then truncated to W.
    template <std::integral T>
    constexpr ap_int_base(T v) {
        m_w[0] = static_cast<u64>(v); // modulo 2^64: a negative value arrives sign-extended
        if constexpr (kWords > 1) {
            u64 fill = 0;
            if constexpr (std::is_signed_v<T>) fill = v < 0 ? ~u64{0} : 0;
            for (int i = 1; i < kWords; ++i) m_w[i] = fill;
        }
        normalize();
    }

    /// From another width: extended per the source's signedness, then truncated to W (Vitis rule).
    template <int W2, bool S2>
    constexpr ap_int_base(const ap_int_base<W2, S2>& o) {
        for (int i = 0; i < kWords; ++i) m_w[i] = i < o.kWords ? o.word(i) : o.fillWord();
        normalize();
    }
    template <int W2, bool S2>
    constexpr ap_int_base(const ap_bit_ref<W2, S2>& b) : ap_int_base(bool(b)) {}
    template <int W2, bool S2>
    constexpr ap_int_base(const ap_range_ref<W2, S2>& r) : ap_int_base(r.template convert<W, S>()) {}

    /// Parses an optional sign, an optional 0b/0o/0x prefix and digits. radix 2, 8, 10 or 16;
    /// 0 picks it from the prefix (decimal without one). Too many digits truncate to W bits.
    constexpr ap_int_base(const char* s, int radix = 0) {
        assert(s && (radix == 0 || radix == 2 || radix == 8 || radix == 10 || radix == 16));
        const bool negative = *s == '-';
        if (*s == '-' || *s == '+') ++s;
        int prefixRadix = 0;
        if (s[0] == '0' && s[1] != '\0') {
            const char p = char(s[1] | 0x20);
            prefixRadix = p == 'b' ? 2 : p == 'o' ? 8 : p == 'x' ? 16 : 0;
        }
        if (prefixRadix != 0 && (radix == 0 || radix == prefixRadix)) {
            radix = prefixRadix;
            s += 2;
        }
        if (radix == 0) radix = 10;
        for (; *s; ++s) {
            const char c = char(*s | 0x20);
            const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
            assert(digit < radix && "ap_int: invalid digit in string");
            if (digit >= radix) break;
            u64 carry = u64(digit);
            for (int i = 0; i < kWords; ++i) {
                const ap_detail::u128 t = ap_detail::u128(m_w[i]) * u64(radix) + carry;
                m_w[i] = u64(t);
                carry = u64(t >> 64);
            }
        }
        if (negative) negateInPlace();
        normalize();
    }

    // Implicit conversion to a C integer exists for W <= 64 only (Vitis converts every width,
    // truncating silently); wider values use to_uint64() and friends.
    // One conversion function, not two constrained ones: `switch (x)` needs a single candidate.
    using c_int_type = std::conditional_t<S, long long, unsigned long long>;
    constexpr operator c_int_type() const requires(W <= 64) { return static_cast<c_int_type>(m_w[0]); }
    constexpr explicit operator bool() const requires(W > 64) { return !iszero(); }

    /// Low bits as C integers; narrower values are sign- or zero-extended first.
    constexpr int to_int() const { return static_cast<int>(m_w[0]); }
    constexpr unsigned to_uint() const { return static_cast<unsigned>(m_w[0]); }
    constexpr long to_long() const { return static_cast<long>(m_w[0]); }
    constexpr unsigned long to_ulong() const { return static_cast<unsigned long>(m_w[0]); }
    constexpr long long to_int64() const { return static_cast<long long>(m_w[0]); }
    constexpr unsigned long long to_uint64() const { return m_w[0]; }
    constexpr bool to_bool() const { return !iszero(); }
    double to_double() const {
        if (isNegative()) {
            ap_int_base m = *this;
            m.negateInPlace(); // the magnitude of the most negative value still reads right unsigned
            return -ap_int_base<W, false>(m).to_double();
        }
        double d = 0;
        for (int i = kWords - 1; i >= 0; --i) d = d * 18446744073709551616.0 + double(m_w[i]);
        return d;
    }
    /// Width in bits.
    static constexpr int length() { return W; }

    /// Raw 64-bit word i (0 = least significant) of the canonical representation.
    constexpr u64 word(int i) const { return m_w[i]; }
    /// The word that continues the value past its top word: all ones for a negative ap_int.
    constexpr u64 fillWord() const {
        if constexpr (S)
            return u64(std::int64_t(m_w[kWords - 1]) >> 63);
        else
            return 0;
    }
    constexpr bool isNegative() const { return S && (m_w[kWords - 1] >> 63) != 0; }

    // Single bits; index 0..W-1 (checked by assert).
    constexpr bool operator[](int i) const { return get_bit(i); }
    constexpr ap_bit_ref<W, S> operator[](int i) { return ap_bit_ref<W, S>(this, i); }
    constexpr bool get_bit(int i) const {
        assert(i >= 0 && i < W && "ap_int: bit index out of range");
        return (m_w[i >> 6] >> (i & 63)) & 1;
    }
    constexpr bool test(int i) const { return get_bit(i); }
    constexpr void set_bit(int i, bool v) {
        assert(i >= 0 && i < W && "ap_int: bit index out of range");
        const u64 m = u64{1} << (i & 63);
        m_w[i >> 6] = v ? m_w[i >> 6] | m : m_w[i >> 6] & ~m;
        normalize();
    }
    constexpr void set(int i) { set_bit(i, true); }
    constexpr void clear(int i) { set_bit(i, false); }
    constexpr void invert(int i) { set_bit(i, !get_bit(i)); }

    // Bit fields [hi..lo], 0 <= lo <= hi < W (checked by assert; Vitis also allows hi < lo to
    // read reversed, this sim does not). The proxy reads as ap_uint<W> and is assignable.
    constexpr ap_range_ref<W, S> range(int hi, int lo) { return ap_range_ref<W, S>(this, hi, lo); }
    constexpr ap_range_ref<W, S> operator()(int hi, int lo) { return range(hi, lo); }
    // As in Vitis, a const value hands out a proxy too; writing through it is undefined.
    constexpr ap_range_ref<W, S> range(int hi, int lo) const {
        return ap_range_ref<W, S>(const_cast<ap_int_base*>(this), hi, lo);
    }
    constexpr ap_range_ref<W, S> operator()(int hi, int lo) const { return range(hi, lo); }
    constexpr ap_range_ref<W, S> range() { return range(W - 1, 0); }

    /// Bits [hi..lo] right-aligned and zero-extended, with the same preconditions as range().
    constexpr ap_int_base<W, false> get_range(int hi, int lo) const {
        assert(lo >= 0 && lo <= hi && hi < W && "ap_int: range out of bounds");
        ap_int_base<W, false> r;
        ap_detail::extractField(m_w, kWords, lo, hi - lo + 1, r.m_w, kWords);
        return r;
    }
    /// Writes the low hi-lo+1 bits of v (sign- or zero-extended per S2 first) to bits [hi..lo].
    template <int W2, bool S2>
    constexpr void set_range(int hi, int lo, const ap_int_base<W2, S2>& v) {
        assert(lo >= 0 && lo <= hi && hi < W && "ap_int: range out of bounds");
        const int len = hi - lo + 1;
        for (int j = 0; j * 64 < len; ++j)
            ap_detail::putBits(m_w, kWords, lo + 64 * j, ap_detail::minOf(64, len - 64 * j),
                               j < v.kWords ? v.word(j) : v.fillWord());
        normalize();
    }

    constexpr bool iszero() const {
        for (int i = 0; i < kWords; ++i)
            if (m_w[i] != 0) return false;
        return true;
    }
    /// The sign bit of an ap_int; false for ap_uint.
    constexpr bool sign() const { return isNegative(); }
    constexpr bool and_reduce() const { return topBits(m_w[kWords - 1]) == topBits(~u64{0}) && allLowOnes(); }
    constexpr bool or_reduce() const { return !iszero(); }
    constexpr bool xor_reduce() const {
        int ones = 0;
        for (int i = 0; i < kWords; ++i) ones += std::popcount(i == kWords - 1 ? topBits(m_w[i]) : m_w[i]);
        return ones & 1;
    }
    /// Leading zero bits counted from bit W-1 (W for zero).
    constexpr int countLeadingZeros() const {
        for (int i = kWords - 1; i >= 0; --i) {
            const u64 v = i == kWords - 1 ? topBits(m_w[i]) : m_w[i];
            if (v != 0) return (kWords - 1 - i) * 64 + std::countl_zero(v) - (kWords * 64 - W);
        }
        return W;
    }
    /// Bits in reverse order (bit 0 becomes bit W-1).
    constexpr ap_int_base reverse() const {
        ap_int_base r;
        for (int i = 0; i < W; ++i)
            if (get_bit(i)) r.m_w[(W - 1 - i) >> 6] |= u64{1} << ((W - 1 - i) & 63);
        r.normalize();
        return r;
    }

    /// Digits of the value: radix 10 gives plain decimal, 2/8/16 a 0b/0o/0x prefix and no
    /// leading zeros; a '-' precedes negative values when `sign`. The format is for messages
    /// and may differ from Vitis's in details.
    std::string to_string(int radix = 2, bool sign = S) const;

    // Compound assignment, increment and decrement wrap modulo 2^W, as in Vitis. The operators
    // themselves live in ap_int_ops.h.
    template <class B>
    constexpr ap_int_base& operator+=(const B& b) {
        return *this = *this + b;
    }
    template <class B>
    constexpr ap_int_base& operator-=(const B& b) {
        return *this = *this - b;
    }
    template <class B>
    constexpr ap_int_base& operator*=(const B& b) {
        return *this = *this * b;
    }
    template <class B>
    constexpr ap_int_base& operator/=(const B& b) {
        return *this = *this / b;
    }
    template <class B>
    constexpr ap_int_base& operator%=(const B& b) {
        return *this = *this % b;
    }
    template <class B>
    constexpr ap_int_base& operator&=(const B& b) {
        return *this = *this & b;
    }
    template <class B>
    constexpr ap_int_base& operator|=(const B& b) {
        return *this = *this | b;
    }
    template <class B>
    constexpr ap_int_base& operator^=(const B& b) {
        return *this = *this ^ b;
    }
    template <class B>
    constexpr ap_int_base& operator<<=(const B& b) {
        return *this = *this << b;
    }
    template <class B>
    constexpr ap_int_base& operator>>=(const B& b) {
        return *this = *this >> b;
    }
    constexpr ap_int_base& operator++() {
        for (int i = 0; i < kWords && ++m_w[i] == 0; ++i) {
        }
        normalize();
        return *this;
    }
    constexpr ap_int_base& operator--() {
        for (int i = 0; i < kWords && m_w[i]-- == 0; ++i) {
        }
        normalize();
        return *this;
    }
    constexpr ap_int_base operator++(int) {
        const ap_int_base old = *this;
        ++*this;
        return old;
    }
    constexpr ap_int_base operator--(int) {
        const ap_int_base old = *this;
        --*this;
        return old;
    }

    /// Concatenation: this value above `lo`, as ap_uint<W + W2> (Vitis: a.concat(b) or (a, b)).
    template <int W2, bool S2>
    constexpr ap_int_base<W + W2, false> concat(const ap_int_base<W2, S2>& lo) const {
        ap_int_base<W + W2, false> r{ap_int_base<W2, false>(lo)};
        r.set_range(W + W2 - 1, W2, ap_int_base<W, false>(*this));
        return r;
    }

private:
    // Restores the canonical form after a write: bits above W copy bit W-1 or are cleared.
    constexpr void normalize() {
        if constexpr (W % 64 != 0) {
            constexpr int spare = 64 - W % 64;
            u64& top = m_w[kWords - 1];
            if constexpr (S)
                top = u64(std::int64_t(top << spare) >> spare);
            else
                top &= ap_detail::lowMask(W % 64);
        }
    }
    constexpr void negateInPlace() {
        u64 carry = 1;
        for (int i = 0; i < kWords; ++i) {
            m_w[i] = ~m_w[i] + carry;
            carry = carry && m_w[i] == 0;
        }
    }
    // The top word restricted to its W % 64 live bits.
    static constexpr u64 topBits(u64 top) { return top & ap_detail::lowMask(W - (kWords - 1) * 64); }
    constexpr bool allLowOnes() const {
        for (int i = 0; i + 1 < kWords; ++i)
            if (m_w[i] != ~u64{0}) return false;
        return true;
    }

    u64 m_w[kWords] = {};
};

template <int W, bool S>
std::string ap_int_base<W, S>::to_string(int radix, bool sign) const {
    assert(radix == 2 || radix == 8 || radix == 10 || radix == 16);
    const bool negative = sign && get_bit(W - 1);
    // The magnitude fits W unsigned bits, even that of the most negative value.
    ap_int_base<W, false> mag(*this);
    if (negative) {
        mag.negateInPlace();
        mag.normalize();
    }
    std::string digits;
    if (radix == 10) {
        constexpr u64 kChunk = 10'000'000'000'000'000'000ull; // 10^19, the largest power in a word
        u64* w = mag.m_w;
        while (!mag.iszero()) {
            u64 rem = 0;
            for (int i = mag.kWords - 1; i >= 0; --i) {
                const ap_detail::u128 cur = (ap_detail::u128(rem) << 64) | w[i];
                w[i] = u64(cur / kChunk);
                rem = u64(cur % kChunk);
            }
            for (int k = 0; k < 19 && (rem != 0 || !mag.iszero()); ++k, rem /= 10)
                digits.insert(digits.begin(), char('0' + rem % 10));
        }
    } else {
        const int bitsPerDigit = std::countr_zero(unsigned(radix));
        for (int lo = 0; lo < W; lo += bitsPerDigit) {
            const int len = ap_detail::minOf(bitsPerDigit, W - lo);
            digits.insert(digits.begin(), "0123456789abcdef"[mag.get_range(lo + len - 1, lo).to_uint()]);
        }
        digits.erase(0, ap_detail::minOf(int(digits.find_first_not_of('0')), int(digits.size()) - 1));
    }
    if (digits.empty()) digits = "0";
    const char* prefix = radix == 2 ? "0b" : radix == 8 ? "0o" : radix == 16 ? "0x" : "";
    return (negative ? "-" : "") + std::string(prefix) + digits;
}
