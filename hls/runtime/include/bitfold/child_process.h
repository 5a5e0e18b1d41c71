#pragma once
// A child process started from an argv vector (never a shell string), with its stdin, stdout
// and stderr on pipes, polled with a timeout, killed and reaped when destroyed. The one process
// helper of Bitfold: the C simulation's compiler and simulation runs, and the remote targets'
// ssh, scp and ssh-keygen.
#include <atomic>
#include <string>
#include <sys/types.h>
#include <vector>

namespace bitfold {

class ChildProcess {
public:
    struct Options {
        bool mergeStderr = false; ///< stderr goes to the stdout pipe
        std::string missingHint; ///< appended to the error when the program is not found
    };

    /// Starts argv[0] (looked up on $PATH). Throws Error naming the program when it cannot start.
    explicit ChildProcess(const std::vector<std::string>& argv) : ChildProcess(argv, Options{}) {}
    ChildProcess(const std::vector<std::string>& argv, const Options& options);
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

    /// Waits up to `ms` for output and appends what arrived. False once stdout and stderr are closed.
    bool poll(std::string& out, std::string& err, int ms);
    /// Closes the child's stdin: it reads end of file.
    void closeStdin();
    /// Waits up to `ms` for the child to exit; true when it has (its status is then in status()).
    bool waitFor(int ms);
    /// Blocks until the child exits; returns its wait status.
    int wait();
    void kill();
    int status() const { return m_status; }
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1, m_err = -1;
    int m_status = 0;
};

/// A command run to completion.
struct CommandResult {
    int status = 0; ///< the wait status
    int exitCode = 0; ///< the exit code, 128 + signal when killed
    bool cancelled = false; ///< killed because the cancel flag was raised
    std::string out, err; ///< err is empty with Options::mergeStderr
    bool ok() const { return !cancelled && exitCode == 0; }
};
/// Runs a command with its stdin closed; kills it when `cancel` is raised.
CommandResult runCommand(const std::vector<std::string>& argv, const ChildProcess::Options& options = {},
                         const std::atomic<bool>* cancel = nullptr);

/// "signal 11 (Segmentation fault)".
std::string signalName(int sig);

/// The last non-empty line of a text (ssh's reason for failing sits there).
std::string lastLine(const std::string& text);

} // namespace bitfold
