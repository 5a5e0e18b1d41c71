// Every streaming block against a plain C++ reference, over shapes, foldings and precisions
// drawn at random once (W, A in {1, 2, 3, 4, 8}) and random data; each also checks that its
// counted cycles equal the formula of bitfold/cycles.h. Built twice: with the C-simulation
// fast paths, and with BITFOLD_SIM_LANEWISE (the synthesizable lane loops themselves).
#include "kernel_checks.h"

#include <QtTest>

#include <algorithm>
#include <string>

using namespace bitfold::hw;
using namespace refs;
using namespace checks;

namespace {

// --- MVTU ------------------------------------------------------------------------------

// W, A, output bits (0: raw accumulator), MW, MH, output pixels, SIMD, PE.
#define BITFOLD_MVTU_CASES(X)                                                                                          \
    X(1, 1, 3, 12, 16, 1, 3, 16)                                                                                       \
    X(1, 1, 0, 64, 9, 1, 64, 3)                                                                                        \
    X(1, 1, 1, 784, 8, 1, 392, 4)                                                                                      \
    X(1, 1, 2, 390, 6, 2, 130, 3)                                                                                      \
    X(1, 2, 8, 5, 2, 2, 5, 1)                                                                                          \
    X(1, 2, 0, 4, 3, 2, 2, 1)                                                                                          \
    X(1, 3, 1, 65, 6, 3, 65, 2)                                                                                        \
    X(1, 3, 0, 65, 24, 2, 65, 8)                                                                                       \
    X(1, 4, 1, 5, 8, 2, 5, 8)                                                                                          \
    X(1, 4, 0, 60, 8, 3, 30, 8)                                                                                        \
    X(1, 8, 3, 128, 3, 3, 64, 1)                                                                                       \
    X(1, 8, 0, 200, 3, 3, 100, 3)                                                                                      \
    X(2, 1, 1, 65, 8, 2, 65, 8)                                                                                        \
    X(2, 1, 0, 400, 6, 3, 100, 3)                                                                                      \
    X(2, 2, 4, 48, 2, 3, 16, 2)                                                                                        \
    X(2, 2, 0, 260, 3, 2, 130, 1)                                                                                      \
    X(2, 3, 8, 147, 32, 2, 49, 16)                                                                                     \
    X(2, 3, 0, 65, 3, 2, 65, 1)                                                                                        \
    X(2, 4, 2, 390, 4, 2, 130, 2)                                                                                      \
    X(2, 4, 0, 1, 24, 2, 1, 8)                                                                                         \
    X(2, 8, 3, 384, 16, 3, 128, 8)                                                                                     \
    X(2, 8, 0, 520, 1, 2, 130, 1)                                                                                      \
    X(3, 1, 4, 128, 3, 3, 128, 1)                                                                                      \
    X(3, 1, 0, 28, 9, 2, 7, 3)                                                                                         \
    X(3, 2, 3, 4, 3, 3, 1, 3)                                                                                          \
    X(3, 2, 0, 8, 1, 2, 2, 1)                                                                                          \
    X(3, 3, 2, 256, 8, 2, 128, 4)                                                                                      \
    X(3, 3, 0, 4, 8, 3, 2, 4)                                                                                          \
    X(3, 4, 3, 12, 16, 3, 3, 8)                                                                                        \
    X(3, 4, 0, 90, 32, 1, 30, 16)                                                                                      \
    X(3, 8, 2, 4, 2, 3, 2, 2)                                                                                          \
    X(3, 8, 0, 5, 12, 1, 5, 4)                                                                                         \
    X(4, 1, 3, 7, 4, 3, 7, 2)                                                                                          \
    X(4, 1, 0, 48, 6, 3, 16, 2)                                                                                        \
    X(4, 2, 8, 100, 12, 3, 100, 4)                                                                                     \
    X(4, 2, 0, 120, 8, 1, 30, 4)                                                                                       \
    X(4, 3, 4, 400, 1, 1, 100, 1)                                                                                      \
    X(4, 3, 0, 20, 2, 2, 5, 2)                                                                                         \
    X(4, 4, 8, 1, 3, 1, 1, 1)                                                                                          \
    X(4, 4, 0, 64, 9, 1, 64, 3)                                                                                        \
    X(4, 8, 1, 20, 6, 2, 5, 2)                                                                                         \
    X(4, 8, 0, 48, 4, 1, 16, 4)                                                                                        \
    X(8, 1, 4, 196, 8, 1, 49, 4)                                                                                       \
    X(8, 1, 0, 3, 32, 3, 3, 16)                                                                                        \
    X(8, 2, 3, 98, 8, 1, 49, 8)                                                                                        \
    X(8, 2, 0, 192, 6, 3, 64, 2)                                                                                       \
    X(8, 3, 1, 390, 16, 3, 130, 16)                                                                                    \
    X(8, 3, 0, 21, 4, 1, 7, 2)                                                                                         \
    X(8, 4, 8, 192, 16, 3, 64, 16)                                                                                     \
    X(8, 4, 0, 260, 4, 3, 130, 2)                                                                                      \
    X(8, 8, 2, 20, 9, 1, 5, 3)                                                                                         \
    X(8, 8, 0, 3, 8, 1, 1, 4)

// --- sliding window ----------------------------------------------------------------------

// K, IFM, S, pad begin, pad end, C, SIMD, A.
#define BITFOLD_SWU_CASES(X)                                                                                           \
    X(3, 8, 1, 0, 0, 4, 2, 1)                                                                                          \
    X(3, 7, 1, 1, 1, 3, 3, 8)                                                                                          \
    X(3, 9, 2, 1, 1, 6, 2, 2)                                                                                          \
    X(2, 6, 2, 0, 0, 8, 8, 1)                                                                                          \
    X(5, 9, 1, 2, 2, 2, 1, 4)                                                                                          \
    X(1, 5, 1, 0, 0, 16, 4, 3)                                                                                         \
    X(1, 7, 2, 0, 0, 3, 1, 2)                                                                                          \
    X(3, 8, 3, 0, 1, 4, 4, 1)                                                                                          \
    X(4, 10, 3, 1, 2, 5, 5, 2)                                                                                         \
    X(3, 28, 1, 0, 0, 1, 1, 8)

// --- max-pool -------------------------------------------------------------------------------

template <unsigned IFM, unsigned K, unsigned S, unsigned PB, unsigned PEND, unsigned C, unsigned PE, int AB>
void checkPool(std::mt19937& rng) {
    using T = ActT<AB>;
    constexpr unsigned OFM = (IFM + PB + PEND - K) / S + 1;
    const std::string name = caseName("maxpool IFM/K/S/pads/C/PE/A", {IFM, K, S, PB, PEND, C, PE, AB});
    std::vector<long long> x(std::size_t(kFrames) * IFM * IFM * C);
    for (auto& v : x) v = randomValue<T>(rng);
    hls::stream<ap_uint<PE * T::bits>> in("pool_in"), out("pool_out");
    push<T, PE>(in, x);
    StageCounter counter;
    maxPool<IFM, K, S, PB, PEND, C, PE, T>(in, out, kFrames, counter);
    QVERIFY2(in.empty(), name.c_str());
    const std::vector<long long> y = drain<T, PE>(out);
    std::vector<long long> expect;
    for (unsigned f = 0; f < kFrames; ++f)
        for (unsigned oy = 0; oy < OFM; ++oy)
            for (unsigned ox = 0; ox < OFM; ++ox)
                for (unsigned c = 0; c < C; ++c) {
                    long long m = T::isBinary ? -1 : 0; // padding never wins
                    for (unsigned ky = 0; ky < K; ++ky)
                        for (unsigned kx = 0; kx < K; ++kx) {
                            const int iy = int(oy * S + ky) - int(PB), ix = int(ox * S + kx) - int(PB);
                            if (iy >= 0 && ix >= 0 && iy < int(IFM) && ix < int(IFM))
                                m = std::max(m, x[((std::size_t(f) * IFM + iy) * IFM + ix) * C + c]);
                        }
                    expect.push_back(m);
                }
    QVERIFY2(y == expect, name.c_str());
    // The grid walked reaches the last window's end where bottom/right padding passes the input.
    const unsigned long long side = std::max<unsigned long long>(IFM, (OFM - 1) * S + K - PB);
    QCOMPARE(counter.cycles, side * side * (C / PE) * kFrames);
    QCOMPARE(counter.cycles, bitfold::cycles::maxPool(IFM, K, S, PB, PEND, C, PE) * kFrames);
}

// IFM, K, S, pad begin, pad end, C, PE, A.
#define BITFOLD_POOL_CASES(X)                                                                                          \
    X(28, 2, 2, 0, 0, 8, 4, 1)                                                                                         \
    X(10, 2, 2, 0, 0, 6, 2, 2)                                                                                         \
    X(7, 3, 2, 1, 1, 4, 4, 3)                                                                                          \
    X(13, 2, 1, 0, 1, 2, 1, 1)                                                                                         \
    X(9, 3, 3, 0, 0, 5, 5, 8)                                                                                          \
    X(8, 3, 1, 1, 1, 2, 2, 4)                                                                                          \
    X(5, 2, 2, 0, 1, 3, 1, 2)                                                                                          \
    X(6, 4, 2, 2, 1, 2, 1, 1)                                                                                          \
    X(12, 2, 2, 0, 1, 4, 2, 2)

// --- width converter ------------------------------------------------------------------------

template <unsigned FrameBits, unsigned InBits, unsigned OutBits>
void checkDwc(std::mt19937& rng) {
    const std::string name = caseName("dwc frame/in/out", {FrameBits, InBits, OutBits});
    std::vector<int> bits(static_cast<std::size_t>(FrameBits) * kFrames);
    for (int& b : bits) b = rng() & 1;
    hls::stream<ap_uint<InBits>> in("dwc_in");
    hls::stream<ap_uint<OutBits>> out("dwc_out");
    for (std::size_t i = 0; i < bits.size(); i += InBits) {
        ap_uint<InBits> w = 0;
        for (unsigned b = 0; b < InBits; ++b) w[b] = bits[i + b];
        in.write(w);
    }
    StageCounter counter;
    widthConvert<FrameBits, InBits, OutBits>(in, out, kFrames, counter);
    QVERIFY2(in.empty(), name.c_str());
    std::vector<int> got;
    while (!out.empty()) {
        const ap_uint<OutBits> w = out.read();
        for (unsigned b = 0; b < OutBits; ++b) got.push_back(w[b] ? 1 : 0);
    }
    QVERIFY2(got == bits, name.c_str());
    QCOMPARE(counter.cycles, bitfold::cycles::widthConverter(FrameBits, InBits, OutBits) * kFrames);
}

#define BITFOLD_DWC_CASES(X)                                                                                           \
    X(24, 3, 12)                                                                                                       \
    X(24, 12, 3)                                                                                                       \
    X(24, 4, 6)                                                                                                        \
    X(24, 6, 4)                                                                                                        \
    X(784, 1, 49)                                                                                                      \
    X(784, 49, 16)                                                                                                     \
    X(640, 64, 128)                                                                                                    \
    X(1536, 512, 3)                                                                                                    \
    X(30, 5, 5)

} // namespace

