// Property tests of the simulation ap_int.h against the bit-by-bit reference (ap_reference.h),
// for every width in apref::AllWidths (1..4096 bits), signed and unsigned, random values.

#include "ap_reference.h"

#include <QTest>

using namespace apref;

// CHECK_BITS(label, actual ap value, expected Bits), QCOMPARE-style: returns on failure.
#define CHECK_BITS(...)                                                                                                \
    do {                                                                                                               \
        if (!sameBits(__VA_ARGS__, __FILE__, __LINE__)) return;                                                        \
    } while (false)

namespace {

// Compares an ap value with a reference pattern; the label shows on both sides of a failure.
template <int W, bool S>
bool sameBits(const std::string& label, const ap_int_base<W, S>& actual, const Bits& expected, const char* file,
              int line) {
    return QTest::qCompare(tagged(label, toBits(actual)), tagged(label, expected), "actual", "expected", file, line);
}

template <int W, bool S>
std::string name() {
    return (S ? "ap_int<" : "ap_uint<") + std::to_string(W) + ">";
}

template <int W, bool S>
std::string label(const char* op, const Bits& a, const Bits& b = {}) {
    return name<W, S>() + " " + op + " 0x" + hex(a) + (b.empty() ? "" : " 0x" + hex(b));
}

/// The order Vitis gives mixed-signedness operands (see compareOrder() in ap_int_ops.h).
int expectedOrder(const Bits& a, bool sa, const Bits& b, bool sb) {
    const int wa = int(a.size()), wb = int(b.size());
    if (sa != sb) {
        const int wu = sa ? wb : wa, ws = sa ? wa : wb;
        if (wu >= 32 && wu >= ws) {
            if (isNegative(a, sa)) return 1;
            if (isNegative(b, sb)) return -1;
        }
    }
    return compare(a, sa, b, sb);
}

} // namespace

class TestApIntReference : public QObject {
    Q_OBJECT

private slots:
    void constructionFromIntegers() {
        forBoth([this]<int W, bool S>() { construction<W, S>(); });
    }
    void conversionBetweenWidths() {
        forBoth([this]<int W, bool S>() { conversions<W, S>(); });
    }
    void bitAccess() {
        forBoth([this]<int W, bool S>() { bits<W, S>(); });
    }
    void rangeReadWrite() {
        forBoth([this]<int W, bool S>() { ranges<W, S>(); });
    }
    void addSubMul() {
        forBoth([this]<int W, bool S>() { arithmetic<W, S>(); });
    }
    void bitwiseOps() {
        forBoth([this]<int W, bool S>() { logic<W, S>(); });
    }
    void shifts() {
        forBoth([this]<int W, bool S>() { shifting<W, S>(); });
    }
    void comparisons() {
        forBoth([this]<int W, bool S>() { comparing<W, S>(); });
    }
    void mixedOperandTypes();
    void countsAndReductions() {
        forBoth([this]<int W, bool S>() { counts<W, S>(); });
    }
    void stringsRoundTrip() {
        forBoth([this]<int W, bool S>() { strings<W, S>(); });
    }
    void incrementDecrement() {
        forBoth([this]<int W, bool S>() { stepping<W, S>(); });
    }
    void divisionIdentity() {
        forBoth([this]<int W, bool S>() { division<W, S>(); });
    }
    void concatenation() {
        forBoth([this]<int W, bool S>() { concat<W, S>(); });
    }

private:
    template <class F>
    void forBoth(F f) {
        forEachType(AllWidths{}, f);
    }
    Bits random(int w) { return randomBits(w, m_rng); }

    template <int W, bool S>
    void construction();
    template <int W, bool S>
    void conversions();
    template <int W, bool S, int W2, bool S2>
    void convertFrom();
    template <int W, bool S>
    void bits();
    template <int W, bool S>
    void ranges();
    template <int W, bool S>
    void arithmetic();
    template <int W, bool S>
    void logic();
    template <int W, bool S>
    void shifting();
    template <int W, bool S>
    void comparing();
    template <int W, bool S, int W2, bool S2>
    void compareWith();
    template <int W1, bool S1, int W2, bool S2>
    void mixed();
    template <int W, bool S>
    void counts();
    template <int W, bool S>
    void strings();
    template <int W, bool S>
    void stepping();
    template <int W, bool S>
    void division();
    template <int W, bool S>
    void concat();

