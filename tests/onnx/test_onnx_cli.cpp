// bitfold-cli import / export-finn / export-qonnx, driven in-process.
#include "commands.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using bitfold::cli::run;

namespace {
struct Result {
    int rc;
    std::string out, err;
};
Result cli(std::vector<std::string> argv) {
    std::ostringstream out, err;
    const int rc = run(argv, out, err);
    return {rc, out.str(), err.str()};
}
nlohmann::json readJson(const fs::path& p) {
    std::ifstream f(p);
    return nlohmann::json::parse(f);
}
} // namespace

class TestOnnxCli : public QObject {
    Q_OBJECT
private slots:
    void exportQonnxThenImportWritesNetworkAndParams() {
        const fs::path dir = fs::temp_directory_path() / "bitfold_onnx_cli";
        fs::remove_all(dir);
        const std::string model = (dir / "mlp.onnx").string();
        fs::create_directories(dir);
        const auto pkg = (fs::path(BITFOLD_SOURCE_DIR) / "resources/models/mlp128-w2a2").string();
        QCOMPARE(cli({"export-qonnx", "--params", pkg, "--out", model}).rc, 0);
        const Result r = cli({"import", model, "--out", (dir / "imp").string(), "--format", "json", "--images", "100"});
        QVERIFY2(r.rc == 0, r.err.c_str());
        const auto j = nlohmann::json::parse(r.out);
        QCOMPARE(j["layers"].size(), std::size_t(4));
        QCOMPARE(j["layers"][0]["weight_bits"].get<std::string>(), std::string("2"));
        QCOMPARE(j["agreement"]["images"].get<int>(), 100);
        QCOMPARE(j["agreement"]["agreed"].get<int>(), 100);
        QVERIFY(fs::exists(dir / "imp" / "network.json"));
        QVERIFY(fs::exists(dir / "imp" / "params" / "package.json"));
        // The .onnx file works as --network.
        const Result e = cli({"estimate", "--network", model});
        QVERIFY2(e.rc == 0, e.err.c_str());
        fs::remove_all(dir);
    }

    void corpusFilesEstimateAndFold() {
        // Every shared/qonnx file as --network (skipped where ../shared is absent).
        const fs::path corpus = fs::path(BITFOLD_SOURCE_DIR) / ".." / "shared" / "qonnx";
        if (!fs::exists(corpus)) QSKIP("../shared/qonnx is absent (a user's clone): corpus files not estimated");
        for (const char* f : {"tfc_w1a1_brevitas", "tfc_w1a1_finn_onnx", "unsw_nb15_mlp_w2a2", "mnist_conv_float"}) {
            const std::string model = (corpus / (std::string(f) + ".onnx")).string();
            const Result e = cli({"estimate", "--network", model});
            QVERIFY2(e.rc == 0, (f + (": " + e.err)).c_str());
            const Result fold = cli({"fold", "--network", model, "--format", "json"});
            QVERIFY2(fold.rc == 0, (f + (": " + fold.err)).c_str());
            QVERIFY(nlohmann::json::parse(fold.out)["fps"].get<double>() > 0);
            // The float CNN is estimated at float32, as imported (the options change it).
            if (std::string(f) == "mnist_conv_float")
                QVERIFY2(e.out.find("Wfloat32Afloat32") != std::string::npos, e.out.c_str());
        }
    }

    void refusalExitsTwoWithOneLine() {
        const fs::path f = fs::temp_directory_path() / "bitfold_garbage.onnx";
        std::ofstream(f) << "garbage";
        const Result r = cli({"import", f.string(), "--out", (fs::temp_directory_path() / "bitfold_x").string()});
        QCOMPARE(r.rc, 2);
        QVERIFY(r.err.find("bitfold_garbage.onnx") != std::string::npos);
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        fs::remove(f);
    }

