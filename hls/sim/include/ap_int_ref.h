#pragma once
// Assignable proxies for one bit (x[i]) and a bit field (x.range(hi, lo), x(hi, lo)) of an ap
// value, and the operand mapping that lets C integers and proxies join ap arithmetic.
// Include <ap_int.h>, not this file.

#include "ap_int_base.h"

namespace ap_detail {

// Every operand of an ap operator maps to an ap_int_base: ap values to themselves, a bit to
// ap_uint<1>, a field to ap_uint<W> of its parent's width, a C integer to the ap type of its
// size and signedness (as Vitis does).
template <int W, bool S>
constexpr const ap_int_base<W, S>& operand(const ap_int_base<W, S>& x) {
    return x;
}
template <int W, bool S>
constexpr ap_int_base<1, false> operand(const ap_bit_ref<W, S>& b) {
    return bool(b);
}
template <int W, bool S>
constexpr ap_int_base<W, false> operand(const ap_range_ref<W, S>& r) {
    return r.get();
}
template <std::integral T>
constexpr ap_int_base<kIntWidth<T>, std::is_signed_v<T>> operand(T v) {
    return v;
}

/// An ap value, bit or field (not a C integer).
template <class T>
concept ApObject = !std::integral<T> && requires(const T& t) {
    ap_detail::operand(t);
};
/// Anything an ap operator accepts: an ApObject or a C integer.
template <class T>
concept ApOperand = requires(const T& t) {
    ap_detail::operand(t);
};

} // namespace ap_detail

/// Bit i of an ap value: reads as bool; assigning writes it (any nonzero value writes 1).
template <int W, bool S>
class ap_bit_ref {
public:
    constexpr ap_bit_ref(ap_int_base<W, S>* parent, int index) : m_parent(parent), m_index(index) {
        assert(index >= 0 && index < W && "ap_int: bit index out of range");
    }
    constexpr ap_bit_ref(const ap_bit_ref&) = default;

    constexpr operator bool() const { return m_parent->get_bit(m_index); }
    constexpr bool get() const { return bool(*this); }
    constexpr bool to_bool() const { return bool(*this); }
    constexpr bool operator~() const { return !bool(*this); }
    static constexpr int length() { return 1; }

    constexpr ap_bit_ref& operator=(bool v) {
        m_parent->set_bit(m_index, v);
        return *this;
    }
    // Copies the bit's value, never rebinds the proxy.
    constexpr ap_bit_ref& operator=(const ap_bit_ref& o) { return *this = bool(o); }
    template <class V>
    requires ap_detail::ApOperand<V>
    constexpr ap_bit_ref& operator=(const V& v) { return *this = !ap_detail::operand(v).iszero(); }

private:
    ap_int_base<W, S>* m_parent;
    int m_index;
};

/// Bits [hi..lo] of an ap value, 0 <= lo <= hi < W. Reads as ap_uint<W> (the field right-aligned
/// and zero-extended, as in Vitis) and converts implicitly to unsigned long long (its low 64
/// bits); assigning writes the low hi-lo+1 bits of the value.
template <int W, bool S>
class ap_range_ref {
public:
    constexpr ap_range_ref(ap_int_base<W, S>* parent, int hi, int lo) : m_parent(parent), m_hi(hi), m_lo(lo) {
        assert(lo >= 0 && lo <= hi && hi < W && "ap_int: range out of bounds");
    }
    constexpr ap_range_ref(const ap_range_ref&) = default;

    constexpr ap_int_base<W, false> get() const { return convert<W, false>(); }
    /// The field as ap_int_base<Wr, Sr>: what converting get() gives, without building it.
    template <int Wr, bool Sr>
    constexpr ap_int_base<Wr, Sr> convert() const {
        ap_int_base<Wr, Sr> v;
        ap_detail::extractField(ap_detail::Access::words(*m_parent), m_parent->kWords, m_lo, length(),
                                ap_detail::Access::words(v), v.kWords);
        ap_detail::Access::normalize(v);
        return v;
    }
    constexpr operator unsigned long long() const { return to_uint64(); }
    constexpr int to_int() const { return convert<64, false>().to_int(); }
    constexpr unsigned to_uint() const { return convert<64, false>().to_uint(); }
    constexpr long to_long() const { return convert<64, false>().to_long(); }
    constexpr unsigned long to_ulong() const { return convert<64, false>().to_ulong(); }
    constexpr long long to_int64() const { return convert<64, false>().to_int64(); }
    constexpr unsigned long long to_uint64() const { return convert<64, false>().to_uint64(); }
    std::string to_string(int radix = 2) const { return get().to_string(radix, false); }
    /// Field width in bits.
    constexpr int length() const { return m_hi - m_lo + 1; }

    // Copies the other field's value, never rebinds the proxy.
    constexpr ap_range_ref& operator=(const ap_range_ref& o) { return *this = o.get(); }
    template <class V>
    requires ap_detail::ApOperand<V>
    constexpr ap_range_ref& operator=(const V& v) {
        m_parent->set_range(m_hi, m_lo, ap_detail::operand(v));
        return *this;
    }

private:
    ap_int_base<W, S>* m_parent;
    int m_hi;
    int m_lo;
};
