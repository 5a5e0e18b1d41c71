// The C simulation's toolchain and cache (see sim_toolchain.h).
#include "sim_toolchain.h"

#include "child_process.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace bitfold {

namespace fs = std::filesystem;

namespace {

constexpr const char* kWhere = kSimWhere;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw Error(p.string(), "cannot read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}



std::string defaultSourceDir() {
#ifdef BITFOLD_SOURCE_DIR
    return BITFOLD_SOURCE_DIR;
#else
    // engine/src/sim_runner.cpp -> the repository root.
    return fs::path(__FILE__).parent_path().parent_path().parent_path().string();
#endif
}

std::string defaultSimInclude(const std::string& sourceDir) {
    if (const std::string v = env("BITFOLD_VITIS_INCLUDE"); !v.empty())
        return v;
#ifdef BITFOLD_VITIS_INCLUDE_DIR
    return BITFOLD_VITIS_INCLUDE_DIR;
#else
    return (fs::path(sourceDir) / "hls" / "sim" / "include").string();
#endif
}

} // namespace

const std::vector<std::string>& commonFlags() {
    static const std::vector<std::string> flags = [] {
        std::vector<std::string> f = {"-std=c++20", "-Wno-unknown-pragmas", "-Wno-unused-label"};
#if defined(__x86_64__) && defined(__GNUC__)
        // The simulation's hot loops (popcount, int8 dot products) want this machine's vector
        // units; the level is part of the cache key, so a cache shared by machines stays right.
        __builtin_cpu_init();
#if defined(__clang__) // clang 14 knows the features, not the levels
        const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                        __builtin_cpu_supports("bmi2");
        const bool v2 = __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("popcnt");
#else
        const bool v3 = __builtin_cpu_supports("x86-64-v3"), v2 = __builtin_cpu_supports("x86-64-v2");
#endif
        if (v3)
            f.push_back("-march=x86-64-v3");
        else if (v2)
            f.push_back("-march=x86-64-v2");
#endif
        return f;
    }();
    return flags;
}

static std::string compilerIdentity(const std::string& compiler) {
    static std::mutex mutex;
    static std::map<std::string, std::string> known;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = known.find(compiler); it != known.end())
        return it->second;
    std::string out;
    int status = 0;
    try {
        status = runCommand({compiler, "--version"}, out, nullptr);
    } catch (const Error& e) {
        throw Error(kWhere, "no usable C++ compiler '" + compiler + "' (" + e.what() + "); set $CXX");
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(kWhere, "compiler '" + compiler + "' does not run: " + out);
    return known[compiler] = out;
}

Toolchain toolchain(const SimOptions& o) {
    Toolchain t;
    t.compiler = !o.compiler.empty() ? o.compiler : !env("CXX").empty() ? env("CXX") : "g++";
    t.sourceDir = !o.sourceDir.empty() ? o.sourceDir : !env("BITFOLD_SOURCE_DIR").empty() ? env("BITFOLD_SOURCE_DIR")
                                                                                           : defaultSourceDir();
    const fs::path root(t.sourceDir);
    t.kernelDir = (root / "hls" / "kernels").string();
    t.topDir = (root / "hls" / "top").string();
    t.engineIncludeDir = (root / "engine" / "include").string();
    t.simIncludeDir = !o.simIncludeDir.empty() ? o.simIncludeDir : defaultSimInclude(t.sourceDir);
    if (!fs::exists(fs::path(t.topDir) / "bitfold_top.cpp") || !fs::exists(fs::path(t.kernelDir) / "mvtu.hpp"))
        throw Error(kWhere, "the accelerator sources are not in " + t.sourceDir +
                                " (hls/kernels, hls/top); set $BITFOLD_SOURCE_DIR");
    Hasher h;
    h.add(compilerIdentity(t.compiler)).add(t.compiler);
    for (const std::string& f : commonFlags())
        h.add(f);
    // Every header and source the simulation may include, in a fixed order.
    std::vector<fs::path> files;
    for (const std::string& dir : {t.kernelDir, t.topDir, t.simIncludeDir})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file())
                files.push_back(e.path());
    for (const char* header : {"cycles.h", "images_file.h"})
        files.push_back(fs::path(t.engineIncludeDir) / "bitfold" / header);
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files)
        h.add(f.filename().string()).add(readFile(f));
    t.fingerprint = h.hex();
    return t;
}

fs::path cacheRoot(const SimOptions& o) {
    if (!o.cacheDir.empty())
        return o.cacheDir;
    if (const std::string v = env("BITFOLD_SIM_CACHE"); !v.empty())
        return v;
    const std::string xdg = env("XDG_CACHE_HOME");
    const fs::path base = !xdg.empty() ? fs::path(xdg) : fs::path(env("HOME").empty() ? "/tmp" : env("HOME")) / ".cache";
    return base / "bitfold" / "sim";
}

} // namespace bitfold
