// Building the C simulation: generate the design, compile its three units with the host
// compiler into the cache shared by every process of the user, link (see sim_runner.h).
#include "bitfold/sim_runner.h"

#include "bitfold/child_process.h"
#include "cache_files.h"
#include "sim_toolchain.h"

#include <chrono>
#include <filesystem>
#include <future>

namespace bitfold {

namespace fs = std::filesystem;

namespace {

constexpr const char* kWhere = kSimWhere;

/// Runs the toolchain writing `tmp`, then renames it to `target`. On failure (or an exception,
/// a cancel among them) the temporary is removed and an Error carries `what` and the output,
/// cut to `maxOutput` characters.
void runInto(const std::vector<std::string>& argv, const fs::path& tmp, const fs::path& target, const std::string& what,
             const Toolchain& t, std::size_t maxOutput, const std::atomic<bool>* cancel) {
    CommandResult r;
    try {
        r = runCommand(argv, {true, {}}, cancel);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
    if (!r.ok()) {
        std::error_code ec;
        fs::remove(tmp, ec);
        if (r.cancelled) throw SimCancelled();
        std::string out = r.out;
        if (out.size() > maxOutput) out = out.substr(0, maxOutput) + "\n[... truncated]";
        throw Error(kWhere, what + " failed (" + t.compiler + "):\n" + out);
    }
    fs::rename(tmp, target);
}

/// Compiles one translation unit to `object` unless it exists.
void compileObject(const Toolchain& t, const fs::path& source, const fs::path& object,
                   const std::vector<std::string>& opts, const std::vector<std::string>& includes,
                   const std::atomic<bool>* cancel) {
    if (fs::exists(object)) return;
    const fs::path tmp = uniqueSibling(object, ".o");
    std::vector<std::string> argv = {t.compiler};
    argv.insert(argv.end(), opts.begin(), opts.end());
    argv.insert(argv.end(), commonFlags().begin(), commonFlags().end());
    for (const std::string& inc : includes) argv.push_back("-I" + inc);
    argv.insert(argv.end(), {"-c", source.string(), "-o", tmp.string()});
    runInto(argv, tmp, object, "compiling " + source.filename().string(), t, 6000, cancel);
}

} // namespace

namespace {

SimBuild build(const ParamPackage& pkg, const Folding& folding, const SimOptions& options,
               const std::atomic<bool>* cancel) {
    checkSimulationMemory(pkg.network, 0, options);
    const auto t0 = std::chrono::steady_clock::now();
    SimBuild b;
    b.design = generateHlsDesign(pkg, folding, options.portBits);
    const Toolchain t = toolchain(options);
    const fs::path root = cacheRoot(options);
    const std::string hHarness = Hasher().add("harness").add(t.fingerprint).hex();
    Hasher top;
    top.add("top").add(t.fingerprint).add(b.design.configHeader);
    std::vector<std::string> topFlags = {"-O2"};
    for (const std::string& d : options.defines) {
        top.add("-D" + d);
        topFlags.push_back("-D" + d);
    }
    const std::string hTop = top.hex();
    const std::string hParams =
        Hasher().add("params").add(t.fingerprint).add(b.design.configHeader).add(b.design.paramsHeader).hex();
    b.key = Hasher().add(hHarness).add(hTop).add(hParams).hex();
    const fs::path dir = root / b.key, objDir = root / "obj";
    const fs::path exe = dir / "bitfold-sim";
    b.executable = exe.string();
    if (fs::exists(exe)) {
        b.cached = true;
        return b;
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::create_directories(objDir, ec);
    if (ec) throw Error(root.string(), "cannot create the simulation cache: " + ec.message());
    // Another process (or thread) may be building the same design: wait for it, then use its
    // result. Builds of other designs go on in parallel; shared objects are renamed into place.
    const FileLock lock(dir / "build.lock");
    if (fs::exists(exe)) {
        b.cached = true;
        return b;
    }
    // The directory's name is the hash of these contents: present files are the right ones.
    if (!fs::exists(dir / "bitfold_config.h")) writeFileAtomic(dir / "bitfold_config.h", b.design.configHeader);
    if (!fs::exists(dir / "bitfold_params.h")) writeFileAtomic(dir / "bitfold_params.h", b.design.paramsHeader);
    std::vector<std::string> includes = {dir.string(), t.kernelDir};
    for (const std::string& inc : t.harnessIncludes()) includes.push_back(inc);
    const fs::path oHarness = objDir / ("harness-" + hHarness + ".o");
    const fs::path oTop = objDir / ("top-" + hTop + ".o");
    const fs::path oParams = objDir / ("params-" + hParams + ".o");
    // The three units compile side by side; the parameters are plain arrays, not worth optimising.
    auto harness = std::async(std::launch::async, [&] {
        compileObject(t, fs::path(t.topDir) / "sim_main.cpp", oHarness, {"-O2"}, t.harnessIncludes(), cancel);
    });
    auto params = std::async(std::launch::async, [&] {
        compileObject(t, fs::path(t.topDir) / "params_unit.cpp", oParams, {"-O0"}, includes, cancel);
    });
    std::exception_ptr failure;
    try {
        compileObject(t, fs::path(t.topDir) / "bitfold_top.cpp", oTop, topFlags, includes, cancel);
    } catch (...) {
        failure = std::current_exception();
    }
    for (auto* f : {&harness, &params}) {
        try {
            f->get();
        } catch (...) {
            if (!failure) failure = std::current_exception();
        }
    }
    if (failure) std::rethrow_exception(failure);
    const fs::path tmp = uniqueSibling(exe);
    runInto({t.compiler, "-o", tmp.string(), oHarness.string(), oTop.string(), oParams.string()}, tmp, exe,
            "linking the simulation", t, std::string::npos, cancel);
    b.compileSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return b;
}

} // namespace

SimBuild buildSimulation(const ParamPackage& pkg, const Folding& folding, const SimOptions& options,
                         const std::atomic<bool>* cancel) {
    return withoutBadAlloc(pkg.network, 0, options, [&] { return build(pkg, folding, options, cancel); });
}

} // namespace bitfold
