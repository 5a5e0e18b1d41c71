#pragma once
// The MVTU and sliding-window checks, shared by the testbenches of plain foldings
// (test_kernels.cpp) and of MMV / input-multiplier foldings (test_kernels_mmv.cpp): each runs
// the kernel on random data, compares with the plain C++ reference of kernel_refs.h and its
// counted cycles with bitfold/cycles.h.
#include "kernel_refs.h"

#include <QtTest>

#include <initializer_list>
#include <string>

namespace checks {

using namespace bitfold::hw;
using namespace refs;

inline constexpr unsigned kFrames = 2;

inline std::string caseName(const char* kernel, std::initializer_list<long long> params) {
    std::string s = kernel;
    for (long long p : params) s += " " + std::to_string(p);
    return s;
}

/// W, A, output bits (0: raw accumulator), MW, MH, output pixels, SIMD, PE, MMV, where the
/// products live (TR) and the threshold unit (Search: binary search, else parallel). With
/// MMV > 1 the outputs must also equal the MMV = 1 kernel's on the same data, value for value.
template <int WB, int AB, int OB, unsigned MW, unsigned MH, unsigned OP, unsigned SIMD, unsigned PE, unsigned MMV = 1,
          class TR = LutProducts, bool Search = false>
void checkMvtu(std::mt19937& rng) {
    using TW = WeightT<WB>;
    using TI = ActT<AB>;
    constexpr unsigned NF = MH / PE, TILES = NF * (MW / SIMD), WORDS = romWords(SIMD * TW::bits);
    constexpr unsigned AccBits = accumulatorBits<TW, TI>(MW);
    using TO = std::conditional_t<OB == 0, Accumulator<(AccBits < 2 ? 2 : AccBits)>, ActT<(OB == 0 ? 1 : OB)>>;
    constexpr int NT = OB == 0 ? 1 : (1 << TO::bits) - 1;
    const std::string name = caseName("mvtu W/A/O/MW/MH/pixels/SIMD/PE/MMV/DSP/search",
                                      {WB, AB, OB, MW, MH, OP, SIMD, PE, MMV, TR::inDsp, Search});

    static unsigned long long rom[PE][TILES][WORDS];
    static int thresholds[PE][NF][NT];
    // Twice through the same ROM array with new contents: the simulation's unpacked-weight
    // cache must notice.
    for (int round = 0; round < 2; ++round) {
        std::vector<long long> w(static_cast<std::size_t>(MH) * MW);
        for (auto& v : w) v = randomValue<TW>(rng);
        packWeights<TW, MW, MH, SIMD, PE>(w, rom);
        // Garbage past the last lane of each ROM entry must be ignored.
        if constexpr ((SIMD * TW::bits) % 64 != 0) rom[0][0][WORDS - 1] |= ~0ull << ((SIMD * TW::bits) % 64);
        const long long span = (long long)MW * maxMagnitude<TW>() * maxMagnitude<TI>() / 4 + 2;
        const std::vector<int> t = randomThresholds(rng, MH, NT, span);
        for (unsigned row = 0; row < MH; ++row)
            for (int k = 0; k < NT; ++k) thresholds[row % PE][row / PE][k] = t[std::size_t(row) * NT + k];

        std::vector<long long> x(std::size_t(kFrames) * OP * MW);
        for (auto& v : x) v = randomValue<TI>(rng);
        const int offset = OB == 0 ? int(rng() % 7) - 3 : 0;
        bool consumed = true; // every input word read
        auto run = [&](auto mmvTag, StageCounter& counter) {
            constexpr unsigned M = decltype(mmvTag)::value;
            hls::stream<ap_uint<M * SIMD * TI::bits>> in("mvtu_in");
            hls::stream<ap_uint<M * PE * TO::bits>> out("mvtu_out");
            push<TI, M * SIMD>(in, interleavePixels(x, MW, SIMD, M));
            if constexpr (OB == 0)
                matrixVectorActivate<MW, MH, OP, SIMD, PE, M, TW, TI, TO, TR>(
                    in, out, rom, PassThroughActivation<TO>(offset), kFrames, counter);
            else if constexpr (Search)
                matrixVectorActivate<MW, MH, OP, SIMD, PE, M, TW, TI, TO, TR>(
                    in, out, rom, ThresholdSearchActivation<NF, PE, NT, TO>(thresholds), kFrames, counter);
            else
                matrixVectorActivate<MW, MH, OP, SIMD, PE, M, TW, TI, TO, TR>(
                    in, out, rom, ThresholdActivation<NF, PE, NT, TO>(thresholds), kFrames, counter);
            consumed = consumed && in.empty();
            return drain<TO, M * PE>(out);
        };
        StageCounter counter;
        const std::vector<long long> y = run(std::integral_constant<unsigned, MMV>{}, counter);
        QVERIFY2(consumed, name.c_str());
        QCOMPARE(y.size(), std::size_t(kFrames) * OP * MH);
        for (std::size_t v = 0; v < std::size_t(kFrames) * OP; ++v)
            for (unsigned row = 0; row < MH; ++row) {
                long long acc = 0;
                for (unsigned c = 0; c < MW; ++c) acc += w[std::size_t(row) * MW + c] * x[v * MW + c];
                const long long expect = OB == 0 ? acc - offset : activate<TO>(acc, &t[std::size_t(row) * NT]);
                if (y[v * MH + row] != expect)
                    QFAIL(qPrintable(QString::fromStdString(name) +
                                     QString(": vector %1 row %2: %3, expected %4")
                                         .arg(v)
                                         .arg(row)
                                         .arg(y[v * MH + row])
                                         .arg(expect)));
            }
        QCOMPARE(counter.cycles, bitfold::cycles::mvtu(MH, MW, PE, SIMD, OP, MMV) * kFrames);
        if constexpr (MMV > 1) {
            StageCounter single;
            QVERIFY2(run(std::integral_constant<unsigned, 1>{}, single) == y && consumed, name.c_str());
            QCOMPARE(single.cycles, counter.cycles * MMV);
        }
    }
}

/// K, IFM, S, pad begin, pad end, C, SIMD, A, MMV, input multiplier: the patches of
/// docs/semantics.md, MMV output columns side by side per word.
template <unsigned K, unsigned IFM, unsigned S, unsigned PB, unsigned PEND, unsigned C, unsigned SIMD, int AB,
          unsigned MMV = 1, unsigned IM = 1>
void checkSwu(std::mt19937& rng) {
    using T = ActT<AB>;
    constexpr unsigned IFMP = IFM + PB + PEND, OFM = (IFMP - K) / S + 1;
    const std::string name =
        caseName("swu K/IFM/S/pads/C/SIMD/A/MMV/InMult", {K, IFM, S, PB, PEND, C, SIMD, AB, MMV, IM});
    std::vector<long long> x(std::size_t(kFrames) * IFM * IFM * C);
    for (auto& v : x) v = randomValue<T>(rng);
    hls::stream<ap_uint<IM * SIMD * T::bits>> in("swu_in");
    hls::stream<ap_uint<MMV * SIMD * T::bits>> out("swu_out");
    push<T, IM * SIMD>(in, x);
    StageCounter counter;
    slidingWindow<K, IFM, S, PB, PEND, C, SIMD, MMV, IM, T>(in, out, kFrames, counter);
    QVERIFY2(in.empty(), name.c_str());
    const std::vector<long long> y = drain<T, MMV * SIMD>(out);
    std::vector<long long> expect;
    const long long pad = T::isBinary ? -1 : 0;
    for (unsigned f = 0; f < kFrames; ++f)
        for (unsigned oy = 0; oy < OFM; ++oy)
            for (unsigned g = 0; g < OFM / MMV; ++g)
                for (unsigned ky = 0; ky < K; ++ky)
                    for (unsigned kx = 0; kx < K; ++kx)
                        for (unsigned fold = 0; fold < C / SIMD; ++fold)
                            for (unsigned j = 0; j < MMV; ++j)
                                for (unsigned s = 0; s < SIMD; ++s) {
                                    const unsigned ox = g * MMV + j, c = fold * SIMD + s;
                                    const int iy = int(oy * S + ky) - int(PB), ix = int(ox * S + kx) - int(PB);
                                    const bool inside = iy >= 0 && ix >= 0 && iy < int(IFM) && ix < int(IFM);
                                    expect.push_back(inside ? x[((std::size_t(f) * IFM + iy) * IFM + ix) * C + c]
                                                            : pad);
                                }
    QVERIFY2(y == expect, name.c_str());
    QCOMPARE(counter.cycles, bitfold::cycles::slidingWindow(IFMP, OFM, K, S, C, SIMD, MMV, IM) * kFrames);
}

} // namespace checks
