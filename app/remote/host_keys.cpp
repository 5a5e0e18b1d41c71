#include "host_keys.h"

#include "ssh_host.h"

#include "bitfold/error.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

namespace bitfold::remote {

namespace fs = std::filesystem;

namespace {

std::string knownName(const RemoteTarget& t) {
    return t.port == 22 ? t.host : "[" + t.host + "]:" + std::to_string(t.port);
}

} // namespace

bool isHostKnown(const RemoteTarget& target) {
    if (!fs::exists(target.knownHosts())) return false;
    return runCommand({"ssh-keygen", "-F", knownName(target), "-f", target.knownHosts()}, openSsh()).exitCode == 0;
}

std::vector<HostKey> scanHostKeys(const RemoteTarget& target) {
    const CommandResult scan =
        runCommand({"ssh-keyscan", "-T", "10", "-p", std::to_string(target.port), "--", target.host}, openSsh());
    std::vector<HostKey> keys;
    std::istringstream lines(scan.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line.front() == '#') continue;
        std::istringstream words(line);
        std::string name, type, blob;
        if (!(words >> name >> type >> blob)) continue;
        HostKey k;
        k.knownHostsLine = line;
        k.type = type;
        // ssh-keygen -l reads the key from a file: a private temporary one.
        std::string tmpl = (fs::temp_directory_path() / "bitfold-hostkey-XXXXXX").string();
        const int fd = ::mkstemp(tmpl.data());
        if (fd < 0) throw Error("ssh-keyscan", "cannot create a temporary file");
        ::close(fd);
        std::ofstream(tmpl) << line << '\n';
        const CommandResult fp = runCommand({"ssh-keygen", "-l", "-f", tmpl}, openSsh());
        fs::remove(tmpl);
        std::istringstream fpWords(fp.out);
        std::string bits;
        fpWords >> bits >> k.fingerprint;
        keys.push_back(std::move(k));
    }
    if (keys.empty())
        throw Error(target.label(),
                    "the host offers no SSH key (is sshd running on port " + std::to_string(target.port) + "?) " +
                        lastLine(scan.err));
    return keys;
}

void acceptHostKeys(const RemoteTarget& target, const std::vector<HostKey>& keys) {
    const fs::path file = target.knownHosts();
    std::error_code ec;
    if (file.has_parent_path() && !fs::exists(file.parent_path())) {
        fs::create_directories(file.parent_path(), ec);
        ::chmod(file.parent_path().c_str(), 0700);
    }
    std::ofstream out(file, std::ios::app);
    for (const HostKey& k : keys) out << k.knownHostsLine << '\n';
    if (!out) throw Error(file.string(), "cannot write the known-hosts file");
    out.close();
    ::chmod(file.c_str(), 0600);
}

} // namespace bitfold::remote
