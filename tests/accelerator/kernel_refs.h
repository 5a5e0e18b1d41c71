#pragma once
// Plain C++ references for the kernel testbenches, and packing helpers between logical
// values and the kernels' packed stream words. Values follow docs/semantics.md.
#include "bitfold_kernels.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <type_traits>
#include <vector>

namespace refs {

using namespace bitfold::hw;

/// Kernel element types by bit width: 1 bit is Binary (+-1), else Signed (weights) or
/// Unsigned (activations).
template <int B>
using WeightT = std::conditional_t<B == 1, Binary, Signed<(B < 2 ? 2 : B)>>;
template <int B>
using ActT = std::conditional_t<B == 1, Binary, Unsigned<(B < 1 ? 1 : B)>>;

/// Raw bits of a value of T.
template <class T>
unsigned long long raw(long long v) {
    if constexpr (T::isBinary)
        return v > 0 ? 1 : 0;
    else
        return (unsigned long long)v & ((1ull << T::bits) - 1);
}

/// A uniformly random value of T.
template <class T>
long long randomValue(std::mt19937& rng) {
    if constexpr (T::isBinary)
        return rng() & 1 ? 1 : -1;
    else
        return std::uniform_int_distribution<long long>(T::minValue, T::maxValue)(rng);
}

/// Packs N values of T into one word, element i at bits [i*bits, (i+1)*bits).
template <class T, unsigned N>
ap_uint<N * T::bits> pack(const long long* v) {
    ap_uint<N* T::bits> w = 0;
    for (unsigned i = 0; i < N; ++i) w.range((i + 1) * T::bits - 1, i * T::bits) = raw<T>(v[i]);
    return w;
}

template <class T, unsigned N>
void unpack(const ap_uint<N * T::bits>& w, long long* v) {
    for (unsigned i = 0; i < N; ++i) v[i] = T::value(w.range((i + 1) * T::bits - 1, i * T::bits).to_uint64());
}

/// Writes values to a stream N per word.
template <class T, unsigned N>
void push(hls::stream<ap_uint<N * T::bits>>& s, const std::vector<long long>& v) {
    for (std::size_t i = 0; i < v.size(); i += N) s.write(pack<T, N>(&v[i]));
}

/// Reads every word of a stream as values.
template <class T, unsigned N>
std::vector<long long> drain(hls::stream<ap_uint<N * T::bits>>& s) {
    std::vector<long long> v;
    while (!s.empty()) {
        long long e[N];
        unpack<T, N>(s.read(), e);
        v.insert(v.end(), e, e + N);
    }
    return v;
}

/// Vectors of `width` values (one per output pixel, back to back) in the order an MMV
/// kernel reads them: per group of `mmv` vectors, per fold of `simd` columns, each vector's
/// `simd` values side by side.
inline std::vector<long long> interleavePixels(const std::vector<long long>& x, unsigned width, unsigned simd,
                                               unsigned mmv) {
    std::vector<long long> r;
    r.reserve(x.size());
    const std::size_t vectors = x.size() / width;
    for (std::size_t g = 0; g < vectors / mmv; ++g)
        for (unsigned sf = 0; sf < width / simd; ++sf)
            for (unsigned j = 0; j < mmv; ++j)
                for (unsigned i = 0; i < simd; ++i) r.push_back(x[(g * mmv + j) * width + sf * simd + i]);
    return r;
}

/// Activation of an accumulator (docs/semantics.md): the count of thresholds <= acc, as +-1
/// for Binary.
template <class TO>
long long activate(long long acc, const int* t) {
    long long count = 0;
    for (int k = 0; k < (1 << TO::bits) - 1; ++k) count += acc >= t[k];
    if constexpr (TO::isBinary)
        return count ? 1 : -1;
    else
        return count;
}

/// Random ascending thresholds around the accumulator range +-span.
inline std::vector<int> randomThresholds(std::mt19937& rng, std::size_t rows, int count, long long span) {
    std::vector<int> t(rows * count);
    std::uniform_int_distribution<long long> d(-span - 1, span + 1);
    for (std::size_t r = 0; r < rows; ++r) {
        std::vector<int> row(count);
        for (int& x : row) x = int(d(rng));
        std::sort(row.begin(), row.end());
        std::copy(row.begin(), row.end(), t.begin() + r * count);
    }
    return t;
}

/// Weights of a logical MH x MW matrix in the MVTU ROM layout [PE][NF*SF][words].
template <class TW, unsigned MW, unsigned MH, unsigned SIMD, unsigned PE>
void packWeights(const std::vector<long long>& w,
                 unsigned long long (&rom)[PE][(MH / PE) * (MW / SIMD)][romWords(SIMD * TW::bits)]) {
    constexpr unsigned SF = MW / SIMD;
    for (unsigned pe = 0; pe < PE; ++pe)
        for (unsigned t = 0; t < (MH / PE) * SF; ++t) {
            const unsigned row = (t / SF) * PE + pe, col0 = (t % SF) * SIMD;
            for (unsigned k = 0; k < romWords(SIMD * TW::bits); ++k) rom[pe][t][k] = 0;
            for (unsigned i = 0; i < SIMD; ++i) {
                const unsigned long long r = raw<TW>(w[std::size_t(row) * MW + col0 + i]);
                const unsigned bit = i * TW::bits;
                rom[pe][t][bit / 64] |= r << (bit % 64);
                if (bit % 64 + TW::bits > 64) rom[pe][t][bit / 64 + 1] |= r >> (64 - bit % 64);
            }
        }
}

} // namespace refs
