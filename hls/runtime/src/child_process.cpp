// Child processes on pipes (see bitfold/child_process.h).
#include "bitfold/child_process.h"

#include "bitfold/error.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bitfold {

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const Options& options) {
    int in[2], out[2], err[2] = {-1, -1};
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
        (!options.mergeStderr && ::pipe2(err, O_CLOEXEC) != 0))
        throw Error(argv.at(0), std::string("cannot create a pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, options.mergeStderr ? out[1] : err[1], 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = ::posix_spawnp(&m_pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    if (err[1] >= 0) ::close(err[1]);
    m_in = in[1];
    m_out = out[0];
    m_err = err[0];
    if (rc != 0) {
        m_pid = -1;
        closeStdin();
        for (int fd : {m_out, m_err})
            if (fd >= 0) ::close(fd);
        throw Error(argv[0],
                    std::string("cannot start: ") + std::strerror(rc) +
                        (rc == ENOENT && !options.missingHint.empty() ? " (" + options.missingHint + ")" : ""));
    }
}

ChildProcess::~ChildProcess() {
    kill();
    closeStdin();
    for (int fd : {m_out, m_err})
        if (fd >= 0) ::close(fd);
}

bool ChildProcess::poll(std::string& out, std::string& err, int ms) {
    pollfd fds[2];
    int n = 0;
    if (m_out >= 0) fds[n++] = {m_out, POLLIN, 0};
    if (m_err >= 0) fds[n++] = {m_err, POLLIN, 0};
    if (n == 0) return false;
    if (::poll(fds, nfds_t(n), ms) < 0 && errno != EINTR) throw Error("poll", std::strerror(errno));
    for (int i = 0; i < n; ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char buf[65536];
        const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
        int& fd = fds[i].fd == m_out ? m_out : m_err;
        if (got > 0)
            (&fd == &m_out ? out : err).append(buf, std::size_t(got));
        else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
            ::close(fd);
            fd = -1;
        }
    }
    return m_out >= 0 || m_err >= 0;
}

void ChildProcess::closeStdin() {
    if (m_in >= 0) ::close(m_in);
    m_in = -1;
}

bool ChildProcess::waitFor(int ms) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
        if (m_pid <= 0) return true;
        int status = 0;
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_status = status;
            m_pid = -1;
            return true;
        }
        if (std::chrono::steady_clock::now() >= end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

int ChildProcess::wait() {
    if (m_pid > 0) {
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_status = status;
        m_pid = -1;
    }
    return m_status;
}

void ChildProcess::kill() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        wait();
    }
}

CommandResult runCommand(const std::vector<std::string>& argv, const ChildProcess::Options& options,
                         const std::atomic<bool>* cancel) {
    ChildProcess child(argv, options);
    CommandResult r;
    child.closeStdin();
    while (child.poll(r.out, r.err, 50))
        if (cancel && cancel->load()) {
            child.kill();
            r.cancelled = true;
            break;
        }
    r.status = child.wait();
    r.exitCode = WIFEXITED(r.status) ? WEXITSTATUS(r.status) : 128 + WTERMSIG(r.status);
    return r;
}

std::string signalName(int sig) {
    const char* s = ::strsignal(sig);
    return "signal " + std::to_string(sig) + (s ? std::string(" (") + s + ")" : std::string());
}

std::string lastLine(const std::string& text) {
    std::size_t end = text.find_last_not_of("\r\n \t");
    if (end == std::string::npos) return {};
    const std::size_t start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1,
                       end - (start == std::string::npos ? 0 : start + 1) + 1);
}

} // namespace bitfold
