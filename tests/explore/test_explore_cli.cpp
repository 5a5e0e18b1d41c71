// bitfold-cli fold, sweep, pareto and scaling driven in-process: fold's JSON feeds
// `estimate --folding` unchanged, outputs parse, and requests that cannot be met exit 2 with
// one line saying why.
#include "bitfold/catalog.h"
#include "bitfold/json_io.h"
#include "bitfold/sweep.h"
#include "commands.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

struct Result {
    int code;
    std::string out, err;
};

Result runCli(const std::vector<std::string>& argv) {
    std::ostringstream out, err;
    const int code = bitfold::cli::run(argv, out, err);
    return {code, out.str(), err.str()};
}

bool contains(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }

nlohmann::json json(const Result& r) {
    if (r.code != 0) throw std::runtime_error("exit " + std::to_string(r.code) + ": " + r.err);
    return nlohmann::json::parse(r.out);
}

} // namespace

class TestExploreCli : public QObject {
    Q_OBJECT
private slots:
    void foldJsonFeedsEstimate() {
        QTemporaryDir dir;
        // CNV on a VU9P puts some weights in LUTRAM/URAM: the memory style must travel too.
        for (const std::vector<std::string>& design :
             {std::vector<std::string>{"--network", "cnv", "--device", "pynq-z1", "--clock", "100"},
              std::vector<std::string>{"--network", "cnv", "--device", "aws-f1", "--weights", "2", "--acts", "2"},
              std::vector<std::string>{"--network", "lfc", "--device", "ultra96", "--strategy", "finn-r-greedy"},
              std::vector<std::string>{"--network", "tincy-yolo", "--device", "zcu104", "--model", "finn-r"}}) {
            std::vector<std::string> fold = {"fold"};
            fold.insert(fold.end(), design.begin(), design.end());
            fold.insert(fold.end(), {"--format", "json"});
            const nlohmann::json f = json(runCli(fold));
            QVERIFY(f.is_object());
            for (const char* key : {"fps", "cycles", "totals", "utilisation", "layers", "fits", "strategy",
                                    "limiting_resource", "limits", "network", "device", "kind"})
                QVERIFY2(f.contains(key), key);
            QVERIFY(f["fits"].get<bool>());
            for (const auto& l : f["layers"])
                for (const char* key : {"name", "pe", "simd", "cycles", "lut", "bram18"})
                    QVERIFY2(l.contains(key), key);

            const std::string path = dir.filePath("fold.json").toStdString();
            std::ofstream(path) << f.dump();
            std::vector<std::string> est = {"estimate"};
            for (std::size_t i = 0; i < design.size(); i += 2)
                if (design[i] != "--strategy") est.insert(est.end(), {design[i], design[i + 1]});
            est.insert(est.end(), {"--folding", path, "--format", "json"});
            const nlohmann::json e = json(runCli(est));
            QCOMPARE(e["cycles"], f["cycles"]);
            QCOMPARE(e["fps"], f["fps"]);
            QCOMPARE(e["totals"], f["totals"]);
            QCOMPARE(e["layers"].size(), f["layers"].size());
            for (std::size_t i = 0; i < e["layers"].size(); ++i) {
                QCOMPARE(e["layers"][i]["pe"], f["layers"][i]["pe"]);
                QCOMPARE(e["layers"][i]["weight_memory"], f["layers"][i]["weight_memory"]);
            }
        }
    }

    void foldTableAndStrategies() {
        for (const char* s : {"bitfold", "finn-setfolding", "finn-r-greedy"}) {
            const Result r = runCli({"fold", "--network", "sfc", "--device", "pynq-z1", "--strategy", s});
            QCOMPARE(r.code, 0);
            QVERIFY2(contains(r.out, std::string("folding by ") + s), r.out.c_str());
            QVERIFY(contains(r.out, "throughput"));
        }
        const nlohmann::json t = json(
            runCli({"fold", "--network", "cnv", "--device", "pynq-z1", "--target-fps", "500", "--format", "json"}));
        QVERIFY(t["fps"].get<double>() >= 500);
        QCOMPARE(t["goal"].get<std::string>(), std::string("target-fps"));
    }

    void estimateWithoutFoldingUsesTheOptimizer() {
        const nlohmann::json e =
            json(runCli({"estimate", "--network", "cnv", "--device", "pynq-z1", "--format", "json"}));
        const nlohmann::json f = json(runCli({"fold", "--network", "cnv", "--device", "pynq-z1", "--format", "json"}));
        QCOMPARE(e["cycles"], f["cycles"]);
        QVERIFY(contains(e["assumptions"][0].get<std::string>(), "optimizer"));
    }

