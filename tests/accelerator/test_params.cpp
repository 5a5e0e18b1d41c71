// Parameter packages: round trips, the documented byte layout, every rejected inconsistency.
#include "bitfold/error.h"
#include "bitfold/params.h"
#include "test_errors.h"
#include "test_networks.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

using namespace bitfold;
using testerrors::errorOf;
using nlohmann::json;

namespace {

std::vector<LayerPrecision> precisionFor(const Network& net, int w, int a, int in = 0) {
    PrecisionSpec spec;
    spec.weightBits = w;
    spec.actBits = a;
    spec.inputBits = in;
    return resolvePrecision(net, spec);
}

std::vector<std::uint8_t> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::vector<std::uint8_t>& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
}

json readJson(const std::string& path) {
    std::ifstream in(path);
    return json::parse(in);
}

void writeJson(const std::string& path, const json& j) {
    std::ofstream out(path, std::ios::trunc);
    out << j.dump(2);
}

} // namespace

class TestParams : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_counter = 0;

    /// A fresh saved W2A2 SFC package; returns its directory.
    std::string savedSfc() {
        const std::string dir = (m_tmp.path() + "/pkg" + QString::number(m_counter++)).toStdString();
        savePackage(randomPackage(testnets::sfc(), precisionFor(testnets::sfc(), 2, 2), 7), dir);
        return dir;
    }

