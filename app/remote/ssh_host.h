#pragma once
// A run on an SSH host (docs/remote.md): the system OpenSSH client (ssh, scp) as child
// processes from argv vectors. Host keys are checked strictly against the known-hosts file
// (an unknown host is a HostKeyError, accepted only through host_keys.h), BatchMode is on (keys
// or an agent, never a password prompt).
//
// A streamed command runs on the host under a small POSIX-sh watchdog: it is started in a
// session of its own (setsid) and its whole process group is killed as soon as the SSH channel
// closes, so a cancel or a lost connection never leaves it running.
#include "remote_target.h"

#include "bitfold/child_process.h"
#include "bitfold/error.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace bitfold::remote {

/// How the OpenSSH programs are started: a missing one names the package.
inline ChildProcess::Options openSsh() { return {false, "is OpenSSH installed: openssh-client?"}; }

/// The host's key is unknown (or changed) in the known-hosts file: nothing was run.
class HostKeyError : public Error {
public:
    HostKeyError(const std::string& where, const std::string& what, bool changed)
        : Error(where, what), m_changed(changed) {}
    /// The host presents a key different from the known one: never offer to accept.
    bool changed() const { return m_changed; }

private:
    bool m_changed;
};

/// How a streamed command ended.
struct RemoteExit {
    int exitCode = 0; ///< the remote command's exit code (128 + signal when killed)
    bool cancelled = false; ///< the cancel flag ended it (the remote process group was killed)
    long remotePid = 0; ///< its process (and group) id on the host
    std::string stderrText; ///< what it wrote to stderr (the tail)
};

using LineFn = std::function<void(const std::string& line)>;

class SshHost {
public:
    explicit SshHost(RemoteTarget target);
    const RemoteTarget& target() const { return m_target; }

    /// ssh's argv up to and including the destination (the command follows).
    std::vector<std::string> sshArgv() const;

    /// Runs a short command (argv, quoted for the remote shell); returns its result. Throws
    /// HostKeyError, or Error for a connection failure (exit 255) with ssh's reason.
    struct Output {
        int exitCode = 0;
        std::string out, err;
    };
    Output run(const std::vector<std::string>& argv) const;

    /// A fresh private directory for one run's inputs (mktemp -d on the host).
    std::string makeRunDir() const;
    /// Copies a local file or directory to a remote path (scp -r).
    void upload(const std::string& localPath, const std::string& remotePath) const;
    /// Removes a run directory (best effort: never throws).
    void removeDir(const std::string& remoteDir) const noexcept;

    /// Runs argv on the host, calling `onLine` for every stdout line as it arrives (on this
    /// thread). Returns when the command ends or `cancel` is raised. Throws HostKeyError, or
    /// Error "connection to HOST lost: REASON" when the connection drops.
    RemoteExit stream(const std::vector<std::string>& argv, const LineFn& onLine,
                      const std::atomic<bool>* cancel = nullptr) const;

private:
    std::vector<std::string> commonOptions(bool scp) const;
    [[noreturn]] void throwSshFailure(const std::string& stderrText, const std::string& doing) const;

    RemoteTarget m_target;
};

/// A message for a remote command that exited 126/127: the program is not there.
std::string missingProgramMessage(const RemoteTarget& target, const std::string& program,
                                  const std::string& stderrText);

} // namespace bitfold::remote
