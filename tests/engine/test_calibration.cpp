// The bitfold model's calibration: fitted on every published design with utilisation, and
// judged by predicting each design from a fit that never saw it (leave-one-design-out).
#include "bitfold/calibration.h"
#include "published.h"

#include <QTest>
#include <cmath>

using namespace bitfold;

class TestCalibration : public QObject {
    Q_OBJECT
private slots:
    void everyPublishedDesignWithUtilisationTakesPart() {
        // published.json: BNN-PYNQ CNV and LFC W1A1 (whole designs), FINN's CNV W1A1 (no
        // shell, post-synthesis) and UNSW-NB15 MLP W2A2 (out of context).
        const auto designs = publishedDesigns();
        QVERIFY(designs.size() >= 4);
        int withoutIo = 0;
        for (const auto& d : designs) withoutIo += d.includesIo ? 0 : 1;
        QVERIFY(withoutIo >= 2);
    }

    void leaveOneDesignOutErrors() {
        // Each design predicted by a fit on the others (docs/cost-model.md carries the table,
        // `bitfold-cli calibrate` prints it). Mean absolute error bounds from issue 10.
        const auto rows = leaveOneDesignOut(publishedDesigns());
        double lut = 0, ff = 0, bram = 0;
        int nLut = 0, nFf = 0, nBram = 0;
        for (const auto& r : rows) {
            auto add = [](double p, double m, double& sum, int& n) {
                if (m <= 0) return;
                sum += std::abs(p - m) / m;
                ++n;
            };
            add(r.leftOut.lut, r.measured.lut, lut, nLut);
            add(r.leftOut.ff, r.measured.ff, ff, nFf);
            add(r.leftOut.bram18, r.measured.bram18, bram, nBram);
            qInfo("%s: LUT %.0f vs %.0f, FF %.0f vs %.0f, BRAM36 %.1f vs %.1f", r.id.c_str(), r.leftOut.lut,
                  r.measured.lut, r.leftOut.ff, r.measured.ff, r.leftOut.bram36(), r.measured.bram36());
        }
        QVERIFY(nLut >= 4 && nFf >= 4 && nBram >= 4);
        QVERIFY2(lut / nLut <= 0.15, qPrintable(QString("LUT %1").arg(lut / nLut)));
        QVERIFY2(ff / nFf <= 0.20, qPrintable(QString("FF %1").arg(ff / nFf)));
        QVERIFY2(bram / nBram <= 0.10, qPrintable(QString("BRAM %1").arg(bram / nBram)));
    }

    void defaultCalibrationIsTheFitOnAllDesigns() {
        // The constants every estimate uses are the current fit: a change to the model or to
        // published.json must be followed by `bitfold-cli calibrate` and an update.
        const auto fit = fitCalibration(publishedDesigns()).values();
        const auto used = defaultCalibration().values();
        for (int j = 0; j < CostCalibration::kCount; ++j)
            QVERIFY2(
                std::abs(fit[j] - used[j]) <= 0.005 * std::abs(fit[j]) + 1e-3,
                qPrintable(QString("%1: fit %2, used %3").arg(CostCalibration::names()[j]).arg(fit[j]).arg(used[j])));
    }

    void fitStaysPhysical() {
        // LUTs and registers per structural bit stay near one LUT per carry-chain bit; the
        // overheads stay positive.
        const CostCalibration c = fitCalibration(publishedDesigns());
        QVERIFY(c.datapathLut > 0.5 && c.datapathLut < 1.5);
        QVERIFY(c.datapathFf > 0 && c.datapathFf < 1.5);
        QVERIFY(c.mvtuControlLut > 0 && c.mvtuControlFf > 0 && c.ioLut > 0 && c.ioFf > 0);
    }
};

QTEST_APPLESS_MAIN(TestCalibration)
#include "test_calibration.moc"