    void exportFinnNamesNodesAsFinn() {
        const fs::path dir = fs::temp_directory_path() / "bitfold_finn";
        fs::remove_all(dir);
        QCOMPARE(cli({"export-finn", "--network", "cnv", "--weights", "1", "--acts", "1", "--out", dir.string()}).rc,
                 0);
        const auto cfg = readJson(dir / "folding_config.json");
        QVERIFY(cfg.contains("MVAU_hls_0") && cfg.contains("MVAU_hls_8"));
        QVERIFY(cfg.contains("ConvolutionInputGenerator_rtl_5") && cfg.contains("StreamingMaxPool_hls_1"));
        QVERIFY(cfg["MVAU_hls_0"]["SIMD"] == cfg["ConvolutionInputGenerator_rtl_0"]["SIMD"]);
        QCOMPARE(cfg["MVAU_hls_0"]["mem_mode"].get<std::string>(), std::string("internal_decoupled"));
        const auto build = readJson(dir / "dataflow_build_config.json");
        QCOMPARE(build["synth_clk_period_ns"].get<double>(), 10.0);
        QCOMPARE(cli({"export-finn", "--network", "cnv", "--out", dir.string(), "--names", "legacy"}).rc, 0);
        QVERIFY(readJson(dir / "folding_config.json").contains("MatrixVectorActivation_0"));
        fs::remove_all(dir);
    }

    void exportFinnSaysMmvIsNotExported() {
        // conv0 at MMV 2: FINN >= 0.10 cannot take it; the output and the build config say so.
        const fs::path dir = fs::temp_directory_path() / "bitfold_finn_mmv";
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::ofstream(dir / "fold.json") << R"({"layers": [{"name": "conv0", "pe": 16, "simd": 3, "mmv": 2}]})";
        const Result r =
            cli({"export-finn", "--network", "cnv", "--folding", (dir / "fold.json").string(), "--out", dir.string()});
        QVERIFY2(r.rc == 0, r.err.c_str());
        QVERIFY2(r.out.find("note: layer conv0 (MVAU_hls_0): MMV 2 is not exported") != std::string::npos,
                 r.out.c_str());
        QVERIFY2(r.out.find("as FINN builds it from this export (MMV 1)") != std::string::npos, r.out.c_str());
        const auto cfg = readJson(dir / "folding_config.json");
        QCOMPARE(cfg["MVAU_hls_0"]["PE"].get<int>(), 16);
        QVERIFY(!cfg["MVAU_hls_0"].contains("MMV"));
        QVERIFY(readJson(dir / "dataflow_build_config.json")["_comment"].get<std::string>().find(
                    "MMV 2 is not exported") != std::string::npos);
        // MMV 1 everywhere: no note.
        const Result plain = cli({"export-finn", "--network", "cnv", "--out", dir.string()});
        QVERIFY(plain.out.find("note:") == std::string::npos);
        fs::remove_all(dir);
    }

    void finnFoldingReadsBackWhatExportWrote() {
        // export-finn's folding_config.json, read back onto the imported model: same PE/SIMD.
        const fs::path dir = fs::temp_directory_path() / "bitfold_finn_back";
        fs::remove_all(dir);
        fs::create_directories(dir);
        const std::string model = (dir / "mlp.onnx").string();
        const auto pkg = (fs::path(BITFOLD_SOURCE_DIR) / "resources/models/mlp128-w2a2").string();
        QCOMPARE(cli({"export-qonnx", "--params", pkg, "--out", model}).rc, 0);
        QCOMPARE(cli({"export-finn", "--network", model, "--device", "zcu104", "--out", dir.string()}).rc, 0);
        const auto cfg = readJson(dir / "folding_config.json");
        const Result r = cli({"import", model, "--out", (dir / "imp").string(), "--images", "0", "--finn-folding",
                              (dir / "folding_config.json").string()});
        QVERIFY2(r.rc == 0, r.err.c_str());
        const auto folding = readJson(dir / "imp" / "folding.json");
        for (int i = 0; i < 4; ++i) {
            const auto& mvau = cfg["MVAU_hls_" + std::to_string(i)];
            QCOMPARE(folding["layers"][i]["pe"].get<int>(), mvau["PE"].get<int>());
            QCOMPARE(folding["layers"][i]["simd"].get<int>(), mvau["SIMD"].get<int>());
        }
        fs::remove_all(dir);
    }
};

QTEST_GUILESS_MAIN(TestOnnxCli)
#include "test_onnx_cli.moc"
