// bitfold-cli driven in-process: outputs parse, every bad-input path exits 2 with one clear message.
#include "bitfold/catalog.h"
#include "commands.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace bitfold;

namespace {
struct Result {
    int code;
    std::string out, err;
};
Result runCli(std::vector<std::string> argv) {
    std::ostringstream out, err;
    const int code = bitfold::cli::run(argv, out, err);
    return {code, out.str(), err.str()};
}
bool contains(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void listsAsJson() {
        const auto devs = nlohmann::json::parse(runCli({"devices", "--format", "json"}).out);
        QCOMPARE(devs.size(), std::size_t(8));
        for (const auto& d : devs)
            for (const char* key : {"id", "aliases", "lut", "ff", "bram36", "uram", "dsp", "clock_mhz"})
                QVERIFY2(d.contains(key), key);
        const auto nets = nlohmann::json::parse(runCli({"networks", "--format", "json"}).out);
        QVERIFY(nets.size() >= 14);
    }

    void estimateJsonHasTheDocumentedFields() {
        QTemporaryDir dir;
        const std::string folding = dir.filePath("f.json").toStdString();
        std::ofstream(folding) << R"({"layers":[{"name":"fc0","pe":32,"simd":64},{"name":"fc1","pe":64,"simd":32},
                                      {"name":"fc2","pe":32,"simd":64},{"name":"fc3","pe":16,"simd":8}]})";
        const Result r = runCli({"estimate", "--network", "lfc", "--weights", "1", "--acts", "1", "--device", "pynq-z1",
                                 "--clock", "100", "--folding", folding, "--format", "json"});
        QCOMPARE(r.code, 0);
        const auto j = nlohmann::json::parse(r.out);
        for (const char* key :
             {"fps", "latency_us", "cycles", "bottleneck", "totals", "utilisation", "layers", "model", "assumptions"})
            QVERIFY2(j.contains(key), key);
        for (const char* key : {"lut", "ff", "bram18", "bram36", "uram", "dsp"})
            QVERIFY2(j["totals"].contains(key), key);
        QCOMPARE(j["cycles"].get<long long>(), 512LL);
        QCOMPARE(j["layers"][1]["pe"].get<int>(), 64);
        for (const char* key : {"name", "kind", "pe", "simd", "cycles", "lut", "bram18", "dsp"})
            QVERIFY2(j["layers"][0].contains(key), key);
        QCOMPARE(j["model"].get<std::string>(), std::string("bitfold"));
        const Result csv =
            runCli({"estimate", "--network", "tfc", "--device", "ultra96", "--format", "csv", "--model", "finn-r"});
        QCOMPARE(csv.code, 0);
        QVERIFY(contains(csv.out, "layer,kind,pe,simd,cycles"));
    }

    void everyCommandAnswersHelpWithItsUsage() {
        const std::vector<std::pair<std::string, std::string>> expect = {
            {"pareto", "--objectives VALUE"}, {"sweep", "--networks VALUE"},  {"estimate", "--network VALUE"},
            {"simulate", "--images VALUE"},   {"networks", "--format VALUE"}, {"pareto", "--all\n"}};
        for (const auto& [cmd, option] : expect)
            for (const char* flag : {"--help", "-h"}) {
                const Result r = runCli({cmd, "--network", "cnv", flag});
                QCOMPARE(r.code, 0);
                QVERIFY(r.err.empty());
                QVERIFY2(contains(r.out, "usage: bitfold-cli " + cmd + " "), r.out.c_str());
                QVERIFY2(contains(r.out, option), (r.out + " lacks " + option).c_str());
            }
    }

    void badInputExitsWithOneClearMessage() {
        QTemporaryDir dir;
        const std::string broken = dir.filePath("broken.json").toStdString();
        std::ofstream(broken) << "{\n  \"layers\": [\n    {\"name\": \"fc0\",, }\n";
        const std::string badFold = dir.filePath("fold.json").toStdString();
        std::ofstream(badFold) << R"({"layers":[{"name":"conv0","pe":16,"simd":2}]})";
        struct Case {
            std::vector<std::string> argv;
            std::vector<std::string> needles;
        };
        const std::vector<Case> cases = {
            {{"estimate", "--network", "alexnet"}, {"alexnet", "cnv", "tincy-yolo"}},
            {{"estimate", "--network", "cnv", "--device", "virtex2"}, {"virtex2", "xc7z020", "pynq-z1"}},
            {{"estimate", "--network", "cnv", "--weights", "9"}, {"--weights", "'9'", "1..8, 16, float32"}},
            {{"estimate", "--network", "cnv", "--acts", "two"}, {"--acts", "two"}},
            {{"estimate", "--network", "cnv", "--folding", badFold}, {"fold.json", "conv0", "SIMD 2", "valid: 1, 3"}},
            {{"estimate", "--network", broken}, {"broken.json:3:", "malformed JSON"}},
            {{"estimate", "--network", "cnv", "--clock", "-5"}, {"--clock"}},
            {{"estimate", "--network", "cnv", "--model", "magic"}, {"magic", "finn-r"}},
            {{"estimate", "--network", "cnv", "--bogus", "1"}, {"--bogus", "unknown option"}},
            {{"estimate", "--network", dir.filePath("missing.json").toStdString()}, {"missing.json", "cannot open"}},
            {{"estimate"}, {"--network", "required"}},
            {{"frobnicate"}, {"unknown command"}},
        };
        for (const Case& c : cases) {
            const Result r = runCli(c.argv);
            QCOMPARE(r.code, 2);
            QVERIFY(r.out.empty());
            QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
            for (const auto& n : c.needles) QVERIFY2(contains(r.err, n), (r.err + " lacks " + n).c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "test_cli.moc"
