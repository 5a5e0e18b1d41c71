// C simulation of the accelerator: compile into a cache, run as a child process, check
// against the golden reference (see sim_runner.h, docs/accelerator.md).
#include "bitfold/sim_runner.h"

#include "bitfold/golden.h"
#include "bitfold/images_file.h"
#include "bitfold/sim_protocol.h"
#include "cache_files.h"
#include "child_process.h"
#include "sim_toolchain.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <optional>

#include <sys/wait.h>

namespace bitfold {

namespace fs = std::filesystem;

namespace {

constexpr const char* kWhere = "C simulation";

/// Runs the toolchain writing `tmp`, then renames it to `target`. On failure (or an exception,
/// a cancel among them) the temporary is removed and an Error carries `what` and the output,
/// cut to `maxOutput` characters.
void runInto(const std::vector<std::string>& argv, const fs::path& tmp, const fs::path& target, const std::string& what,
             const Toolchain& t, std::size_t maxOutput, const std::atomic<bool>* cancel) {
    std::string out;
    int status = 0;
    try {
        status = runCommand(argv, out, cancel);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::error_code ec;
        fs::remove(tmp, ec);
        if (out.size() > maxOutput)
            out = out.substr(0, maxOutput) + "\n[... truncated]";
        throw Error(kWhere, what + " failed (" + t.compiler + "):\n" + out);
    }
    fs::rename(tmp, target);
}

/// Compiles one translation unit to `object` unless it exists.
void compileObject(const Toolchain& t, const fs::path& source, const fs::path& object,
                   const std::vector<std::string>& opts, const std::vector<std::string>& includes,
                   const std::atomic<bool>* cancel) {
    if (fs::exists(object))
        return;
    const fs::path tmp = uniqueSibling(object, ".o");
    std::vector<std::string> argv = {t.compiler};
    argv.insert(argv.end(), opts.begin(), opts.end());
    argv.insert(argv.end(), commonFlags().begin(), commonFlags().end());
    for (const std::string& inc : includes)
        argv.push_back("-I" + inc);
    argv.insert(argv.end(), {"-c", source.string(), "-o", tmp.string()});
    runInto(argv, tmp, object, "compiling " + source.filename().string(), t, 6000, cancel);
}

std::string tail(const std::string& s, std::size_t n) { return s.size() <= n ? s : "..." + s.substr(s.size() - n); }

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
    if (ec)
        throw Error(root.string(), "cannot create the simulation cache: " + ec.message());
    // Another process (or thread) may be building the same design: wait for it, then use its
    // result. Builds of other designs go on in parallel; shared objects are renamed into place.
    const FileLock lock(dir / "build.lock");
    if (fs::exists(exe)) {
        b.cached = true;
        return b;
    }
    // The directory's name is the hash of these contents: present files are the right ones.
    if (!fs::exists(dir / "bitfold_config.h"))
        writeFileAtomic(dir / "bitfold_config.h", b.design.configHeader);
    if (!fs::exists(dir / "bitfold_params.h"))
        writeFileAtomic(dir / "bitfold_params.h", b.design.paramsHeader);
    const std::vector<std::string> includes = {dir.string(), t.kernelDir, t.topDir, t.simIncludeDir,
                                               t.engineIncludeDir};
    const fs::path oHarness = objDir / ("harness-" + hHarness + ".o");
    const fs::path oTop = objDir / ("top-" + hTop + ".o");
    const fs::path oParams = objDir / ("params-" + hParams + ".o");
    // The three units compile side by side; the parameters are plain arrays, not worth optimising.
    auto harness = std::async(std::launch::async, [&] {
        compileObject(t, fs::path(t.topDir) / "sim_main.cpp", oHarness, {"-O2"},
                      {t.topDir, t.simIncludeDir, t.engineIncludeDir}, cancel);
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
            if (!failure)
                failure = std::current_exception();
        }
    }
    if (failure)
        std::rethrow_exception(failure);
    const fs::path tmp = uniqueSibling(exe);
    runInto({t.compiler, "-o", tmp.string(), oHarness.string(), oTop.string(), oParams.string()}, tmp, exe,
            "linking the simulation", t, std::string::npos, cancel);
    b.compileSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return b;
}

SimResult run(const SimBuild& build, const ParamPackage& pkg, const ImageSet& images, const SimOptions& options,
              const SimProgressFn& progress, const std::atomic<bool>* cancel) {
    checkSimulationMemory(pkg.network, images.count, options);
    SimResult r;
    r.compileSeconds = build.compileSeconds;
    r.cached = build.cached;
    const std::size_t outputs = std::size_t(build.design.outputs);
    if (images.imageSize() != std::size_t(build.design.imageBytes))
        throw Error(kWhere, "images have " + std::to_string(images.imageSize()) + " pixels, the network's first layer takes " +
                                std::to_string(build.design.imageBytes));
    const bool labelled = images.labels.size() == std::size_t(images.count) && images.count > 0;
    const bool measureAccuracy = labelled && !pkg.dataset.empty();
    std::optional<GoldenRunner> golden;
    if (options.checkGolden)
        golden.emplace(pkg);
    r.goldenChecked = options.checkGolden;

    // The images go through a file in a private temporary directory.
    std::string tmpl = (fs::temp_directory_path() / "bitfold-sim-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
        throw Error(kWhere, std::string("cannot create a temporary directory: ") + std::strerror(errno));
    const fs::path work(tmpl);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{work};
    const fs::path imagesPath = work / "images.bin";
    writeImagesFile(images, imagesPath.string());

    Child child({build.executable, imagesPath.string(), "--batch", std::to_string(std::max(1, options.batch))}, false);
    SimProtocol protocol(images.count, outputs);
    std::string out, err;
    int correct = 0;
    SimProgress p;
    p.images = images.count;
    auto handle = [&](const std::string& line) {
        if (protocol.read(line) != SimProtocol::Event::Batch)
            return;
        const SimBatch& batch = protocol.batch();
        for (std::size_t k = 0; k < batch.labels.size(); ++k) {
            const int index = batch.first + int(k), label = batch.labels[k];
            r.labels.push_back(label);
            if (measureAccuracy)
                correct += label == images.labels[std::size_t(index)];
            if (!golden)
                continue;
            const GoldenResult g = golden->infer(images.image(index));
            const std::vector<std::int64_t>& o = batch.outputs[k];
            std::string detail;
            for (std::size_t i = 0; detail.empty() && i < o.size() && i < g.outputs.size(); ++i)
                if (o[i] != g.outputs[i])
                    detail = "output " + std::to_string(i) + " is " + std::to_string(o[i]) + ", golden " +
                             std::to_string(g.outputs[i]);
            if (detail.empty() && o.size() != g.outputs.size())
                detail = std::to_string(o.size()) + " outputs, golden " + std::to_string(g.outputs.size());
            if ((label != g.label || !detail.empty()) && r.mismatches++ == 0)
                r.firstMismatch = "image " + std::to_string(index) + ": " +
                                  (detail.empty() ? "label " + std::to_string(label) + ", golden " +
                                                        std::to_string(g.label)
                                                  : detail);
        }
        p.imagesDone = batch.imagesDone;
        p.elapsedSeconds = batch.elapsedSeconds;
        p.mismatches = r.mismatches;
        if (measureAccuracy && p.imagesDone > 0)
            p.accuracy = double(correct) / p.imagesDone;
        p.stages = batch.stages;
        if (progress)
            progress(p);
    };
    for (;;) {
        if (cancelled(cancel)) {
            child.kill();
            r.cancelled = true;
            r.images = p.imagesDone;
            return r;
        }
        const bool open = child.poll(out, err, 50);
        std::size_t nl;
        while ((nl = out.find('\n')) != std::string::npos) {
            const std::string line = out.substr(0, nl);
            out.erase(0, nl + 1);
            if (!line.empty())
                handle(line);
        }
        if (out.size() > kMaxSimLineBytes)
            throw Error(kWhere, "the simulation wrote a line of more than " + std::to_string(kMaxSimLineBytes) +
                                    " bytes: " + tail(out, 200));
        if (err.size() > 65536)
            err = err.substr(err.size() - 16384);
        if (!open)
            break;
    }
    const int status = child.wait();
    const std::string stderrTail = err.empty() ? std::string() : "\n" + tail(err, 2000);
    if (WIFSIGNALED(status))
        throw Error(kWhere, "the simulation crashed with " + signalName(WTERMSIG(status)) + " after " +
                                std::to_string(p.imagesDone) + " of " + std::to_string(images.count) + " images" +
                                stderrTail);
    if (!protocol.errorMessage().empty())
        throw Error(kWhere, protocol.errorMessage() + stderrTail);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !protocol.finished())
        throw Error(kWhere, "the simulation ended without a result (exit status " +
                                std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")" + stderrTail);
    r.images = images.count;
    r.elapsedSeconds = protocol.elapsedSeconds();
    r.imagesPerSecond = protocol.imagesPerSecond();
    r.cpuSeconds = protocol.cpuSeconds();
    r.stages = protocol.stages();
    r.bitExact = r.goldenChecked && r.mismatches == 0;
    if (measureAccuracy)
        r.accuracy = double(correct) / images.count;
    return r;
}

/// Runs `f`; running out of memory anyway (the estimate is only one) becomes an Error.
template <class F>
auto withoutBadAlloc(const Network& net, int images, const SimOptions& options, F&& f) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        throw Error(kWhere, "out of memory simulating network " + net.id + " with " + std::to_string(images) +
                                " images (estimated " + std::to_string(simulationMemoryBytes(net, images, options) >> 20) +
                                " MiB): use fewer images or a smaller network, or set $BITFOLD_SIM_MEMORY_LIMIT lower");
    }
}

} // namespace

SimBuild buildSimulation(const ParamPackage& pkg, const Folding& folding, const SimOptions& options,
                         const std::atomic<bool>* cancel) {
    return withoutBadAlloc(pkg.network, 0, options, [&] { return build(pkg, folding, options, cancel); });
}

SimResult runSimulation(const SimBuild& b, const ParamPackage& pkg, const ImageSet& images, const SimOptions& options,
                        const SimProgressFn& progress, const std::atomic<bool>* cancel) {
    return withoutBadAlloc(pkg.network, images.count, options,
                           [&] { return run(b, pkg, images, options, progress, cancel); });
}

SimResult simulate(const ParamPackage& pkg, const Folding& folding, const ImageSet& images, const SimOptions& options,
                   const SimProgressFn& progress, const std::atomic<bool>* cancel) {
    checkSimulationMemory(pkg.network, images.count, options);
    SimBuild b;
    try {
        b = buildSimulation(pkg, folding, options, cancel);
    } catch (const SimCancelled&) {
        SimResult r;
        r.cancelled = true;
        return r;
    }
    return runSimulation(b, pkg, images, options, progress, cancel);
}

} // namespace bitfold