    std::mt19937_64 m_rng{20180710};
};

template <int W, bool S>
void TestApIntReference::construction() {
    for (int t = 0; t < trials(W); ++t) {
        const std::uint64_t v = t % 3 == 0 ? m_rng() : t % 3 == 1 ? m_rng() % 300 : -(m_rng() % 300);
        const Bits v64 = fromU64(v, 64);
        const std::string l = label<W, S>("from", v64);
        CHECK_BITS(l + " (ull)", ApT<W, S>(v), resize(v64, false, W));
        CHECK_BITS(l + " (ll)", ApT<W, S>(static_cast<long long>(v)), resize(v64, true, W));
        CHECK_BITS(l + " (int)", ApT<W, S>(static_cast<int>(v)), resize(resize(v64, false, 32), true, W));
        CHECK_BITS(l + " (unsigned char)", ApT<W, S>(static_cast<unsigned char>(v)),
                   resize(resize(v64, false, 8), false, W));
        CHECK_BITS(l + " (bool)", ApT<W, S>(v != 0), fromU64(v != 0, W));

        // Reading back: the value extended per S, then cut to the C type.
        const ApT<W, S> a(v);
        const Bits wide = resize(toBits(a), S, 64);
        std::uint64_t expect = 0;
        for (int i = 0; i < 64; ++i) expect |= std::uint64_t(wide[i]) << i;
        QCOMPARE(a.to_uint64(), expect);
        QCOMPARE(a.to_int64(), static_cast<long long>(expect));
        QCOMPARE(a.to_uint(), static_cast<unsigned>(expect));
        QCOMPARE(a.to_int(), static_cast<int>(expect));
        QCOMPARE(a.to_bool(), resize(v64, false, W) != Bits(W));
        QCOMPARE(a.length(), W);
    }
    QVERIFY((ApT<W, S>().iszero()));
}

template <int W, bool S>
void TestApIntReference::conversions() {
    convertFrom<W, S, 5, false>();
    convertFrom<W, S, 5, true>();
    convertFrom<W, S, 64, false>();
    convertFrom<W, S, 64, true>();
    convertFrom<W, S, 100, false>();
    convertFrom<W, S, 100, true>();
    convertFrom<W, S, 4096, false>();
    convertFrom<W, S, 4096, true>();
}

template <int W, bool S, int W2, bool S2>
void TestApIntReference::convertFrom() {
    for (int t = 0; t < trials(std::max(W, W2)) / 4 + 1; ++t) {
        const Bits x = random(W2);
        const ApT<W2, S2> src = fromBits<ApT<W2, S2>>(x);
        const std::string l = label<W, S>(("from " + name<W2, S2>()).c_str(), x);
        CHECK_BITS(l, ApT<W, S>(src), resize(x, S2, W));
        ApT<W, S> assigned;
        assigned = src;
        CHECK_BITS(l + " (assigned)", assigned, resize(x, S2, W));
    }
}

template <int W, bool S>
void TestApIntReference::bits() {
    for (int t = 0; t < trials(W); ++t) {
        Bits r = random(W);
        ApT<W, S> a = fromBits<ApT<W, S>>(r);
        CHECK_BITS(label<W, S>("bits", r), a, r);
        const int i = int(m_rng() % W), j = int(m_rng() % W);
        const bool v = m_rng() & 1;
        a[i] = v;
        r[i] = v;
        CHECK_BITS(label<W, S>("a[i] = v", r), a, r);
        a[j] = a[i]; // copies the bit, does not rebind the proxy
        r[j] = r[i];
        CHECK_BITS(label<W, S>("a[j] = a[i]", r), a, r);
        a[i] = 2; // any nonzero value writes 1
        r[i] = true;
        CHECK_BITS(label<W, S>("a[i] = 2", r), a, r);
        a.clear(j);
        r[j] = false;
        a.invert(i);
        r[i] = !r[i];
        CHECK_BITS(label<W, S>("clear, invert", r), a, r);
        a.set(j);
        QVERIFY(a.test(j) && a.get_bit(j) && bool(a[j]));
        a.set_bit(W - 1, true);
        QCOMPARE(a < 0, S); // writing the sign bit makes an ap_int negative
        QCOMPARE(~a[W - 1], false);
    }
}