    void impossibleRequestsExitTwoWithOneLine() {
        struct Case {
            std::vector<std::string> argv;
            std::vector<std::string> needles;
        };
        const std::vector<Case> cases = {
            {{"fold", "--network", "dorefanet", "--device", "pynq-z1"},
             {"does not fit xc7z020", "BRAM", "smallest shipped device it fits is"}},
            {{"fold", "--network", "tfc", "--device", "pynq-z1", "--lut-limit", "0.01"}, {"does not fit", "LUT"}},
            {{"fold", "--network", "cnv", "--acts", "7", "--device", "pynq-z1"},
             {"does not fit xc7z020", "The threshold memory alone needs", "127 thresholds"}},
            {{"fold", "--network", "cnv", "--device", "pynq-z1", "--target-fps", "1e9"},
             {"--target-fps", "ceiling", "FPS"}},
            {{"fold", "--network", "cnv", "--lut-limit", "1.5"}, {"--lut-limit", "1.5"}},
            {{"fold", "--network", "cnv", "--target-fps", "-2"}, {"--target-fps"}},
            {{"fold", "--network", "cnv", "--strategy", "annealing"}, {"--strategy", "finn-r-greedy"}},
            {{"fold", "--network", "cnv", "--folding", "x.json"}, {"--folding", "unknown option"}},
            {{"sweep", "--networks", "tfc", "--weights", "9"}, {"--weights", "'9'"}},
            {{"sweep", "--networks", "nosuch"}, {"nosuch"}},
            {{"sweep", "--networks", "tfc", "--format", "xml"}, {"--format"}},
            {{"pareto", "--networks", "tfc", "--objectives", "fps"}, {"--objectives", "two"}},
            {{"pareto", "--networks", "tfc", "--objectives", "fps,beauty"}, {"--objectives", "beauty"}},
            {{"scaling", "--network", "cnv", "--fractions", "2"}, {"--fractions", "'2'"}},
            {{"scaling", "--network", "cnv", "--device", "pynq-z1"}, {"--device", "unknown option"}},
        };
        for (const Case& c : cases) {
            const Result r = runCli(c.argv);
            QVERIFY2(r.code == 2, (c.argv[0] + " " + c.argv[2] + ": exit " + std::to_string(r.code)).c_str());
            QVERIFY(r.out.empty());
            QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
            for (const auto& n : c.needles) QVERIFY2(contains(r.err, n), (r.err + " lacks " + n).c_str());
        }
    }

    void sweepOutputsParse() {
        const std::vector<std::string> base = {"sweep", "--networks", "tfc,cnv",        "--weights", "1,2", "--acts",
                                               "1",     "--devices",  "pynq-z1,aws-f1", "--threads", "2"};
        auto with = [&](std::initializer_list<std::string> more) {
            std::vector<std::string> v = base;
            v.insert(v.end(), more);
            return v;
        };
        const nlohmann::json j = json(runCli(with({"--format", "json"})));
        QCOMPARE(j.size(), std::size_t(8));
        for (const auto& p : j)
            for (const char* key : {"network", "weights", "acts", "device", "clock_mhz", "fps", "totals", "utilisation",
                                    "fits", "limiting_resource", "accuracy", "folding", "fps_per_lut"})
                QVERIFY2(p.contains(key), key);
        QVERIFY(j[0]["folding"][0].contains("pe"));
        // Issue 12: written by json_io's one DesignPoint writer, not the CLI's own (ops/s and the
        // width scale were missing from a copy): the JSON is exactly that of the engine's sweep.
        bitfold::SweepSpec spec;
        spec.networks = {"tfc", "cnv"};
        spec.weightBits = {1, 2};
        spec.actBits = {1};
        spec.devices = {"pynq-z1", "aws-f1"};
        spec.threads = 2;
        const auto points = bitfold::runSweep(spec);
        QCOMPARE(points.size(), j.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            const bitfold::Network* net = bitfold::Catalog::shipped().findNetwork(points[i].network);
            QVERIFY(j[i] == bitfold::toJson(points[i], net));
            QVERIFY(j[i].contains("ops_per_s") && j[i]["ops_per_s"].get<double>() > 0);
        }
        const Result csv = runCli(with({"--format", "csv"}));
        QCOMPARE(csv.code, 0);
        QVERIFY(csv.out.rfind("network,width,weights,acts,device,clock_mhz,fps", 0) == 0);
        QCOMPARE(std::count(csv.out.begin(), csv.out.end(), '\n'), 9L);
        const Result table = runCli(with({"--widths", "1,0.5", "--clocks", "100,200"}));
        QCOMPARE(table.code, 0);
        QVERIFY2(contains(table.out, "32 design points"), table.out.c_str());
        QVERIFY(contains(table.out, "cnv@0.5"));
    }

