// The shipped models: every manifest entry is consistent, every listed package loads, and
// the recorded accuracy of a small one is reproduced exactly by the golden reference.
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
    fs::path m_dir;
    nlohmann::json m_manifest;
};

QTEST_APPLESS_MAIN(TestModelsManifest)
#include "test_models_manifest.moc"
