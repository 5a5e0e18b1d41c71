#pragma once
// The C simulation's settings: which compiler, where the accelerator sources are (relative to
// the installed executable, $BITFOLD_HLS_DIR, or this build's tree), their fingerprint, where
// the cache lives. Internal to the runtime.
#include "bitfold/sim_runner.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

namespace bitfold {

inline constexpr const char* kSimWhere = "C simulation";

inline bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

/// FNV-1a, 64 bits, over a sequence of strings (each followed by a separator).
class Hasher {
public:
    Hasher& add(const std::string& s) {
        for (unsigned char c : s) step(c);
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

struct Toolchain {
    std::string compiler;
    std::string hlsDir, kernelDir, topDir, simIncludeDir;
    std::vector<std::string> headerDirs; ///< hold bitfold/cycles.h, bitfold/images_file.h, ...
    std::string fingerprint; ///< compiler identity, flags and the contents of every source
    /// -I flags of the harness (top/, the simulation headers, the bitfold/ headers).
    std::vector<std::string> harnessIncludes() const;
};

/// Runs `f`; running out of memory anyway (simulationMemoryBytes is only an estimate) becomes
/// an Error naming the network and the estimate.
template <class F>
auto withoutBadAlloc(const Network& net, int images, const SimOptions& options, F&& f) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        throw Error(kSimWhere,
                    "out of memory simulating network " + net.id + " with " + std::to_string(images) +
                        " images (estimated " + std::to_string(simulationMemoryBytes(net, images, options) >> 20) +
                        " MiB): use fewer images or a smaller network, or set $BITFOLD_SIM_MEMORY_LIMIT lower");
    }
}

/// The compiler, the source directories and the fingerprint of everything they hold.
Toolchain toolchain(const SimOptions& o);
/// SimOptions::hlsDir, $BITFOLD_HLS_DIR, <executable>/../share/bitfold/hls, else the build tree's.
std::filesystem::path hlsDir(const SimOptions& o);
/// Flags every unit is compiled with (part of the fingerprint).
const std::vector<std::string>& commonFlags();
/// SimOptions::cacheDir, $BITFOLD_SIM_CACHE, $XDG_CACHE_HOME/bitfold/sim or ~/.cache/bitfold/sim.
std::filesystem::path cacheRoot(const SimOptions& o);

} // namespace bitfold
