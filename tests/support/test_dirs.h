#pragma once
// Where tests write: the simulation cache and scratch directories, all under the build
// directory (CMake defines BITFOLD_TEST_CACHE and sets $BITFOLD_SIM_CACHE to it for every
// test), never ~/.cache.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace testdirs {

/// The shared simulation cache of the tests ($BITFOLD_SIM_CACHE, else the build's test-cache).
inline std::string simCache() {
    if (const char* v = std::getenv("BITFOLD_SIM_CACHE"); v && *v) return v;
    return BITFOLD_TEST_CACHE;
}

/// A fresh, empty directory under the build's test-cache/scratch, unique to this process and
/// `name`; the caller removes it when done.
inline std::filesystem::path scratch(const std::string& name) {
    const std::filesystem::path dir =
        std::filesystem::path(BITFOLD_TEST_CACHE) / "scratch" / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace testdirs