template <int W, bool S>
void TestApIntReference::ranges() {
    for (int t = 0; t < trials(W); ++t) {
        Bits r = random(W);
        ApT<W, S> a = fromBits<ApT<W, S>>(r);
        const int lo = int(m_rng() % W);
        const int hi = lo + int(m_rng() % std::min(W - lo, 1 + int(m_rng() % 2 ? 64 : 200)));
        const int len = hi - lo + 1;
        Bits field(W);
        for (int k = 0; k < len; ++k) field[k] = r[lo + k];
        const std::string l = label<W, S>(("range(" + std::to_string(hi) + "," + std::to_string(lo) + ")").c_str(), r);
        CHECK_BITS(l, ap_uint<W>(a.range(hi, lo)), field);
        CHECK_BITS(l + " via ()", ap_uint<W>(a(hi, lo)), field);
        QCOMPARE(a.range(hi, lo).length(), len);
        std::uint64_t low = 0;
        for (int k = 0; k < std::min(len, 64); ++k) low |= std::uint64_t(field[k]) << k;
        QCOMPARE(a.range(hi, lo).to_uint64(), low);
        QCOMPARE(static_cast<unsigned long long>(a(hi, lo)), low); // implicit: the low 64 bits

        const Bits v = random(W);
        a.range(hi, lo) = fromBits<ap_uint<W>>(v);
        for (int k = 0; k < len; ++k) r[lo + k] = v[k];
        CHECK_BITS(l + " = 0x" + hex(v), a, r);

        const std::uint64_t u = m_rng();
        a(hi, lo) = u;
        for (int k = 0; k < len; ++k) r[lo + k] = k < 64 && ((u >> k) & 1);
        CHECK_BITS(l + " = ull", a, r);

        ApT<W, S> b = fromBits<ApT<W, S>>(random(W));
        Bits rb = toBits(b);
        b.range(len - 1, 0) = a.range(hi, lo); // a field copies its value, not its reference
        for (int k = 0; k < len; ++k) rb[k] = r[lo + k];
        CHECK_BITS(l + " copied to b", b, rb);
    }
}

template <int W, bool S>
void TestApIntReference::arithmetic() {
    const int n = W >= 4096 ? 3 : trials(W);
    for (int t = 0; t < n; ++t) {
        const Bits ra = random(W), rb = random(W);
        const ApT<W, S> a = fromBits<ApT<W, S>>(ra), b = fromBits<ApT<W, S>>(rb);
        CHECK_BITS(label<W, S>("+", ra, rb), ApT<W, S>(a + b), add(ra, rb));
        CHECK_BITS(label<W, S>("-", ra, rb), ApT<W, S>(a - b), sub(ra, rb));
        CHECK_BITS(label<W, S>("*", ra, rb), ApT<W, S>(a * b), mul(ra, rb));
        CHECK_BITS(label<W, S>("unary -", ra), ApT<W, S>(-a), negate(ra));

        // The unassigned results are exact: one bit wider for + and -, twice as wide for *.
        CHECK_BITS(label<W, S>("+ exact", ra, rb), a + b, add(resize(ra, S, W + 1), resize(rb, S, W + 1)));
        CHECK_BITS(label<W, S>("- exact", ra, rb), a - b, sub(resize(ra, S, W + 1), resize(rb, S, W + 1)));
        if constexpr (W <= 1024)
            CHECK_BITS(label<W, S>("* exact", ra, rb), a * b, mul(resize(ra, S, 2 * W), resize(rb, S, 2 * W)));

        ApT<W, S> c = a;
        c += b;
        CHECK_BITS(label<W, S>("+=", ra, rb), c, add(ra, rb));
        c -= b;
        CHECK_BITS(label<W, S>("-=", ra, rb), c, ra);
        c *= b;
        CHECK_BITS(label<W, S>("*=", ra, rb), c, mul(ra, rb));
        c = a;
        c += 1;
        CHECK_BITS(label<W, S>("+= 1", ra), c, add(ra, fromU64(1, W)));
        c -= -5;
        CHECK_BITS(label<W, S>("-= -5", ra), c, add(ra, fromU64(6, W)));
    }
}

