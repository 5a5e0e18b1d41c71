#pragma once
// Files of the simulation cache, shared by every process of the user (two GUIs, a GUI and a
// CLI): unique temporary names and an advisory lock. Internal to the engine.
#include <filesystem>
#include <string>

namespace bitfold {

/// A new, empty file beside `target` that no other thread or process uses
/// (`target.tmp-XXXXXX` + `suffix`, made by mkstemps); the caller renames or removes it.
std::filesystem::path uniqueSibling(const std::filesystem::path& target, const std::string& suffix = "");

/// Writes through a unique temporary and a rename, so readers never see half a file.
void writeFileAtomic(const std::filesystem::path& p, const std::string& text);

/// An exclusive flock(2) on `path` (created when missing), held while the object lives; other
/// processes and other threads wait for it.
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

} // namespace bitfold
