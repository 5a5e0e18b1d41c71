#pragma once
// A child process started from an argv vector (never a shell string), with its stdin, stdout
// and stderr on pipes. Killed and reaped when destroyed.
#include <string>
#include <sys/types.h>
#include <vector>

namespace bitfold::remote {

class ChildProcess {
public:
    /// Starts argv[0] (looked up on $PATH). Throws Error naming the program when it cannot start.
    explicit ChildProcess(const std::vector<std::string>& argv);
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

/// Runs a command to completion: its exit code (128 + signal when killed), stdout and stderr.
struct CommandResult {
    int exitCode = 0;
    std::string out, err;
};
CommandResult runCommand(const std::vector<std::string>& argv);

/// The last non-empty line of a text (ssh's reason for failing sits there).
std::string lastLine(const std::string& text);

} // namespace bitfold::remote
