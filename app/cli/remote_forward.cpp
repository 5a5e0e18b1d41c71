#include "remote_forward.h"

#include "bitfold/error.h"
#include "ssh_host.h"

#include <algorithm>
#include <ostream>

namespace bitfold::cli {

namespace {

const std::vector<std::string> kRemoteOptions = {"--remote", "--identity", "--known-hosts", "--remote-cli",
                                                 "--ssh-config"};

/// Options whose value is a local file or directory the remote command needs.
std::vector<std::string> fileOptions(const std::string& command) {
    if (command == "simulate") return {"--params", "--folding"};
    return {};
}

} // namespace

bool wantsRemote(const Argv& argv) { return std::find(argv.begin(), argv.end(), "--remote") != argv.end(); }

int remoteCommand(const std::string& command, const Argv& argv, std::ostream& out, std::ostream& err) {
    if (command != "simulate" && command != "sweep")
        throw Error("--remote", "only simulate and sweep run remotely, not " + command);
    remote::RemoteTarget target;
    Argv rest;
    std::vector<std::pair<std::string, std::string>> files; // option, local path
    const std::vector<std::string> fileOpts = fileOptions(command);
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        const bool remoteOpt = std::find(kRemoteOptions.begin(), kRemoteOptions.end(), a) != kRemoteOptions.end();
        if (!remoteOpt) {
            if (a == "--emit") throw Error("--emit", "writes on this machine: run it without --remote");
            rest.push_back(a);
            if (std::find(fileOpts.begin(), fileOpts.end(), a) != fileOpts.end() && i + 1 < argv.size() &&
                argv[i + 1] != "random") {
                files.push_back({a, argv[i + 1]});
                rest.push_back(argv[++i]);
            }
            continue;
        }
        if (i + 1 >= argv.size()) throw Error(a, "needs a value");
        const std::string& v = argv[++i];
        if (a == "--remote") {
            const remote::RemoteTarget parsed = remote::parseDestination(v);
            target.user = parsed.user;
            target.host = parsed.host;
            target.port = parsed.port;
        } else if (a == "--identity")
            target.identityFile = v;
        else if (a == "--known-hosts")
            target.knownHostsFile = v;
        else if (a == "--remote-cli")
            target.remoteCli = v;
        else
            target.sshConfig = v;
    }
    const remote::SshHost host(target);
    std::string runDir;
    struct Cleanup {
        const remote::SshHost& host;
        std::string& dir;
        ~Cleanup() {
            if (!dir.empty()) host.removeDir(dir);
        }
    } cleanup{host, runDir};
    if (!files.empty()) {
        runDir = host.makeRunDir();
        for (std::size_t k = 0; k < files.size(); ++k) {
            const std::string remotePath = runDir + "/input" + std::to_string(k);
            host.upload(files[k].second, remotePath);
            for (std::size_t i = 0; i + 1 < rest.size(); ++i)
                if (rest[i] == files[k].first) rest[i + 1] = remotePath;
        }
    }
    Argv remoteArgv = {target.remoteCli, command};
    remoteArgv.insert(remoteArgv.end(), rest.begin(), rest.end());
    const remote::RemoteExit r =
        host.stream(remoteArgv, [&](const std::string& line) { out << line << '\n'
                                                                   << std::flush; });
    if (r.exitCode == 126 || r.exitCode == 127)
        throw Error("--remote-cli", remote::missingProgramMessage(target, target.remoteCli, r.stderrText));
    err << r.stderrText;
    return r.exitCode;
}

} // namespace bitfold::cli
