// Tests of the simulation ap_int.h for W <= 64 against plain C++ integers (__int128 where a
// result needs more than 64 bits), plus the Vitis typing rules kernels rely on.

#include "ap_reference.h"

#include <QTest>

#include <bit>
#include <random>
#include <string>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

namespace {

using apref::ApT;

/// v reduced to W bits, read as signed when S: what Vitis stores for ap_(u)int<W> = v.
constexpr i128 wrap(i128 v, int w, bool s) {
    const u128 m = w >= 128 ? ~u128{0} : (u128{1} << w) - 1;
    const u128 u = u128(v) & m;
    return s && w < 128 && ((u >> (w - 1)) & 1) ? i128(u) - i128(u128{1} << w) : i128(u);
}

/// The value of any ap result up to 127 bits, from its canonical words.
template <int W, bool S>
i128 value(const ap_int_base<W, S>& x) {
    static_assert(W <= 127);
    const std::uint64_t hi = x.kWords > 1 ? x.word(1) : x.fillWord();
    return i128((u128(hi) << 64) | x.word(0));
}

/// Low 128 bits of the value's two's complement pattern (for products up to 128 bits).
template <int W, bool S>
u128 pattern(const ap_int_base<W, S>& x) {
    const std::uint64_t hi = x.kWords > 1 ? x.word(1) : x.fillWord();
    return (u128(hi) << 64) | x.word(0);
}

std::string str(i128 v) {
    if (v < 0) return "-" + str(-v);
    std::string s;
    do {
        s.insert(s.begin(), char('0' + int(v % 10)));
        v /= 10;
    } while (v != 0);
    return s;
}

// Results typed as in Vitis, checked at compile time.
static_assert(decltype(ap_uint<8>() + ap_uint<8>())::width == 9);
static_assert(!decltype(ap_uint<8>() + ap_uint<8>())::sign_flag);
static_assert(decltype(ap_uint<8>() - ap_uint<8>())::sign_flag); // a difference is signed
static_assert(decltype(ap_uint<8>() * ap_int<4>())::width == 12);
static_assert(decltype(ap_uint<8>() + 1)::width == 33); // an int is an ap_int<32>: max(8 + 1, 32) + 1
static_assert(decltype(ap_uint<8>() & ap_uint<3>())::width == 8);
static_assert(decltype(ap_uint<8>() << 3)::width == 8); // shifts keep the type
static_assert(decltype(ap_uint<8>() / ap_int<8>())::width == 9);
static_assert(decltype(ap_int<8>() % ap_uint<4>())::width == 5);
static_assert(decltype(-ap_uint<8>())::width == 9 && decltype(-ap_uint<8>())::sign_flag);
static_assert(decltype(~ap_uint<8>())::width == 8);

// Everything is constexpr for W <= 64.
static_assert(ap_uint<12>(0xABC) + 1 == 0xABD);
static_assert(ap_uint<4>(0x1F) == 0xF);
static_assert(ap_int<4>(0xF) == -1);
static_assert(ap_int<8>(-3) * ap_uint<4>(5) == -15);
static_assert((ap_uint<16>(0xBEEF) >> 4) == 0xBEE && ap_uint<16>(0xBEEF).get_range(11, 4) == 0xEE);
static_assert(popcount(ap_uint<64>(~0ull)) == 64 && popcount(ap_int<5>(-1)) == 5);

} // namespace

class TestApIntNative : public QObject {
    Q_OBJECT

private slots:
    /// The range and bit checks are assertions; they must run in every build (hls/sim/CMakeLists.txt).
    void assertionsAreOn() {
#ifdef NDEBUG
        QFAIL("NDEBUG is defined: ap_int's assertions are compiled out");
#endif
    }

    void constructionAndConversion() {
        forAll([this]<int W, bool S>() { construction<W, S>(); });
    }
    void arithmeticExact() {
        forAll([this]<int W, bool S>() { arithmetic<W, S>(); });
    }
    void divisionLikeC() {
        forAll([this]<int W, bool S>() { division<W, S>(); });
    }
    void shiftsAndBits() {
        forAll([this]<int W, bool S>() { shifts<W, S>(); });
    }
    void comparisons() {
        forAll([this]<int W, bool S>() { comparisons<W, S>(); });
    }
    void decimalStrings() {
        forAll([this]<int W, bool S>() { decimal<W, S>(); });
    }
    void mixingWithCIntegers();
    void mixedSignednessOrdering();
    void implicitConversion();
    void wrapOnAssignment();

private:
    template <class F>
    void forAll(F f) {
        apref::forEachType(apref::NarrowWidths{}, f);
    }
    // Random 64-bit values, often small or small negative so products and sums stay readable.
    std::int64_t random() {
        switch (m_rng() % 4) {
        case 0: return std::int64_t(m_rng() % 512);
        case 1: return -std::int64_t(m_rng() % 512);
        default: return std::int64_t(m_rng());
        }
    }

