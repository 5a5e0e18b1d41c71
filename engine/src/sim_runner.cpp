// C simulation of the accelerator: compile into a cache, run as a child process, check
// against the golden reference (see sim_runner.h, docs/accelerator.md).
#include "bitfold/sim_runner.h"

#include "bitfold/golden.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bitfold {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kWhere = "C simulation";

// --- small utilities -------------------------------------------------------------------

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

/// Writes through a temporary and a rename, so concurrent builds never see half a file.
void writeFileAtomic(const fs::path& p, const std::string& text) {
    const fs::path tmp = p.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(text.data(), std::streamsize(text.size()));
        if (!out)
            throw Error(p.string(), "cannot write");
    }
    fs::rename(tmp, p);
}

/// FNV-1a, 64 bits, over a sequence of strings (each followed by a separator).
class Hasher {
public:
    Hasher& add(const std::string& s) {
        for (unsigned char c : s)
            step(c);
        step(0xff);
        return *this;
    }
    std::string hex() const {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(m_h));
        return buf;
    }

private:
    void step(unsigned char c) {
        m_h ^= c;
        m_h *= 0x100000001b3ull;
    }
    std::uint64_t m_h = 0xcbf29ce484222325ull;
};

std::string signalName(int sig) {
    const char* s = ::strsignal(sig);
    return "signal " + std::to_string(sig) + (s ? std::string(" (") + s + ")" : std::string());
}

// --- child processes ----------------------------------------------------------------------

/// A child process with its stdout and stderr on pipes (stderr merged into stdout when asked).
class Child {
public:
    Child(const std::vector<std::string>& argv, bool mergeStderr) {
        int out[2], err[2] = {-1, -1};
        if (::pipe2(out, O_CLOEXEC) != 0 || (!mergeStderr && ::pipe2(err, O_CLOEXEC) != 0))
            throw Error(kWhere, std::string("cannot create a pipe: ") + std::strerror(errno));
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_adddup2(&fa, mergeStderr ? out[1] : err[1], 2);
        std::vector<char*> args;
        for (const std::string& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const int rc = ::posix_spawnp(&m_pid, args[0], &fa, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        ::close(out[1]);
        if (err[1] >= 0)
            ::close(err[1]);
        m_out = out[0];
        m_err = err[0];
        if (rc != 0) {
            closeFds();
            m_pid = -1;
            throw Error(kWhere, "cannot start " + argv[0] + ": " + std::strerror(rc));
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() {
        kill();
        closeFds();
    }

    /// Waits up to `ms` for output; appends what arrived. False once both pipes are closed.
    bool poll(std::string& out, std::string& err, int ms) {
        pollfd fds[2];
        int n = 0;
        if (m_out >= 0)
            fds[n++] = {m_out, POLLIN, 0};
        if (m_err >= 0)
            fds[n++] = {m_err, POLLIN, 0};
        if (n == 0)
            return false;
        if (::poll(fds, nfds_t(n), ms) < 0 && errno != EINTR)
            throw Error(kWhere, std::string("poll failed: ") + std::strerror(errno));
        for (int i = 0; i < n; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[65536];
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            int& fd = fds[i].fd == m_out ? m_out : m_err;
            if (got > 0)
                (fd == m_out ? out : err).append(buf, std::size_t(got));
            else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                ::close(fd);
                fd = -1;
            }
        }
        return m_out >= 0 || m_err >= 0;
    }

    /// Reaps the child; returns its wait status.
    int wait() {
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
        return status;
    }

    void kill() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            wait();
        }
    }

private:
    void closeFds() {
        if (m_out >= 0)
            ::close(m_out);
        if (m_err >= 0)
            ::close(m_err);
        m_out = m_err = -1;
    }
    pid_t m_pid = -1;
    int m_out = -1, m_err = -1;
};

bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

/// Runs a command to completion; returns its wait status and combined output.
int runCommand(const std::vector<std::string>& argv, std::string& output, const std::atomic<bool>* cancel) {
    Child child(argv, true);
    std::string err;
    while (child.poll(output, err, 50))
        if (cancelled(cancel)) {
            child.kill();
            throw SimCancelled();
        }
    return child.wait();
}

// --- sources and toolchain ------------------------------------------------------------------

struct Toolchain {
    std::string compiler;
    std::string sourceDir, kernelDir, topDir, simIncludeDir, engineIncludeDir;
    std::string fingerprint; ///< compiler identity, flags and the contents of every source
};

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

const std::vector<std::string>& commonFlags() {
    static const std::vector<std::string> flags = [] {
        std::vector<std::string> f = {"-std=c++20", "-Wno-unknown-pragmas", "-Wno-unused-label"};
#if defined(__x86_64__) && defined(__GNUC__)
        // The simulation's hot loops (popcount, int8 dot products) want this machine's vector
        // units; the level is part of the cache key, so a cache shared by machines stays right.
        __builtin_cpu_init();
        if (__builtin_cpu_supports("x86-64-v3"))
            f.push_back("-march=x86-64-v3");
        else if (__builtin_cpu_supports("x86-64-v2"))
            f.push_back("-march=x86-64-v2");
#endif
        return f;
    }();
    return flags;
}

std::string compilerIdentity(const std::string& compiler) {
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
    files.push_back(fs::path(t.engineIncludeDir) / "bitfold" / "cycles.h");
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

/// Compiles one translation unit to `object` unless it exists.
void compileObject(const Toolchain& t, const fs::path& source, const fs::path& object,
                   const std::vector<std::string>& opts, const std::vector<std::string>& includes,
                   const std::atomic<bool>* cancel) {
    if (fs::exists(object))
        return;
    const fs::path tmp = object.string() + ".tmp" + std::to_string(::getpid()) + ".o";
    std::vector<std::string> argv = {t.compiler};
    argv.insert(argv.end(), opts.begin(), opts.end());
    argv.insert(argv.end(), commonFlags().begin(), commonFlags().end());
    for (const std::string& inc : includes)
        argv.push_back("-I" + inc);
    argv.insert(argv.end(), {"-c", source.string(), "-o", tmp.string()});
    std::string out;
    const int status = runCommand(argv, out, cancel);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::error_code ec;
        fs::remove(tmp, ec);
        if (out.size() > 6000)
            out = out.substr(0, 6000) + "\n[... truncated]";
        throw Error(kWhere, "compiling " + source.filename().string() + " failed (" + t.compiler + "):\n" + out);
    }
    fs::rename(tmp, object);
}

// --- protocol --------------------------------------------------------------------------------

std::vector<SimStage> parseStages(const json& j) {
    std::vector<SimStage> v;
    for (const json& s : j) {
        SimStage st;
        st.name = s.value("name", "");
        st.layer = s.value("layer", "");
        st.kind = s.value("kind", "");
        st.cyclesPredicted = s.value("cycles_predicted", std::uint64_t(0));
        st.cyclesCounted = s.value("cycles_counted", std::uint64_t(0));
        v.push_back(std::move(st));
    }
    return v;
}

void putU32(std::ofstream& out, std::uint32_t v) {
    const char b[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff), char((v >> 24) & 0xff)};
    out.write(b, 4);
}

