// The C simulation's settings, toolchain and cache (see sim_toolchain.h).
#include "sim_toolchain.h"

#include "bitfold/child_process.h"

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
    if (!in) throw Error(p.string(), "cannot read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The directory of the running executable (/proc/self/exe), "" when unknown.
fs::path executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

bool holdsKernels(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "kernels" / "mvtu.hpp", ec) && fs::exists(dir / "top" / "bitfold_top.cpp", ec);
}

std::string defaultSimInclude(const fs::path& hls) {
    if (const std::string v = env("BITFOLD_VITIS_INCLUDE"); !v.empty()) return v;
#ifdef BITFOLD_VITIS_INCLUDE_DIR
    return BITFOLD_VITIS_INCLUDE_DIR;
#else
    return (hls / "sim" / "include").string();
#endif
}

/// Where the bitfold/ headers the kernels and the harness include live: an install copies them
/// to include/ beside kernels/; in the source tree they are the runtime's and the engine's.
std::vector<std::string> headerDirs(const fs::path& hls) {
    if (fs::exists(hls / "include" / "bitfold" / "cycles.h")) return {(hls / "include").string()};
    return {(hls / "runtime" / "include").string(), (hls.parent_path() / "engine" / "include").string()};
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
        const bool v3 =
            __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
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

std::vector<std::string> Toolchain::harnessIncludes() const {
    std::vector<std::string> v = {topDir, simIncludeDir};
    v.insert(v.end(), headerDirs.begin(), headerDirs.end());
    return v;
}

fs::path hlsDir(const SimOptions& o) {
    // Without a trailing separator: the source tree's engine/ is found as a sibling.
    const auto directory = [](fs::path p) { return p.has_filename() ? p : p.parent_path(); };
    if (!o.hlsDir.empty()) return directory(o.hlsDir);
    if (const std::string v = env("BITFOLD_HLS_DIR"); !v.empty()) return directory(v);
    if (const fs::path exe = executableDir(); !exe.empty()) {
        const fs::path installed = exe.parent_path() / "share" / "bitfold" / "hls";
        if (holdsKernels(installed)) return installed;
    }
#ifdef BITFOLD_HLS_BUILD_DIR
    return BITFOLD_HLS_BUILD_DIR;
#else
    return executableDir().parent_path() / "share" / "bitfold" / "hls";
#endif
}

static std::string compilerIdentity(const std::string& compiler) {
    static std::mutex mutex;
    static std::map<std::string, std::string> known;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = known.find(compiler); it != known.end()) return it->second;
    CommandResult r;
    try {
        r = runCommand({compiler, "--version"}, {true, {}});
    } catch (const Error& e) {
        throw Error(kWhere, "no usable C++ compiler '" + compiler + "' (" + e.what() + "); set $CXX");
    }
    if (!r.ok()) throw Error(kWhere, "compiler '" + compiler + "' does not run: " + r.out);
    return known[compiler] = r.out;
}

Toolchain toolchain(const SimOptions& o) {
    Toolchain t;
    t.compiler = !o.compiler.empty() ? o.compiler : !env("CXX").empty() ? env("CXX") : "g++";
    const fs::path hls = hlsDir(o);
    t.hlsDir = hls.string();
    t.kernelDir = (hls / "kernels").string();
    t.topDir = (hls / "top").string();
    t.simIncludeDir = !o.simIncludeDir.empty() ? o.simIncludeDir : defaultSimInclude(hls);
    t.headerDirs = headerDirs(hls);
    if (!holdsKernels(hls))
        throw Error(kWhere,
                    "the accelerator sources are not in " + t.hlsDir + " (kernels/, top/); set $BITFOLD_HLS_DIR");
    Hasher h;
    h.add(compilerIdentity(t.compiler)).add(t.compiler);
    for (const std::string& f : commonFlags()) h.add(f);
    // Every header and source the simulation may include, in a fixed order.
    std::vector<fs::path> files;
    for (const std::string& dir : {t.kernelDir, t.topDir, t.simIncludeDir})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) files.push_back(e.path());
    // The bitfold/ headers: all of them, so a header the kernels start to include counts too.
    for (const std::string& dir : t.headerDirs)
        for (const auto& e : fs::directory_iterator(fs::path(dir) / "bitfold"))
            if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) h.add(f.filename().string()).add(readFile(f));
    t.fingerprint = h.hex();
    return t;
}

fs::path cacheRoot(const SimOptions& o) {
    if (!o.cacheDir.empty()) return o.cacheDir;
    if (const std::string v = env("BITFOLD_SIM_CACHE"); !v.empty()) return v;
    const std::string xdg = env("XDG_CACHE_HOME");
    const fs::path base =
        !xdg.empty() ? fs::path(xdg) : fs::path(env("HOME").empty() ? "/tmp" : env("HOME")) / ".cache";
    return base / "bitfold" / "sim";
}

} // namespace bitfold
