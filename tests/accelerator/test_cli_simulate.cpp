// bitfold-cli simulate, in process: the JSON result on the last line, progress lines before
// it, trained packages on Fashion-MNIST, and its user errors.
#include "bitfold/catalog.h"
#include "cli_run.h"

#include <QtTest>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

using nlohmann::json;
namespace fs = std::filesystem;
using testcli::cli;
using testcli::Run;

class TestCliSimulate : public QObject {
    Q_OBJECT

private slots:
    void randomParametersJson() {
        const Run r = cli({"simulate", "--network", "sfc", "--weights", "1", "--acts", "1", "--params", "random",
                           "--seed", "3", "--images", "150", "--batch", "64", "--format", "json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto lines = r.lines();
        QCOMPARE(int(lines.size()), 4); // 3 progress lines, the result
        QCOMPARE(json::parse(lines[0]).at("event").get<std::string>(), std::string("progress"));
        const json j = r.last();
        QCOMPARE(j.at("images").get<int>(), 150);
        QVERIFY(j.at("bit_exact").get<bool>());
        QVERIFY(!j.contains("accuracy"));
        QVERIFY(j.at("images_per_s").get<double>() > 0);
        QCOMPARE(j.at("layers").size(), std::size_t(4));
        for (const json& l : j.at("layers")) {
            QCOMPARE(l.at("kind").get<std::string>(), std::string("mvtu"));
            QCOMPARE(l.at("cycles_counted").get<long long>(), l.at("cycles_predicted").get<long long>());
        }
    }

    void trainedOnFashionMnist() {
        const fs::path dir = fs::path(bitfold::resourceDir()) / "models" / "mlp64-w1a1";
        if (!fs::exists(dir / "package.json")) QSKIP("resources/models/mlp64-w1a1 is not present");
        const Run r = cli({"simulate", "--params", dir.string(), "--dataset", "fashion-mnist", "--images", "500",
                           "--format", "json"});
        if (r.code == 2 && r.err.find("fashion") != std::string::npos) QSKIP("Fashion-MNIST is not installed");
        QVERIFY2(r.code == 0, r.err.c_str());
        const json j = r.last();
        QVERIFY(j.at("bit_exact").get<bool>());
        QVERIFY(j.contains("accuracy"));
        QVERIFY(j.at("accuracy").get<double>() > 0.7);
        QVERIFY(json::parse(r.lines().front()).contains("accuracy")); // running accuracy in progress lines
    }

    void tableOutput() {
        const Run r = cli({"simulate", "--network", "tfc", "--images", "20"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(r.out.find("bit-exact against the golden reference: yes") != std::string::npos);
        QVERIFY(r.out.find("mvtu") != std::string::npos);
    }

    void userErrors() {
        Run r = cli({"simulate", "--network", "cnv", "--dataset", "fashion-mnist"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("28x28x1") != std::string::npos, r.err.c_str());
        r = cli({"simulate", "--params", "random"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.find("--network") != std::string::npos);
        r = cli({"simulate", "--network", "tfc", "--format", "xml"});
        QCOMPARE(r.code, 2);
        r = cli({"simulate", "--network", "tfc", "--weights", "16"});
        QCOMPARE(r.code, 2);
        r = cli({"simulate", "--params", "/nonexistent/package"});
        QCOMPARE(r.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "test_cli_simulate.moc"