std::string tail(const std::string& s, std::size_t n) { return s.size() <= n ? s : "..." + s.substr(s.size() - n); }

} // namespace

void writeImagesFile(const ImageSet& images, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error(path, "cannot write");
    out.write("BFIMAGES", 8);
    putU32(out, 1);
    putU32(out, std::uint32_t(images.count));
    putU32(out, std::uint32_t(images.rows));
    putU32(out, std::uint32_t(images.cols));
    putU32(out, std::uint32_t(images.channels));
    const bool labelled = images.labels.size() == std::size_t(images.count) && images.count > 0;
    putU32(out, labelled ? 1 : 0);
    out.write(reinterpret_cast<const char*>(images.pixels.data()),
              std::streamsize(std::size_t(images.count) * images.imageSize()));
    if (labelled)
        out.write(reinterpret_cast<const char*>(images.labels.data()), images.count);
    if (!out)
        throw Error(path, "cannot write");
}

ImageSet readImagesFile(const std::string& path) {
    const std::string data = readFile(path);
    auto u32 = [&](std::size_t off) {
        if (off + 4 > data.size())
            throw Error(path, "truncated header");
        return std::uint32_t(std::uint8_t(data[off])) | std::uint32_t(std::uint8_t(data[off + 1])) << 8 |
               std::uint32_t(std::uint8_t(data[off + 2])) << 16 | std::uint32_t(std::uint8_t(data[off + 3])) << 24;
    };
    if (data.size() < 8 || data.compare(0, 8, "BFIMAGES") != 0)
        throw Error(path, "not a Bitfold images file (magic BFIMAGES)");
    if (u32(8) != 1)
        throw Error(path, "unsupported images file version " + std::to_string(u32(8)));
    ImageSet s;
    s.count = int(u32(12));
    s.rows = int(u32(16));
    s.cols = int(u32(20));
    s.channels = int(u32(24));
    const bool labelled = u32(28) != 0;
    const std::size_t n = std::size_t(s.count) * s.imageSize(), off = 32;
    if (data.size() < off + n + (labelled ? std::size_t(s.count) : 0))
        throw Error(path, "truncated: " + std::to_string(s.count) + " images of " + std::to_string(s.imageSize()) +
                              " bytes do not fit");
    s.pixels.assign(data.begin() + long(off), data.begin() + long(off + n));
    if (labelled)
        s.labels.assign(data.begin() + long(off + n), data.begin() + long(off + n + std::size_t(s.count)));
    return s;
}

