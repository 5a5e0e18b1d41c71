#pragma once
// The C simulation's toolchain and cache: which compiler and sources, their fingerprint, where
// the cache lives. Internal to the engine (sim_runner.cpp).
#include "bitfold/sim_runner.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace bitfold {

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

struct Toolchain {
    std::string compiler;
    std::string sourceDir, kernelDir, topDir, simIncludeDir, engineIncludeDir;
    std::string fingerprint; ///< compiler identity, flags and the contents of every source
};

/// The compiler, the source directories and the fingerprint of everything they hold.
Toolchain toolchain(const SimOptions& o);
/// Flags every unit is compiled with (part of the fingerprint).
const std::vector<std::string>& commonFlags();
/// SimOptions::cacheDir, $BITFOLD_SIM_CACHE, $XDG_CACHE_HOME/bitfold/sim or ~/.cache/bitfold/sim.
std::filesystem::path cacheRoot(const SimOptions& o);

} // namespace bitfold
