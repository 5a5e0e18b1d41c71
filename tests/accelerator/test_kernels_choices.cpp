// The per-layer hardware choices of the MVTU (LayerFolding::product, ::thresholds) against
// the plain C++ references: products bound to DSP slices (DspProducts) compute what the LUT
// products compute, and the binary-search threshold unit (ThresholdSearchActivation) finds
// the level the parallel comparators find, ties at exactly a threshold and the int32 extremes
// included; the MVTU counts cycles::mvtu either way. Built twice like test_kernels (fast paths
// and lane loops): the lane-loop build runs the multiply that carries the DSP binding.
#include "kernel_checks.h"

#include <QtTest>

#include <climits>
#include <string>

using namespace bitfold::hw;
using namespace refs;
using namespace checks;

namespace {

/// Thresholds of one row with many ties and the extremes: drawn from a few values, one row
/// all equal, one at INT_MIN and INT_MAX (the generator clamps to the int32 range).
std::vector<std::vector<int>> tieRows(std::mt19937& rng, int count) {
    std::vector<std::vector<int>> rows;
    for (int r = 0; r < 6; ++r) {
        std::vector<int> row(count);
        std::uniform_int_distribution<int> d(-3, 3);
        for (int& t : row) t = d(rng) * (r + 1);
        std::sort(row.begin(), row.end());
        rows.push_back(row);
    }
    rows.push_back(std::vector<int>(count, 5));
    std::vector<int> extremes(count);
    for (int k = 0; k < count; ++k) extremes[k] = k < count / 2 ? INT_MIN : INT_MAX;
    rows.push_back(extremes);
    rows.push_back(std::vector<int>(count, INT_MIN));
    rows.push_back(std::vector<int>(count, INT_MAX));
    return rows;
}

/// Both threshold units on every row of tieRows at every threshold, one either side of it,
/// and the int32 extremes, against refs::activate.
template <class TO>
void checkThresholdUnits(std::mt19937& rng) {
    constexpr int NT = (1 << TO::bits) - 1;
    static int table[1][1][NT];
    const ThresholdActivation<1, 1, NT, TO> parallel(table);
    const ThresholdSearchActivation<1, 1, NT, TO> search(table);
    int checked = 0;
    for (const std::vector<int>& row : tieRows(rng, NT)) {
        std::copy(row.begin(), row.end(), table[0][0]);
        std::vector<long long> accs = {INT_MIN, INT_MIN + 1, -1, 0, 1, INT_MAX - 1, INT_MAX};
        for (int t : row)
            for (long long d : {-1, 0, 1})
                if (t + d >= INT_MIN && t + d <= INT_MAX) accs.push_back(t + d);
        for (long long a : accs) {
            const int acc = int(a);
            const long long expect = activate<TO>(acc, row.data());
            const long long viaSearch = TO::value(search.activate(0, 0, acc).to_uint64());
            const long long viaParallel = TO::value(parallel.activate(0, 0, acc).to_uint64());
            if (viaSearch != expect || viaParallel != expect)
                QFAIL(qPrintable(QString("A%1, acc %2, thresholds %3..%4: search %5, parallel %6, expected %7")
                                     .arg(TO::bits)
                                     .arg(acc)
                                     .arg(row.front())
                                     .arg(row.back())
                                     .arg(viaSearch)
                                     .arg(viaParallel)
                                     .arg(expect)));
            ++checked;
        }
    }
    QVERIFY(checked > 10 * NT);
}

// W, A, output bits (0: raw accumulator), MW, MH, output pixels, SIMD, PE: the multi-bit
// products (the DSP choice applies to W, A >= 2) and 1-bit ones (where it has no effect).
#define BITFOLD_CHOICE_CASES(X)                                                                                        \
    X(2, 2, 4, 48, 2, 3, 16, 2)                                                                                        \
    X(2, 8, 3, 384, 16, 3, 128, 8)                                                                                     \
    X(3, 3, 2, 256, 8, 2, 128, 4)                                                                                      \
    X(4, 4, 8, 1, 3, 1, 1, 1)                                                                                          \
    X(4, 4, 0, 64, 9, 1, 64, 3)                                                                                        \
    X(4, 2, 8, 100, 12, 3, 100, 4)                                                                                     \
    X(8, 8, 2, 20, 9, 1, 5, 3)                                                                                         \
    X(8, 4, 8, 192, 16, 3, 64, 16)                                                                                     \
    X(8, 8, 0, 3, 8, 1, 1, 4)                                                                                          \
    X(1, 1, 3, 12, 16, 1, 3, 16)                                                                                       \
    X(1, 1, 1, 784, 8, 1, 392, 4)                                                                                      \
    X(1, 4, 5, 60, 8, 3, 30, 8)                                                                                        \
    X(2, 1, 7, 65, 8, 2, 65, 8)

} // namespace

