// MMV foldings (FINN-R: several output pixels per cycle) of the MVTU and the sliding window,
// and the window's input multiplier, against the plain C++ references: the MVTU bit-exact
// with its MMV = 1 self, the window's patches reordered as docs/accelerator.md specifies, a
// convolution (window into MVTU) equal to the MMV = 1 chain, and counted cycles equal to
// bitfold/cycles.h. Built twice like test_kernels (fast paths and lane loops).
#include "kernel_checks.h"

#include <QtTest>

#include <string>

using namespace bitfold::hw;
using namespace refs;
using namespace checks;

namespace {

// W, A, output bits (0: raw accumulator), MW, MH, output pixels, SIMD, PE (= MH), MMV.
#define BITFOLD_MVTU_MMV_CASES(X)                                                                                      \
    X(1, 1, 1, 36, 16, 4, 12, 16, 2)                                                                                   \
    X(1, 1, 0, 64, 8, 6, 64, 8, 3)                                                                                     \
    X(1, 1, 2, 260, 4, 4, 130, 4, 2)                                                                                   \
    X(1, 2, 4, 18, 4, 9, 3, 4, 3)                                                                                      \
    X(2, 2, 2, 27, 8, 6, 9, 8, 3)                                                                                      \
    X(2, 1, 0, 30, 3, 3, 10, 3, 3)                                                                                     \
    X(4, 4, 0, 48, 6, 4, 16, 6, 2)                                                                                     \
    X(3, 8, 3, 130, 2, 6, 65, 2, 3)                                                                                    \
    X(8, 3, 1, 70, 5, 4, 7, 5, 2)

// K, IFM, S, pad begin, pad end, C, SIMD, A, MMV, input multiplier.
#define BITFOLD_SWU_MMV_CASES(X)                                                                                       \
    X(3, 8, 1, 0, 0, 4, 2, 1, 2, 1)                                                                                    \
    X(3, 7, 1, 1, 1, 6, 2, 2, 7, 3)                                                                                    \
    X(3, 9, 2, 1, 1, 8, 2, 4, 1, 2)                                                                                    \
    X(2, 6, 2, 0, 0, 8, 4, 1, 3, 2)                                                                                    \
    X(1, 6, 1, 0, 0, 4, 1, 3, 2, 4)                                                                                    \
    X(5, 9, 1, 2, 2, 2, 1, 8, 3, 2)                                                                                    \
    X(3, 32, 1, 0, 0, 3, 3, 8, 2, 1)                                                                                   \
    X(4, 10, 3, 1, 2, 6, 3, 2, 2, 2)

/// A K x K convolution of C channels into MH outputs: sliding window then MVTU, both at
/// MMV (and the window at input multiplier IM); the output stream equals the MMV = 1 chain's.
template <unsigned K, unsigned IFM, unsigned C, unsigned SIMD, unsigned MH, unsigned MMV, unsigned IM, int WB, int AB>
void checkConvChain(std::mt19937& rng) {
    using TW = WeightT<WB>;
    using TI = ActT<AB>;
    constexpr unsigned OFM = IFM - K + 1, MW = K * K * C, TILES = MW / SIMD, WORDS = romWords(SIMD * TW::bits);
    using TO = Accumulator<accumulatorBits<TW, TI>(MW) < 2 ? 2 : accumulatorBits<TW, TI>(MW)>;
    const std::string name = caseName("conv K/IFM/C/SIMD/MH/MMV/InMult/W/A", {K, IFM, C, SIMD, MH, MMV, IM, WB, AB});
    static unsigned long long rom[MH][TILES][WORDS];
    std::vector<long long> w(static_cast<std::size_t>(MH) * MW), x(static_cast<std::size_t>(kFrames) * IFM * IFM * C);
    for (auto& v : w) v = randomValue<TW>(rng);
    for (auto& v : x) v = randomValue<TI>(rng);
    packWeights<TW, MW, MH, SIMD, MH>(w, rom);
    auto conv = [&](auto mmvTag, auto imTag, StageCounter& window, StageCounter& mvtu) {
        constexpr unsigned M = decltype(mmvTag)::value, I = decltype(imTag)::value;
        hls::stream<ap_uint<I * SIMD * TI::bits>> in("conv_in");
        hls::stream<ap_uint<M * SIMD * TI::bits>> patches("conv_patches");
        hls::stream<ap_uint<M * MH * TO::bits>> out("conv_out");
        push<TI, I * SIMD>(in, x);
        slidingWindow<K, IFM, 1, 0, 0, C, SIMD, M, I, TI>(in, patches, kFrames, window);
        matrixVectorActivate<MW, MH, OFM * OFM, SIMD, MH, M, TW, TI, TO>(patches, out, rom, PassThroughActivation<TO>(),
                                                                         kFrames, mvtu);
        return drain<TO, M * MH>(out);
    };
    StageCounter w1, m1, wm, mm;
    const std::vector<long long> single =
        conv(std::integral_constant<unsigned, 1>{}, std::integral_constant<unsigned, 1>{}, w1, m1);
    QCOMPARE(single.size(), std::size_t(kFrames) * OFM * OFM * MH);
    const std::vector<long long> multi =
        conv(std::integral_constant<unsigned, MMV>{}, std::integral_constant<unsigned, IM>{}, wm, mm);
    QVERIFY2(multi == single, name.c_str());
    QCOMPARE(wm.cycles, bitfold::cycles::slidingWindow(IFM, OFM, K, 1, C, SIMD, MMV, IM) * kFrames);
    QCOMPARE(mm.cycles, bitfold::cycles::mvtu(MH, MW, MH, SIMD, OFM * OFM, MMV) * kFrames);
    QCOMPARE(mm.cycles * MMV, m1.cycles);
}

} // namespace

class TestKernelsMmv : public QObject {
    Q_OBJECT

private slots:
    void mvtuMmv() {
        std::mt19937 rng(11);
#define X(w, a, o, mw, mh, op, simd, pe, mmv)                                                                          \
    checkMvtu<w, a, o, mw, mh, op, simd, pe, mmv>(rng);                                                                \
    if (QTest::currentTestFailed()) return;
        BITFOLD_MVTU_MMV_CASES(X)
#undef X
    }

    void slidingWindowMmv() {
        std::mt19937 rng(12);
#define X(k, ifm, s, pb, pe, c, simd, a, mmv, im)                                                                      \
    checkSwu<k, ifm, s, pb, pe, c, simd, a, mmv, im>(rng);                                                             \
    if (QTest::currentTestFailed()) return;
        BITFOLD_SWU_MMV_CASES(X)
#undef X
    }

    void convolutionChainMmv() {
        std::mt19937 rng(13);
        checkConvChain<3, 8, 4, 2, 8, 2, 2, 1, 1>(rng);
        if (QTest::currentTestFailed()) return;
        checkConvChain<3, 11, 3, 3, 4, 3, 1, 2, 2>(rng);
        if (QTest::currentTestFailed()) return;
        checkConvChain<1, 6, 8, 2, 6, 6, 4, 4, 3>(rng);
    }
};

QTEST_APPLESS_MAIN(TestKernelsMmv)
#include "test_kernels_mmv.moc"
