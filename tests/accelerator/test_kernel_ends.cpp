// The accelerator's ends against plain C++ references: the port-wide reader feeding the
// input quantizer (ports of 64, 128 and 512 bits, images that do not fill their last word,
// with and without hardware padding), and the label select packing result slots into port
// words for the writer. Counted cycles equal bitfold/cycles.h.
#include "kernel_checks.h"

#include <QtTest>

#include <string>

using namespace bitfold::hw;
using namespace refs;
using namespace checks;

namespace {

constexpr unsigned kImages = 3;

/// Reference quantisation of one pixel, as raw bits (docs/semantics.md).
template <class TO>
unsigned long long quantizedRaw(int p) {
    return TO::isBinary ? (p >= 128 ? 1u : 0u) : unsigned(p) >> (8 - TO::bits);
}

/// Groups x Values pixels per image through readImages and quantizeInput, PerWord values out
/// per word. Bytes past each image in its last word hold garbage the quantizer must skip.
template <unsigned Groups, unsigned Values, unsigned Padded, unsigned PerWord, unsigned PortBits, class TO>
void checkReaderQuantizer(std::mt19937& rng) {
    constexpr unsigned BYTES = Groups * Values, PORT_BYTES = PortBits / 8;
    constexpr unsigned WORDS = unsigned(bitfold::cycles::reader(BYTES, PortBits));
    const std::string name = caseName("reader+quantizer groups/values/padded/perWord/port/bits",
                                      {Groups, Values, Padded, PerWord, PortBits, TO::bits});
    std::vector<int> px(std::size_t(kImages) * BYTES);
    for (int& p : px) p = int(rng() % 256);
    px[0] = 127;
    px[1] = 128;
    std::vector<ap_uint<PortBits>> mem(std::size_t(kImages) * WORDS);
    for (unsigned f = 0; f < kImages; ++f)
        for (unsigned b = 0; b < WORDS * PORT_BYTES; ++b)
            mem[f * WORDS + b / PORT_BYTES].range((b % PORT_BYTES) * 8 + 7, (b % PORT_BYTES) * 8) =
                b < BYTES ? px[f * BYTES + b] : 0xA5;

    hls::stream<ap_uint<PortBits>> words("port_words");
    hls::stream<ap_uint<PerWord * TO::bits>> out("quantized");
    StageCounter reader, quantizer;
    readImages<BYTES, PortBits>(mem.data(), words, kImages, reader);
    QCOMPARE(words.size(), std::size_t(kImages) * WORDS);
    quantizeInput<Groups, Values, Padded, PerWord, PortBits, TO>(words, out, kImages, quantizer);
    QVERIFY2(words.empty(), name.c_str());
    QCOMPARE(out.size(), std::size_t(kImages) * Groups * Padded / PerWord);
    for (unsigned f = 0; f < kImages; ++f)
        for (unsigned w = 0; w < Groups * Padded / PerWord; ++w) {
            const ap_uint<PerWord* TO::bits> y = out.read();
            for (unsigned l = 0; l < PerWord; ++l) {
                const unsigned e = w * PerWord + l, g = e / Padded, p = e % Padded;
                const unsigned long long expect = p < Values ? quantizedRaw<TO>(px[f * BYTES + g * Values + p]) : 0;
                if (y.range((l + 1) * TO::bits - 1, l * TO::bits).to_uint64() != expect)
                    QFAIL(qPrintable(QString::fromStdString(name) + QString(": image %1 element %2").arg(f).arg(e)));
            }
        }
    QCOMPARE(reader.cycles, bitfold::cycles::reader(BYTES, PortBits) * kImages);
    QCOMPARE(quantizer.cycles, bitfold::cycles::quantizer(Groups * Padded, PerWord) * kImages);
}

/// Frames of Groups x PerGroup elements (Keep logical per group) through labelSelect and
/// writeResults: result words hold the values, then the label, 32 bits a slot, unused 0.
template <unsigned Groups, unsigned PerGroup, unsigned Keep, unsigned PortBits, class TV>
void checkLabelWriter(const std::vector<long long>& x, const std::vector<unsigned>& labels) {
    constexpr unsigned SLOTS = Groups * Keep + 1, PER_WORD = PortBits / 32;
    constexpr unsigned WORDS = unsigned(bitfold::cycles::writer(SLOTS, PortBits));
    const unsigned frames = unsigned(x.size() / (Groups * PerGroup));
    const std::string name = caseName("label+writer groups/perGroup/keep/port", {Groups, PerGroup, Keep, PortBits});
    hls::stream<ap_uint<TV::bits>> in("ls_in");
    push<TV, 1>(in, x);
    hls::stream<ap_uint<PortBits>> packed("ls_slots");
    StageCounter select, writer;
    labelSelect<Groups, PerGroup, Keep, PortBits, TV>(in, packed, frames, select);
    QVERIFY2(in.empty(), name.c_str());
    QCOMPARE(packed.size(), std::size_t(frames) * WORDS);
    std::vector<ap_uint<PortBits>> results(std::size_t(frames) * WORDS, ~ap_uint<PortBits>(0));
    writeResults<SLOTS, PortBits>(packed, results.data(), frames, writer);
    QVERIFY2(packed.empty(), name.c_str());
    for (unsigned f = 0; f < frames; ++f)
        for (unsigned k = 0; k < WORDS * PER_WORD; ++k) {
            long long expect = 0; // unused slots of the last word
            if (k < SLOTS - 1) {
                const unsigned g = k / Keep, c = k % Keep;
                expect = x[(std::size_t(f) * Groups + g) * PerGroup + c];
            } else if (k == SLOTS - 1) {
                expect = labels[f];
            }
            const ap_uint<PortBits>& w = results[std::size_t(f) * WORDS + k / PER_WORD];
            const int got = int(w.range(32 * (k % PER_WORD) + 31, 32 * (k % PER_WORD)).to_uint());
            if (got != expect)
                QFAIL(qPrintable(QString::fromStdString(name) +
                                 QString(": frame %1 slot %2: %3, expected %4").arg(f).arg(k).arg(got).arg(expect)));
        }
    QCOMPARE(select.cycles, bitfold::cycles::labelSelect(Groups * PerGroup) * frames);
    QCOMPARE(writer.cycles, bitfold::cycles::writer(SLOTS, PortBits) * frames);
}

/// Top-1 of each frame's logical outputs, the first on ties.
std::vector<unsigned> topOne(const std::vector<long long>& x, unsigned groups, unsigned perGroup, unsigned keep) {
    std::vector<unsigned> labels;
    for (std::size_t f = 0; f < x.size() / (groups * perGroup); ++f) {
        unsigned best = 0, index = 0;
        long long bestValue = 0;
        for (unsigned g = 0; g < groups; ++g)
            for (unsigned c = 0; c < keep; ++c, ++index) {
                const long long v = x[(f * groups + g) * perGroup + c];
                if (index == 0 || v > bestValue) {
                    bestValue = v;
                    best = index;
                }
            }
        labels.push_back(best);
    }
    return labels;
}

template <unsigned Groups, unsigned PerGroup, unsigned Keep, unsigned PortBits, class TV>
void checkRandomLabelWriter(std::mt19937& rng) {
    std::vector<long long> x(std::size_t(kImages) * Groups * PerGroup);
    for (auto& v : x) v = randomValue<TV>(rng);
    checkLabelWriter<Groups, PerGroup, Keep, PortBits, TV>(x, topOne(x, Groups, PerGroup, Keep));
}

} // namespace