template <int W, bool S>
void TestApIntReference::logic() {
    for (int t = 0; t < trials(W); ++t) {
        const Bits ra = random(W), rb = random(W);
        const ApT<W, S> a = fromBits<ApT<W, S>>(ra), b = fromBits<ApT<W, S>>(rb);
        CHECK_BITS(label<W, S>("&", ra, rb), a & b, bitwise(ra, rb, [](bool x, bool y) { return x && y; }));
        CHECK_BITS(label<W, S>("|", ra, rb), a | b, bitwise(ra, rb, [](bool x, bool y) { return x || y; }));
        CHECK_BITS(label<W, S>("^", ra, rb), a ^ b, bitwise(ra, rb, [](bool x, bool y) { return x != y; }));
        CHECK_BITS(label<W, S>("~", ra), ~a, bitNot(ra));
        CHECK_BITS(label<W, S>("xnor", ra, rb), ApT<W, S>(~(a ^ b)),
                   bitwise(ra, rb, [](bool x, bool y) { return x == y; }));
        // A C int operand is an ap_int<32>: a negative one sign-extends across every word.
        const Bits m = resize(fromU64(std::uint64_t(-16), 64), true, W);
        CHECK_BITS(label<W, S>("& -16", ra), ApT<W, S>(a & -16), bitwise(ra, m, [](bool x, bool y) { return x && y; }));
        ApT<W, S> c = a;
        c ^= b;
        c |= 1;
        Bits rc = bitwise(ra, rb, [](bool x, bool y) { return x != y; });
        rc[0] = true;
        CHECK_BITS(label<W, S>("^= |=", ra, rb), c, rc);
        c &= b;
        CHECK_BITS(label<W, S>("&=", ra, rb), c, bitwise(rc, rb, [](bool x, bool y) { return x && y; }));
    }
}

template <int W, bool S>
void TestApIntReference::shifting() {
    const int fixed[] = {0, 1, 31, 63, 64, 65, W - 1, W, W + 1, 5000};
    for (int t = 0; t < trials(W) + 10; ++t) {
        const int sh = t < 10 ? fixed[t] : int(m_rng() % (W + 3));
        const Bits ra = random(W);
        const ApT<W, S> a = fromBits<ApT<W, S>>(ra);
        const std::string l = label<W, S>(("shift " + std::to_string(sh)).c_str(), ra);
        const Bits left = shl(ra, std::min(sh, W)), right = shr(ra, std::min(sh, W), S);
        CHECK_BITS(l + " <<", a << sh, left); // keeps the type: bits past W are lost
        CHECK_BITS(l + " >>", a >> sh, right);
        CHECK_BITS(l + " << ap_uint<13>", a << ap_uint<13>(sh), left);
        CHECK_BITS(l + " >> unsigned", a >> unsigned(sh), right);
        CHECK_BITS(l + " << -sh", a << -sh, right); // a negative signed distance shifts the other way
        CHECK_BITS(l + " >> ap_int<16>(-sh)", a >> ap_int<16>(-sh), left);
        ApT<W, S> c = a;
        c <<= sh;
        CHECK_BITS(l + " <<=", c, left);
        c = a;
        c >>= sh;
        CHECK_BITS(l + " >>=", c, right);
    }
}

template <int W, bool S>
void TestApIntReference::comparing() {
    for (int t = 0; t < trials(W); ++t) {
        const Bits ra = random(W);
        const Bits rb = t % 4 == 0 ? ra : random(W);
        const ApT<W, S> a = fromBits<ApT<W, S>>(ra), b = fromBits<ApT<W, S>>(rb);
        const int c = compare(ra, S, rb, S);
        const std::string l = label<W, S>("compare", ra, rb);
        QVERIFY2((a == b) == (c == 0) && (a != b) == (c != 0), l.c_str());
        QVERIFY2((a < b) == (c < 0) && (a <= b) == (c <= 0), l.c_str());
        QVERIFY2((a > b) == (c > 0) && (a >= b) == (c >= 0), l.c_str());
    }
    compareWith<W, S, 8, !S>();
    compareWith<W, S, 32, !S>();
    compareWith<W, S, 64, !S>();
    compareWith<W, S, 100, !S>();
    compareWith<W, S, 64, S>();
}