class TestKernels : public QObject {
    Q_OBJECT

private slots:
    /// The range and bit checks are assertions; they must run in every build (hls/sim/CMakeLists.txt).
    void assertionsAreOn() {
#ifdef NDEBUG
        QFAIL("NDEBUG is defined: the kernels's assertions are compiled out");
#endif
    }

    void mvtu() {
        std::mt19937 rng(1);
#define X(w, a, o, mw, mh, op, simd, pe)                                                                               \
    checkMvtu<w, a, o, mw, mh, op, simd, pe>(rng);                                                                     \
    if (QTest::currentTestFailed()) return;
        BITFOLD_MVTU_CASES(X)
#undef X
    }

    void mvtuReadsEachInputOncePerPixel() {
        // Neuron folds > 1 reuse the buffered input vector: the stream holds exactly MW/SIMD
        // words per vector; a short stream throws (the simulation's empty-read check).
        using T = Binary;
        static unsigned long long rom[2][4][1] = {};
        hls::stream<ap_uint<4>> in("short_in");
        hls::stream<ap_uint<10>> out("short_out");
        in.write(0);
        StageCounter counter;
        bool threw = false;
        try {
            matrixVectorActivate<8, 4, 1, 4, 2, 1, T, T, Accumulator<5>>(
                in, out, rom, PassThroughActivation<Accumulator<5>>(), 1, counter);
        } catch (const std::runtime_error&) {
            threw = true;
        }
        QVERIFY(threw);
    }

