#include "manifest.h"

#include "bitfold/error.h"
#include "bitfold/json_io.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace bitfold::train {

nlohmann::json readManifest(const std::string& path)
{
    if (!std::filesystem::exists(path))
        return {{"format", "bitfold-models"}, {"version", 1}, {"dataset", "fashion-mnist"},
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
    explicit FileLock(const std::string& path) : m_fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY))
    {
        if (m_fd < 0 || ::flock(m_fd, LOCK_EX) != 0)
            throw Error(path, "cannot lock");
    }
    ~FileLock()
    {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd;
};

} // namespace

void upsertManifestEntry(const std::string& path, const nlohmann::json& entry)
{
    const std::filesystem::path target(path);
    if (target.has_parent_path())
        std::filesystem::create_directories(target.parent_path());
    FileLock lock(target.has_parent_path() ? target.parent_path().string() : ".");
    auto manifest = readManifest(path);
    auto& models = manifest["models"];
    const std::string id = entry.at("id").get<std::string>();
    auto same = std::find_if(models.begin(), models.end(), [&](const nlohmann::json& m) { return m.value("id", "") == id; });
    if (same != models.end())
        *same = entry;
    else
        models.push_back(entry);
    auto key = [](const nlohmann::json& m) {
        return std::make_tuple(m.value("network", ""), m.value("width", 0), m.value("layers", 0),
                               m.value("weight_bits", 0), m.value("act_bits", 0), m.value("id", ""));
    };
    std::sort(models.begin(), models.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });

    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << manifest.dump(2) << '\n';
        if (!out)
            throw Error(tmp, "cannot write");
    }
    std::filesystem::rename(tmp, target);
}

} // namespace bitfold::train
