#pragma once
// Child processes of the C simulation (the compiler, the simulation itself): stdout and stderr
// on pipes, polled with a timeout, killed on cancel or destruction. Internal to the engine.
#include "bitfold/error.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bitfold {

inline constexpr const char* kSimWhere = "C simulation";

/// "signal 11 (Segmentation fault)".
std::string signalName(int sig);

inline bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

/// Runs a command to completion; returns its wait status and combined output. Throws
/// SimCancelled (the command killed) when `cancel` is raised.
int runCommand(const std::vector<std::string>& argv, std::string& output, const std::atomic<bool>* cancel);

/// A child process with its stdout and stderr on pipes (stderr merged into stdout when asked).
class Child {
public:
    Child(const std::vector<std::string>& argv, bool mergeStderr) {
        int out[2], err[2] = {-1, -1};
        if (::pipe2(out, O_CLOEXEC) != 0 || (!mergeStderr && ::pipe2(err, O_CLOEXEC) != 0))
            throw Error(kSimWhere, std::string("cannot create a pipe: ") + std::strerror(errno));
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
            throw Error(kSimWhere, "cannot start " + argv[0] + ": " + std::strerror(rc));
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
            throw Error(kSimWhere, std::string("poll failed: ") + std::strerror(errno));
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

} // namespace bitfold
