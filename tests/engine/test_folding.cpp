// Folding validation: divisibility, stream caps, errors that name the layer and valid values.
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/folding.h"
#include "bitfold/json_io.h"

#include <QTest>

using namespace bitfold;

class TestFolding : public QObject {
    Q_OBJECT
private slots:
    void validValuesDivide() {
        const Network& cnv = *Catalog::shipped().findNetwork("cnv");
        const auto prec = resolvePrecision(cnv, {});
        // conv0 takes 3 channels: SIMD divides C_in, not MW = 27.
        QCOMPARE(validSimd(cnv, prec, 0), (std::vector<int>{1, 3}));
        QCOMPARE(validPe(cnv, prec, 0), (std::vector<int>{1, 2, 4, 8, 16, 32, 64}));
        QCOMPARE(validSimd(cnv, prec, 2), (std::vector<int>{1})); // pool0
        for (std::size_t i = 0; i < cnv.layers.size(); ++i)
            for (int s : validSimd(cnv, prec, int(i)))
                QVERIFY(cnv.layers[i].matrixWidth() % s == 0 || !cnv.layers[i].isMatrix());
    }

    void streamWidthCapped() {
        const Network& lfc = *Catalog::shipped().findNetwork("lfc");
        const auto prec8 = resolvePrecision(lfc, {8, 8, 8, {}});
        for (int s : validSimd(lfc, prec8, 1)) QVERIFY(s * 8 <= kMaxStreamBits);
        QCOMPARE(validSimd(lfc, prec8, 1).back(), 512);
    }

    void invalidFoldingNamesLayerAndValidValues() {
        const Network& cnv = *Catalog::shipped().findNetwork("cnv");
        const auto prec = resolvePrecision(cnv, {});
        Folding f = minimalFolding(cnv);
        validate(cnv, prec, f);
        f.layers[0].simd = 2;
        try {
            validate(cnv, prec, f);
            QFAIL("accepted SIMD 2 on 3 channels");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("conv0") != std::string::npos, e.what());
            QVERIFY2(msg.find("valid: 1, 3") != std::string::npos, e.what());
        }
        f.layers[0].simd = 3;
        f.layers[1].pe = 5;
        QVERIFY_THROWS_EXCEPTION(Error, validate(cnv, prec, f));
        f.layers.pop_back();
        QVERIFY_THROWS_EXCEPTION(Error, validate(cnv, prec, f));
    }

    void foldingFilesIgnoreExtraKeysAndRejectUnknownLayers() {
        const Network& cnv = *Catalog::shipped().findNetwork("cnv");
        const auto j = parseJson(R"({"id":"x","layers":[{"name":"conv1","pe":32,"simd":32,"kind":"conv"},
                                     {"name":"pool0","kernel":2}]})",
                                 "f.json");
        const Folding f = foldingFromJson(j, cnv, "f.json");
        QCOMPARE(f.layers[1].pe, 32);
        QCOMPARE(f.layers[0].pe, 1);
        QCOMPARE(foldingFromJson(toJson(f, cnv), cnv, "round-trip"), f);
        QVERIFY_THROWS_EXCEPTION(
            Error, foldingFromJson(parseJson(R"({"layers":[{"name":"conv9","pe":1}]})", "g.json"), cnv, "g.json"));
    }

    void precisionResolution() {
        const Network& cnv = *Catalog::shipped().findNetwork("cnv");
        PrecisionSpec spec{2, 3, 0, {{"conv0", 8, 0}, {"fc1", 0, 1}}};
        const auto p = resolvePrecision(cnv, spec);
        QCOMPARE(p[0].weightBits, 8);
        QCOMPARE(p[0].inputBits, 8); // CNV's 8-bit pixels
        QCOMPARE(p[1].inputBits, 3); // conv0's activations
        QCOMPARE(p[2].inputBits, 3); // pool passes through
        QCOMPARE(p[9].outputBits, 1); // fc1 override
        QCOMPARE(p[10].inputBits, 1);
        QCOMPARE(p[10].outputBits, accumulatorBits(512, 2, 1)); // no activation: accumulators out
        QVERIFY_THROWS_EXCEPTION(Error, resolvePrecision(cnv, {9, 1, 0, {}}));
        QVERIFY_THROWS_EXCEPTION(Error, resolvePrecision(cnv, {1, 1, 0, {{"pool0", 2, 0}}}));
        QVERIFY_THROWS_EXCEPTION(Error, resolvePrecision(cnv, {1, 1, 0, {{"nope", 2, 0}}}));
        QCOMPARE(accumulatorBits(4, 2, 2), 5); // |4 * 1 * 3| = 12 -> 4 magnitude bits + sign
        QCOMPARE(accumulatorBits(1024, 1, 1), 12);
    }
};

QTEST_APPLESS_MAIN(TestFolding)
#include "test_folding.moc"
