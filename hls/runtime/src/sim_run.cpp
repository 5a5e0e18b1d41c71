// Running the C simulation: the images through a file, the child's protocol lines checked
// (sim_protocol.h) and every image compared with the golden reference (see sim_runner.h).
#include "bitfold/sim_runner.h"

#include "bitfold/child_process.h"
#include "bitfold/golden.h"
#include "bitfold/sim_protocol.h"
#include "sim_toolchain.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include <sys/wait.h>

namespace bitfold {

namespace fs = std::filesystem;

namespace {

constexpr const char* kWhere = kSimWhere;

std::string tail(const std::string& s, std::size_t n) { return s.size() <= n ? s : "..." + s.substr(s.size() - n); }

SimResult run(const SimBuild& build, const ParamPackage& pkg, const ImageSet& images, const SimOptions& options,
              const SimProgressFn& progress, const std::atomic<bool>* cancel) {
    checkSimulationMemory(pkg.network, images.count, options);
    SimResult r;
    r.compileSeconds = build.compileSeconds;
    r.cached = build.cached;
    const std::size_t outputs = std::size_t(build.design.outputs);
    if (images.imageSize() != std::size_t(build.design.imageBytes))
        throw Error(kWhere,
                    "images have " + std::to_string(images.imageSize()) + " pixels, the network's first layer takes " +
                        std::to_string(build.design.imageBytes));
    const bool labelled = images.labels.size() == std::size_t(images.count) && images.count > 0;
    const bool measureAccuracy = labelled && !pkg.dataset.empty();
    std::optional<GoldenRunner> golden;
    if (options.checkGolden) golden.emplace(pkg);
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

    ChildProcess child({build.executable, imagesPath.string(), "--batch", std::to_string(std::max(1, options.batch))});
    child.closeStdin();
    SimProtocol protocol(images.count, outputs);
    std::string out, err;
    int correct = 0;
    SimProgress p;
    p.images = images.count;
    auto handle = [&](const std::string& line) {
        if (protocol.read(line) != SimProtocol::Event::Batch) return;
        const SimBatch& batch = protocol.batch();
        for (std::size_t k = 0; k < batch.labels.size(); ++k) {
            const int index = batch.first + int(k), label = batch.labels[k];
            r.labels.push_back(label);
            if (measureAccuracy) correct += label == images.labels[std::size_t(index)];
            if (!golden) continue;
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
                    (detail.empty() ? "label " + std::to_string(label) + ", golden " + std::to_string(g.label)
                                    : detail);
        }
        p.imagesDone = batch.imagesDone;
        p.elapsedSeconds = batch.elapsedSeconds;
        p.mismatches = r.mismatches;
        if (measureAccuracy && p.imagesDone > 0) p.accuracy = double(correct) / p.imagesDone;
        p.stages = batch.stages;
        if (progress) progress(p);
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
            if (!line.empty()) handle(line);
        }
        if (out.size() > kMaxSimLineBytes)
            throw Error(kWhere,
                        "the simulation wrote a line of more than " + std::to_string(kMaxSimLineBytes) +
                            " bytes: " + tail(out, 200));
        if (err.size() > 65536) err = err.substr(err.size() - 16384);
        if (!open) break;
    }
    const int status = child.wait();
    const std::string stderrTail = err.empty() ? std::string() : "\n" + tail(err, 2000);
    if (WIFSIGNALED(status))
        throw Error(kWhere,
                    "the simulation crashed with " + signalName(WTERMSIG(status)) + " after " +
                        std::to_string(p.imagesDone) + " of " + std::to_string(images.count) + " images" + stderrTail);
    if (!protocol.errorMessage().empty()) throw Error(kWhere, protocol.errorMessage() + stderrTail);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !protocol.finished())
        throw Error(kWhere,
                    "the simulation ended without a result (exit status " +
                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")" + stderrTail);
    r.images = images.count;
    r.elapsedSeconds = protocol.elapsedSeconds();
    r.imagesPerSecond = protocol.imagesPerSecond();
    r.cpuSeconds = protocol.cpuSeconds();
    r.stages = protocol.stages();
    r.bitExact = r.goldenChecked && r.mismatches == 0;
    if (measureAccuracy) r.accuracy = double(correct) / images.count;
    return r;
}

} // namespace

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
