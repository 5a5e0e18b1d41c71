// The generator's pure parts, without a compiler: the MVTU's weight ROM and thresholds packed
// by hand-computed examples (lanes, PE interleave, words across 64 bits, hardware padding), and
// the per-block configuration data the headers are printed from.
#include "bitfold/catalog.h"
#include "bitfold/hls_config.h"
#include "bitfold/weight_rom.h"
#include "test_networks.h"

#include <QtTest>

#include <limits>

using namespace bitfold;
using testnets::conv;
using testnets::fc;
using testnets::padded;

namespace {

LayerParams params(const Layer& l, int weightBits, std::vector<std::int8_t> weights, int actBits = 0,
                   std::vector<std::int32_t> thresholds = {}) {
    LayerParams p;
    p.weightBits = weightBits;
    p.actBits = actBits;
    p.mh = l.outChannels;
    p.mw = std::int64_t(weights.size()) / l.outChannels;
    p.weights = std::move(weights);
    p.thresholds = std::move(thresholds);
    return p;
}

LayerFolding folding(int pe, int simd) {
    LayerFolding f;
    f.pe = pe;
    f.simd = simd;
    return f;
}

} // namespace

class TestWeightRom : public QObject {
    Q_OBJECT

private slots:
    void lanesAndTiles() {
        // 2-bit weights, raw two's complement: 1 -> 01, -1 -> 11, 0 -> 00, -2 -> 10; lane i at bits 2i.
        const Layer l = fc("fc", 3, 2, false);
        const LayerParams p = params(l, 2, {1, -1, 0, -2, 1, 1});
        const WeightRom one = packWeightRom(l, p, folding(1, 3), 2);
        QCOMPARE(one.pe, std::int64_t(1));
        QCOMPARE(one.tiles, std::int64_t(2)); // one tile per row
        QCOMPARE(one.words, std::int64_t(1));
        QCOMPARE(one.bits, (std::vector<std::uint64_t>{0b001101, 0b010110}));
        QCOMPARE(one.paddingContribution, 0);
        // PE 2: row r goes to PE r % 2, one tile each.
        const WeightRom two = packWeightRom(l, p, folding(2, 3), 2);
        QCOMPARE(two.tiles, std::int64_t(1));
        QCOMPARE(two.bits, (std::vector<std::uint64_t>{0b001101, 0b010110}));
        // SIMD 1: three tiles a row, row-major over (row fold, synapse fold).
        const WeightRom narrow = packWeightRom(l, p, folding(1, 1), 2);
        QCOMPARE(narrow.tiles, std::int64_t(6));
        QCOMPARE(narrow.bits, (std::vector<std::uint64_t>{0b01, 0b11, 0b00, 0b10, 0b01, 0b01}));
    }

    void wordsAcross64Bits() {
        // 22 lanes of 3 bits: 66 bits, the last lane straddles the two words.
        const Layer l = fc("fc", 22, 1, false);
        const WeightRom r = packWeightRom(l, params(l, 3, std::vector<std::int8_t>(22, -1)), folding(1, 22), 3);
        QCOMPARE(r.words, std::int64_t(2));
        QCOMPARE(r.bits, (std::vector<std::uint64_t>{~std::uint64_t(0), 0b11}));
    }

    void hardwarePaddingOfBinaryLayers() {
        // 1-bit weights (bit 1 = +1), 3 logical inputs padded to 6, 1 output padded to 2.
        const Layer l = padded(fc("fc", 3, 1), 6, 2);
        const LayerParams p = params(l, 1, {1, -1, 1}, 1, {3});
        // On 1-bit inputs the padded inputs alternate +1/-1 (bits 1, 0, 1): three of them leave
        // -1 in every accumulator, which the thresholds absorb; padded rows are all +1.
        const WeightRom bin = packWeightRom(l, p, folding(1, 6), 1);
        QCOMPARE(bin.bits, (std::vector<std::uint64_t>{0b101101, 0b111111}));
        QCOMPARE(bin.paddingContribution, -1);
        QCOMPARE(packThresholds(l, p, folding(1, 6), bin.paddingContribution), (std::vector<std::int64_t>{2, 0}));
        // On wider inputs padded inputs carry raw 0 and their weights are +1: no contribution.
        const WeightRom wide = packWeightRom(l, p, folding(1, 6), 2);
        QCOMPARE(wide.bits, (std::vector<std::uint64_t>{0b111101, 0b111111}));
        QCOMPARE(wide.paddingContribution, 0);
        QCOMPARE(packThresholds(l, p, folding(2, 6), 0), (std::vector<std::int64_t>{3, 0}));
    }

