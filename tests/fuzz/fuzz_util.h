#pragma once
// Shared by the libFuzzer harnesses: the contract every loader is fuzzed against is that bad
// input ends in bitfold::Error. Any other exception escapes the harness, aborts and is reported
// by libFuzzer as a crash, like every sanitizer finding.
#include "bitfold/error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace bitfold::fuzz {

inline std::string text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

/// A private directory for loaders that read files, made once per process, removed at exit.
inline const std::string& scratchDir() {
    static const struct Scratch {
        std::string dir = (std::filesystem::temp_directory_path() / "bitfold-fuzz-XXXXXX").string();
        Scratch() {
            if (!::mkdtemp(dir.data())) std::abort();
        }
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    } scratch;
    return scratch.dir;
}

/// Writes `bytes` to `name` in the scratch directory; returns its path.
inline std::string scratchFile(const std::string& name, const std::string& bytes) {
    const std::string path = scratchDir() + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
    return path;
}

/// Runs a loader; bitfold::Error is the right answer to bad input, anything else a finding.
template <class F>
void expectOnlyErrors(F&& load) {
    try {
        load();
    } catch (const bitfold::Error&) {
    }
}

} // namespace bitfold::fuzz
