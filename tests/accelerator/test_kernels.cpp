// Every streaming block against a plain C++ reference, over shapes, foldings and precisions
// drawn at random once (W, A in {1, 2, 3, 4, 8}) and random data; each also checks that its
// counted cycles equal the formula of bitfold/cycles.h. Built twice: with the C-simulation
// fast paths, and with BITFOLD_SIM_LANEWISE (the synthesizable lane loops themselves).
#include "kernel_refs.h"

#include <QtTest>

#include <algorithm>
#include <string>

using namespace bitfold::hw;
using namespace refs;

namespace {

constexpr unsigned kFrames = 2;

std::string caseName(const char* kernel, std::initializer_list<long long> params) {
    std::string s = kernel;
    for (long long p : params)
        s += " " + std::to_string(p);
    return s;
}

// --- MVTU ------------------------------------------------------------------------------

template <int WB, int AB, int OB, unsigned MW, unsigned MH, unsigned OP, unsigned SIMD, unsigned PE>
void checkMvtu(std::mt19937& rng) {
    using TW = WeightT<WB>;
    using TI = ActT<AB>;
    constexpr unsigned NF = MH / PE, TILES = NF * (MW / SIMD), WORDS = romWords(SIMD * TW::bits);
    constexpr unsigned AccBits = accumulatorBits<TW, TI>(MW);
    using TO = std::conditional_t<OB == 0, Accumulator<(AccBits < 2 ? 2 : AccBits)>, ActT<(OB == 0 ? 1 : OB)>>;
    constexpr int NT = OB == 0 ? 1 : (1 << TO::bits) - 1;
    const std::string name = caseName("mvtu W/A/O/MW/MH/pixels/SIMD/PE", {WB, AB, OB, MW, MH, OP, SIMD, PE});

    static unsigned long long rom[PE][TILES][WORDS];
    static int thresholds[PE][NF][NT];
    // Twice through the same ROM array with new contents: the simulation's unpacked-weight
    // cache must notice.
    for (int round = 0; round < 2; ++round) {
        std::vector<long long> w(static_cast<std::size_t>(MH) * MW);
        for (auto& v : w)
            v = randomValue<TW>(rng);
        packWeights<TW, MW, MH, SIMD, PE>(w, rom);
        // Garbage past the last lane of each ROM entry must be ignored.
        if constexpr ((SIMD * TW::bits) % 64 != 0)
            rom[0][0][WORDS - 1] |= ~0ull << ((SIMD * TW::bits) % 64);
        const long long span = (long long)MW * maxMagnitude<TW>() * maxMagnitude<TI>() / 4 + 2;
        const std::vector<int> t = randomThresholds(rng, MH, NT, span);
        for (unsigned row = 0; row < MH; ++row)
            for (int k = 0; k < NT; ++k)
                thresholds[row % PE][row / PE][k] = t[std::size_t(row) * NT + k];

        std::vector<long long> x(std::size_t(kFrames) * OP * MW);
        for (auto& v : x)
            v = randomValue<TI>(rng);
        hls::stream<ap_uint<SIMD * TI::bits>> in("mvtu_in");
        hls::stream<ap_uint<PE * TO::bits>> out("mvtu_out");
        push<TI, SIMD>(in, x);
        StageCounter counter;
        const int offset = OB == 0 ? int(rng() % 7) - 3 : 0;
        if constexpr (OB == 0)
            matrixVectorActivate<MW, MH, OP, SIMD, PE, TW, TI, TO>(in, out, rom, PassThroughActivation<TO>(offset),
                                                                 kFrames, counter);
        else
            matrixVectorActivate<MW, MH, OP, SIMD, PE, TW, TI, TO>(
                in, out, rom, ThresholdActivation<NF, PE, NT, TO>(thresholds), kFrames, counter);
        QVERIFY2(in.empty(), name.c_str());
        const std::vector<long long> y = drain<TO, PE>(out);
        QCOMPARE(y.size(), std::size_t(kFrames) * OP * MH);
        for (std::size_t v = 0; v < std::size_t(kFrames) * OP; ++v)
            for (unsigned row = 0; row < MH; ++row) {
                long long acc = 0;
                for (unsigned c = 0; c < MW; ++c)
                    acc += w[std::size_t(row) * MW + c] * x[v * MW + c];
                const long long expect =
                    OB == 0 ? acc - offset : activate<TO>(acc, &t[std::size_t(row) * NT]);
                if (y[v * MH + row] != expect)
                    QFAIL(qPrintable(QString::fromStdString(name) + QString(": vector %1 row %2: %3, expected %4")
                                                                       .arg(v).arg(row).arg(y[v * MH + row]).arg(expect)));
            }
        QCOMPARE(counter.cycles, bitfold::cycles::mvtu(MH, MW, PE, SIMD, OP) * kFrames);
    }
}

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

template <unsigned K, unsigned IFM, unsigned S, unsigned PB, unsigned PE_, unsigned C, unsigned SIMD, int AB>
void checkSwu(std::mt19937& rng) {
    using T = ActT<AB>;
    constexpr unsigned IFMP = IFM + PB + PE_, OFM = (IFMP - K) / S + 1;
    const std::string name = caseName("swu K/IFM/S/pads/C/SIMD/A", {K, IFM, S, PB, PE_, C, SIMD, AB});
    std::vector<long long> x(std::size_t(kFrames) * IFM * IFM * C);
    for (auto& v : x)
        v = randomValue<T>(rng);
    hls::stream<ap_uint<SIMD * T::bits>> in("swu_in"), out("swu_out");
    push<T, SIMD>(in, x);
    StageCounter counter;
    slidingWindow<K, IFM, S, PB, PE_, C, SIMD, T>(in, out, kFrames, counter);
    QVERIFY2(in.empty(), name.c_str());
    const std::vector<long long> y = drain<T, SIMD>(out);
    std::vector<long long> expect;
    const long long pad = T::isBinary ? -1 : 0;
    for (unsigned f = 0; f < kFrames; ++f)
        for (unsigned oy = 0; oy < OFM; ++oy)
            for (unsigned ox = 0; ox < OFM; ++ox)
                for (unsigned ky = 0; ky < K; ++ky)
                    for (unsigned kx = 0; kx < K; ++kx)
                        for (unsigned c = 0; c < C; ++c) {
                            const int iy = int(oy * S + ky) - int(PB), ix = int(ox * S + kx) - int(PB);
                            const bool inside = iy >= 0 && ix >= 0 && iy < int(IFM) && ix < int(IFM);
                            expect.push_back(inside ? x[((std::size_t(f) * IFM + iy) * IFM + ix) * C + c] : pad);
                        }
    QVERIFY2(y == expect, name.c_str());
    QCOMPARE(counter.cycles, bitfold::cycles::slidingWindow(IFMP, OFM, K, S, C, SIMD) * kFrames);
}

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
    for (auto& v : x)
        v = randomValue<T>(rng);
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
    const unsigned long long side = std::max<unsigned long long>(IFM, (OFM - 1) * S + K - PB);
    QCOMPARE(counter.cycles, side * side * (C / PE) * kFrames);
    if (side == IFM)
        QCOMPARE(counter.cycles, bitfold::cycles::maxPool(IFM, C, PE) * kFrames);
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
    X(6, 4, 2, 2, 1, 2, 1, 1)

// --- width converter ------------------------------------------------------------------------

template <unsigned FrameBits, unsigned InBits, unsigned OutBits> void checkDwc(std::mt19937& rng) {
    const std::string name = caseName("dwc frame/in/out", {FrameBits, InBits, OutBits});
    std::vector<int> bits(static_cast<std::size_t>(FrameBits) * kFrames);
    for (int& b : bits)
        b = rng() & 1;
    hls::stream<ap_uint<InBits>> in("dwc_in");
    hls::stream<ap_uint<OutBits>> out("dwc_out");
    for (std::size_t i = 0; i < bits.size(); i += InBits) {
        ap_uint<InBits> w = 0;
        for (unsigned b = 0; b < InBits; ++b)
            w[b] = bits[i + b];
        in.write(w);
    }
    StageCounter counter;
    widthConvert<FrameBits, InBits, OutBits>(in, out, kFrames, counter);
    QVERIFY2(in.empty(), name.c_str());
    std::vector<int> got;
    while (!out.empty()) {
        const ap_uint<OutBits> w = out.read();
        for (unsigned b = 0; b < OutBits; ++b)
            got.push_back(w[b] ? 1 : 0);
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
    if (QTest::currentTestFailed())                                                                                    \
        return;
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
            matrixVectorActivate<8, 4, 1, 4, 2, T, T, Accumulator<5>>(in, out, rom, PassThroughActivation<Accumulator<5>>(),
                                                                      1, counter);
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
            for (int i = 0; i < 37; ++i)
                expect += w[i] * x[i];
            QCOMPARE((long long)(dotProduct<37, Signed<3>, Unsigned<4>>(pack<Signed<3>, 37>(w), pack<Unsigned<4>, 37>(x))
                                     .to_int64()),
                     expect);
            for (int i = 0; i < 37; ++i) {
                w[i] = randomValue<Binary>(rng);
                x[i] = randomValue<Binary>(rng);
            }
            expect = 0;
            for (int i = 0; i < 37; ++i)
                expect += w[i] * x[i];
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
                for (int k = 0; k < NT; ++k)
                    th[r % PE][r / PE][k] = t[r * NT + k];
            std::vector<long long> acc(std::size_t(kFrames) * PIX * C);
            for (auto& a : acc)
                a = randomValue<TI>(rng);
            hls::stream<ap_uint<PE * TI::bits>> in("mt_in");
            hls::stream<ap_uint<PE * TO::bits>> out("mt_out");
            push<TI, PE>(in, acc);
            StageCounter counter;
            multiThreshold<C, PIX, PE, TI, TO>(in, out, th, kFrames, counter);
            const std::vector<long long> y = drain<TO, PE>(out);
            QCOMPARE(y.size(), acc.size());
            for (std::size_t i = 0; i < acc.size(); ++i)
                QCOMPARE(y[i], activate<TO>(acc[i], &t[(i % C) * NT]));
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
    if (QTest::currentTestFailed())                                                                                    \
        return;
        BITFOLD_SWU_CASES(X)
#undef X
    }

    void maxPoolUnit() {
        std::mt19937 rng(5);
#define X(ifm, k, s, pb, pe, c, p, a)                                                                                  \
    checkPool<ifm, k, s, pb, pe, c, p, a>(rng);                                                                        \
    if (QTest::currentTestFailed())                                                                                    \
        return;
        BITFOLD_POOL_CASES(X)
#undef X
    }

    void widthConverter() {
        std::mt19937 rng(6);
#define X(f, i, o)                                                                                                     \
    checkDwc<f, i, o>(rng);                                                                                            \
    if (QTest::currentTestFailed())                                                                                    \
        return;
        BITFOLD_DWC_CASES(X)
#undef X
    }

    void cropPadAdapter() {
        std::mt19937 rng(7);
        // 3 pixels of 6 hardware channels, 4 logical, padded to 8: keep 4, pad 4.
        std::vector<long long> x(std::size_t(kFrames) * 3 * 6);
        for (auto& v : x)
            v = randomValue<Unsigned<3>>(rng);
        hls::stream<ap_uint<3>> in("cp_in"), out("cp_out");
        push<Unsigned<3>, 1>(in, x);
        StageCounter counter;
        cropPad<3, 6, 4, 8, Unsigned<3>>(in, out, kFrames, counter);
        const std::vector<long long> y = drain<Unsigned<3>, 1>(out);
        std::vector<long long> expect;
        for (std::size_t g = 0; g < std::size_t(kFrames) * 3; ++g)
            for (unsigned j = 0; j < 8; ++j)
                expect.push_back(j < 4 ? x[g * 6 + j] : 0);
        QVERIFY(y == expect);
        QCOMPARE(counter.cycles, 3ull * 8 * kFrames);
        // A pure crop of a flattened Binary vector: padding elements read as -1.
        std::vector<long long> b(std::size_t(kFrames) * 10);
        for (auto& v : b)
            v = randomValue<Binary>(rng);
        hls::stream<ap_uint<1>> bin("cpb_in"), bout("cpb_out");
        push<Binary, 1>(bin, b);
        StageCounter c2;
        cropPad<1, 10, 7, 12, Binary>(bin, bout, kFrames, c2);
        const std::vector<long long> by = drain<Binary, 1>(bout);
        QCOMPARE(by.size(), std::size_t(kFrames) * 12);
        for (std::size_t f = 0; f < kFrames; ++f)
            for (unsigned j = 0; j < 12; ++j)
                QCOMPARE(by[f * 12 + j], j < 7 ? b[f * 10 + j] : -1);
        QCOMPARE(c2.cycles, 12ull * kFrames);
    }

    void inputQuantisation() {
        std::mt19937 rng(8);
        std::vector<int> px(std::size_t(kFrames) * 2 * 5);
        for (int& p : px)
            p = int(rng() % 256);
        px[0] = 127;
        px[1] = 128;
        auto run = [&](auto tag, int bits) {
            using TO = decltype(tag);
            hls::stream<ap_uint<8>> in("q_in");
            hls::stream<ap_uint<TO::bits>> out("q_out");
            for (int p : px)
                in.write(ap_uint<8>(p));
            StageCounter counter;
            quantizeInput<2, 5, 7, TO>(in, out, kFrames, counter);
            const std::vector<long long> y = drain<TO, 1>(out);
            QCOMPARE(y.size(), std::size_t(kFrames) * 2 * 7);
            for (std::size_t g = 0; g < std::size_t(kFrames) * 2; ++g)
                for (unsigned j = 0; j < 7; ++j) {
                    const long long pad = TO::isBinary ? -1 : 0;
                    const int p = j < 5 ? px[g * 5 + j] : 0;
                    const long long expect = j >= 5 ? pad : bits == 1 ? (p >= 128 ? 1 : -1) : (p >> (8 - bits));
                    QCOMPARE(y[g * 7 + j], expect);
                }
            QCOMPARE(counter.cycles, 2ull * 7 * kFrames);
        };
        run(Binary{}, 1);
        run(Unsigned<2>{}, 2);
        run(Unsigned<5>{}, 5);
        run(Unsigned<8>{}, 8);
    }

    void labelSelection() {
        // 2 pixels x 4 hardware channels, 3 logical; ties go to the first; a padded channel
        // holding the largest value is never chosen.
        using TV = Accumulator<12>;
        const std::vector<long long> frames = {5, -3, 7, 2000, 7, 1, -8, 2000, -1, -1, -1, 1500, -1, -1, -2, 1000};
        hls::stream<ap_uint<12>> in("ls_in");
        push<TV, 1>(in, frames);
        hls::stream<ap_uint<32>> values("ls_values"), labels("ls_labels");
        StageCounter counter;
        labelSelect<2, 4, 3, TV>(in, values, labels, 2, counter);
        QCOMPARE(labels.read().to_uint(), 2u); // 7 at index 2 beats the later 7 at index 3
        QCOMPARE(labels.read().to_uint(), 0u); // all -1: the first
        QVERIFY(labels.empty());
        const std::vector<int> expectValues = {5, -3, 7, 7, 1, -8, -1, -1, -1, -1, -1, -2};
        for (int v : expectValues)
            QCOMPARE(int(values.read().to_uint()), v);
        QVERIFY(values.empty());
        QCOMPARE(counter.cycles, 16ull);
    }

    void memoryEnds() {
        // 13-byte images occupy two 64-bit words each; results are label + outputs.
        std::vector<ap_uint<64>> mem(3 * 2, 0);
        std::vector<int> bytes(3 * 13);
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            bytes[i] = int((i * 37 + 11) % 256);
            const std::size_t img = i / 13, b = i % 13;
            mem[img * 2 + b / 8].range((b % 8) * 8 + 7, (b % 8) * 8) = bytes[i];
        }
        hls::stream<ap_uint<8>> px("px");
        StageCounter c1;
        readImages<13>(mem.data(), px, 3, c1);
        for (int b : bytes)
            QCOMPARE(int(px.read().to_uint()), b);
        QVERIFY(px.empty());
        QCOMPARE(c1.cycles, 39ull);

        hls::stream<ap_uint<32>> values("v"), labels("l");
        for (int f = 0; f < 3; ++f) {
            labels.write(ap_uint<32>(f + 100));
            values.write(ap_uint<32>(unsigned(-f)));
            values.write(ap_uint<32>(unsigned(f * 2)));
        }
        std::vector<ap_uint<32>> results(9, 0);
        StageCounter c2;
        writeResults<2>(values, labels, results.data(), 3, c2);
        for (int f = 0; f < 3; ++f) {
            QCOMPARE(int(results[f * 3].to_uint()), f + 100);
            QCOMPARE(int(results[f * 3 + 1].to_uint()), -f);
            QCOMPARE(int(results[f * 3 + 2].to_uint()), f * 2);
        }
        QCOMPARE(c2.cycles, 9ull);
    }
};

QTEST_APPLESS_MAIN(TestKernels)
#include "test_kernels.moc"