class TestKernelChoices : public QObject {
    Q_OBJECT

private slots:
    void dspProductsEqualLutProducts() {
        // The dot product with its multiplies bound to DSPs against the LUT one and the
        // lane-by-lane definition, over the extreme operands too.
        std::mt19937 rng(21);
        auto run = [&](auto wTag, auto xTag) {
            using TW = decltype(wTag);
            using TI = decltype(xTag);
            for (int n = 0; n < 100; ++n) {
                long long w[19], x[19];
                for (int i = 0; i < 19; ++i) {
                    w[i] = n == 0 ? TW::minValue : n == 1 ? TW::maxValue : randomValue<TW>(rng);
                    x[i] = n < 2 ? TI::maxValue : randomValue<TI>(rng);
                }
                long long expect = 0;
                for (int i = 0; i < 19; ++i) expect += w[i] * x[i];
                const auto pw = pack<TW, 19>(w);
                const auto px = pack<TI, 19>(x);
                QCOMPARE((long long)(dotProduct<19, TW, TI, DspProducts>(pw, px).to_int64()), expect);
                QCOMPARE((long long)(dotProduct<19, TW, TI, LutProducts>(pw, px).to_int64()), expect);
            }
        };
        run(Signed<2>{}, Unsigned<2>{});
        run(Signed<4>{}, Unsigned<4>{});
        run(Signed<8>{}, Unsigned<8>{});
        run(Signed<3>{}, Unsigned<7>{});
        run(Signed<8>{}, Unsigned<2>{});
        run(Binary{}, Unsigned<5>{}); // a conditional negate: no multiplier to bind
    }

    void searchEqualsParallelThresholds() {
        std::mt19937 rng(22);
        checkThresholdUnits<Binary>(rng);
        checkThresholdUnits<Unsigned<2>>(rng);
        checkThresholdUnits<Unsigned<3>>(rng);
        checkThresholdUnits<Unsigned<4>>(rng);
        checkThresholdUnits<Unsigned<5>>(rng);
        checkThresholdUnits<Unsigned<6>>(rng);
        checkThresholdUnits<Unsigned<7>>(rng);
        checkThresholdUnits<Unsigned<8>>(rng);
    }

    void thresholdStepsFromCycles() {
        // What the plan states the units cost: one step in parallel, A steps by binary search,
        // and no cycles per frame beyond cycles::mvtu (checked by every MVTU case below).
        QCOMPARE(bitfold::cycles::thresholdSteps(0, true), 0ull);
        QCOMPARE(bitfold::cycles::thresholdSteps(1, true), 1ull);
        QCOMPARE(bitfold::cycles::thresholdSteps(255, true), 8ull);
        QCOMPARE(bitfold::cycles::thresholdSteps(127, false), 1ull);
        static_assert(bitfold::cycles::thresholdSteps(15, true) == 4);
    }

    void mvtuWithEachChoice() {
        // Every combination of product resource and threshold unit against the reference
        // (checkMvtu also compares counted cycles with cycles::mvtu).
        std::mt19937 rng(23);
#define X(w, a, o, mw, mh, op, simd, pe)                                                                               \
    checkMvtu<w, a, o, mw, mh, op, simd, pe, 1, DspProducts, false>(rng);                                              \
    checkMvtu<w, a, o, mw, mh, op, simd, pe, 1, LutProducts, true>(rng);                                               \
    checkMvtu<w, a, o, mw, mh, op, simd, pe, 1, DspProducts, true>(rng);                                               \
    if (QTest::currentTestFailed()) return;
        BITFOLD_CHOICE_CASES(X)
#undef X
    }

    void mvtuWithEachChoiceAtMmv() {
        // MMV pixels share each weight word and threshold read: both choices at MMV 2 and 3.
        std::mt19937 rng(24);
        checkMvtu<2, 2, 2, 27, 8, 6, 9, 8, 3, DspProducts, true>(rng);
        checkMvtu<4, 4, 4, 48, 6, 4, 16, 6, 2, DspProducts, true>(rng);
        checkMvtu<3, 8, 3, 130, 2, 6, 65, 2, 3, LutProducts, true>(rng);
    }
};

QTEST_APPLESS_MAIN(TestKernelChoices)
#include "test_kernels_choices.moc"
