#include "bitfold/catalog.h"

#include "bitfold/error.h"
#include "bitfold/json_io.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#ifndef BITFOLD_DEFAULT_RESOURCE_DIR
#define BITFOLD_DEFAULT_RESOURCE_DIR "resources"
#endif

namespace fs = std::filesystem;

namespace bitfold {

std::string resourceDir() {
    if (const char* env = std::getenv("BITFOLD_RESOURCES"); env && *env) return env;
    return BITFOLD_DEFAULT_RESOURCE_DIR;
}

Network loadNetworkFile(const std::string& path) { return networkFromJson(readJsonFile(path), path); }

Device loadDeviceFile(const std::string& path) { return deviceFromJson(readJsonFile(path), path); }

namespace {

std::vector<std::string> jsonFiles(const fs::path& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

bool looksLikePath(const std::string& s) {
    return s.find('/') != std::string::npos || (s.size() > 5 && s.substr(s.size() - 5) == ".json");
}

} // namespace

Catalog::Catalog(const std::string& dir) {
    if (!fs::is_directory(fs::path(dir) / "networks"))
        throw Error(dir, "no networks/ folder here; set BITFOLD_RESOURCES to Bitfold's resources directory");
    for (const std::string& f : jsonFiles(fs::path(dir) / "networks")) m_networks.push_back(loadNetworkFile(f));
    for (const std::string& f : jsonFiles(fs::path(dir) / "devices")) m_devices.push_back(loadDeviceFile(f));
    std::stable_sort(m_devices.begin(), m_devices.end(),
                     [](const Device& a, const Device& b) { return a.total.lut < b.total.lut; });
}

const Catalog& Catalog::shipped() {
    static const Catalog catalog(resourceDir());
    return catalog;
}

const Network* Catalog::findNetwork(const std::string& id) const {
    for (const Network& n : m_networks)
        if (n.id == id) return &n;
    return nullptr;
}

const Device* Catalog::findDevice(const std::string& idOrAlias) const {
    for (const Device& d : m_devices)
        if (d.matches(idOrAlias)) return &d;
    return nullptr;
}

Network Catalog::network(const std::string& idOrPath) const {
    if (const Network* n = findNetwork(idOrPath)) return *n;
    if (looksLikePath(idOrPath) || fs::exists(idOrPath)) return loadNetworkFile(idOrPath);
    std::string valid;
    for (const Network& n : m_networks) valid += (valid.empty() ? "" : ", ") + n.id;
    throw Error("network " + idOrPath, "is not a shipped network or a file (shipped: " + valid + ")");
}

Device Catalog::device(const std::string& idOrAliasOrPath) const {
    if (const Device* d = findDevice(idOrAliasOrPath)) return *d;
    if (looksLikePath(idOrAliasOrPath) || fs::exists(idOrAliasOrPath)) return loadDeviceFile(idOrAliasOrPath);
    std::string valid;
    for (const Device& d : m_devices) {
        valid += (valid.empty() ? "" : ", ") + d.id;
        if (!d.aliases.empty()) valid += " (" + d.aliases.front() + ")";
    }
    throw Error("device " + idOrAliasOrPath, "is not a shipped device or a file (shipped: " + valid + ")");
}

} // namespace bitfold
