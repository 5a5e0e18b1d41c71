// C simulation of imported MLPs through the real runner (the host compiler builds the
// generated accelerator from the imported parameter package): every output bit-exact against
// the golden reference, and the simulated decision equal to the float graph's on at least
// 99.9% of 1,000 inputs (Fashion-MNIST test images for 784-value inputs, random binary vectors
// for the UNSW-NB15 MLP, whose data set is not shipped).
//  - corpus: the files in ../shared/qonnx (other tools' exports), one ctest entry each,
//    reported by ctest as skipped, with the reason, where that folder is absent (a user's clone);
//  - ownExport: trained packages through the project's QONNX exporter (always run);
//  - brevitasConventions: MLPs written here the way Brevitas exports them (qonnx_writer.h;
//    always run), so the Quant/BipolarQuant path is covered without shared/.
#include "bitfold/golden.h"
#include "bitfold/hls_config.h"
#include "bitfold/onnx_import.h"
#include "bitfold/sim_runner.h"
#include "test_dirs.h"
#include "qonnx_writer.h"

#include <QTest>

#include <cstdlib>
#include <filesystem>
#include <random>

using namespace bitfold;
namespace fs = std::filesystem;

namespace {

constexpr int kImages = 1000;

/// 1,000 inputs for a model: Fashion-MNIST for 784 values, else random binary vectors (0/255).
ImageSet inputsFor(const Network& net) {
    const int size = net.layers.front().inChannels;
    if (size == 784) {
        ImageSet s = loadFashionMnist("test", kImages);
        s.cols = s.rows * s.cols; // a fully connected first layer reads the image flattened
        s.rows = 1;
        return s;
    }
    return randomBinaryVectors(kImages, size);
}

struct Comparison {
    int agreed = -1; ///< simulated decisions equal to the float graph's
    int ties = 0; ///< the others where the float graph's class ties the integer model's maximum
};

/// Simulates the import's package on its inputs and compares with the golden reference and
/// the float graph.
Comparison simulateAndCompare(const OnnxImport& m, const std::string& what) {
    if (!m.params) {
        QTest::qFail(("no parameter package for " + what).c_str(), __FILE__, __LINE__);
        return {};
    }
    const ParamPackage& pkg = *m.params;
    const ImageSet inputs = inputsFor(pkg.network);
    SimOptions options;
    options.cacheDir = testdirs::simCache();
    const SimResult r = simulate(pkg, simulationFolding(pkg.network, pkg.precision()), inputs, options);
    if (r.images != kImages || !r.goldenChecked || !r.bitExact) {
        QTest::qFail((what + ": " + std::to_string(r.images) + " images simulated, bit-exact " +
                      (r.bitExact ? "yes" : "no") + " " + r.firstMismatch)
                         .c_str(),
                     __FILE__, __LINE__);
        return {};
    }
    // Bit-exact: the golden reference's outputs are the accelerator's. One output (a binary
    // decision, > 0) has no arg-max label of its own; several do, read from the simulation.
    GoldenRunner golden(pkg);
    const bool binary = pkg.network.layers.back().outChannels == 1;
    Comparison c;
    c.agreed = 0;
    for (int i = 0; i < kImages; ++i) {
        const GoldenResult g = golden.infer(inputs.image(i));
        const int decision = binary ? integerDecision(g) : r.labels.at(std::size_t(i));
        const int reference = floatDecision(m, inputs.image(i));
        if (decision == reference)
            ++c.agreed;
        else if (!binary && g.outputs.at(std::size_t(reference)) == g.outputs.at(std::size_t(decision)))
            ++c.ties; // equal integer scores: the float graph's rounding picked the other class
    }
    qInfo("%s: %d images simulated bit-exactly (%.1f images/s); %d of %d agree with the float graph, %d of the "
          "others at exact ties of the integer scores",
          what.c_str(), r.images, r.imagesPerSecond, c.agreed, kImages, c.ties);
    return c;
}

} // namespace

class TestOnnxSim : public QObject {
    Q_OBJECT
private slots:
    void corpus_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("encoding");
        for (const char* f : {"tfc_w1a1_brevitas", "tfc_w1a1_finn_onnx"})
            QTest::newRow(f) << QString(f) << int(InputEncoding::Auto);
        QTest::newRow("unsw_nb15_mlp_w2a2") << QString("unsw_nb15_mlp_w2a2") << int(InputEncoding::Binary);
    }

    void corpus() {
        QFETCH(QString, file);
        QFETCH(int, encoding);
        // $BITFOLD_QONNX_CORPUS: another folder of these files (or a missing one, to see the skip).
        const char* dir = std::getenv("BITFOLD_QONNX_CORPUS");
        const fs::path corpus = dir ? fs::path(dir) : fs::path(BITFOLD_SOURCE_DIR) / ".." / "shared" / "qonnx";
        const fs::path path = corpus / (file.toStdString() + ".onnx");
        if (!fs::exists(path))
            QSKIP(qPrintable(QString::fromStdString(corpus.string()) +
                             " is absent (shared/ is not beside a user's clone): " + file + ".onnx not simulated"));
        const OnnxImport m = importOnnx(path.string(), {InputEncoding(encoding)});
        QVERIFY(simulateAndCompare(m, file.toStdString()).agreed >= 999);
    }

    void ownExport_data() {
        QTest::addColumn<QString>("model");
        for (const char* id : {"mlp128-w1a1", "mlp128-w2a2"}) QTest::newRow(id) << QString(id);
    }

    void ownExport() {
        QFETCH(QString, model);
        const auto dir = fs::path(BITFOLD_SOURCE_DIR) / "resources" / "models" / model.toStdString();
        const auto file = fs::temp_directory_path() / ("bitfold_sim_" + model.toStdString() + ".onnx");
        exportQonnx(loadPackage(dir.string()), file.string());
        const OnnxImport m = importOnnx(file.string());
        fs::remove(file);
        QVERIFY(simulateAndCompare(m, model.toStdString()).agreed >= 999);
    }

    void brevitasConventions_data() {
        QTest::addColumn<QString>("style");
        QTest::addColumn<int>("weightBits");
        QTest::addColumn<int>("inputBits");
        QTest::newRow("bipolar (TFC-style W1A1)") << "bipolar" << 1 << 1;
        QTest::newRow("quant (Gemm, batch norm, W2A2, 8-bit input)") << "quant" << 2 << 8;
    }

    void brevitasConventions() {
        QFETCH(QString, style);
        QFETCH(int, weightBits);
        QFETCH(int, inputBits);
        const auto file = fs::temp_directory_path() / ("bitfold_brevitas_" + style.toStdString() + ".onnx");
        qonnx_test::writeBrevitasMlp(file.string(), style.toStdString(), {784, 64, 64, 10}, 3);
        const OnnxImport m = importOnnx(file.string());
        fs::remove(file);
        QCOMPARE(m.network.layers.size(), std::size_t(3));
        QCOMPARE(m.network.inputBits, inputBits);
        for (const LayerPrecision& p : m.precision) QCOMPARE(p.weightBits, weightBits);
        QCOMPARE(m.precision[1].inputBits, weightBits); // the activations: as many bits as the weights here
        // Random 2-bit weights and activations give many equal class scores (integers over a
        // small range), where the float graph's rounding decides: every disagreement must be
        // such a tie; real models (corpus) and trained ones (ownExport) must simply agree.
        const Comparison c = simulateAndCompare(m, "Brevitas-style " + style.toStdString());
        QVERIFY(c.agreed + c.ties >= 999);
    }
};

QTEST_GUILESS_MAIN(TestOnnxSim)
#include "test_onnx_sim.moc"