    void dotProductLanes() {
        // The synthesizable dot product against the lane-by-lane definition.
        std::mt19937 rng(2);
        for (int n = 0; n < 200; ++n) {
            long long w[37], x[37];
            for (int i = 0; i < 37; ++i) {
                w[i] = randomValue<Signed<3>>(rng);
                x[i] = randomValue<Unsigned<4>>(rng);
            }
            long long expect = 0;
            for (int i = 0; i < 37; ++i) expect += w[i] * x[i];
            QCOMPARE(
                (long long)(dotProduct<37, Signed<3>, Unsigned<4>>(pack<Signed<3>, 37>(w), pack<Unsigned<4>, 37>(x))
                                .to_int64()),
                expect);
            for (int i = 0; i < 37; ++i) {
                w[i] = randomValue<Binary>(rng);
                x[i] = randomValue<Binary>(rng);
            }
            expect = 0;
            for (int i = 0; i < 37; ++i) expect += w[i] * x[i];
            QCOMPARE((long long)(dotProduct<37, Binary, Binary>(pack<Binary, 37>(w), pack<Binary, 37>(x)).to_int64()),
                     expect);
        }
    }

    void multiThresholdBlock() {
        std::mt19937 rng(3);
        constexpr unsigned C = 12, PIX = 5, PE = 4;
        using TI = Accumulator<10>;
        auto run = [&](auto outTag) {
            using TO = decltype(outTag);
            constexpr int NT = (1 << TO::bits) - 1;
            static int th[PE][C / PE][NT];
            const std::vector<int> t = randomThresholds(rng, C, NT, 500);
            for (unsigned r = 0; r < C; ++r)
                for (int k = 0; k < NT; ++k) th[r % PE][r / PE][k] = t[r * NT + k];
            std::vector<long long> acc(std::size_t(kFrames) * PIX * C);
            for (auto& a : acc) a = randomValue<TI>(rng);
            hls::stream<ap_uint<PE * TI::bits>> in("mt_in");
            hls::stream<ap_uint<PE * TO::bits>> out("mt_out");
            push<TI, PE>(in, acc);
            StageCounter counter;
            multiThreshold<C, PIX, PE, TI, TO>(in, out, th, kFrames, counter);
            const std::vector<long long> y = drain<TO, PE>(out);
            QCOMPARE(y.size(), acc.size());
            for (std::size_t i = 0; i < acc.size(); ++i) QCOMPARE(y[i], activate<TO>(acc[i], &t[(i % C) * NT]));
            QCOMPARE(counter.cycles, (unsigned long long)PIX * (C / PE) * kFrames);
        };
        run(Binary{});
        run(Unsigned<2>{});
        run(Unsigned<4>{});
        run(Unsigned<8>{});
    }