private slots:
    void roundTrip_data() {
        QTest::addColumn<int>("net");
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("in");
        const int precisions[][3] = {{1, 1, 1}, {1, 1, 8}, {2, 2, 8}, {3, 3, 4}, {8, 8, 8}, {1, 2, 2}, {4, 1, 8}};
        for (int net = 0; net < 2; ++net)
            for (const auto& p : precisions)
                QTest::addRow("%s-W%dA%d-in%d", net ? "conv" : "sfc", p[0], p[1], p[2]) << net << p[0] << p[1] << p[2];
    }
    void roundTrip() {
        QFETCH(int, net);
        QFETCH(int, w);
        QFETCH(int, a);
        QFETCH(int, in);
        const Network n = net ? testnets::smallConv() : testnets::sfc();
        const auto prec = precisionFor(n, w, a, in);
        ParamPackage pkg = randomPackage(n, prec, 1234);
        QCOMPARE(pkg.precision(), prec);
        QCOMPARE(pkg.inputBits, in);
        pkg.trainingJson = R"({"epochs":10,"recipe":"test","seed":1})";
        pkg.accuracy = 0.5;
        pkg.accuracyImages = 100;
        const std::string dir = (m_tmp.path() + "/rt" + QString::number(m_counter++)).toStdString();
        savePackage(pkg, dir);
        const ParamPackage back = loadPackage(dir);
        QCOMPARE(back.layers.size(), pkg.layers.size());
        for (std::size_t i = 0; i < pkg.layers.size(); ++i)
            QVERIFY2(back.layers[i] == pkg.layers[i], qPrintable(QString("layer %1 differs").arg(i)));
        QVERIFY(back.network == pkg.network);
        QVERIFY(back == pkg);
        // Saving again gives the identical bytes.
        const std::string again = dir + "-again";
        savePackage(back, again);
        QVERIFY(readFile(dir + "/params.bin") == readFile(again + "/params.bin"));
        QVERIFY(readFile(dir + "/package.json") == readFile(again + "/package.json"));
    }

    void randomIsDeterministicAndInRange() {
        const Network n = testnets::smallConv();
        const auto prec = precisionFor(n, 3, 2);
        const ParamPackage a = randomPackage(n, prec, 99), b = randomPackage(n, prec, 99);
        QVERIFY(a == b);
        QVERIFY(!(a == randomPackage(n, prec, 100)));
        QVERIFY(a.layers[1].weights.empty()); // max-pool
        QVERIFY(a.layers[3].thresholds.empty()); // last layer, no activation
        QCOMPARE(a.layers[2].mw, std::int64_t(3 * 3 * 8 / 2));
        QCOMPARE(std::int64_t(a.layers[0].thresholds.size()), 8 * 3);
        for (const auto& l : a.layers) {
            for (auto w : l.weights) QVERIFY(w >= -3 && w <= 3);
            const int t = l.actBits ? (1 << l.actBits) - 1 : 0;
            for (std::int64_t o = 0; o < l.mh && t; ++o)
                QVERIFY(std::is_sorted(l.thresholds.begin() + o * t, l.thresholds.begin() + (o + 1) * t));
        }
        // All 7 values of a 3-bit weight occur, and only +-1 for binary weights.
        std::set<int> seen(a.layers[0].weights.begin(), a.layers[0].weights.end());
        QCOMPARE(int(seen.size()), 7);
        const ParamPackage bin = randomPackage(n, precisionFor(n, 1, 1), 5);
        seen = std::set<int>(bin.layers[0].weights.begin(), bin.layers[0].weights.end());
        QCOMPARE(seen, (std::set<int>{-1, 1}));
    }

    /// Thresholds sit at quantiles of the accumulator's distribution: on uniformly random
    /// inputs every activation level of the first layer is common.
    void randomThresholdsAreInformative() {
        const Network n = testnets::sfc();
        const ParamPackage pkg = randomPackage(n, precisionFor(n, 2, 2), 3);
        const LayerParams& l = pkg.layers[0];
        std::mt19937_64 rng(11);
        std::vector<int> histogram(4, 0);
        for (int image = 0; image < 200; ++image) {
            std::vector<int> x(784);
            for (int& v : x) v = int(rng() % 256);
            for (int o = 0; o < l.mh; ++o) {
                std::int64_t acc = 0;
                for (int i = 0; i < 784; ++i) acc += l.weights[o * 784 + i] * x[i];
                int level = 0;
                for (int k = 0; k < 3; ++k) level += acc >= l.thresholds[o * 3 + k];
                ++histogram[level];
            }
        }
        const double total = 200.0 * 256;
        for (int level = 0; level < 4; ++level)
            QVERIFY2(histogram[level] / total > 0.15 && histogram[level] / total < 0.35,
                     qPrintable(QString("level %1: %2").arg(level).arg(histogram[level] / total)));
    }

    /// The byte layout of docs/semantics.md, checked by hand.
    void packedLayout() {
        Network n;
        n.id = "tiny";
        n.layers = {testnets::fc("a", 3, 2), testnets::fc("b", 2, 1, false)};
        ParamPackage pkg;
        pkg.network = n;
        pkg.inputBits = 8;
        LayerParams a;
        a.weightBits = 3;
        a.actBits = 1;
        a.mh = 2;
        a.mw = 3;
        a.weights = {1, -1, 3, -3, 0, 2}; // codes 001 111 011 101 000 010
        a.thresholds = {-2, 0x01020304};
        LayerParams b;
        b.weightBits = 1;
        b.mh = 1;
        b.mw = 2;
        b.weights = {1, -1}; // bits 1, 0
        pkg.layers = {a, b};
        const std::string dir = (m_tmp.path() + "/layout").toStdString();
        savePackage(pkg, dir);
        const auto bin = readFile(dir + "/params.bin");
        // Layer a weights: 18 bits; weight n in bits [3n, 3n+3), its code's LSB first.
        // Byte 0 = bits 0..7: w0 = 001, w1 = 111, low two bits of w2 = 11 -> 0b11'111'001.
        // Byte 1 = bits 8..15: top bit of w2 = 0, w3 = 101, w4 = 000, low bit of w5 = 0 -> 0b0'000'101'0.
        // Byte 2 = bits 16..17: the top two bits of w5 = 01 -> 0b01.
        QVERIFY(bin.size() >= 3);
        QCOMPARE(int(bin[0]), 0b11111001);
        QCOMPARE(int(bin[1]), 0b00001010);
        QCOMPARE(int(bin[2]), 0b00000001);
        const json j = readJson(dir + "/package.json");
        QCOMPARE(j["format"].get<std::string>(), std::string("bitfold-params"));
        QCOMPARE(j["version"].get<int>(), 1);
        const json& la = j["layers"][0];
        QCOMPARE(la["weights"]["bytes"].get<int>(), 3);
        const int t = la["thresholds"]["offset"].get<int>();
        QCOMPARE(la["thresholds"]["bytes"].get<int>(), 8);
        const std::vector<std::uint8_t> thresholds(bin.begin() + t, bin.begin() + t + 8);
        QCOMPARE(thresholds, (std::vector<std::uint8_t>{0xfe, 0xff, 0xff, 0xff, 0x04, 0x03, 0x02, 0x01}));
        const json& lb = j["layers"][1];
        QVERIFY(lb["thresholds"].is_null());
        QCOMPARE(lb["act_bits"].get<int>(), 0);
        QCOMPARE(int(bin[lb["weights"]["offset"].get<int>()]), 0b01);
        QCOMPARE(lb["weights"]["bytes"].get<int>(), 1);
        QVERIFY(loadPackage(dir) == pkg);
    }

    void poolLayerHasOnlyAName() {
        const Network n = testnets::smallConv();
        const std::string dir = (m_tmp.path() + "/pool").toStdString();
        savePackage(randomPackage(n, precisionFor(n, 2, 2), 1), dir);
        const json entry = readJson(dir + "/package.json")["layers"][1];
        QCOMPARE(entry, (json{{"name", "pool0"}}));
    }

    // --- rejected packages: each message names the file and, where there is one, the layer.

    void missingPackageJson() {
        const std::string dir = savedSfc();
        std::filesystem::remove(dir + "/package.json");
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "no such file");
    }

    void missingParamsBin() {
        const std::string dir = savedSfc();
        std::filesystem::remove(dir + "/params.bin");
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "params.bin", "missing");
    }

    void wrongFormatAndVersion() {
        const std::string dir = savedSfc();
        json j = readJson(dir + "/package.json");
        j["version"] = 2;
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "version 2");
        j["version"] = 1;
        j["format"] = "finn-params";
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "finn-params");
    }

    void truncatedParamsBin() {
        const std::string dir = savedSfc();
        auto bin = readFile(dir + "/params.bin");
        bin.pop_back(); // the last section is fc3's weights
        writeFile(dir + "/params.bin", bin);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "params.bin", "layer fc3", "past the end");
        bin.resize(1000); // inside fc0's weights
        writeFile(dir + "/params.bin", bin);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "params.bin", "layer fc0", "truncated");
    }

    void wrongSectionSize() {
        const std::string dir = savedSfc();
        json j = readJson(dir + "/package.json");
        j["layers"][2]["thresholds"]["bytes"] = 4 * 256 * 3 - 4;
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "params.bin", "layer fc2", "thresholds", "3068");
    }

    void thresholdsNotAscending() {
        const std::string dir = savedSfc();
        const json j = readJson(dir + "/package.json");
        auto bin = readFile(dir + "/params.bin");
        // Row 5 of fc1: make t[1] larger than t[2].
        const std::size_t at = j["layers"][1]["thresholds"]["offset"].get<std::size_t>() + (5 * 3 + 1) * 4;
        bin[at + 0] = 0xff;
        bin[at + 1] = 0xff;
        bin[at + 2] = 0xff;
        bin[at + 3] = 0x7f;
        writeFile(dir + "/params.bin", bin);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "params.bin", "layer fc1", "output channel 5",
                              "ascend");
    }

    void layerListMismatch() {
        const std::string dir = savedSfc();
        json j = readJson(dir + "/package.json");
        j["layers"][1]["name"] = "hidden1";
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "hidden1", "layer fc1");
        j["layers"].erase(1);
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "3 entries", "4 layers");
    }

    void shapeMismatch() {
        const std::string dir = savedSfc();
        json j = readJson(dir + "/package.json");
        j["layers"][0]["mw"] = 800;
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "layer fc0", "784");
    }

    void badFieldTypes() {
        const std::string dir = savedSfc();
        json j = readJson(dir + "/package.json");
        j["layers"][3]["weight_bits"] = "two";
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "layer fc3", "weight_bits");
        j["layers"][3]["weight_bits"] = 2;
        j["layers"][3]["thresholds"] = {{"offset", 0}, {"bytes", 4}};
        writeJson(dir + "/package.json", j);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "package.json", "layer fc3", "null");
    }

    void weightOutsideNarrowRange() {
        // On load: the 2-bit code 10 (-2) is outside the narrow range [-1, 1].
        const std::string dir = savedSfc();
        const json j = readJson(dir + "/package.json");
        auto bin = readFile(dir + "/params.bin");
        const std::size_t at = j["layers"][2]["weights"]["offset"].get<std::size_t>();
        bin[at] = std::uint8_t((bin[at] & ~0x3) | 0x2);
        writeFile(dir + "/params.bin", bin);
        EXPECT_ERROR_MENTIONS(errorOf([&] { loadPackage(dir); }), "params.bin", "layer fc2", "weight 0", "-2");

        // On save.
        ParamPackage pkg = randomPackage(testnets::sfc(), precisionFor(testnets::sfc(), 2, 2), 1);
        pkg.layers[1].weights[300] = 2;
        const std::string out = (m_tmp.path() + "/bad-save").toStdString();
        EXPECT_ERROR_MENTIONS(errorOf([&] { savePackage(pkg, out); }), "bad-save", "layer fc1", "weight 300");
        pkg = randomPackage(testnets::sfc(), precisionFor(testnets::sfc(), 1, 1), 1);
        pkg.layers[0].weights[0] = 0;
        EXPECT_ERROR_MENTIONS(errorOf([&] { savePackage(pkg, out); }), "layer fc0", "{-1, +1}");
    }

    void saveRejectsInconsistentPackages() {
        const std::string out = (m_tmp.path() + "/bad-save2").toStdString();
        ParamPackage pkg = randomPackage(testnets::sfc(), precisionFor(testnets::sfc(), 2, 2), 1);
        std::swap(pkg.layers[2].thresholds[0], pkg.layers[2].thresholds[2]);
        EXPECT_ERROR_MENTIONS(errorOf([&] { savePackage(pkg, out); }), "layer fc2", "ascend");
        pkg = randomPackage(testnets::sfc(), precisionFor(testnets::sfc(), 2, 2), 1);
        pkg.layers[0].thresholds.pop_back();
        EXPECT_ERROR_MENTIONS(errorOf([&] { savePackage(pkg, out); }), "layer fc0", "thresholds");
        pkg = randomPackage(testnets::sfc(), precisionFor(testnets::sfc(), 2, 2), 1);
        pkg.layers.pop_back();
        EXPECT_ERROR_MENTIONS(errorOf([&] { savePackage(pkg, out); }), "3 layer entries");
        QVERIFY(!std::filesystem::exists(out + "/package.json"));
    }

    void randomRejectsNonIntegerPrecision() {
        const Network n = testnets::sfc();
        EXPECT_ERROR_MENTIONS(errorOf([&] { randomPackage(n, precisionFor(n, 32, 2), 1); }), "layer fc0", "float32");
        EXPECT_ERROR_MENTIONS(errorOf([&] { randomPackage(n, precisionFor(n, 2, 16), 1); }), "layer fc0");
        EXPECT_ERROR_MENTIONS(errorOf([&] { randomPackage(n, {}, 1); }), "0 layer precisions");
    }
};

QTEST_GUILESS_MAIN(TestParams)
#include "test_params.moc"
