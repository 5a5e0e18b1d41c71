#include "sshd_server.h"

#include "bitfold/child_process.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <algorithm>

#include <arpa/inet.h>
#include <pwd.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;
using bitfold::runCommand;

namespace {

int freePort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

bool accepts(int port) {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(std::uint16_t(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(s);
    return ok;
}

/// /proc/PID/stat: (comm, ppid, pgrp).
struct Stat {
    std::string comm, state;
    long ppid = 0, pgrp = 0;
};
bool readStat(long pid, Stat& st) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text)) return false;
    const std::size_t open = text.find('('), close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos) return false;
    st.comm = text.substr(open + 1, close - open - 1);
    std::istringstream rest(text.substr(close + 2));
    rest >> st.state >> st.ppid >> st.pgrp;
    return true;
}

std::vector<long> pids() {
    std::vector<long> v;
    for (const auto& e : fs::directory_iterator("/proc"))
        if (const long p = std::atol(e.path().filename().c_str()); p > 0) v.push_back(p);
    return v;
}

} // namespace

bool processGroupAlive(long pgid) {
    for (long p : pids()) {
        Stat st;
        if (readStat(p, st) && st.pgrp == pgid && st.state != "Z") return true;
    }
    return false;
}

SshdServer::SshdServer() {
    if (!fs::exists("/usr/sbin/sshd") || !fs::exists("/usr/bin/ssh")) {
        m_problem = "OpenSSH (openssh-server, openssh-client) is not installed";
        return;
    }
    const std::string d = dir();
    for (const char* key : {"host_key", "client_key"})
        if (runCommand({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bitfold-test", "-f", d + "/" + key})
                .exitCode != 0) {
            m_problem = "ssh-keygen failed";
            return;
        }
    fs::copy_file(d + "/client_key.pub", d + "/authorized_keys");
    // sshd insists on its privilege-separation directory (Debian creates it only with the service).
    ::mkdir("/run/sshd", 0755);
    m_port = freePort();
    {
        std::ofstream c(d + "/sshd_config");
        c << "ListenAddress 127.0.0.1\nHostKey " << d << "/host_key\nPidFile " << d << "/sshd.pid\n"
          << "AuthorizedKeysFile " << d << "/authorized_keys\nUsePAM no\nStrictModes no\n"
          << "PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
          << "PubkeyAuthentication yes\nSubsystem sftp /usr/lib/openssh/sftp-server\nPrintMotd no\n";
        // The "remote" Bitfold reads the same resources and simulation cache as this test.
        std::string setEnv;
        for (const char* name : {"BITFOLD_RESOURCES", "BITFOLD_SIM_CACHE", "BITFOLD_HLS_DIR"})
            if (const char* v = std::getenv(name); v && *v) setEnv += std::string(" ") + name + "=" + v;
        if (!setEnv.empty()) c << "SetEnv" << setEnv << '\n';
    }
    const std::vector<std::string> argv = {"/usr/sbin/sshd",       "-D", "-e",           "-f", d + "/sshd_config", "-p",
                                           std::to_string(m_port), "-E", d + "/sshd.log"};
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (::posix_spawn(&m_pid, args[0], nullptr, nullptr, args.data(), environ) != 0) {
        m_pid = -1;
        m_problem = "cannot start /usr/sbin/sshd";
        return;
    }
    for (int i = 0; i < 100 && !accepts(m_port); ++i) QThread::msleep(50);
    if (!accepts(m_port)) {
        std::ifstream log(d + "/sshd.log");
        std::ostringstream s;
        s << log.rdbuf();
        m_problem = "sshd did not start: " + s.str();
        return;
    }
    // The known-hosts file of target(): the server's own public host key.
    std::ifstream pub(d + "/host_key.pub");
    std::string type, blob;
    pub >> type >> blob;
    std::ofstream(d + "/known_hosts") << "[127.0.0.1]:" << m_port << ' ' << type << ' ' << blob << '\n';
    std::ofstream(d + "/unknown_hosts").flush();
}

SshdServer::~SshdServer() {
    if (m_pid <= 0) return;
    killSessions();
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
}

bitfold::remote::RemoteTarget SshdServer::target() const {
    bitfold::remote::RemoteTarget t;
    const passwd* pw = ::getpwuid(::getuid());
    t.user = pw ? pw->pw_name : "root";
    t.host = "127.0.0.1";
    t.port = m_port;
    t.identityFile = dir() + "/client_key";
    t.knownHostsFile = dir() + "/known_hosts";
    t.sshConfig = "none";
    return t;
}

bitfold::remote::RemoteTarget SshdServer::unknownTarget() const {
    bitfold::remote::RemoteTarget t = target();
    t.knownHostsFile = dir() + "/unknown_hosts";
    return t;
}

std::string SshdServer::hostKeyFingerprint() const {
    std::istringstream s(runCommand({"ssh-keygen", "-l", "-f", dir() + "/host_key.pub"}).out);
    std::string bits, fp;
    s >> bits >> fp;
    return fp;
}

void SshdServer::killSessions() {
    // Every sshd process below the listener (the connection's monitor and its session child).
    std::vector<long> below = {m_pid};
    for (bool grew = true; grew;) {
        grew = false;
        for (long p : pids()) {
            Stat st;
            if (!readStat(p, st) || st.comm.rfind("sshd", 0) != 0) continue;
            if (std::find(below.begin(), below.end(), st.ppid) != below.end() &&
                std::find(below.begin(), below.end(), p) == below.end()) {
                below.push_back(p);
                grew = true;
            }
        }
    }
    for (std::size_t i = 1; i < below.size(); ++i) ::kill(pid_t(below[i]), SIGKILL);
}
