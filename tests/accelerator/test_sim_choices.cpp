// The folding's per-layer hardware choices through the generator and the real C simulation:
// products in DSP slices ("res_type": "dsp") and binary-search threshold units ("thresholds":
// "binary-search") are built as the folding asks (the generated configuration names them and
// static_asserts the units' comparisons against the plan), every image stays bit-exact with
// the golden reference, and every block counts the cycles the plan predicts, with the
// simulation's fast paths and with the synthesizable lane loops.
#include "bitfold/catalog.h"
#include "bitfold/golden.h"
#include "bitfold/hls_config.h"
#include "bitfold/pipeline.h"
#include "bitfold/sim_runner.h"
#include "test_dirs.h"

#include <QtTest>

using namespace bitfold;

namespace {

/// Every matrix layer with DSP products (where they exist) and, on alternate layers when
/// `alternate`, binary-search thresholds; the rest of the folding is simulationFolding's.
Folding withChoices(const Network& net, const std::vector<LayerPrecision>& prec, bool alternate) {
    Folding f = simulationFolding(net, prec);
    int matrix = 0;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        f.layers[i].product = ProductResource::Dsp;
        if (!alternate || matrix++ % 2 == 0) f.layers[i].thresholds = ThresholdUnit::BinarySearch;
    }
    return f;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace

class TestSimChoices : public QObject {
    Q_OBJECT

private slots:
    void generatorBuildsTheChoices() {
        const Network net = Catalog::shipped().network("tfc");
        const auto prec = resolvePrecision(net, {4, 4, 0, {}});
        const ParamPackage pkg = randomPackage(net, prec, 5);
        const Folding f = withChoices(net, prec, true);
        const HlsDesign d = generateHlsDesign(pkg, f);
        // tfc: three thresholded layers (two with searches) and a raw last layer; DSP products
        // wherever weights and inputs both have 2 bits or more.
        const PipelinePlan plan = planPipeline(net, prec, f, 64);
        std::size_t searches = 0, parallel = 0, dsp = 0;
        for (const PlanStage& st : plan.stages) {
            if (st.kind != BlockKind::Mvtu) continue;
            const LayerFolding& lf = f.layers[std::size_t(st.layer)];
            if (st.thresholdSteps > 0) {
                const bool search = lf.thresholds == ThresholdUnit::BinarySearch;
                QCOMPARE(st.thresholdSteps, search ? 4 : 1); // A = 4: 15 thresholds
                (search ? searches : parallel) += 1;
            }
            if (st.elemBits >= 2 && prec[std::size_t(st.layer)].weightBits >= 2) ++dsp;
        }
        QVERIFY(searches >= 1 && parallel >= 1 && dsp >= 1);
        QCOMPARE(occurrences(d.configHeader, "ThresholdSearchActivation<"), searches);
        QCOMPARE(occurrences(d.configHeader, "ThresholdActivation<"), parallel);
        QCOMPARE(occurrences(d.configHeader, "using TR = DspProducts;"), dsp);
        // Each search unit's steps are checked at compile time: thresholdSteps(NumT, BinarySearch).
        std::size_t searchChecks = 0;
        for (const BlockConfig& b : d.blocks)
            for (const CycleCheck& c : b.checks)
                if (c.formula == "thresholdSteps" && b.entry("BinarySearch").value == 1) {
                    QCOMPARE(b.entry("NumT").value, std::uint64_t(15));
                    QCOMPARE(c.expected, std::uint64_t(4));
                    ++searchChecks;
                }
        QCOMPARE(searchChecks, searches);
        // The default folding generates neither.
        const HlsDesign plain = generateHlsDesign(pkg, simulationFolding(net, prec));
        QCOMPARE(occurrences(plain.configHeader, "DspProducts"), std::size_t(0));
        QCOMPARE(occurrences(plain.configHeader, "ThresholdSearchActivation"), std::size_t(0));
    }

    void simulatedBitExact_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<int>("weights");
        QTest::addColumn<int>("acts");
        QTest::addColumn<bool>("lanewise");
        QTest::addColumn<int>("images");
        QTest::newRow("tfc W4A4, fast paths") << "tfc" << 4 << 4 << false << 40;
        QTest::newRow("tfc W3A8, lane loops") << "tfc" << 3 << 8 << true << 10;
        QTest::newRow("cnv W2A2, fast paths") << "cnv" << 2 << 2 << false << 2;
    }

    void simulatedBitExact() {
        QFETCH(QString, network);
        QFETCH(int, weights);
        QFETCH(int, acts);
        QFETCH(bool, lanewise);
        QFETCH(int, images);
        const Network net = Catalog::shipped().network(network.toStdString());
        const auto prec = resolvePrecision(net, {weights, acts, 0, {}});
        const ParamPackage pkg = randomPackage(net, prec, 9);
        const Folding f = withChoices(net, prec, true);
        SimOptions o;
        o.cacheDir = testdirs::simCache();
        if (lanewise) o.defines = {"BITFOLD_SIM_LANEWISE"};
        const Layer& l0 = net.layers.front();
        const int side = l0.kind == LayerKind::Fc ? 1 : l0.inDim;
        const SimResult r = simulate(pkg, f, randomImages(images, side, side, l0.inChannels, 3), o);
        QCOMPARE(r.images, images);
        QVERIFY2(r.bitExact, r.firstMismatch.c_str());
        QVERIFY(!r.stages.empty());
        for (const SimStage& s : r.stages)
            QVERIFY2(s.cyclesCounted == s.cyclesPredicted,
                     (s.name + ": counted cycles differ from the plan's").c_str());
    }
};

QTEST_GUILESS_MAIN(TestSimChoices)
#include "test_sim_choices.moc"
