// The exporter's folding against the float formula it encodes (fold.h), on every integer
// accumulator of a range: thresholds must reproduce the quantised activation exactly.
#include "fold.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace bitfold;
using namespace bitfold::train;

namespace {

// The float graph's activation for accumulator `acc` of row `o` (fold.h's definition).
int floatActivation(const TrainedLayer& l, int actBits, int o, long acc) {
    const double z =
        l.gamma[o] * (l.weightScale[o] * l.inputScale * double(acc) - l.mean[o]) / std::sqrt(l.var[o] + l.eps) +
        l.beta[o];
    if (actBits == 1) return z >= 0 ? 1 : -1;
    const double levels = (1 << actBits) - 1;
    return int(std::clamp(std::floor(z / l.actStep + 0.5), 0.0, levels));
}

// docs/semantics.md: count of thresholds reached (1 bit: +1/-1).
int integerActivation(const LayerParams& p, int o, long acc) {
    const int t = (1 << p.actBits) - 1;
    int y = 0;
    for (int k = 0; k < t; ++k) y += acc >= p.thresholds[std::size_t(o) * t + k];
    return p.actBits == 1 ? (y ? 1 : -1) : y;
}

TrainedLayer randomLayer(int rows, int cols, std::mt19937& rng) {
    std::normal_distribution<double> normal;
    std::uniform_int_distribution<int> weight(-1, 1);
    TrainedLayer l;
    for (int i = 0; i < rows * cols; ++i) l.weights.push_back(std::int8_t(weight(rng)));
    for (int o = 0; o < rows; ++o) {
        l.weightScale.push_back(0.01 + std::abs(normal(rng)) * 0.05);
        l.gamma.push_back(normal(rng)); // about half negative
        l.beta.push_back(normal(rng));
        l.mean.push_back(normal(rng) * 0.2);
        l.var.push_back(0.05 + std::abs(normal(rng)) * 0.1);
    }
    l.gamma[0] = 0.0; // a dead channel: constant output
    l.inputScale = 1.0 / 255.0;
    l.actStep = 0.37;
    return l;
}

} // namespace

class TestFold : public QObject {
    Q_OBJECT
private slots:
    void thresholdsReproduceTheFloatActivation_data() {
        QTest::addColumn<int>("actBits");
        for (int a : {1, 2, 3, 4, 8}) QTest::newRow(qPrintable(QString("A%1").arg(a))) << a;
    }

    void thresholdsReproduceTheFloatActivation() {
        QFETCH(int, actBits);
        std::mt19937 rng(7);
        const int rows = 16, cols = 8;
        const TrainedLayer layer = randomLayer(rows, cols, rng);
        const LayerParams p = foldLayer(rows, cols, 2, actBits, layer);
        QCOMPARE(p.thresholds.size(), std::size_t(rows) * ((1 << actBits) - 1));
        for (int o = 0; o < rows; ++o) {
            const bool negated = layer.gamma[o] < 0;
            for (int i = 0; i < cols; ++i)
                QCOMPARE(p.weights[o * cols + i],
                         std::int8_t(negated ? -layer.weights[o * cols + i] : layer.weights[o * cols + i]));
            const int t = (1 << actBits) - 1;
            for (int k = 1; k < t; ++k) QVERIFY(p.thresholds[o * t + k - 1] <= p.thresholds[o * t + k]);
            // The integer graph sees acc' = -acc on a negated row.
            for (long acc = -20000; acc <= 20000; ++acc)
                QCOMPARE(integerActivation(p, o, negated ? -acc : acc), floatActivation(layer, actBits, o, acc));
        }
    }

    void lastLayerKeepsWeightsAndHasNoThresholds() {
        std::mt19937 rng(3);
        TrainedLayer layer = randomLayer(10, 4, rng);
        layer.gamma.clear();
        const LayerParams p = foldLayer(10, 4, 2, 0, layer);
        QCOMPARE(p.weights, layer.weights);
        QVERIFY(p.thresholds.empty());
        QCOMPARE(p.actBits, 0);
    }
};

QTEST_APPLESS_MAIN(TestFold)
#include "test_fold.moc"