// Mixed widths and signedness, including C integers on either side.
template <int W, bool S, int W2, bool S2>
void TestApIntReference::compareWith() {
    for (int t = 0; t < trials(W) / 2; ++t) {
        const Bits ra = random(W), rb = random(W2);
        const ApT<W, S> a = fromBits<ApT<W, S>>(ra);
        const ApT<W2, S2> b = fromBits<ApT<W2, S2>>(rb);
        const int order = expectedOrder(ra, S, rb, S2), equal = compare(ra, S, rb, S2);
        const std::string l = label<W, S>(("vs " + name<W2, S2>()).c_str(), ra, rb);
        QVERIFY2((a == b) == (equal == 0) && (b != a) == (equal != 0), l.c_str());
        QVERIFY2((a < b) == (order < 0) && (a <= b) == (order <= 0), l.c_str());
        QVERIFY2((a > b) == (order > 0) && (a >= b) == (order >= 0), l.c_str());
        QVERIFY2((b > a) == (order < 0) && (b >= a) == (order <= 0), l.c_str());
        if constexpr (W2 == 32 || W2 == 64) { // the same through the C integer type of that width
            using C = std::conditional_t<W2 == 32, std::conditional_t<S2, int, unsigned>,
                                         std::conditional_t<S2, long long, unsigned long long>>;
            const C i = static_cast<C>(b.to_uint64());
            QVERIFY2((a == i) == (equal == 0) && (i != a) == (equal != 0), l.c_str());
            QVERIFY2((a < i) == (order < 0) && (i < a) == (order > 0) && (a >= i) == (order >= 0), l.c_str());
        }
    }
}

template <int W1, bool S1, int W2, bool S2>
void TestApIntReference::mixed() {
    using Plus = decltype(ApT<W1, S1>() + ApT<W2, S2>());
    using Minus = decltype(ApT<W1, S1>() - ApT<W2, S2>());
    using Mult = decltype(ApT<W1, S1>() * ApT<W2, S2>());
    using Logic = decltype(ApT<W1, S1>() & ApT<W2, S2>());
    // Vitis widths: an unsigned operand meeting a signed one needs one more bit.
    constexpr int w1 = W1 + (S2 && !S1), w2 = W2 + (S1 && !S2), wmax = w1 > w2 ? w1 : w2;
    static_assert(Plus::width == wmax + 1 && Plus::sign_flag == (S1 || S2));
    static_assert(Minus::width == wmax + 1 && Minus::sign_flag);
    static_assert(Mult::width == W1 + W2 && Mult::sign_flag == (S1 || S2));
    static_assert(Logic::width == wmax && Logic::sign_flag == (S1 || S2));
    for (int t = 0; t < trials(std::max(W1, W2)) / 2; ++t) {
        const Bits ra = random(W1), rb = random(W2);
        const ApT<W1, S1> a = fromBits<ApT<W1, S1>>(ra);
        const ApT<W2, S2> b = fromBits<ApT<W2, S2>>(rb);
        const std::string l = name<W1, S1>() + " op " + label<W2, S2>("", ra, rb);
        const auto ext = [&](const Bits& x, bool s, int w) { return resize(x, s, w); };
        CHECK_BITS(l + " +", a + b, add(ext(ra, S1, Plus::width), ext(rb, S2, Plus::width)));
        CHECK_BITS(l + " -", a - b, sub(ext(ra, S1, Minus::width), ext(rb, S2, Minus::width)));
        CHECK_BITS(l + " - (b - a)", b - a, sub(ext(rb, S2, Minus::width), ext(ra, S1, Minus::width)));
        CHECK_BITS(l + " *", a * b, mul(ext(ra, S1, Mult::width), ext(rb, S2, Mult::width)));
        CHECK_BITS(l + " |", a | b, bitwise(ext(ra, S1, Logic::width), ext(rb, S2, Logic::width), [](bool x, bool y) {
                       return x || y;
                   }));
    }
}

void TestApIntReference::mixedOperandTypes() {
    mixed<8, false, 8, true>();
    mixed<13, true, 64, false>();
    mixed<32, false, 31, true>();
    mixed<65, true, 7, false>();
    mixed<100, false, 200, true>();
    mixed<33, true, 33, false>();
    mixed<1, false, 1, true>();
    mixed<64, false, 64, false>();
    mixed<64, true, 64, true>();
    mixed<4096, false, 1, true>();
    mixed<1024, false, 4096, true>();
}