SimBuild buildSimulation(const ParamPackage& pkg, const Folding& folding, const SimOptions& options,
                         const std::atomic<bool>* cancel) {
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
        compileObject(t, fs::path(t.topDir) / "sim_main.cpp", oHarness, {"-O2"}, {t.topDir, t.simIncludeDir}, cancel);
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
    const fs::path tmp = exe.string() + ".tmp" + std::to_string(::getpid());
    std::string out;
    const int status =
        runCommand({t.compiler, "-o", tmp.string(), oHarness.string(), oTop.string(), oParams.string()}, out, cancel);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(kWhere, "linking the simulation failed (" + t.compiler + "):\n" + out);
    fs::rename(tmp, exe);
    b.compileSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return b;
}

SimResult runSimulation(const SimBuild& build, const ParamPackage& pkg, const ImageSet& images,
                        const SimOptions& options, const SimProgressFn& progress, const std::atomic<bool>* cancel) {
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
    std::string out, err, errorMessage;
    bool done = false;
    int correct = 0;
    SimProgress p;
    p.images = images.count;
    GoldenResult g;
    auto handle = [&](const std::string& line) {
        json j;
        try {
            j = json::parse(line);
        } catch (const json::exception&) {
            throw Error(kWhere, "the simulation wrote an unreadable line: " + tail(line, 200));
        }
        const std::string event = j.value("event", "");
        if (event == "error") {
            errorMessage = j.value("message", "unknown error");
        } else if (event == "start") {
            r.stages = parseStages(j.at("stages"));
        } else if (event == "batch") {
            const int first = j.at("first").get<int>();
            const json& labels = j.at("labels");
            const json& outs = j.at("outputs");
            for (std::size_t k = 0; k < labels.size(); ++k) {
                const int index = first + int(k);
                const int label = labels[k].get<int>();
                r.labels.push_back(label);
                if (measureAccuracy)
                    correct += label == images.labels[std::size_t(index)];
                if (!golden)
                    continue;
                g = golden->infer(images.image(index));
                const json& o = outs.at(k);
                bool same = label == g.label && o.size() == g.outputs.size() && o.size() == outputs;
                std::string detail;
                for (std::size_t i = 0; same && i < o.size(); ++i)
                    if (o[i].get<std::int64_t>() != g.outputs[i]) {
                        same = false;
                        detail = "output " + std::to_string(i) + " is " + std::to_string(o[i].get<std::int64_t>()) +
                                 ", golden " + std::to_string(g.outputs[i]);
                    }
                if (!same) {
                    if (r.mismatches++ == 0)
                        r.firstMismatch = "image " + std::to_string(index) + ": " +
                                          (detail.empty() ? "label " + std::to_string(label) + ", golden " +
                                                                std::to_string(g.label)
                                                          : detail);
                }
            }
            p.imagesDone = j.at("images_done").get<int>();
            p.elapsedSeconds = j.value("elapsed_s", 0.0);
            p.mismatches = r.mismatches;
            if (measureAccuracy && p.imagesDone > 0)
                p.accuracy = double(correct) / p.imagesDone;
            p.stages = parseStages(j.at("stages"));
            if (progress)
                progress(p);
        } else if (event == "done") {
            done = true;
            r.images = j.at("images").get<int>();
            r.elapsedSeconds = j.value("elapsed_s", 0.0);
            r.imagesPerSecond = j.value("images_per_s", 0.0);
            r.cpuSeconds = j.value("cpu_s", 0.0);
            r.stages = parseStages(j.at("stages"));
        }
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
    if (!errorMessage.empty())
        throw Error(kWhere, errorMessage + stderrTail);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !done)
        throw Error(kWhere, "the simulation ended without a result (exit status " +
                                std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")" + stderrTail);
    if (r.labels.size() != std::size_t(images.count))
        throw Error(kWhere, "the simulation returned " + std::to_string(r.labels.size()) + " results for " +
                                std::to_string(images.count) + " images");
    r.bitExact = r.goldenChecked && r.mismatches == 0;
    if (measureAccuracy)
        r.accuracy = double(correct) / images.count;
    return r;
}

SimResult simulate(const ParamPackage& pkg, const Folding& folding, const ImageSet& images, const SimOptions& options,
                   const SimProgressFn& progress, const std::atomic<bool>* cancel) {
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