    template <int W, bool S>
    void construction();
    template <int W, bool S>
    void arithmetic();
    template <int W, bool S>
    void division();
    template <int W, bool S>
    void shifts();
    template <int W, bool S>
    void comparisons();
    template <int W, bool S>
    void decimal();

    std::mt19937_64 m_rng{1807};
};

template <int W, bool S>
void TestApIntNative::construction() {
    for (int t = 0; t < 500; ++t) {
        const std::int64_t v = random();
        const ApT<W, S> a(v);
        QCOMPARE(value(a), wrap(v, W, S));
        QCOMPARE(value(ApT<W, S>(std::uint32_t(v))), wrap(std::uint32_t(v), W, S)); // zero-extended
        QCOMPARE(value(ApT<W, S>(std::int16_t(v))), wrap(std::int16_t(v), W, S)); // sign-extended
        QCOMPARE(value(ap_int<65>(a)), value(a)); // widening keeps the value
        QCOMPARE(value(ap_uint<64>(a)), wrap(value(a), 64, false));
        QCOMPARE(value(ap_int<3>(a)), wrap(value(a), 3, true)); // narrowing keeps the low bits
        QCOMPARE(a.to_int64(), std::int64_t(value(a)));
        QCOMPARE(a.to_int(), int(value(a)));
        QCOMPARE(a.to_uint(), unsigned(value(a)));
        QCOMPARE(a.to_ulong(), (unsigned long)(value(a)));
        QCOMPARE(a.to_double(), double(value(a)));
        for (int i = 0; i < W; ++i) QCOMPARE(bool(a[i]), bool((std::uint64_t(v) >> i) & 1));
        QCOMPARE(popcount(a), std::popcount(std::uint64_t(v) & (W == 64 ? ~0ull : (1ull << W) - 1)));
    }
}

template <int W, bool S>
void TestApIntNative::arithmetic() {
    for (int t = 0; t < 500; ++t) {
        const ApT<W, S> a(random()), b(random());
        const i128 x = value(a), y = value(b);
        QCOMPARE(value(a + b), x + y);
        QCOMPARE(value(a - b), x - y);
        QCOMPARE(pattern(a * b), u128(x) * u128(y)); // exact in W*2 <= 128 bits
        QCOMPARE(value(-a), -x);
        QCOMPARE(value(ApT<W, S>(a + b)), wrap(x + y, W, S));
        QCOMPARE(value(ApT<W, S>(a * b)), wrap(i128(u128(x) * u128(y)), W, S));
        QCOMPARE(value(a + 7), x + 7);
        QCOMPARE(value(3 - a), 3 - x);
        QCOMPARE(value(a * -2), x * -2);
        ApT<W, S> c = a;
        c *= b;
        c += 100;
        QCOMPARE(value(c), wrap(i128(u128(x) * u128(y)) + 100, W, S));
    }
}

template <int W, bool S>
void TestApIntNative::division() {
    for (int t = 0; t < 500; ++t) {
        const ApT<W, S> a(random());
        ApT<W, S> b(random());
        if (b == 0) b = 1;
        const i128 x = value(a), y = value(b);
        QCOMPARE(value(a / b), x / y); // C truncates toward zero
        QCOMPARE(value(a % b), x % y);
        QCOMPARE(value(a / 3), x / 3);
        QCOMPARE(value(a % -3), x % -3);
    }
}

template <int W, bool S>
void TestApIntNative::shifts() {
    for (int t = 0; t < 500; ++t) {
        const ApT<W, S> a(random());
        const int sh = int(m_rng() % (W + 2));
        const i128 x = value(a);
        QCOMPARE(value(a << sh), sh >= W ? 0 : wrap(x * (i128(1) << sh), W, S));
        QCOMPARE(value(a >> sh), x >> std::min(sh, 127)); // arithmetic for ap_int, logical for ap_uint
        const int lo = int(m_rng() % W), hi = lo + int(m_rng() % (W - lo));
        const std::uint64_t field = (std::uint64_t(wrap(x, W, false)) >> lo) & (~0ull >> (63 - (hi - lo)));
        QCOMPARE(a.range(hi, lo).to_uint64(), field);
        QCOMPARE(std::uint64_t(a(hi, lo)), field);
    }
}

