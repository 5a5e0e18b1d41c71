#include "manifest.h"

#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/manifest.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <filesystem>
#include <fstream>
#include <tuple>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace bitfold::train {

nlohmann::json readManifest(const std::string& path) {
    if (!std::filesystem::exists(path))
        return {{"format", "bitfold-models"},
                {"version", 1},
                {"dataset", "fashion-mnist"},
                {"models", nlohmann::json::array()}};
    auto j = readJsonFile(path);
    if (!j.is_object() || !j.contains("models") || !j["models"].is_array())
        throw Error(path, "not a models manifest (no \"models\" array)");
    return j;
}

namespace {

// Serialises read-modify-write cycles of trainers running side by side: flock on the
// manifest's directory, so no lock file is left behind.
class FileLock {
public:
    explicit FileLock(const std::string& path) : m_fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY)) {
        if (m_fd < 0 || ::flock(m_fd, LOCK_EX) != 0) throw Error(path, "cannot lock");
    }
    ~FileLock() {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd;
};

/// The fields that must agree for two runs to count as seeds of one recipe.
nlohmann::json recipeOf(const nlohmann::json& e) {
    return {{"epochs", e.value("epochs", 0)},
            {"lr", e.value("lr", 1e-3)},
            {"batch", e.value("batch", 100)},
            {"train_images", e.value("train_images", 0)},
            {"test_images", e.value("test_images", 0)},
            {"input_bits", e.value("input_bits", 8)},
            {"layer_bits", e.value("layer_bits", nlohmann::json())},
            {"warmup", e.value("warmup", nlohmann::json())},
            {"distill", e.value("distill", nlohmann::json())},
            {"bn_recalibrate", e.value("bn_recalibrate", false)}};
}

double round6(double v) { return std::round(v * 1e6) / 1e6; }

} // namespace

nlohmann::json mergeRun(const nlohmann::json& existing, const nlohmann::json& run) {
    const int seed = run.at("seed").get<int>();
    const double accuracy = run.at("accuracy").get<double>();
    std::map<int, double> runs; // seed -> accuracy, of run's recipe
    nlohmann::json result = run;
    if (existing.is_object() && recipeOf(existing) == recipeOf(run)) {
        if (existing.contains("seeds") && existing.contains("accuracies")) {
            const auto& seeds = existing["seeds"];
            const auto& accs = existing["accuracies"];
            if (!seeds.is_array() || !accs.is_array() || seeds.size() != accs.size())
                throw Error(existing.value("id", "?"), "\"seeds\" and \"accuracies\" differ in length");
            for (std::size_t i = 0; i < seeds.size(); ++i) runs[seeds[i].get<int>()] = accs[i].get<double>();
        } else {
            runs[existing.at("seed").get<int>()] = existing.at("accuracy").get<double>();
        }
        if (existing.value("seed", seed) < seed) // the package stays the lowest seed's
            result = existing;
    }
    runs[seed] = accuracy;
    result["seeds"] = nlohmann::json::array();
    result["accuracies"] = nlohmann::json::array();
    double sum = 0;
    for (const auto& [s, a] : runs) {
        result["seeds"].push_back(s);
        result["accuracies"].push_back(a);
        sum += a;
    }
    const double n = double(runs.size());
    const double mean = sum / n;
    double squares = 0;
    for (const auto& [s, a] : runs) squares += (a - mean) * (a - mean);
    result["package_accuracy"] = runs.at(result.at("seed").get<int>());
    result["accuracy_mean"] = round6(mean);
    result["accuracy_sd"] = runs.size() > 1 ? round6(std::sqrt(squares / (n - 1))) : 0.0;
    result["accuracy"] = result["accuracy_mean"];
    return result;
}

bool manifestHasRun(const std::string& path, const nlohmann::json& run) {
    const auto manifest = readManifest(path);
    const std::string id = run.at("id").get<std::string>();
    const int seed = run.at("seed").get<int>();
    for (const auto& m : manifest["models"]) {
        if (m.value("id", "") != id || recipeOf(m) != recipeOf(run)) continue;
        if (!m.contains("seeds")) return m.value("seed", 0) == seed;
        for (const auto& s : m["seeds"])
            if (s.get<int>() == seed) return true;
    }
    return false;
}

void upsertManifestEntry(const std::string& path, const nlohmann::json& run) {
    const std::filesystem::path target(path);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
    FileLock lock(target.has_parent_path() ? target.parent_path().string() : ".");
    auto manifest = readManifest(path);
    auto& models = manifest["models"];
    const std::string id = run.at("id").get<std::string>();
    auto same =
        std::find_if(models.begin(), models.end(), [&](const nlohmann::json& m) { return m.value("id", "") == id; });
    if (same != models.end())
        *same = mergeRun(*same, run);
    else
        models.push_back(mergeRun(nullptr, run));
    auto key = [](const nlohmann::json& m) {
        return std::make_tuple(m.value("network", ""), m.value("width", 0), m.value("layers", 0),
                               m.value("weight_bits", 0), m.value("act_bits", 0), m.value("id", ""));
    };
    std::sort(models.begin(), models.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    // Never write what the engine's strict reader (sweeps, CLI, GUI) would reject.
    bitfold::parseManifest(manifest, path);

    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << manifest.dump(2) << '\n';
        if (!out) throw Error(tmp, "cannot write");
    }
    std::filesystem::rename(tmp, target);
}

} // namespace bitfold::train
