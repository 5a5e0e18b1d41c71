#pragma once
// The matrix geometry of a matrix layer (FC or convolution lowered to a matrix-vector
// product) and the width of its accumulator, in one place. The engine (layers, parameter
// packages, the golden reference, the precision resolver) and the kernels (hls/kernels/types.hpp)
// both include this header, like cycles.h, so a package, a cost estimate and the hardware
// cannot disagree on a matrix's shape or an accumulator's width. Plain constexpr on integers,
// no library: it must compile under Vitis HLS too.

namespace bitfold::geometry {

using dim_t = long long;
using magnitude_t = unsigned long long;

/// Matrix width MW, the inputs per output: K*K*C_in/groups for a convolution of side
/// `kernel` over `inChannels` channels (groups divides them), `inChannels` for FC (kernel 1,
/// groups 1).
constexpr dim_t matrixWidth(dim_t kernel, dim_t inChannels, dim_t groups) {
    return kernel * kernel * (inChannels / groups);
}

/// Matrix height MH, the outputs: the output channels (features for FC).
constexpr dim_t matrixHeight(dim_t outChannels) { return outChannels; }

/// Weights of an MH x MW matrix.
constexpr dim_t matrixWeights(dim_t mh, dim_t mw) { return mh * mw; }

/// Largest magnitude of a `bits`-bit weight: 1 for binary (+-1), else the narrow signed range
/// 2^(bits-1) - 1. Below 1 bit (invalid, rejected elsewhere): 0.
constexpr magnitude_t weightMagnitude(int bits) {
    return bits < 1 ? 0ull : bits == 1 ? 1ull : (1ull << (bits - 1)) - 1;
}

/// Largest magnitude of a `bits`-bit activation or input: 1 for binary (+-1), else the
/// unsigned range 2^bits - 1. Below 1 bit (invalid, rejected elsewhere): 0.
constexpr magnitude_t activationMagnitude(int bits) { return bits < 1 ? 0ull : bits == 1 ? 1ull : (1ull << bits) - 1; }

/// Bits of the signed accumulator that holds the sum of `mw` products of magnitudes up to
/// `weightMax` and `inputMax` without overflow: the sign bit plus the magnitude's bits,
/// at most 63.
constexpr int accumulatorBits(magnitude_t mw, magnitude_t weightMax, magnitude_t inputMax) {
    const magnitude_t maxAbs = mw * weightMax * inputMax;
    int bits = 1; // sign
    while (bits < 63 && (1ull << (bits - 1)) <= maxAbs) ++bits;
    return bits;
}

} // namespace bitfold::geometry
