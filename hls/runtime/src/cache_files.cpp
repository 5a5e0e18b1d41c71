// Files of the simulation cache (see cache_files.h).
#include "cache_files.h"

#include "bitfold/error.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace bitfold {

namespace fs = std::filesystem;

fs::path uniqueSibling(const fs::path& target, const std::string& suffix) {
    std::string name = target.string() + ".tmp-XXXXXX" + suffix;
    const int fd = ::mkstemps(name.data(), int(suffix.size()));
    if (fd < 0)
        throw Error(target.parent_path().string(),
                    std::string("cannot create a temporary file: ") + std::strerror(errno));
    ::close(fd);
    return name;
}

void writeFileAtomic(const fs::path& p, const std::string& text) {
    const fs::path tmp = uniqueSibling(p);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(text.data(), std::streamsize(text.size()));
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw Error(p.string(), "cannot write");
        }
    }
    std::error_code ec;
    fs::rename(tmp, p, ec);
    if (ec) throw Error(p.string(), "cannot write: " + ec.message());
}

FileLock::FileLock(const fs::path& path) : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (m_fd < 0) throw Error(path.string(), std::string("cannot open the lock: ") + std::strerror(errno));
    while (::flock(m_fd, LOCK_EX) != 0)
        if (errno != EINTR) {
            const int e = errno;
            ::close(m_fd);
            throw Error(path.string(), std::string("cannot lock: ") + std::strerror(e));
        }
}

FileLock::~FileLock() {
    ::close(m_fd); // releases the lock
}

} // namespace bitfold