    void firstLastWeightsAndTradeoffSpread() {
        // --first-last-weights 0,8: each precision uniform and with 8-bit first/last layers.
        const nlohmann::json j =
            json(runCli({"sweep", "--networks", "sfc", "--weights", "1", "--acts", "1", "--devices", "xczu7ev",
                         "--first-last-weights", "0,8", "--format", "json"}));
        QCOMPARE(j.size(), std::size_t(2));
        QVERIFY(j[0]["first_last_weights"].is_null());
        QCOMPARE(j[1]["first_last_weights"].get<std::string>(), std::string("8"));
        QVERIFY(j[0]["accuracy"].contains("sd")); // the shipped sfc W1A1 is measured
        QCOMPARE(runCli({"sweep", "--networks", "sfc", "--first-last-weights", "9"}).code, 2);
        // tradeoff: every row says whether it ties, every reaching design carries its spread.
        const nlohmann::json t = json(runCli({"tradeoff", "--target-accuracy", "88", "--device", "zcu104",
                                              "--target-fps", "100000", "--format", "json"}));
        QVERIFY(t["decided"].is_boolean());
        for (const auto& row : t["rows"]) {
            QVERIFY(row["tied"].is_boolean());
            if (row.contains("network")) QVERIFY(row["accuracy_sd"].get<double>() >= 0);
        }
        const Result table = runCli({"tradeoff", "--target-accuracy", "88", "--device", "zcu104"});
        QVERIFY2(contains(table.out, "combined sd is a tie"), table.out.c_str());
    }

    void paretoPrintsTheFront() {
        const nlohmann::json j = json(runCli({"pareto", "--networks", "tfc,sfc,lfc,cnv", "--weights", "1,2", "--acts",
                                              "1,2", "--devices", "pynq-z1", "--format", "json"}));
        QVERIFY(!j.empty());
        for (const auto& p : j) {
            QVERIFY(!p["accuracy"].is_null());
            QVERIFY(p["fits"].get<bool>());
        }
        // One front per accuracy data set (published MNIST, measured Fashion-MNIST).
        for (const auto& a : j)
            for (const auto& b : j) {
                if (a["accuracy"]["dataset"] != b["accuracy"]["dataset"]) continue;
                const double fa = a["fps"], fb = b["fps"], aa = a["accuracy"]["top1"], ab = b["accuracy"]["top1"];
                QVERIFY(!(fb >= fa && ab >= aa && (fb > fa || ab > aa)));
            }
        const Result table =
            runCli({"pareto", "--networks", "tfc,cnv", "--weights", "1,2", "--acts", "1,2", "--devices", "pynq-z1"});
        QCOMPARE(table.code, 0);
        QVERIFY2(contains(table.out, "accuracy on cifar10"), table.out.c_str());
        const Result cheap = runCli({"pareto", "--networks", "tfc,sfc,lfc", "--weights", "1,2", "--acts", "1,2",
                                     "--devices", "pynq-z1", "--min-accuracy", "0.97"});
        QCOMPARE(cheap.code, 0);
        QVERIFY2(contains(cheap.out, "cheapest design"), cheap.out.c_str());
        const Result lut = runCli({"pareto", "--networks", "cnv", "--weights", "1,4", "--acts", "1,4", "--devices",
                                   "pynq-z1,aws-f1", "--objectives", "fps,lut,latency-us"});
        QCOMPARE(lut.code, 0);
        QVERIFY(contains(lut.out, "max fps, min lut, min latency-us"));
    }

    void scalingListsDevicesThenFractions() {
        const nlohmann::json j =
            json(runCli({"scaling", "--network", "cnv", "--fractions", "0.1,0.5,1", "--format", "json"}));
        const auto& pts = j["points"];
        const auto& devs = bitfold::Catalog::shipped().devices();
        QCOMPARE(pts.size(), devs.size() + 3);
        for (std::size_t i = 0; i < devs.size(); ++i) QCOMPARE(pts[i]["device"].get<std::string>(), devs[i].id);
        QCOMPARE(pts.back()["device"].get<std::string>(), std::string("xcvu9p@1"));
        // json_io's scaling writer, the one the GUI's export would use too.
        const bitfold::Network& cnv = *bitfold::Catalog::shipped().findNetwork("cnv");
        const auto scaling = bitfold::deviceScaling(cnv, bitfold::resolvePrecision(cnv, {}), {}, {0.1, 0.5, 1});
        QVERIFY(pts == bitfold::scalingJson(scaling));
        const Result t = runCli({"scaling", "--network", "tfc", "--clock", "200"});
        QCOMPARE(t.code, 0);
        QVERIFY(contains(t.out, "folding"));
        QVERIFY(contains(t.out, "200 MHz"));
    }
};

QTEST_APPLESS_MAIN(TestExploreCli)
#include "test_explore_cli.moc"
