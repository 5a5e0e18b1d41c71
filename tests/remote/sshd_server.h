#pragma once
// A private OpenSSH server for tests: Debian's sshd as a child on a free loopback port, with a
// generated host key, a generated client key and its configuration in a temporary directory.
// Stopped (and its sessions ended) when destroyed. Skips cleanly where sshd is not installed.
#include "remote_target.h"

#include <QTemporaryDir>

#include <string>
#include <sys/types.h>

class SshdServer {
public:
    SshdServer();
    ~SshdServer();
    SshdServer(const SshdServer&) = delete;
    SshdServer& operator=(const SshdServer&) = delete;

    /// Empty when it runs; otherwise why not (the test skips with it).
    const std::string& problem() const { return m_problem; }
    /// A target for it whose known-hosts file already holds its key.
    bitfold::remote::RemoteTarget target() const;
    /// A target with an empty known-hosts file of its own.
    bitfold::remote::RemoteTarget unknownTarget() const;
    std::string dir() const { return m_dir.path().toStdString(); }
    std::string hostKeyFingerprint() const;
    /// SIGKILLs every sshd session process (the server keeps listening): a dropped connection.
    void killSessions();

private:
    QTemporaryDir m_dir;
    pid_t m_pid = -1;
    int m_port = 0;
    std::string m_problem;
};

/// True while any process is in process group `pgid`.
bool processGroupAlive(long pgid);
