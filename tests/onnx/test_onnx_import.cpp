// QONNX / FINN-ONNX import on the real files in shared/qonnx (skipped when absent), refusals
// of bad input, and the QONNX export round trip (always runs).
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/finn_export.h"
#include "bitfold/golden.h"
#include "bitfold/onnx_import.h"
#include "onnx_graph.h"

#include <onnx/onnx_pb.h>

#include <QElapsedTimer>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace bitfold;
namespace fs = std::filesystem;

namespace {

std::string corpus(const char* file) {
    return (fs::path(BITFOLD_SOURCE_DIR) / ".." / "shared" / "qonnx" / file).string();
}

#define REQUIRE_CORPUS(file)                                                                                           \
    if (!fs::exists(corpus(file))) QSKIP("shared/qonnx is absent (a user's clone): " file " not tested");

onnx_import::Node quantNode() {
    onnx_import::Node n;
    n.name = "q0";
    n.op = "Quant";
    return n;
}

onnx_import::Tensor bitsTensor(float bits) {
    onnx_import::Tensor t;
    t.shape = {1};
    t.data = {bits};
    return t;
}

std::string refusal(const std::string& bytes) {
    try {
        importOnnxBytes(bytes, "bad.onnx");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

class TestOnnxImport : public QObject {
    Q_OBJECT
private slots:
    void brevitasTfcImportsAndAgrees() {
        REQUIRE_CORPUS("tfc_w1a1_brevitas.onnx");
        const OnnxImport m = importOnnx(corpus("tfc_w1a1_brevitas.onnx"));
        QVERIFY(!m.isFloat());
        QCOMPARE(m.network.layers.size(), std::size_t(4));
        QCOMPARE(m.network.inputBits, 1);
        QCOMPARE(m.network.layers[0].inChannels, 784);
        QCOMPARE(m.network.layers[3].outChannels, 10);
        QVERIFY(!m.network.layers[3].activation);
        for (const auto& p : m.precision) QCOMPARE(p.weightBits, 1);
        const Agreement a = measureAgreement(m, loadFashionMnist("test", 1000), 1000);
        qInfo("TFC W1A1 (Brevitas): %d of %d agree", a.agreed, a.images);
        QCOMPARE(a.images, 1000);
        QVERIFY(a.agreed >= 999);
    }

    void finnOnnxTfcImportsAndAgrees() {
        REQUIRE_CORPUS("tfc_w1a1_finn_onnx.onnx");
        const OnnxImport m = importOnnx(corpus("tfc_w1a1_finn_onnx.onnx"));
        QCOMPARE(m.encoding, InputEncoding::Byte);
        QCOMPARE(m.network.layers.size(), std::size_t(4));
        QCOMPARE(m.network.inputBits, 1);
        const Agreement a = measureAgreement(m, loadFashionMnist("test", 1000), 1000);
        qInfo("TFC W1A1 (FINN-ONNX): %d of %d agree", a.agreed, a.images);
        QVERIFY(a.agreed >= 999);
    }

    void unswMlpImportsAndAgrees() {
        REQUIRE_CORPUS("unsw_nb15_mlp_w2a2.onnx");
        const OnnxImport m = importOnnx(corpus("unsw_nb15_mlp_w2a2.onnx"), {InputEncoding::Binary});
        QCOMPARE(m.network.layers.size(), std::size_t(4));
        QCOMPARE(m.network.inputBits, 1);
        QCOMPARE(m.network.layers[0].inChannels, 600);
        QCOMPARE(m.network.layers[3].outChannels, 1);
        QCOMPARE(m.precision[1].weightBits, 2);
        QCOMPARE(m.precision[1].inputBits, 8); // the file's first activation Quant has bit width 8
        QCOMPARE(m.precision[2].inputBits, 2);
        QCOMPARE(m.params->layers[3].actBits, 1);
        const Agreement a = measureAgreement(m, randomBinaryVectors(1000, 600), 1000);
        qInfo("UNSW-NB15 MLP W2A2: %d of %d agree", a.agreed, a.images);
        QVERIFY(a.agreed >= 999);
    }

    void floatCnnImportsAsFloat32() {
        REQUIRE_CORPUS("mnist_conv_float.onnx");
        const OnnxImport m = importOnnx(corpus("mnist_conv_float.onnx"));
        QVERIFY(m.isFloat());
        QCOMPARE(m.network.layers.size(), std::size_t(5));
        QCOMPARE(m.network.layers[0].kind, LayerKind::Conv);
        QCOMPARE(m.network.layers[0].padTotal, 4);
        QCOMPARE(m.network.layers[1].kind, LayerKind::MaxPool);
        QCOMPARE(m.network.layers[3].outDim(), 4); // 14 / 3, rounded down
        QCOMPARE(m.network.layers[4].inChannels, 256);
        QCOMPARE(m.precision[0].weightBits, kFloatBits);
        // The float graph itself runs (the executor's conv and pool).
        const ImageSet set = loadFashionMnist("test", 1);
        const int c = floatDecision(m, set.image(0));
        QVERIFY(c >= 0 && c < 10);
    }

    void badFilesGetClearErrors() {
        QVERIFY(refusal("").find("empty") != std::string::npos);
        QVERIFY(refusal("this is not a model at all").find("bad.onnx") != std::string::npos);
        if (fs::exists(corpus("tfc_w1a1_brevitas.onnx"))) {
            std::ifstream f(corpus("tfc_w1a1_brevitas.onnx"), std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(f)), {});
            const std::string r = refusal(bytes.substr(0, bytes.size() / 2));
            QVERIFY2(r.find("bad.onnx") != std::string::npos, r.c_str());
        }
    }

    void oneMegabyteImportsInUnderASecond() {
        // SFC 784-256-256-256-10 W2A2 (random parameters) as the exporter writes it: ~1.3 MB.
        const Network net = *Catalog::shipped().findNetwork("sfc");
        const auto file = fs::temp_directory_path() / "bitfold_sfc_speed.onnx";
        exportQonnx(randomPackage(net, resolvePrecision(net, PrecisionSpec{2, 2, 0, {}}), 1), file.string());
        QVERIFY(fs::file_size(file) > 1000000);
        double best = 1e9; // the best of three: a busy machine slows some runs, not the importer
        for (int k = 0; k < 3; ++k) {
            QElapsedTimer t;
            t.start();
            QCOMPARE(importOnnx(file.string()).network.layers.size(), std::size_t(4));
            best = std::min(best, t.nsecsElapsed() / 1e9);
        }
        qInfo("%.2f MB imported in %.3f s", fs::file_size(file) / 1e6, best);
        fs::remove(file);
        QVERIFY2(best < 1.0, qPrintable(QString::number(best) + " s"));
    }

    void truncatedAndOversizedFilesGetClearErrors() {
        // A model the project writes itself (runs without shared/), cut at 40 places.
        const auto file = fs::temp_directory_path() / "bitfold_trunc.onnx";
        exportQonnx(loadPackage((fs::path(BITFOLD_SOURCE_DIR) / "resources/models/mlp64-w1a1").string()),
                    file.string());
        std::ifstream f(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(f)), {});
        fs::remove(file);
        QVERIFY(!importOnnxBytes(bytes, "whole.onnx").isFloat());
        for (std::size_t cut = 1; cut < bytes.size(); cut += bytes.size() / 40 + 1) {
            const std::string r = refusal(bytes.substr(0, cut));
            QVERIFY2(r.rfind("bad.onnx: ", 0) == 0, (std::to_string(cut) + " bytes: " + r).c_str());
        }
        // A shape no memory holds is refused, not allocated.
        onnx::ModelProto model;
        auto* g = model.mutable_graph();
        auto* in = g->add_input();
        in->set_name("x");
        for (int d : {1 << 20, 1 << 20})
            in->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(d);
        g->add_output()->set_name("y");
        auto* n = g->add_node();
        n->set_op_type("Relu");
        n->add_input("x");
        n->add_output("y");
        const std::string r = refusal(model.SerializeAsString());
        QVERIFY2(r.rfind("bad.onnx: ", 0) == 0 && r.find("values") != std::string::npos, r.c_str());
    }

    void fuzzFindingsGetClearErrors() {
        // fuzz_onnx's findings (tests/onnx/fuzz_findings): weight codes far beyond their
        // quantizer's bits (was a float -> int8 overflow), a Quant node missing an input (was
        // std::out_of_range escaping), an activation chain computing NaN that reached an int
        // conversion (UBSan, 2 Dec 2026; now named with the accumulator that produced it).
        int files = 0;
        for (const auto& e : fs::directory_iterator(fs::path(BITFOLD_SOURCE_DIR) / "tests/onnx/fuzz_findings")) {
            std::ifstream f(e.path(), std::ios::binary);
            const std::string r = refusal(std::string((std::istreambuf_iterator<char>(f)), {}));
            QVERIFY2(r.rfind("bad.onnx: ", 0) == 0, (e.path().filename().string() + ": " + r).c_str());
            if (e.path().filename() == "quant_scale_nan_index.onnx")
                QVERIFY2(r.find("node Gemm_3 (Gemm): its activation chain computes NaN") != std::string::npos,
                         r.c_str());
            ++files;
        }
        QCOMPARE(files, 3);
    }

    void floatGraphReadingMoreThanTheNetworkTakesIsRefused() {
        // fuzz_onnx, 2 Dec 2026 (ASan: heap-buffer-overflow): a graph whose input has 1,248 values
        // imported to a network whose first layer takes 16; the agreement check then ran the
        // float graph on a 16-value sample, reading past its end.
        std::ifstream f(fs::path(BITFOLD_SOURCE_DIR) /
                            "tests/onnx/fuzz_findings_float/graph_input_1248_first_layer_16.onnx",
                        std::ios::binary);
        const OnnxImport m = importOnnxBytes(std::string((std::istreambuf_iterator<char>(f)), {}), "bad.onnx");
        const std::vector<std::uint8_t> sample(16, 0);
        try {
            floatDecision(m, sample.data());
            QFAIL("ran the float graph");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("bad.onnx: the graph's input global_in has 1248 values but its first "
                                                "layer fc0 takes 16") == 0,
                     e.what());
        }
    }