    void paddedConvolutionChannels() {
        // A 2x2 kernel over 1 channel padded to 2: hardware column c is kernel tap c / 2,
        // channel c % 2; the padded channel's weights are 0 (W = 2).
        const Layer l = padded(conv("conv", 1, 1, 2, 2, 1, 0, 1, false), 2);
        const WeightRom r = packWeightRom(l, params(l, 2, {1, -1, -2, 0}), folding(1, 8), 2);
        QCOMPARE(r.bits, (std::vector<std::uint64_t>{0b01 | 0b11 << 4 | 0b10 << 8}));
    }

    void thresholdsInterleaveByPe() {
        const Layer l = fc("fc", 1, 4);
        const LayerParams p = params(l, 2, {1, 1, 1, 1}, 2, {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32});
        // [PE][neuron fold][threshold]: PE 0 holds rows 0 and 2, PE 1 rows 1 and 3.
        QCOMPARE(packThresholds(l, p, folding(2, 1), 0),
                 (std::vector<std::int64_t>{0, 1, 2, 20, 21, 22, 10, 11, 12, 30, 31, 32}));
        LayerParams low = p;
        low.thresholds[0] = std::numeric_limits<std::int32_t>::min();
        QCOMPARE(packThresholds(l, low, folding(4, 1), -1)[0], std::int64_t(std::numeric_limits<std::int32_t>::min()));
    }

    void blocksAreData() {
        const Network net = Catalog::shipped().network("lfc");
        const auto prec = resolvePrecision(net, PrecisionSpec{});
        const HlsDesign d = generateHlsDesign(randomPackage(net, prec, 1), simulationFolding(net, prec));
        QCOMPARE(d.blocks.size(), d.stages.size());
        // 64-bit port: 8 pixels a word; gcd(8, 784, 832) = 8 values leave per cycle.
        const BlockConfig& q = d.blocks[1];
        QCOMPARE(q.kernel, std::string("quantizeInput"));
        QCOMPARE(q.entry("Values").value, std::uint64_t(784));
        QCOMPARE(q.entry("PaddedValues").value, std::uint64_t(832));
        QCOMPARE(q.entry("PerWord").value, std::uint64_t(8));
        QCOMPARE(q.entry("TO").type, std::string("Binary"));
        QCOMPARE(q.templateArgs,
                 (std::vector<std::string>{"Groups", "Values", "PaddedValues", "PerWord", "PortBits", "TO"}));
        QVERIFY(d.configHeader.find("struct " + q.structName + " {") != std::string::npos);
        QVERIFY(d.configHeader.find("static constexpr unsigned PaddedValues = 832;") != std::string::npos);
        QVERIFY(d.configHeader.find("quantizeInput<" + q.structName + "::Groups, " + q.structName + "::Values,") !=
                std::string::npos);
        for (std::size_t i = 0; i < d.blocks.size(); ++i) {
            const BlockConfig& b = d.blocks[i];
            QCOMPARE(b.checks.front().expected, d.stages[i].cyclesPredicted);
            for (const std::string& arg : b.checks.front().args) b.entry(arg); // every formula argument is an entry
            if (d.stages[i].kind != "mvtu") continue;
            const Layer& l = net.layers[std::size_t(net.indexOf(d.stages[i].layer))];
            QCOMPARE(b.entry("MW").value, std::uint64_t(l.matrixWidth()));
            QCOMPARE(b.entry("MH").value, std::uint64_t(l.matrixHeight()));
            QCOMPARE(b.checks.size(), std::size_t(l.activation ? 2 : 1)); // the threshold unit's steps
            QCOMPARE(b.callArgs.front().argument, "l_" + l.name + "_weights");
        }
    }
};

QTEST_APPLESS_MAIN(TestWeightRom)
#include "test_weight_rom.moc"
