#include "ssh_host.h"

#include "bitfold/child_process.h"

#include <csignal>
#include <sys/wait.h>

namespace bitfold::remote {

namespace {

/// The watchdog around a streamed command ($@): see ssh_host.h. Its pid goes to stderr first.
constexpr const char* kWatchdog =
    "exec 3<&0\n"
    "setsid \"$@\" 3<&- </dev/null &\n"
    "p=$!\n"
    "echo \"bitfold-remote-pid $p\" >&2\n"
    "{ cat <&3 >/dev/null 2>&1; kill -KILL -\"$p\" 2>/dev/null || kill -KILL \"$p\" 2>/dev/null; } >/dev/null 2>&1 &\n"
    "w=$!\n"
    "exec 3<&-\n"
    "wait \"$p\"\n"
    "s=$?\n"
    "kill \"$w\" 2>/dev/null\n"
    "exit \"$s\"\n";

std::string joinQuoted(const std::vector<std::string>& argv) {
    std::string s;
    for (const std::string& a : argv) s += (s.empty() ? "" : " ") + shellQuote(a);
    return s;
}

int exitCodeOf(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

std::string tailOf(const std::string& s, std::size_t n) { return s.size() <= n ? s : s.substr(s.size() - n); }

} // namespace

SshHost::SshHost(RemoteTarget target) : m_target(std::move(target)) {
    if (m_target.isLocal()) throw Error("remote target", "no host given");
}

std::vector<std::string> SshHost::commonOptions(bool scp) const {
    std::vector<std::string> o;
    if (!m_target.sshConfig.empty()) o.insert(o.end(), {"-F", m_target.sshConfig});
    o.insert(o.end(),
             {"-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
              "UserKnownHostsFile=" + m_target.knownHosts(), "-o", "ConnectTimeout=15", "-o", "ServerAliveInterval=5",
              "-o", "ServerAliveCountMax=3", "-o", "LogLevel=ERROR"});
    if (!m_target.knownHostsFile.empty()) o.insert(o.end(), {"-o", "GlobalKnownHostsFile=/dev/null"});
    if (!m_target.identityFile.empty()) o.insert(o.end(), {"-i", m_target.identityFile, "-o", "IdentitiesOnly=yes"});
    o.insert(o.end(), {scp ? "-P" : "-p", std::to_string(m_target.port)});
    return o;
}

std::vector<std::string> SshHost::sshArgv() const {
    std::vector<std::string> a = {"ssh"};
    for (std::string& o : commonOptions(false)) a.push_back(std::move(o));
    a.insert(a.end(), {"--", m_target.destination()});
    return a;
}

void SshHost::throwSshFailure(const std::string& stderrText, const std::string& doing) const {
    const std::string where = m_target.label();
    if (stderrText.find("REMOTE HOST IDENTIFICATION HAS CHANGED") != std::string::npos)
        throw HostKeyError(where,
                           "the host presents a DIFFERENT key than the one in " + m_target.knownHosts() +
                               " (a reinstalled host, or someone in between); refusing to connect",
                           true);
    if (stderrText.find("Host key verification failed") != std::string::npos ||
        stderrText.find("No ED25519 host key is known") != std::string::npos ||
        stderrText.find("host key is known") != std::string::npos)
        throw HostKeyError(where,
                           "the host key is not known (" + m_target.knownHosts() +
                               "); check its fingerprint and accept it first",
                           false);
    const std::string reason = lastLine(stderrText);
    throw Error(where, doing + ": " + (reason.empty() ? std::string("ssh failed") : reason));
}

SshHost::Output SshHost::run(const std::vector<std::string>& argv) const {
    std::vector<std::string> a = sshArgv();
    a.push_back(joinQuoted(argv));
    const CommandResult r = runCommand(a, openSsh());
    if (r.exitCode == 255) throwSshFailure(r.err, "cannot connect");
    return {r.exitCode, r.out, r.err};
}

std::string SshHost::makeRunDir() const {
    const Output o = run({"mktemp", "-d", "/tmp/bitfold-run.XXXXXXXX"});
    const std::string dir = lastLine(o.out);
    if (o.exitCode != 0 || dir.empty() || dir.front() != '/')
        throw Error(m_target.label(), "cannot create a run directory (mktemp -d): " + lastLine(o.err));
    return dir;
}

void SshHost::upload(const std::string& localPath, const std::string& remotePath) const {
    std::vector<std::string> a = {"scp", "-q", "-r"};
    for (std::string& o : commonOptions(true)) a.push_back(std::move(o));
    a.push_back("--");
    a.push_back(localPath);
    const std::string host = m_target.host.find(':') != std::string::npos ? "[" + m_target.host + "]" : m_target.host;
    a.push_back((m_target.user.empty() ? host : m_target.user + "@" + host) + ":" + remotePath);
    const CommandResult r = runCommand(a, openSsh());
    if (r.exitCode == 255 || (r.exitCode != 0 && r.err.find("Host key") != std::string::npos))
        throwSshFailure(r.err, "cannot copy the inputs");
    if (r.exitCode != 0)
        throw Error(m_target.label(), "copying " + localPath + " to " + remotePath + " failed: " + lastLine(r.err));
}

void SshHost::removeDir(const std::string& remoteDir) const noexcept {
    if (remoteDir.rfind("/tmp/bitfold-run.", 0) != 0) return; // only what makeRunDir made
    try {
        run({"rm", "-rf", "--", remoteDir});
    } catch (...) {
    }
}

RemoteExit SshHost::stream(const std::vector<std::string>& argv, const LineFn& onLine,
                           const std::atomic<bool>* cancel) const {
    std::vector<std::string> remote = {"sh", "-c", kWatchdog, "bitfold-remote"};
    remote.insert(remote.end(), argv.begin(), argv.end());
    std::vector<std::string> a = sshArgv();
    a.push_back(joinQuoted(remote));
    ChildProcess ssh(a, openSsh());
    RemoteExit r;
    std::string out, err;
    bool open = true;
    while (open) {
        if (cancel && cancel->load()) {
            // End of file on the channel: the watchdog kills the remote group, then ssh exits.
            ssh.closeStdin();
            r.cancelled = true;
            if (!ssh.waitFor(5000)) ssh.kill();
            break;
        }
        open = ssh.poll(out, err, 50);
        for (std::size_t nl; (nl = out.find('\n')) != std::string::npos;) {
            const std::string line = out.substr(0, nl);
            out.erase(0, nl + 1);
            if (!line.empty() && onLine) onLine(line);
        }
        if (err.size() > 65536) err = tailOf(err, 16384);
    }
    const int code = exitCodeOf(ssh.wait());
    if (!out.empty() && onLine && !r.cancelled) onLine(out);
    // The watchdog's first stderr line is the remote pid; the rest is the command's.
    const std::string marker = "bitfold-remote-pid ";
    if (const std::size_t at = err.find(marker); at != std::string::npos) {
        const std::size_t nl = err.find('\n', at);
        r.remotePid = std::atol(err.substr(at + marker.size(), nl - at - marker.size()).c_str());
        err.erase(at, nl == std::string::npos ? std::string::npos : nl - at + 1);
    }
    r.stderrText = tailOf(err, 4000);
    r.exitCode = code;
    if (r.cancelled) return r;
    if (code == 255) {
        if (r.remotePid == 0) throwSshFailure(err, "cannot connect");
        const std::string reason = lastLine(err);
        throw Error(m_target.label(), "connection lost: " + (reason.empty() ? std::string("ssh ended") : reason));
    }
    return r;
}

std::string missingProgramMessage(const RemoteTarget& target, const std::string& program,
                                  const std::string& stderrText) {
    return "'" + program + "' cannot run on " + target.label() +
        " (not installed, not on the remote $PATH, or not executable; give its path in the target settings or "
        "--remote-cli): " +
        lastLine(stderrText);
}

} // namespace bitfold::remote