template <int W, bool S>
void TestApIntNative::comparisons() {
    for (int t = 0; t < 500; ++t) {
        const ApT<W, S> a(random()), b(t % 5 == 0 ? a.to_int64() : random());
        const i128 x = value(a), y = value(b);
        QCOMPARE(a == b, x == y);
        QCOMPARE(a != b, x != y);
        QCOMPARE(a < b, x < y);
        QCOMPARE(a <= b, x <= y);
        QCOMPARE(a > b, x > y);
        QCOMPARE(a >= b, x >= y);
        QCOMPARE(a > 10, x > 10); // an int (32 bits, signed) meets a same-signed or narrower type
        QCOMPARE(10 <= a, 10 <= x);
        QCOMPARE(a == a.to_int64(), S || x <= INT64_MAX); // equality with C integers is exact
        QCOMPARE(a == a.to_uint64(), !S || x >= 0);
    }
}

template <int W, bool S>
void TestApIntNative::decimal() {
    for (int t = 0; t < 200; ++t) {
        const ApT<W, S> a(random());
        QCOMPARE(QByteArray::fromStdString(a.to_string(10)), QByteArray::fromStdString(str(value(a))));
        QCOMPARE(value(ApT<W, S>(str(value(a)).c_str())), value(a));
    }
}

// The cases a kernel meets: C integer operands act as ap_int<32> (or their own type).
void TestApIntNative::mixingWithCIntegers() {
    const ap_uint<8> small = 5;
    QCOMPARE(value(small - 10), i128(-5)); // signed result, as with C's int promotion
    QVERIFY(small - 10 < 0);
    QCOMPARE(value(small * 100), i128(500));
    const ap_uint<8> wrapped = small - 10;
    QCOMPARE(wrapped.to_uint(), 251u);
    const ap_int<16> acc = -300;
    QVERIFY(acc < small);
    QVERIFY(acc + 300 == 0);
    QCOMPARE((acc >> 2).to_int(), -75);
    QCOMPARE(ap_uint<4>(-1).to_uint(), 15u);
    QCOMPARE(ap_int<4>(8).to_int(), -8);
    QCOMPARE(ap_int<4>(ap_uint<4>(8)).to_int(), -8);
    QCOMPARE(ap_int<8>(ap_uint<4>(8)).to_int(), 8); // a wider ap_int zero-extends an ap_uint
    QCOMPARE(ap_uint<8>(ap_int<4>(-1)).to_uint(), 255u); // ...and an ap_uint sign-extends an ap_int
    QCOMPARE(ap_int<8>(-7) % 3, -1);
    QCOMPARE(ap_int<8>(-7) / 2, -3);
}

// Ordering of mixed signedness follows C as Vitis does: exact below 32 bits or when the signed
// operand is wider; otherwise a negative value counts as a huge unsigned one.
void TestApIntNative::mixedSignednessOrdering() {
    QVERIFY(ap_int<8>(-1) < ap_uint<8>(1));
    QVERIFY(ap_int<31>(-1) < ap_uint<31>(1));
    QVERIFY(!(ap_int<32>(-1) < ap_uint<32>(1)));
    QVERIFY(ap_int<33>(-1) < ap_uint<32>(1));
    QVERIFY(ap_uint<8>(5) > -1);
    QVERIFY(!(ap_uint<32>(5) > -1));
    QVERIFY(!(ap_uint<64>(5) > -1));
    QCOMPARE(ap_uint<64>(5) > -1ll, 5ull > static_cast<unsigned long long>(-1ll)); // same as C
    QVERIFY(ap_uint<8>(255) != ap_int<8>(-1)); // equality compares values
    QVERIFY(ap_uint<32>(0xFFFFFFFF) != -1);
}

void TestApIntNative::implicitConversion() {
    const ap_uint<8> u = 200;
    const ap_int<8> s = -3;
    const unsigned long long cu = u;
    const long long cs = s;
    QCOMPARE(cu, 200ull);
    QCOMPARE(cs, -3ll);
    int table[4] = {10, 11, 12, 13};
    QCOMPARE(table[ap_uint<2>(3)], 13);
    switch (ap_uint<3>(6)) {
    case 6: break;
    default: QFAIL("switch on ap_uint");
    }
    QCOMPARE(u * 0.5, 100.0); // a double operand goes through the C integer
    ap_uint<1024> wide = 1;
    QVERIFY(bool(wide));
    QCOMPARE(wide.to_uint64(), 1ull);
}

void TestApIntNative::wrapOnAssignment() {
    ap_uint<8> a = 255;
    ++a;
    QCOMPARE(a.to_uint(), 0u);
    a--;
    QCOMPARE(a.to_uint(), 255u);
    ap_int<8> s = 127;
    s += 1;
    QCOMPARE(s.to_int(), -128);
    s <<= 1;
    QCOMPARE(s.to_int(), 0);
    ap_uint<64> m = ~0ull;
    m += 1;
    QCOMPARE(m.to_uint64(), 0ull);
}

QTEST_APPLESS_MAIN(TestApIntNative)
#include "test_ap_int_native.moc"
