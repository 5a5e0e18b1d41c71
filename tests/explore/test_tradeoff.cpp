// Su et al.'s question from measured data: the cheapest network per precision reaching an accuracy.
#include "explore_helpers.h"

#include "bitfold/error.h"
#include "bitfold/tradeoff.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace bitfold;

namespace {

/// A manifest with 64-wide MLPs at W1A1 (just below 88%) and W2A2 (just above), 3 seeds each.
void writeManifest(const std::string& root, double sd1, double sd2) {
    std::filesystem::create_directories(root + "/models");
    std::ofstream(root + "/models/manifest.json") << R"({"format": "bitfold-models", "models": [
        {"id": "mlp64-w1a1", "network": "mlp", "width": 64, "layers": 3, "weight_bits": 1, "act_bits": 1,
         "seeds": [1, 2, 3], "accuracy": 0.878, "accuracy_sd": )"
                                                  << sd1 << R"(},
        {"id": "mlp64-w2a2", "network": "mlp", "width": 64, "layers": 3, "weight_bits": 2, "act_bits": 2,
         "seeds": [1, 2, 3], "accuracy": 0.881, "accuracy_sd": )"
                                                  << sd2 << R"(}]})";
}

} // namespace

class TestTradeoff : public QObject {
    Q_OBJECT
private slots:
    void rowsReachTheTargetAndTheWinnerIsCheapest() {
        TradeoffRequest r;
        r.targetAccuracy = 0.85;
        const Tradeoff t = tradeoff(r);
        QVERIFY(!t.rows.empty());
        QVERIFY(t.winner >= 0);
        int reached = 0;
        for (const TradeoffRow& row : t.rows) {
            QVERIFY(row.candidates > 0);
            if (!row.point) continue;
            ++reached;
            const DesignPoint& p = *row.point;
            QCOMPARE(p.weightBits, row.weightBits);
            QVERIFY(p.fits);
            QVERIFY(p.fps >= r.targetFps * (1 - 1e-9));
            QVERIFY(p.accuracy.top1 >= r.targetAccuracy);
            QCOMPARE(p.accuracy.dataset, std::string("fashion-mnist"));
            QCOMPARE(p.accuracy.kind, AccuracyKind::Measured); // never a published MNIST figure
            QVERIFY(row.deviceShare >= t.rows[t.winner].deviceShare);
        }
        QVERIFY(reached >= 3); // shipped models: W1A1 .. W4A4 MLPs reach 85% (resources/models/manifest.json)
    }

    void aHigherTargetNeverGetsCheaper() {
        TradeoffRequest low, high;
        low.targetAccuracy = 0.85;
        high.targetAccuracy = 0.89;
        const Tradeoff a = tradeoff(low), b = tradeoff(high);
        for (const TradeoffRow& hb : b.rows) {
            if (!hb.point) continue;
            for (const TradeoffRow& la : a.rows)
                if (la.weightBits == hb.weightBits && la.actBits == hb.actBits) {
                    QVERIFY(la.point);
                    QVERIFY(la.deviceShare <= hb.deviceShare);
                }
        }
    }

    void aLeadWithinTheCombinedSdIsATie() {
        Catalog::shipped(); // loaded from the real resources first
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        const explore_test::EnvGuard env("BITFOLD_RESOURCES", root);
        TradeoffRequest r;
        r.targetAccuracy = 0.88;
        r.bits = {1, 2};
        r.widthScales = {0.25};
        // W2A2 reaches 88% and wins; the cheaper W1A1 misses it by 0.2 points. The winner's
        // lead, 0.3 points, is within sqrt(0.2^2 + 0.3^2) = 0.36 points: a tie.
        writeManifest(root, 0.002, 0.003);
        Tradeoff t = tradeoff(r);
        QCOMPARE(t.rows.size(), std::size_t(2));
        QCOMPARE(t.winner, 1);
        QCOMPARE(t.rows[1].weightBits, 2);
        QVERIFY(!t.rows[0].point);
        QVERIFY(t.rows[0].rival);
        QCOMPARE(t.rows[0].rival->accuracy.top1, 0.878);
        QCOMPARE(t.tied, std::vector<int>{0});
        QVERIFY(!t.decided());
        // Smaller spreads (combined 0.14 points) and the same 0.3-point lead: W2A2 wins.
        QTemporaryDir dir2; // a new path: the manifest cache is keyed by path and time stamp
        writeManifest(dir2.path().toStdString(), 0.001, 0.001);
        const explore_test::EnvGuard env2("BITFOLD_RESOURCES", dir2.path().toStdString());
        t = tradeoff(r);
        QCOMPARE(t.winner, 1);
        QVERIFY(t.tied.empty());
        QVERIFY(!t.rows[0].rival);
        QVERIFY(t.decided());
    }

    void unreachableTargetsHaveNoWinner() {
        TradeoffRequest r;
        r.targetAccuracy = 0.999;
        const Tradeoff t = tradeoff(r);
        QCOMPARE(t.winner, -1);
        for (const TradeoffRow& row : t.rows) QVERIFY(!row.point);
        r.targetAccuracy = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, tradeoff(r));
    }
};

QTEST_APPLESS_MAIN(TestTradeoff)
#include "test_tradeoff.moc"
