// The generated accelerator through the real C-simulation runner (the host compiler builds
// it into the shared cache): whole networks bit-exact against the golden reference on random
// parameters, counted cycles against cycles.h, hardware padding, the progress protocol,
// cancellation, compile errors and crashes of the simulation process.
#include "bitfold/catalog.h"
#include "bitfold/cycles.h"
#include "bitfold/error.h"
#include "bitfold/golden.h"
#include "bitfold/hls_config.h"
#include "bitfold/sim_runner.h"
#include "test_dirs.h"
#include "test_networks.h"

#include <QElapsedTimer>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

using namespace bitfold;
using namespace testnets;
namespace fs = std::filesystem;

namespace {

std::string writeScript(const fs::path& dir, const std::string& name, const std::string& body) {
    const fs::path p = dir / name;
    std::ofstream(p) << "#!/bin/sh\n" << body;
    fs::permissions(p, fs::perms::owner_all);
    return p.string();
}

} // namespace

class TestSimRunner : public QObject {
    Q_OBJECT

private slots:
    void networks_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<int>("weights");
        QTest::addColumn<int>("acts");
        QTest::addColumn<int>("inputBits"); // 0: the network's
        QTest::addColumn<int>("images");
        QTest::addColumn<int>("foldingSeed"); // 0: simulationFolding
        QTest::newRow("sfc W1A1") << "sfc" << 1 << 1 << 0 << 200 << 0;
        QTest::newRow("sfc W2A2") << "sfc" << 2 << 2 << 0 << 100 << 0;
        QTest::newRow("sfc W1A1 binary input, random folding") << "sfc" << 1 << 1 << 1 << 40 << 3;
        QTest::newRow("lfc W1A1 (padded 784->832, 10->64)") << "lfc" << 1 << 1 << 0 << 100 << 0;
        QTest::newRow("tfc W3A3 random folding") << "tfc" << 3 << 3 << 0 << 40 << 5;
        QTest::newRow("tfc W8A8") << "tfc" << 8 << 8 << 0 << 40 << 0;
        QTest::newRow("tfc W1A4") << "tfc" << 1 << 4 << 4 << 40 << 0;
        QTest::newRow("tfc W4A1") << "tfc" << 4 << 1 << 0 << 40 << 0;
        QTest::newRow("cnv W1A1") << "cnv" << 1 << 1 << 0 << 4 << 0;
        QTest::newRow("cnv W2A2") << "cnv" << 2 << 2 << 0 << 2 << 0;
        QTest::newRow("padded conv W1A1 1-bit input") << "padded-conv-1" << 1 << 1 << 0 << 30 << 0;
        QTest::newRow("padded conv W2A3 random folding") << "padded-conv-8" << 2 << 3 << 0 << 30 << 7;
    }

    void networks() {
        QFETCH(QString, network);
        QFETCH(int, weights);
        QFETCH(int, acts);
        QFETCH(int, inputBits);
        QFETCH(int, images);
        QFETCH(int, foldingSeed);
        const std::string id = network.toStdString();
        const Network net =
            id.rfind("padded-conv", 0) == 0 ? paddedConv(id.back() == '1' ? 1 : 8) : Catalog::shipped().network(id);
        PrecisionSpec spec;
        spec.weightBits = weights;
        spec.actBits = acts;
        spec.inputBits = inputBits;
        const auto prec = resolvePrecision(net, spec);
        const ParamPackage pkg = randomPackage(net, prec, 11);
        const Folding folding =
            foldingSeed ? randomFolding(net, prec, std::uint64_t(foldingSeed)) : simulationFolding(net, prec);
        const SimResult r = simulate(pkg, folding, imagesFor(net, images, 5));
        QCOMPARE(r.images, images);
        QVERIFY2(r.bitExact, r.firstMismatch.c_str());
        QVERIFY(!r.accuracy); // random parameters: no accuracy
        // Every block counts what the pipeline plan predicts (cycles.h), a max-pool whose windows
        // reach past the input's end included: the plan walks those rows and columns too.
        int mvtus = 0;
        for (const SimStage& s : r.stages) {
            if (s.kind == "mvtu") ++mvtus;
            const std::uint64_t expect = s.cyclesPredicted;
            if (s.cyclesCounted != expect)
                QFAIL(qPrintable(QString("%1 (%2): counted %3, expected %4")
                                     .arg(s.name.c_str(), s.kind.c_str())
                                     .arg(s.cyclesCounted)
                                     .arg(expect)));
        }
        QCOMPARE(mvtus, net.matrixLayerCount());
        // The MVTU stages against cycles.h directly.
        for (const SimStage& s : r.stages) {
            if (s.kind != "mvtu") continue;
            const int i = net.indexOf(s.name);
            const Layer& l = net.layers[i];
            QCOMPARE(s.cyclesCounted,
                     cycles::mvtu(l.matrixHeight(), l.matrixWidth(), folding.layers[i].pe, folding.layers[i].simd,
                                  l.outPixels()));
        }
    }

    void synthesizableLaneLoops() {
        // The whole design with BITFOLD_SIM_LANEWISE: the lane loops HLS synthesizes, not the
        // simulation's fast paths (XNOR and MAC layers, thresholds, raw accumulators).
        const Network net = paddedConv(1);
        const auto prec = resolvePrecision(net, PrecisionSpec{2, 2, 0, {{"conv1", 1, 1}}});
        const ParamPackage pkg = randomPackage(net, prec, 12);
        SimOptions o;
        o.defines = {"BITFOLD_SIM_LANEWISE"};
        const SimResult r = simulate(pkg, randomFolding(net, prec, 2), imagesFor(net, 10, 3), o);
        QVERIFY2(r.bitExact, r.firstMismatch.c_str());
    }

    void cacheReusesBuilds() {
        const Network net = Catalog::shipped().network("tfc");
        const auto prec = resolvePrecision(net, PrecisionSpec{});
        const ParamPackage pkg = randomPackage(net, prec, 2);
        const SimBuild a = buildSimulation(pkg, simulationFolding(net, prec));
        const SimBuild b = buildSimulation(pkg, simulationFolding(net, prec));
        QVERIFY(b.cached); // from the cache, not compiled again (no clock: times are benchmarks')
        QCOMPARE(b.executable, a.executable);
        // New parameters: a new executable (the top and harness objects are reused).
        const SimBuild c = buildSimulation(randomPackage(net, prec, 3), simulationFolding(net, prec));
        QVERIFY(c.executable != a.executable);
    }

    void progressProtocol() {
        const Network net = Catalog::shipped().network("tfc");
        const auto prec = resolvePrecision(net, PrecisionSpec{});
        ParamPackage pkg = randomPackage(net, prec, 4);
        pkg.dataset = "fashion-mnist"; // pretend trained: accuracy is measured against labels
        ImageSet set = imagesFor(net, 100, 6);
        set.labels.resize(100);
        GoldenRunner g(pkg);
        int expectCorrect = 0;
        for (int i = 0; i < set.count; ++i) {
            set.labels[i] = std::uint8_t(i % 10);
            expectCorrect += g.classify(set.image(i)) == set.labels[i];
        }
        SimOptions o;
        o.batch = 16;
        std::vector<SimProgress> seen;
        const SimResult r =
            simulate(pkg, simulationFolding(net, prec), set, o, [&](const SimProgress& p) { seen.push_back(p); });
        QCOMPARE(int(seen.size()), 7); // ceil(100 / 16) batches
        for (std::size_t k = 0; k < seen.size(); ++k) {
            QCOMPARE(seen[k].imagesDone, std::min(100, int(k + 1) * 16));
            QCOMPARE(seen[k].images, 100);
            QVERIFY(seen[k].accuracy.has_value());
            QVERIFY(!seen[k].stages.empty());
            QCOMPARE(seen[k].mismatches, 0);
        }
        QVERIFY(r.bitExact);
        QVERIFY(r.accuracy.has_value());
        QCOMPARE(*r.accuracy, expectCorrect / 100.0);
        QCOMPARE(*seen.back().accuracy, *r.accuracy);
        QCOMPARE(r.labels.size(), std::size_t(100));
        QVERIFY(r.imagesPerSecond > 0);
    }

    void trainedPackageAccuracy_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("images");
        QTest::newRow("mlp64-w2a2") << "mlp64-w2a2" << 2000;
        QTest::newRow("cnv-fm16-w1a1 (CNV-shaped, 28x28)") << "cnv-fm16-w1a1" << 200;
    }

    void trainedPackageAccuracy() {
        // Trained packages from resources/models on the Fashion-MNIST test set: the simulated
        // accuracy is the golden reference's, image for image.
        QFETCH(QString, model);
        QFETCH(int, images);
        const fs::path dir = fs::path(resourceDir()) / "models" / model.toStdString();
        if (!fs::exists(dir / "package.json")) QSKIP("the trained package is not present");
        ImageSet set;
        try {
            set = loadFashionMnist("test", images);
        } catch (const Error& e) {
            QSKIP(e.what());
        }
        const ParamPackage pkg = loadPackage(dir.string());
        if (pkg.network.layers.front().kind == LayerKind::Fc) {
            set.cols *= set.rows; // an FC network reads the image flattened
            set.rows = 1;
        }
        const SimResult r = simulate(pkg, simulationFolding(pkg.network, pkg.precision()), set);
        QVERIFY2(r.bitExact, r.firstMismatch.c_str());
        QVERIFY(r.accuracy.has_value());
        QCOMPARE(*r.accuracy, goldenAccuracy(pkg, set));
        QVERIFY(*r.accuracy > 0.7);
    }

    void cancellation() {
        const Network net = Catalog::shipped().network("cnv");
        const auto prec = resolvePrecision(net, PrecisionSpec{2, 2, 0, {}});
        const ParamPackage pkg = randomPackage(net, prec, 8);
        const SimBuild b = buildSimulation(pkg, simulationFolding(net, prec));
        std::atomic<bool> cancel{false};
        SimOptions o;
        o.batch = 1;
        QElapsedTimer timer;
        timer.start();
        qint64 cancelledAt = 0;
        const SimResult r = runSimulation(
            b, pkg, imagesFor(net, 5000, 9), o,
            [&](const SimProgress&) {
                if (!cancel) {
                    cancel = true;
                    cancelledAt = timer.elapsed();
                }
            },
            &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(r.images < 5000);
        QVERIFY2(timer.elapsed() - cancelledAt < 2000, "the child must be killed at once");
    }

    void compileErrorCarriesTheCompilerMessage() {
        // A copy of the sources with a broken kernel header.
        const fs::path src = fs::path(resourceDir()).parent_path();
        const fs::path tmp = testdirs::scratch("broken");
        fs::remove_all(tmp);
        for (const char* d :
             {"hls/kernels", "hls/top", "hls/sim/include", "hls/runtime/include/bitfold", "engine/include/bitfold"}) {
            fs::create_directories(tmp / d);
            fs::copy(src / d, tmp / d, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        }
        std::ofstream(tmp / "hls/kernels/mvtu.hpp", std::ios::app) << "\nthis is not C++;\n";
        SimOptions o;
        o.hlsDir = (tmp / "hls").string();
        o.cacheDir = (tmp / "cache").string();
        const Network net = Catalog::shipped().network("tfc");
        const auto prec = resolvePrecision(net, PrecisionSpec{});
        try {
            buildSimulation(randomPackage(net, prec, 1), simulationFolding(net, prec), o);
            QFAIL("a broken kernel compiled");
        } catch (const Error& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("mvtu.hpp") != std::string::npos, what.c_str());
            QVERIFY2(what.find("error") != std::string::npos, what.c_str());
        }
        fs::remove_all(tmp);
    }

    void crashAndErrorOfTheSimulationProcess() {
        const fs::path tmp = testdirs::scratch("crash");
        fs::create_directories(tmp);
        const Network net = Catalog::shipped().network("tfc");
        const auto prec = resolvePrecision(net, PrecisionSpec{});
        const ParamPackage pkg = randomPackage(net, prec, 1);
        SimBuild b;
        b.design = generateHlsDesign(pkg, simulationFolding(net, prec));
        const ImageSet set = imagesFor(net, 3, 1);

        b.executable = writeScript(tmp, "segv.sh", "echo '{\"event\":\"start\",\"stages\":[]}'\nkill -SEGV $$\n");
        try {
            runSimulation(b, pkg, set);
            QFAIL("a crashed simulation reported success");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("signal 11") != std::string::npos, e.what());
        }
        b.executable = writeScript(tmp, "error.sh", "echo '{\"event\":\"error\",\"message\":\"boom\"}'\nexit 2\n");
        try {
            runSimulation(b, pkg, set);
            QFAIL("an error event was ignored");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("boom") != std::string::npos, e.what());
        }
        b.executable = writeScript(tmp, "garbage.sh", "echo 'not json'\n");
        QVERIFY_THROWS_EXCEPTION(Error, runSimulation(b, pkg, set));
        b.executable = writeScript(tmp, "silent.sh", "exit 0\n");
        QVERIFY_THROWS_EXCEPTION(Error, runSimulation(b, pkg, set));
        b.executable = (tmp / "missing").string();
        QVERIFY_THROWS_EXCEPTION(Error, runSimulation(b, pkg, set));
        fs::remove_all(tmp);
    }

    void unsupportedDesignsNameTheLayer() {
        Network net = custom("grouped", 8, {conv("conv0", 4, 8, 6, 3), fc("fc0", 128, 10, false)});
        net.layers[0].groups = 2;
        const auto prec = resolvePrecision(net, PrecisionSpec{});
        ParamPackage pkg;
        pkg.network = net;
        pkg.layers.resize(2);
        try {
            generateHlsDesign(pkg, minimalFolding(net));
            QFAIL("grouped convolution accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("conv0") != std::string::npos, e.what());
        }
        const Network tfc = Catalog::shipped().network("tfc");
        const auto p = resolvePrecision(tfc, PrecisionSpec{});
        Folding bad = minimalFolding(tfc);
        bad.layers[0].pe = 7;
        QVERIFY_THROWS_EXCEPTION(Error, generateHlsDesign(randomPackage(tfc, p, 1), bad));
    }

    void generatedHeaders() {
        const Network net = Catalog::shipped().network("lfc");
        const auto prec = resolvePrecision(net, PrecisionSpec{});
        const Folding f = simulationFolding(net, prec);
        const HlsDesign d = generateHlsDesign(randomPackage(net, prec, 1), f);
        QCOMPARE(d.imageBytes, 784);
        QCOMPARE(d.outputs, 10);
        // The blocks' data is checked in test_weight_rom; here the text the compiler reads.
        QVERIFY(d.configHeader.find("static constexpr unsigned PaddedValues = 832;") != std::string::npos);
        QVERIFY(d.configHeader.find("labelSelect<" + d.blocks[d.blocks.size() - 2].structName + "::Groups,") !=
                std::string::npos);
        QVERIFY(d.configHeader.find("#pragma HLS INLINE") != std::string::npos);
        QVERIFY(d.paramsHeader.find("l_fc0_weights[") != std::string::npos);
        QCOMPARE(d.stages.front().kind, std::string("read"));
        QCOMPARE(d.stages.back().kind, std::string("write"));
        for (const HlsStage& s : d.stages)
            if (s.kind == "mvtu") {
                const int i = net.indexOf(s.name);
                QCOMPARE(s.cyclesPredicted,
                         cycles::mvtu(net.layers[i].matrixHeight(), net.layers[i].matrixWidth(), f.layers[i].pe,
                                      f.layers[i].simd, 1));
            }
        // Deterministic: the same inputs give the same text (the cache key depends on it).
        QCOMPARE(generateHlsDesign(randomPackage(net, prec, 1), f).paramsHeader, d.paramsHeader);
    }

    void imagesFileRoundTrip() {
        ImageSet s = randomImages(5, 4, 3, 2, 1);
        s.labels = {1, 2, 3, 4, 5};
        const std::string path = (testdirs::scratch("images") / "images.bin").string();
        writeImagesFile(s, path);
        const ImageSet t = readImagesFile(path);
        QCOMPARE(t.count, 5);
        QCOMPARE(t.rows, 4);
        QCOMPARE(t.cols, 3);
        QCOMPARE(t.channels, 2);
        QVERIFY(t.pixels == s.pixels);
        QVERIFY(t.labels == s.labels);
        std::ofstream(path, std::ios::trunc) << "BFIMAGES";
        QVERIFY_THROWS_EXCEPTION(Error, readImagesFile(path));
        fs::remove(path);
    }
};

QTEST_GUILESS_MAIN(TestSimRunner)
#include "test_sim_runner.moc"