    void slidingWindowUnit() {
        std::mt19937 rng(4);
#define X(k, ifm, s, pb, pe, c, simd, a)                                                                               \
    checkSwu<k, ifm, s, pb, pe, c, simd, a>(rng);                                                                      \
    if (QTest::currentTestFailed()) return;
        BITFOLD_SWU_CASES(X)
#undef X
    }

    void maxPoolUnit() {
        std::mt19937 rng(5);
#define X(ifm, k, s, pb, pe, c, p, a)                                                                                  \
    checkPool<ifm, k, s, pb, pe, c, p, a>(rng);                                                                        \
    if (QTest::currentTestFailed()) return;
        BITFOLD_POOL_CASES(X)
#undef X
    }

    void widthConverter() {
        std::mt19937 rng(6);
#define X(f, i, o)                                                                                                     \
    checkDwc<f, i, o>(rng);                                                                                            \
    if (QTest::currentTestFailed()) return;
        BITFOLD_DWC_CASES(X)
#undef X
    }

    void cropPadAdapter() {
        std::mt19937 rng(7);
        // 3 pixels of 6 hardware channels, 4 logical, padded to 8: keep 4, pad 4.
        std::vector<long long> x(std::size_t(kFrames) * 3 * 6);
        for (auto& v : x) v = randomValue<Unsigned<3>>(rng);
        hls::stream<ap_uint<3>> in("cp_in"), out("cp_out");
        push<Unsigned<3>, 1>(in, x);
        StageCounter counter;
        cropPad<3, 6, 4, 8, Unsigned<3>>(in, out, kFrames, counter);
        const std::vector<long long> y = drain<Unsigned<3>, 1>(out);
        std::vector<long long> expect;
        for (std::size_t g = 0; g < std::size_t(kFrames) * 3; ++g)
            for (unsigned j = 0; j < 8; ++j) expect.push_back(j < 4 ? x[g * 6 + j] : 0);
        QVERIFY(y == expect);
        QCOMPARE(counter.cycles, bitfold::cycles::cropPad(3, 6, 8) * kFrames);
        // A pure crop of a flattened Binary vector: padding elements read as -1.
        std::vector<long long> b(std::size_t(kFrames) * 10);
        for (auto& v : b) v = randomValue<Binary>(rng);
        hls::stream<ap_uint<1>> bin("cpb_in"), bout("cpb_out");
        push<Binary, 1>(bin, b);
        StageCounter c2;
        cropPad<1, 10, 7, 12, Binary>(bin, bout, kFrames, c2);
        const std::vector<long long> by = drain<Binary, 1>(bout);
        QCOMPARE(by.size(), std::size_t(kFrames) * 12);
        for (std::size_t f = 0; f < kFrames; ++f)
            for (unsigned j = 0; j < 12; ++j) QCOMPARE(by[f * 12 + j], j < 7 ? b[f * 10 + j] : -1);
        QCOMPARE(c2.cycles, 12ull * kFrames);
        QCOMPARE(c2.cycles, bitfold::cycles::cropPad(1, 10, 12) * kFrames);
    }
};

QTEST_APPLESS_MAIN(TestKernels)
#include "test_kernels.moc"