    void quantizerParametersMustBeNumbers() {
        // A Quant node's bit width, scale and zero point are floats in the file: NaN, 1e30 or a
        // zero scale must end in an Error naming the node, never in an int conversion.
        using onnx_import::quantBits;
        QCOMPARE(quantBits(quantNode(), bitsTensor(4), "f.onnx"), 4);
        for (float bad : {std::nanf(""), 1e30f, 0.0f, 2.5f, 33.0f}) {
            try {
                quantBits(quantNode(), bitsTensor(bad), "f.onnx");
                QFAIL(qPrintable(QString("accepted %1").arg(bad)));
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find("f.onnx: node q0 (Quant): bit width") == 0, e.what());
            }
        }
    }

    void unsupportedNodeIsRefusedByName() {
        onnx::ModelProto model;
        auto* g = model.mutable_graph();
        auto* in = g->add_input();
        in->set_name("x");
        in->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(4);
        g->add_output()->set_name("y");
        auto* n = g->add_node();
        n->set_name("my_lstm");
        n->set_op_type("LSTM");
        n->add_input("x");
        n->add_output("y");
        const std::string r = refusal(model.SerializeAsString());
        QVERIFY2(r.find("my_lstm") != std::string::npos && r.find("LSTM") != std::string::npos, r.c_str());
        QVERIFY2(r.find("supported") != std::string::npos, r.c_str());
    }

    void finnHwGraphFoldingReadsMvauAttributes() {
        // A FINN HW graph as specialize_layers leaves it: MVAU_hls nodes carrying PE/SIMD.
        onnx::ModelProto model;
        const std::pair<int, int> folds[] = {{16, 49}, {8, 8}, {4, 16}, {1, 4}};
        for (int k = 0; k < 4; ++k) {
            auto* n = model.mutable_graph()->add_node();
            n->set_op_type("MVAU_hls");
            n->set_name("MVAU_hls_" + std::to_string(k));
            for (auto [name, v] : {std::pair{"PE", folds[k].first}, std::pair{"SIMD", folds[k].second}}) {
                auto* a = n->add_attribute();
                a->set_name(name);
                a->set_type(onnx::AttributeProto::INT);
                a->set_i(v);
            }
        }
        const auto file = (fs::temp_directory_path() / "bitfold_hw.onnx").string();
        {
            std::ofstream f(file, std::ios::binary);
            model.SerializeToOstream(&f);
        }
        const Network tfc = *Catalog::shipped().findNetwork("tfc");
        const Folding f = readFinnFolding(file, tfc);
        for (int k = 0; k < 4; ++k) {
            QCOMPARE(f.layers[k].pe, folds[k].first);
            QCOMPARE(f.layers[k].simd, folds[k].second);
        }
        // The HW graph itself is not a network: the refusal says what to do with it.
        QVERIFY(refusal(model.SerializeAsString()).find("--finn-folding") != std::string::npos);
        fs::remove(file);
    }

    void qonnxExportRoundTripsTrainedModels() {
        // Models bitfold-train wrote (shipped in resources/models): export, import, compare.
        for (const char* id : {"mlp128-w2a2", "mlp128-w1a1", "cnv-fm16-w2a2", "cnv-fm16-w4a4"}) {
            const auto dir = fs::path(BITFOLD_SOURCE_DIR) / "resources" / "models" / id;
            ParamPackage pkg = loadPackage(dir.string());
            const auto file = (fs::temp_directory_path() / (std::string(id) + ".onnx")).string();
            exportQonnx(pkg, file);
            const OnnxImport m = importOnnx(file);
            QVERIFY2(m.params.has_value(), id);
            QCOMPARE(m.params->inputBits, pkg.inputBits);
            QCOMPARE(m.params->layers, pkg.layers);
            QCOMPARE(m.network.layers.size(), pkg.network.layers.size());
            for (std::size_t i = 0; i < pkg.network.layers.size(); ++i) {
                Layer a = m.network.layers[i], b = pkg.network.layers[i];
                a.name = b.name = "";
                QVERIFY2(a == b, id);
            }
            fs::remove(file);
        }
    }
};

QTEST_GUILESS_MAIN(TestOnnxImport)
#include "test_onnx_import.moc"
