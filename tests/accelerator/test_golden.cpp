// The golden reference: hand-computed cases, and a naive re-implementation of
// docs/semantics.md over random networks and precisions.
#include "bitfold/error.h"
#include "bitfold/golden.h"
#include "test_networks.h"

#include <QElapsedTimer>
#include <QtTest>

#include <filesystem>
#include <random>

using namespace bitfold;
using testnets::conv;
using testnets::fc;
using testnets::pool;

namespace {

LayerParams matrixParams(int w, int a, std::int64_t mh, std::int64_t mw, std::vector<std::int8_t> weights,
                         std::vector<std::int32_t> thresholds = {}) {
    LayerParams p;
    p.weightBits = w;
    p.actBits = a;
    p.mh = mh;
    p.mw = mw;
    p.weights = std::move(weights);
    p.thresholds = std::move(thresholds);
    return p;
}

ParamPackage package(std::vector<Layer> layers, std::vector<LayerParams> params, int inputBits) {
    ParamPackage pkg;
    pkg.network.id = "hand";
    pkg.network.inputBits = inputBits;
    pkg.network.layers = std::move(layers);
    pkg.inputBits = inputBits;
    pkg.layers = std::move(params);
    validate(pkg.network);
    return pkg;
}

// --- the naive reference: straight loops over the definitions ------------------------

struct Map {
    int dim = 1, ch = 0;
    std::vector<long long> v; // (y, x, c), channel fastest
    long long at(int y, int x, int c) const { return v[(std::size_t(y) * dim + x) * ch + c]; }
};

long long naiveActivation(long long acc, const std::int32_t* t, int actBits) {
    if (actBits == 1) return acc >= t[0] ? 1 : -1;
    long long y = 0;
    for (int k = 0; k < (1 << actBits) - 1; ++k)
        if (acc >= t[k]) ++y;
    return y;
}

std::vector<long long> naiveInfer(const ParamPackage& pkg, const std::uint8_t* pixels) {
    const Layer& first = pkg.network.layers.front();
    Map m;
    m.dim = first.kind == LayerKind::Fc ? 1 : first.inDim;
    m.ch = first.inChannels;
    int bits = pkg.inputBits;
    for (std::size_t i = 0; i < std::size_t(m.dim) * m.dim * m.ch; ++i) {
        const int p = pixels[i];
        m.v.push_back(bits == 1 ? (p >= 128 ? 1 : -1) : bits == 8 ? p : p >> (8 - bits));
    }
    for (std::size_t li = 0; li < pkg.network.layers.size(); ++li) {
        const Layer& l = pkg.network.layers[li];
        const LayerParams& p = pkg.layers[li];
        const long long pad = bits == 1 ? -1 : 0;
        Map out;
        if (l.kind == LayerKind::Fc) {
            out.ch = l.outChannels;
            for (int o = 0; o < l.outChannels; ++o) {
                long long acc = 0;
                for (std::size_t i = 0; i < m.v.size(); ++i) // flattened in (y, x, c) order
                    acc += p.weights[o * m.v.size() + i] * m.v[i];
                out.v.push_back(
                    l.activation ? naiveActivation(acc, &p.thresholds[o * ((1 << p.actBits) - 1)], p.actBits) : acc);
            }
        } else {
            out.dim = (l.inDim + l.padTotal - l.kernel) / l.stride + 1;
            out.ch = l.outChannels;
            const int begin = l.padTotal / 2;
            const int cg = l.inChannels / l.groups;
            for (int oy = 0; oy < out.dim; ++oy)
                for (int ox = 0; ox < out.dim; ++ox)
                    for (int o = 0; o < out.ch; ++o) {
                        const int g = o / (l.outChannels / l.groups);
                        long long acc = 0, best = 0;
                        bool any = false;
                        for (int ky = 0; ky < l.kernel; ++ky)
                            for (int kx = 0; kx < l.kernel; ++kx) {
                                const int iy = oy * l.stride - begin + ky, ix = ox * l.stride - begin + kx;
                                const bool inside = iy >= 0 && iy < m.dim && ix >= 0 && ix < m.dim;
                                if (l.kind == LayerKind::MaxPool) {
                                    if (inside && (!any || m.at(iy, ix, o) > best)) best = m.at(iy, ix, o);
                                    any = any || inside;
                                    continue;
                                }
                                for (int c = 0; c < cg; ++c) {
                                    const long long x = inside ? m.at(iy, ix, g * cg + c) : pad;
                                    acc += p.weights[o * p.mw + (ky * l.kernel + kx) * cg + c] * x;
                                }
                            }
                        if (l.kind == LayerKind::MaxPool)
                            out.v.push_back(any ? best : pad);
                        else
                            out.v.push_back(
                                l.activation
                                    ? naiveActivation(acc, &p.thresholds[o * ((1 << p.actBits) - 1)], p.actBits)
                                    : acc);
                    }
        }
        if (l.isMatrix() && l.activation) bits = p.actBits;
        m = std::move(out);
    }
    return m.v;
}

/// A random chain: conv/pool blocks (padding, stride, groups), maybe an FC, a classifier.
Network randomNetwork(std::mt19937_64& rng, int& inputSize) {
    auto pick = [&rng](std::initializer_list<int> xs) { return xs.begin()[rng() % xs.size()]; };
    Network n;
    n.id = "random";
    int dim = pick({3, 4, 5, 6, 7, 9}), ch = pick({1, 2, 3, 4});
    inputSize = dim * dim * ch;
    const int blocks = int(rng() % 4);
    for (int b = 0; b < blocks; ++b) {
        const std::string name = "l" + std::to_string(n.layers.size());
        if (b > 0 && dim >= 2 && rng() % 3 == 0) {
            const int k = std::min(dim, pick({2, 3})), s = pick({1, 2}), pad = int(rng() % k);
            n.layers.push_back(pool(name, ch, dim, k, s, pad));
        } else {
            const int k = pick({1, 2, 3}), pad = int(rng() % k), s = pick({1, 1, 2});
            if (k > dim + pad) continue;
            const int out = pick({2, 4, 6, 8});
            const int groups = (ch % 2 == 0 && rng() % 3 == 0) ? 2 : 1;
            n.layers.push_back(conv(name, ch, out, dim, k, s, pad, groups));
            ch = out;
        }
        dim = n.layers.back().outDim();
    }
    int features = dim * dim * ch;
    if (n.layers.empty() || rng() % 2) {
        const int hidden = pick({3, 8, 16, 33});
        n.layers.push_back(fc("l" + std::to_string(n.layers.size()), features, hidden));
        features = hidden;
    }
    n.layers.push_back(fc("l" + std::to_string(n.layers.size()), features, pick({2, 5, 10}), rng() % 4 != 0));
    validate(n);
    return n;
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT

private slots:
    void quantizeInputFollowsTheTable() {
        const std::uint8_t px[] = {0, 63, 64, 127, 128, 255};
        QCOMPARE(quantizeInput(px, 6, 8), (std::vector<std::int32_t>{0, 63, 64, 127, 128, 255}));
        QCOMPARE(quantizeInput(px, 1, 1).size(), std::size_t(1));
        QCOMPARE(quantizeInput(px, 6, 1), (std::vector<std::int32_t>{-1, -1, -1, -1, 1, 1}));
        QCOMPARE(quantizeInput(px, 6, 2), (std::vector<std::int32_t>{0, 0, 1, 1, 2, 3}));
        QCOMPARE(quantizeInput(px, 6, 7), (std::vector<std::int32_t>{0, 31, 32, 63, 64, 127}));
        QVERIFY_THROWS_EXCEPTION(Error, quantizeInput(px, 6, 9));
    }

    /// 2x2 image, one 2x2 conv with padTotal 1 (none top/left, one row/column bottom/right).
    void handConvWithPadding() {
        // Weights in (ky, kx) order: [[1, -1], [0, 1]].
        // out(0,0) = 10 - 20 + 0*30 + 40 = 30;  out(0,1) = 20 - 0 + 0 + 0 = 20
        // out(1,0) = 30 - 40 + 0 + 0 = -10;     out(1,1) = 40
        const auto pkg = package({conv("c", 1, 1, 2, 2, 1, 1, 1, false)}, {matrixParams(2, 0, 1, 4, {1, -1, 0, 1})}, 8);
        const std::uint8_t px[] = {10, 20, 30, 40};
        const GoldenResult r = goldenInfer(pkg, px);
        QCOMPARE(r.outputs, (std::vector<std::int32_t>{30, 20, -10, 40}));
        QCOMPARE(r.label, 3);
    }

    /// Binary semantics: bit 1 = +1, bit 0 = -1 for inputs, weights and activations; padding is -1.
    void handBinary() {
        // Inputs 200, 50, 128, 0 -> +1, -1, +1, -1. Conv weights [1, 1, 1, -1], pad -1:
        // out(0,0) = 1 - 1 + 1 + 1 = 2;  out(0,1) = [-1, pad, -1, pad] -> -1 - 1 - 1 + 1 = -2
        // out(1,0) = [+1, -1, pad, pad] -> 1 - 1 - 1 + 1 = 0; out(1,1) = [-1, pad, pad, pad] -> -2
        // (with a 0 pad out(1,1) would be -1). Threshold 0: signs +1, -1, +1, -1.
        // FC rows [1, 1, 0, -1] -> 1 - 1 + 0 + 1 = 1 and [-1, 1, 1, 1] -> -1 - 1 + 1 - 1 = -2.
        const auto convOnly =
            package({conv("c", 1, 1, 2, 2, 1, 1, 1, false)}, {matrixParams(1, 0, 1, 4, {1, 1, 1, -1})}, 1);
        const std::uint8_t px[] = {200, 50, 128, 0};
        QCOMPARE(goldenInfer(convOnly, px).outputs, (std::vector<std::int32_t>{2, -2, 0, -2}));

        const auto pkg = package(
            {conv("c", 1, 1, 2, 2, 1, 1), fc("f", 4, 2, false)},
            {matrixParams(1, 1, 1, 4, {1, 1, 1, -1}, {0}), matrixParams(2, 0, 2, 4, {1, 1, 0, -1, -1, 1, 1, 1})}, 1);
        const GoldenResult r = goldenInfer(pkg, px);
        QCOMPARE(r.outputs, (std::vector<std::int32_t>{1, -2}));
        QCOMPARE(r.label, 0);

        // All-zero pixels are all -1, not 0: 784 binary +1 weights give -784.
        const auto allOnes =
            package({fc("f", 784, 1, false)}, {matrixParams(1, 0, 1, 784, std::vector<std::int8_t>(784, 1))}, 1);
        const std::vector<std::uint8_t> black(784, 0);
        QCOMPARE(goldenInfer(allOnes, black.data()).outputs, (std::vector<std::int32_t>{-784}));
    }

    /// Multi-threshold: y = #{k : acc >= t[k]}, equality counts.
    void handMultiThreshold() {
        // Row 0: [3, -2, 1] . [1, 2, 3] = 2, thresholds [0, 2, 5] -> 2 (2 >= 2 counts).
        // Row 1: [-1, -1, -1] . x = -6, thresholds [-6, -6, -6] -> 3.
        // Last: [[1, -1], [-1, 1]] . [2, 3] = [-1, 1] -> label 1.
        const auto pkg = package({fc("a", 3, 2), fc("b", 2, 2, false)},
                                 {matrixParams(3, 2, 2, 3, {3, -2, 1, -1, -1, -1}, {0, 2, 5, -6, -6, -6}),
                                  matrixParams(1, 0, 2, 2, {1, -1, -1, 1})},
                                 8);
        const std::uint8_t px[] = {1, 2, 3};
        const GoldenResult r = goldenInfer(pkg, px);
        QCOMPARE(r.outputs, (std::vector<std::int32_t>{-1, 1}));
        QCOMPARE(r.label, 1);

        // With an activation on the last layer the outputs are the activations: [2, 3].
        const auto act = package({fc("a", 3, 2)}, {pkg.layers[0]}, 8);
        QCOMPARE(goldenInfer(act, px).outputs, (std::vector<std::int32_t>{2, 3}));
        QCOMPARE(goldenInfer(act, px).label, 1);
    }

    void argmaxTakesTheFirstOnTies() {
        const auto pkg = package({fc("a", 2, 4, false)}, {matrixParams(2, 0, 4, 2, {0, 0, 1, 0, 0, 1, 1, 0})}, 8);
        const std::uint8_t px[] = {5, 5};
        const GoldenResult r = goldenInfer(pkg, px);
        QCOMPARE(r.outputs, (std::vector<std::int32_t>{0, 5, 5, 5}));
        QCOMPARE(r.label, 1);
    }

    /// 3x3 map, 2x2 max-pool, stride 2, padTotal 1 (bottom/right): windows of 4, 2, 2 and 1 cells.
    void handMaxPool() {
        // Identity 1x1 conv (weight 1) keeps the quantised inputs; an identity FC shows the pool.
        auto run = [](int bits, std::vector<std::int32_t> thresholds, const std::vector<std::uint8_t>& px) {
            const auto pkg = package({conv("c", 1, 1, 3, 1), pool("p", 1, 3, 2, 2, 1), fc("f", 4, 4, false)},
                                     {matrixParams(2, bits, 1, 1, {1}, std::move(thresholds)), LayerParams{},
                                      matrixParams(2, 0, 4, 4, {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1})},
                                     bits == 1 ? 1 : 2);
            return goldenInfer(pkg, px.data()).outputs;
        };
        // 2-bit input (pixel >> 6) = activation: [[0 3 1] [2 1 0] [1 0 2]] ->
        // max{0,3,2,1} = 3, max{1,0} = 1, max{1,0} = 1, max{2} = 2.
        QCOMPARE(run(2, {1, 2, 3}, {0, 192, 64, 128, 64, 0, 64, 0, 128}), (std::vector<std::int32_t>{3, 1, 1, 2}));
        // Binary: [[- - +] [- - -] [- + -]] -> -1, +1 (OR of the bits), +1, -1 (only the cell, never the pad).
        QCOMPARE(run(1, {0}, {0, 0, 255, 0, 0, 0, 0, 255, 0}), (std::vector<std::int32_t>{-1, 1, 1, -1}));
    }

    void groupedStridedConv() {
        // 2x2x4 input, 1x1 conv, 2 groups, 4 outputs, stride 2: only pixel (0,0) is seen.
        // Output o reads channels of group o / 2: [0,1] for o = 0,1, [2,3] for o = 2,3.
        const auto pkg =
            package({conv("c", 4, 4, 2, 1, 2, 0, 2, false)}, {matrixParams(2, 0, 4, 2, {1, 0, 0, 1, 1, 0, 0, 1})}, 8);
        std::vector<std::uint8_t> px(16, 0);
        for (int c = 0; c < 4; ++c) px[c] = std::uint8_t(10 * (c + 1)); // pixel (0,0): 10 20 30 40
        QCOMPARE(goldenInfer(pkg, px.data()).outputs, (std::vector<std::int32_t>{10, 20, 30, 40}));
    }

    void matchesNaiveReferenceOnRandomNetworks() {
        std::mt19937_64 rng(2024);
        const int bitsChoice[] = {1, 2, 3, 4, 8};
        int checked = 0;
        for (int trial = 0; trial < 300; ++trial) {
            int inputSize = 0;
            const Network net = randomNetwork(rng, inputSize);
            PrecisionSpec spec;
            spec.inputBits = bitsChoice[rng() % 5];
            for (const Layer& l : net.layers)
                if (l.isMatrix()) spec.overrides.push_back({l.name, bitsChoice[rng() % 5], bitsChoice[rng() % 5]});
            ParamPackage pkg = randomPackage(net, resolvePrecision(net, spec), trial);
            // Also narrow, tied thresholds sometimes, so equality is exercised.
            if (trial % 3 == 0)
                for (auto& lp : pkg.layers)
                    for (auto& t : lp.thresholds) t = t / 4 * 4;
            const ImageSet images = randomImages(4, 1, 1, inputSize, trial);
            GoldenRunner runner(pkg); // reused across images: no state may leak between them
            QCOMPARE(runner.inputSize(), std::size_t(inputSize));
            for (int i = 0; i < images.count; ++i) {
                const auto expected = naiveInfer(pkg, images.image(i));
                const GoldenResult r = i % 2 ? runner.infer(images.image(i)) : goldenInfer(pkg, images.image(i));
                QCOMPARE(r.outputs.size(), expected.size());
                for (std::size_t k = 0; k < expected.size(); ++k)
                    QVERIFY2(r.outputs[k] == expected[k],
                             qPrintable(QString("trial %1 image %2 output %3: %4 vs naive %5")
                                            .arg(trial)
                                            .arg(i)
                                            .arg(k)
                                            .arg(r.outputs[k])
                                            .arg(expected[k])));
                QCOMPARE(r.label, int(std::max_element(expected.begin(), expected.end()) - expected.begin()));
                QCOMPARE(runner.classify(images.image(i)), r.label);
                ++checked;
            }
        }
        QCOMPARE(checked, 1200);
    }

    void accuracyIsDeterministicAndMatchesInfer() {
        const Network net = testnets::smallConv();
        PrecisionSpec spec;
        spec.weightBits = 2;
        spec.actBits = 2;
        const ParamPackage pkg = randomPackage(net, resolvePrecision(net, spec), 5);
        ImageSet set = randomImages(203, 8, 8, 3, 9);
        std::mt19937_64 rng(1);
        int correct = 0;
        for (int i = 0; i < set.count; ++i) {
            set.labels.push_back(std::uint8_t(rng() % 10));
            correct += goldenInfer(pkg, set.image(i)).label == set.labels.back();
        }
        const double acc = goldenAccuracy(pkg, set);
        QCOMPARE(acc, double(correct) / set.count);
        QCOMPARE(goldenAccuracy(pkg, set), acc);

        ImageSet unlabelled = randomImages(3, 8, 8, 3, 9);
        QVERIFY_THROWS_EXCEPTION(Error, goldenAccuracy(pkg, unlabelled));
        ImageSet wrongShape = randomImages(3, 9, 9, 3, 9);
        wrongShape.labels.assign(3, 0);
        QVERIFY_THROWS_EXCEPTION(Error, goldenAccuracy(pkg, wrongShape));
    }

    /// SFC-sized MLP (784-256-256-256-10) over the 10k Fashion-MNIST test images (time reported).
    void fashionMnistTestSet() {
        if (!std::filesystem::exists(fashionMnistDir() + "/t10k-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        const ImageSet set = loadFashionMnist("test");
        const Network net = testnets::sfc();
        PrecisionSpec spec;
        spec.weightBits = 2;
        spec.actBits = 2;
        const ParamPackage pkg = randomPackage(net, resolvePrecision(net, spec), 1);
        QElapsedTimer timer;
        timer.start();
        const double acc = goldenAccuracy(pkg, set);
        const qint64 ms = timer.elapsed();
        qInfo("goldenAccuracy: %d images through 784-256-256-256-10 W2A2 in %lld ms (random weights: top-1 %.3f)",
              set.count, ms, acc);
        QVERIFY(acc >= 0.0 && acc <= 1.0); // its speed is a benchmark's (bench/), not a test's: no time limit
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "test_golden.moc"