class TestKernelEnds : public QObject {
    Q_OBJECT

private slots:
    void readerAndQuantizer() {
        std::mt19937 rng(8);
        // Fashion-MNIST, 784 bytes: 12.25 words of 64 bytes, 49 of 16, 98 of 8.
        checkReaderQuantizer<1, 784, 784, 8, 64, Binary>(rng);
        checkReaderQuantizer<1, 784, 784, 16, 128, Unsigned<2>>(rng);
        checkReaderQuantizer<1, 784, 784, 16, 512, Unsigned<8>>(rng);
        checkReaderQuantizer<1, 784, 784, 1, 512, Unsigned<4>>(rng);
        // CIFAR-10, 32 x 32 x 3 channels, no padding: words hold pixels of several groups.
        checkReaderQuantizer<1024, 3, 3, 8, 64, Unsigned<4>>(rng);
        checkReaderQuantizer<1024, 3, 3, 16, 128, Binary>(rng);
        checkReaderQuantizer<1024, 3, 3, 64, 512, Unsigned<8>>(rng);
        // 784 pixels padded to 832 hardware inputs (padding raw 0 after the pixels).
        checkReaderQuantizer<1, 784, 832, 8, 64, Binary>(rng);
        checkReaderQuantizer<1, 784, 832, 16, 128, Unsigned<3>>(rng);
        checkReaderQuantizer<1, 784, 832, 16, 512, Unsigned<1>>(rng);
        // 13 x 13 pixels of 3 channels padded to 4, one value per cycle: 507 bytes.
        checkReaderQuantizer<169, 3, 4, 1, 64, Unsigned<5>>(rng);
        checkReaderQuantizer<169, 3, 4, 1, 128, Binary>(rng);
        checkReaderQuantizer<169, 3, 4, 1, 512, Unsigned<2>>(rng);
    }

    void labelSelectAndWriter() {
        // 2 pixels x 4 hardware channels, 3 logical; ties go to the first; a padded channel
        // holding the largest value is never chosen. 7 slots: 4, 2 and 1 words at 64, 128, 512 bits.
        const std::vector<long long> x = {5, -3, 7, 2000, 7, 1, -8, 2000, -1, -1, -1, 1500, -1, -1, -2, 1000};
        const std::vector<unsigned> labels = {2, 0};
        QCOMPARE(topOne(x, 2, 4, 3), labels);
        checkLabelWriter<2, 4, 3, 64, Accumulator<12>>(x, labels);
        checkLabelWriter<2, 4, 3, 128, Accumulator<12>>(x, labels);
        checkLabelWriter<2, 4, 3, 512, Accumulator<12>>(x, labels);
        std::mt19937 rng(9);
        // 10 classes of 16 hardware outputs: 11 slots.
        checkRandomLabelWriter<1, 16, 10, 64, Accumulator<16>>(rng);
        checkRandomLabelWriter<1, 16, 10, 128, Accumulator<16>>(rng);
        checkRandomLabelWriter<1, 16, 10, 512, Accumulator<16>>(rng);
        // Exactly one full word of packed, and activations (Binary: -1/+1) as outputs.
        checkRandomLabelWriter<1, 3, 3, 128, Unsigned<2>>(rng);
        checkRandomLabelWriter<3, 2, 1, 64, Binary>(rng);
        checkRandomLabelWriter<4, 9, 7, 512, Unsigned<4>>(rng);
    }
};

QTEST_APPLESS_MAIN(TestKernelEnds)
#include "test_kernel_ends.moc"
