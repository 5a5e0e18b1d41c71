// Seeds in the models manifest: runs of one recipe collect into seeds/accuracies with their
// mean and sample standard deviation; the package stays the lowest seed's; another recipe
// starts over; a resumed grid recognises the runs it has done.
#include "manifest.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

using namespace bitfold;
using nlohmann::json;

namespace {

json run(int seed, double accuracy, int epochs = 10) {
    return {{"id", "mlp64-w2a2"},
            {"network", "mlp"},
            {"width", 64},
            {"layers", 3},
            {"weight_bits", 2},
            {"act_bits", 2},
            {"input_bits", 8},
            {"seed", seed},
            {"epochs", epochs},
            {"lr", 0.001},
            {"batch", 100},
            {"train_images", 60000},
            {"test_images", 10000},
            {"accuracy", accuracy},
            {"package", seed == 1 ? "mlp64-w2a2" : "../../build-runs/mlp64-w2a2-seed" + std::to_string(seed)},
            {"command", "bitfold-train --seed " + std::to_string(seed)}};
}

} // namespace

class TestManifestSeeds : public QObject {
    Q_OBJECT
private slots:
    void threeSeedsGiveMeanAndSampleSd() {
        json e = train::mergeRun(nullptr, run(1, 0.8782));
        QVERIFY2(e["seeds"] == json::array({1}), e["seeds"].dump().c_str());
        QCOMPARE(double(e["accuracy_sd"]), 0.0);
        QCOMPARE(double(e["accuracy"]), 0.8782);
        e = train::mergeRun(e, run(3, 0.8750));
        e = train::mergeRun(e, run(2, 0.8800));
        QVERIFY2(e["seeds"] == json::array({1, 2, 3}), e["seeds"].dump().c_str());
        QVERIFY2(e["accuracies"] == json::array({0.8782, 0.8800, 0.8750}), e["accuracies"].dump().c_str());
        // mean 0.877733..., sample sd sqrt(((0.000467)^2 + (0.002267)^2 + (0.002733)^2) / 2) = 0.002532
        QCOMPARE(double(e["accuracy_mean"]), 0.877733);
        QCOMPARE(double(e["accuracy"]), double(e["accuracy_mean"]));
        QCOMPARE(double(e["accuracy_sd"]), 0.002532);
        // the package and its description stay seed 1's
        QCOMPARE(int(e["seed"]), 1);
        QCOMPARE(std::string(e["package"]), std::string("mlp64-w2a2"));
        QCOMPARE(double(e["package_accuracy"]), 0.8782);
        QCOMPARE(std::string(e["command"]), std::string("bitfold-train --seed 1"));
    }

    void rerunOfASeedReplacesItsAccuracy() {
        json e = train::mergeRun(train::mergeRun(nullptr, run(1, 0.80)), run(2, 0.82));
        e = train::mergeRun(e, run(2, 0.84));
        QVERIFY2(e["accuracies"] == json::array({0.80, 0.84}), e["accuracies"].dump().c_str());
        QCOMPARE(double(e["accuracy"]), 0.82);
    }

    void lowerSeedTakesOverThePackage() {
        json e = train::mergeRun(train::mergeRun(nullptr, run(2, 0.82)), run(1, 0.80));
        QCOMPARE(int(e["seed"]), 1);
        QCOMPARE(std::string(e["package"]), std::string("mlp64-w2a2"));
        QCOMPARE(double(e["package_accuracy"]), 0.80);
        QVERIFY2(e["seeds"] == json::array({1, 2}), e["seeds"].dump().c_str());
    }

    void anotherRecipeStartsOver() {
        json e = train::mergeRun(train::mergeRun(nullptr, run(1, 0.80)), run(2, 0.82));
        e = train::mergeRun(e, run(2, 0.88, 30));
        QVERIFY2(e["seeds"] == json::array({2}), e["seeds"].dump().c_str());
        QCOMPARE(double(e["accuracy"]), 0.88);
        QCOMPARE(int(e["epochs"]), 30);
        // A warm-up phase (progressive quantization) is part of the recipe too.
        json warm = run(3, 0.90, 30);
        warm["warmup"] = {{"epochs", 15}, {"weight_bits", 2}, {"act_bits", 4}};
        e = train::mergeRun(e, warm);
        QVERIFY2(e["seeds"] == json::array({3}), e["seeds"].dump().c_str());
        QCOMPARE(int(e["warmup"]["epochs"]), 15);
        // So is distillation.
        json kd = warm;
        kd["seed"] = 4;
        kd["distill"] = {{"teacher", "float32"}, {"weight", 0.7}, {"temperature", 4.0}};
        e = train::mergeRun(e, kd);
        QVERIFY2(e["seeds"] == json::array({4}), e["seeds"].dump().c_str());
    }

    void entryWrittenBeforeSeedsIsOneRun() {
        json old = run(1, 0.8782);
        const json e = train::mergeRun(old, run(2, 0.8800));
        QVERIFY2(e["seeds"] == json::array({1, 2}), e["seeds"].dump().c_str());
        QCOMPARE(double(e["accuracy"]), 0.8791);
    }

    void resumedGridSkipsDoneRuns() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("manifest.json").toStdString();
        QVERIFY(!train::manifestHasRun(path, run(1, 0)));
        train::upsertManifestEntry(path, run(1, 0.80));
        train::upsertManifestEntry(path, run(2, 0.82));
        QVERIFY(train::manifestHasRun(path, run(1, 0)));
        QVERIFY(train::manifestHasRun(path, run(2, 0)));
        QVERIFY(!train::manifestHasRun(path, run(3, 0)));
        QVERIFY(!train::manifestHasRun(path, run(1, 0, 30))); // a new schedule redoes every seed
        const json m = train::readManifest(path);
        QCOMPARE(m["models"].size(), std::size_t(1));
        QVERIFY2(m["models"][0]["seeds"] == json::array({1, 2}), m["models"][0]["seeds"].dump().c_str());
    }
};

QTEST_APPLESS_MAIN(TestManifestSeeds)
#include "test_manifest_seeds.moc"