template <int W, bool S>
void TestApIntReference::counts() {
    for (int t = 0; t < trials(W); ++t) {
        const Bits r = random(W);
        const ApT<W, S> a = fromBits<ApT<W, S>>(r);
        const int ones = int(std::count(r.begin(), r.end(), true));
        int clz = 0;
        while (clz < W && !r[W - 1 - clz]) ++clz;
        const std::string l = label<W, S>("counts", r);
        QCOMPARE(popcount(a), ones);
        QVERIFY2(a.countLeadingZeros() == clz, l.c_str());
        QVERIFY2(a.or_reduce() == (ones > 0) && a.and_reduce() == (ones == W), l.c_str());
        QVERIFY2(a.xor_reduce() == (ones % 2 == 1), l.c_str());
        QVERIFY2(a.iszero() == (ones == 0), l.c_str());
        CHECK_BITS(l + " reverse", a.reverse(), Bits(r.rbegin(), r.rend()));
    }
}

template <int W, bool S>
void TestApIntReference::strings() {
    for (int t = 0; t < trials(W); ++t) {
        const Bits r = random(W);
        const ApT<W, S> a = fromBits<ApT<W, S>>(r);
        std::string digits = hex(r);
        digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
        const std::string l = label<W, S>("string", r);
        QCOMPARE(QByteArray::fromStdString(l + a.to_string(16, false)), QByteArray::fromStdString(l + "0x" + digits));
        CHECK_BITS(l + " parsed", ApT<W, S>(("0x" + digits).c_str(), 16), r);
        CHECK_BITS(l + " parsed, radix from prefix", ApT<W, S>(("0x" + digits).c_str()), r);
        CHECK_BITS(l + " parsed radix 2", ApT<W, S>(a.to_string(2, false).c_str(), 2), r);
        CHECK_BITS(l + " parsed radix 8", ApT<W, S>(a.to_string(8, false).c_str()), r);
        CHECK_BITS(l + " parsed radix 10", ApT<W, S>(a.to_string(10).c_str(), 10), r);
    }
}

template <int W, bool S>
void TestApIntReference::stepping() {
    for (int t = 0; t < trials(W); ++t) {
        const Bits r = random(W);
        ApT<W, S> a = fromBits<ApT<W, S>>(r);
        const Bits one = fromU64(1, W);
        CHECK_BITS(label<W, S>("a++ returns a", r), a++, r);
        CHECK_BITS(label<W, S>("a++", r), a, add(r, one));
        CHECK_BITS(label<W, S>("--a", r), --a, r);
        a--;
        CHECK_BITS(label<W, S>("a--", r), a, sub(r, one));
        CHECK_BITS(label<W, S>("++a", r), ++a, r);
    }
}

// q * b + r == a exactly, |r| < |b|, r takes a's sign: division truncates toward zero.
template <int W, bool S>
void TestApIntReference::division() {
    for (int t = 0; t < trials(W) / 3 + 1; ++t) {
        const Bits ra = random(W);
        Bits rb = random(W);
        if (compare(rb, S, Bits(W), false) == 0) rb[0] = true;
        const ApT<W, S> a = fromBits<ApT<W, S>>(ra), b = fromBits<ApT<W, S>>(rb);
        const auto q = a / b;
        const auto r = a % b;
        static_assert(decltype(q)::width == W + S && decltype(r)::width == W);
        const std::string l = label<W, S>("/ %", ra, rb);
        QVERIFY2(q * b + r == a, l.c_str());
        using Wide = ap_int_base<W + 2, true>;
        const Wide absR = r < 0 ? Wide(-r) : Wide(r);
        const Wide absB = b < 0 ? Wide(-b) : Wide(b);
        QVERIFY2(absR < absB, l.c_str());
        QVERIFY2(r == 0 || (r < 0) == (a < 0), l.c_str());
        ApT<W, S> c = a;
        c /= b;
        QVERIFY2((c == ApT<W, S>(q)), l.c_str());
    }
}

template <int W, bool S>
void TestApIntReference::concat() {
    for (int t = 0; t < trials(W) / 4 + 1; ++t) {
        const Bits ra = random(W), rb = random(5);
        const ApT<W, S> a = fromBits<ApT<W, S>>(ra);
        const ap_int<5> b = fromBits<ap_int<5>>(rb);
        Bits joined = rb;
        joined.insert(joined.end(), ra.begin(), ra.end());
        CHECK_BITS(label<W, S>("concat", ra, rb), a.concat(b), joined);
        CHECK_BITS(label<W, S>("(a, b)", ra, rb), (a, b), joined);
    }
}

QTEST_APPLESS_MAIN(TestApIntReference)
#include "test_ap_int_reference.moc"
