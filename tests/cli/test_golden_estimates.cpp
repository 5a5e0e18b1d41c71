// Golden estimates: the JSON estimate of every shipped network at the default session (W1A1,
// XC7Z020 at 100 MHz, bitfold model, the optimizer's folding) is checked in under
// tests/golden/estimates/. Any change to a figure fails here, so model changes are
// deliberate and reviewed. Regenerate (then review the diff):
//   BITFOLD_UPDATE_GOLDEN=1 ctest --test-dir build -R test_golden_estimates
#include "bitfold/catalog.h"
#include "commands.h"

#include <QTest>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace bitfold;
using nlohmann::json;

namespace {

const std::string kGoldenDir = BITFOLD_GOLDEN_DIR;

json defaultSessionEstimate(const std::string& network) {
    std::ostringstream out, err;
    const int code = cli::run({"estimate", "--network", network, "--weights", "1", "--acts", "1", "--device", "xc7z020",
                               "--clock", "100", "--model", "bitfold", "--format", "json"},
                              out, err);
    if (code != 0) throw std::runtime_error(network + ": " + err.str());
    return json::parse(out.str());
}

/// First difference between two JSON values, as "path: golden vs now"; empty when equal.
/// Numbers compare to 1e-9 relative (the same arithmetic on another compiler may round the
/// last bit differently).
std::string firstDifference(const json& golden, const json& now, const std::string& path) {
    if (golden.is_number() && now.is_number()) {
        const double a = golden.get<double>(), b = now.get<double>();
        return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b))
            ? ""
            : path + ": " + golden.dump() + " vs " + now.dump();
    }
    if (golden.type() != now.type()) return path + ": " + golden.dump() + " vs " + now.dump();
    if (golden.is_object()) {
        for (auto it = golden.begin(); it != golden.end(); ++it) {
            if (!now.contains(it.key())) return path + "/" + it.key() + ": missing now";
            const std::string d = firstDifference(it.value(), now.at(it.key()), path + "/" + it.key());
            if (!d.empty()) return d;
        }
        for (auto it = now.begin(); it != now.end(); ++it)
            if (!golden.contains(it.key())) return path + "/" + it.key() + ": new, not in the golden file";
        return "";
    }
    if (golden.is_array()) {
        if (golden.size() != now.size())
            return path + ": " + std::to_string(golden.size()) + " entries vs " + std::to_string(now.size());
        for (std::size_t i = 0; i < golden.size(); ++i) {
            const std::string d = firstDifference(golden[i], now[i], path + "/" + std::to_string(i));
            if (!d.empty()) return d;
        }
        return "";
    }
    return golden == now ? "" : path + ": " + golden.dump() + " vs " + now.dump();
}

} // namespace

class TestGoldenEstimates : public QObject {
    Q_OBJECT
private slots:
    void everyShippedNetworkMatchesItsGoldenEstimate() {
        const bool update = std::getenv("BITFOLD_UPDATE_GOLDEN") != nullptr;
        std::filesystem::create_directories(kGoldenDir);
        for (const Network& n : Catalog::shipped().networks()) {
            const std::string file = kGoldenDir + "/" + n.id + ".json";
            const json now = defaultSessionEstimate(n.id);
            if (update) {
                std::ofstream(file) << now.dump(1) << '\n';
                continue;
            }
            std::ifstream in(file);
            QVERIFY2(in.good(),
                     qPrintable(QString::fromStdString(file +
                                                       ": no golden estimate; regenerate (see top of "
                                                       "tests/cli/test_golden_estimates.cpp)")));
            const std::string d = firstDifference(json::parse(in), now, n.id);
            QVERIFY2(d.empty(),
                     qPrintable(QString::fromStdString(
                         "estimate changed at " + d +
                         "; if deliberate: BITFOLD_UPDATE_GOLDEN=1 ctest -R test_golden_estimates")));
        }
        // No golden file without a shipped network.
        for (const auto& f : std::filesystem::directory_iterator(kGoldenDir))
            QVERIFY2(Catalog::shipped().findNetwork(f.path().stem().string()) != nullptr, f.path().c_str());
    }
};

QTEST_APPLESS_MAIN(TestGoldenEstimates)
#include "test_golden_estimates.moc"
