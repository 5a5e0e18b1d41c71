// Su et al.'s question from measured data: the cheapest network per precision reaching an accuracy.
#include "bitfold/error.h"
#include "bitfold/tradeoff.h"

#include <QTest>

using namespace bitfold;

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
