// The shipped models: every manifest entry is consistent, every listed package loads, the
// recorded accuracy of a small one is reproduced exactly by the golden reference, and the
// grid meets issue 16 (three seeds per required entry, CNV-FM W1A1 within 4 points of float32,
// the first/last-8-bit variants).
#include "manifest.h"

#include "bitfold/catalog.h"
#include "bitfold/dataset.h"
#include "bitfold/golden.h"
#include "bitfold/params.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

using namespace bitfold;
namespace fs = std::filesystem;

class TestModelsManifest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_dir = fs::path(resourceDir()) / "models";
        m_manifest = train::readManifest((m_dir / "manifest.json").string());
        if (m_manifest["models"].empty()) QSKIP("no trained models shipped yet");
    }

    void entriesAreComplete() {
        for (const auto& m : m_manifest["models"]) {
            const std::string id = m.at("id");
            for (const char* key : {"network", "width", "weight_bits", "act_bits", "accuracy", "float_graph_accuracy",
                                    "seed", "epochs", "train_seconds", "package", "package_bytes", "command", "seeds",
                                    "accuracies", "accuracy_mean", "accuracy_sd", "package_accuracy"})
                QVERIFY2(m.contains(key), qPrintable(QString::fromStdString(id) + " lacks " + key));
            const double acc = m["accuracy"];
            QVERIFY2(acc > 0.5 && acc <= 1.0, qPrintable(QString::fromStdString(id)));
            // accuracy = the mean over seeds, the package is the lowest seed's
            const auto& seeds = m["seeds"];
            const auto& accs = m["accuracies"];
            QCOMPARE(seeds.size(), accs.size());
            QVERIFY(!seeds.empty());
            double sum = 0;
            for (const auto& a : accs) sum += double(a);
            QVERIFY(std::abs(double(m["accuracy_mean"]) - sum / double(accs.size())) < 1e-6);
            QCOMPARE(double(m["accuracy"]), double(m["accuracy_mean"]));
            QCOMPARE(int(m["seed"]), int(seeds.front()));
            QCOMPARE(double(m["package_accuracy"]), double(accs.front()));
            QVERIFY(double(m["accuracy_sd"]) >= 0 && (seeds.size() > 1 || double(m["accuracy_sd"]) == 0));
            const bool isFloat = m["weight_bits"] == 32;
            QCOMPARE(m["package"].is_null(), isFloat);
            QCOMPARE(std::string(m["measured_by"]),
                     std::string(isFloat ? "float32-graph" : "golden-integer-reference"));
        }
    }

    // Issue 16's grid: MLP 64/256/1024 at W1A1..W8A8 and float32, CNV-FM at W1A1, W1A2, W2A2,
    // W4A4 and float32, each with seeds 1, 2 and 3 (scripts/train_grid.sh required).
    void requiredGridHasThreeSeeds() {
        std::vector<std::string> ids;
        for (const char* n : {"mlp64", "mlp256", "mlp1024"})
            for (const char* p : {"w1a1", "w1a2", "w2a2", "w3a3", "w4a4", "w8a8", "float32"})
                ids.push_back(std::string(n) + "-" + p);
        for (const char* p : {"w1a1", "w1a2", "w2a2", "w4a4", "float32"}) ids.push_back(std::string("cnv-fm16-") + p);
        for (const std::string& id : ids) {
            const auto m = entry(id);
            QVERIFY2(!m.is_null(), qPrintable(QString::fromStdString(id) + " is not in the manifest"));
            QVERIFY2(m["seeds"] == nlohmann::json({1, 2, 3}), qPrintable(QString::fromStdString(id) + ": seeds " +
                                                                          QString::fromStdString(m["seeds"].dump())));
        }
    }

    // The shipped CNV-FM W1A1 within 4 points of float32 over the seeds' means (issue 16's
    // target; docs/training.md, "CNV-FM schedule"): a retrained grid that regresses fails here.
    void binaryCnvWithinFourPointsOfFloat() {
        const auto bin = entry("cnv-fm16-w1a1"), flt = entry("cnv-fm16-float32");
        if (bin.is_null() || flt.is_null()) QSKIP("CNV-FM W1A1 or float32 not trained");
        const double gap = 100 * (double(flt["accuracy_mean"]) - double(bin["accuracy_mean"]));
        QVERIFY2(gap <= 4.0, qPrintable(QString("CNV-FM W1A1 is %1 points below float32").arg(gap, 0, 'f', 2)));
    }

    // "-first8" entries: first and last matrix layers at 8-bit weights, the rest at the id's W.
    void firstLastEightBitEntries() {
        int found = 0;
        for (const auto& m : m_manifest["models"]) {
            const std::string id = m["id"];
            if (!id.ends_with("-first8")) continue;
            ++found;
            const auto& layers = m.at("layer_bits");
            QVERIFY2(layers.size() >= 3, id.c_str());
            for (std::size_t i = 0; i < layers.size(); ++i) {
                const bool edge = i == 0 || i + 1 == layers.size();
                QCOMPARE(int(layers[i]["weight_bits"]), edge ? 8 : int(m["weight_bits"]));
            }
        }
        QCOMPARE(found, 9); // MLP-256 at W1A1, W1A2, W2A2, W3A3, W4A4; CNV-FM at W1A1, W1A2, W2A2, W4A4
    }

    void everyPackageLoads() {
        for (const auto& m : m_manifest["models"]) {
            if (m["package"].is_null()) continue;
            const fs::path dir = m_dir / std::string(m["package"]);
            const ParamPackage pkg = loadPackage(dir.string()); // throws on any inconsistency
            QVERIFY(pkg.accuracy.has_value());
            QCOMPARE(*pkg.accuracy, double(m["package_accuracy"]));
            QCOMPARE(pkg.accuracyImages, 10000);
            QCOMPARE(std::uintmax_t(m["package_bytes"]),
                     fs::file_size(dir / "package.json") + fs::file_size(dir / "params.bin"));
            QCOMPARE(pkg.layers.front().weightBits,
                     m.contains("layer_bits") ? int(m["layer_bits"].front()["weight_bits"]) : int(m["weight_bits"]));
        }
    }

    void smallestPackageReproducesItsAccuracy() {
        // The smallest MLP package: a few seconds of golden inference on all 10k images.
        const nlohmann::json* smallest = nullptr;
        for (const auto& m : m_manifest["models"])
            if (!m["package"].is_null() && m["network"] == "mlp" &&
                (!smallest || m["package_bytes"] < (*smallest)["package_bytes"]))
                smallest = &m;
        QVERIFY(smallest);
        const ParamPackage pkg = loadPackage((m_dir / std::string((*smallest)["package"])).string());
        const ImageSet test = loadFashionMnist("test");
        QCOMPARE(goldenAccuracy(pkg, test), double((*smallest)["package_accuracy"]));
    }

private:
    nlohmann::json entry(const std::string& id) const {
        for (const auto& m : m_manifest["models"])
            if (m["id"] == id) return m;
        return nullptr;
    }

    fs::path m_dir;
    nlohmann::json m_manifest;
};

QTEST_APPLESS_MAIN(TestModelsManifest)
#include "test_models_manifest.moc"
