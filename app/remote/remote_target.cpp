#include "remote_target.h"

#include "bitfold/error.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace bitfold::remote {

std::string RemoteTarget::destination() const { return user.empty() ? host : user + "@" + host; }

std::string RemoteTarget::label() const {
    if (!name.empty()) return name;
    if (isLocal()) return "this machine";
    const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return (user.empty() ? h : user + "@" + h) + (port != 22 ? ":" + std::to_string(port) : "");
}

std::string RemoteTarget::knownHosts() const {
    if (!knownHostsFile.empty()) return knownHostsFile;
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/.ssh/known_hosts";
}

RemoteTarget parseDestination(const std::string& text, const std::string& where) {
    RemoteTarget t;
    std::string rest = text;
    if (const std::size_t at = rest.rfind('@'); at != std::string::npos) {
        t.user = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    std::string port;
    if (!rest.empty() && rest.front() == '[') {
        const std::size_t close = rest.find(']');
        if (close == std::string::npos) throw Error(where, "'" + text + "': missing ']' after the IPv6 address");
        t.host = rest.substr(1, close - 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':') throw Error(where, "'" + text + "': expected ':port' after ']'");
            port = rest.substr(close + 2);
        }
    } else if (const std::size_t colon = rest.find(':'); colon != std::string::npos) {
        t.host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    } else {
        t.host = rest;
    }
    // A leading '-' would read as an ssh option.
    if (t.host.empty() || t.host.front() == '-' || t.host.find_first_of(" \t\n'\"") != std::string::npos)
        throw Error(where, "'" + text + "' is not user@host[:port]");
    if (!t.user.empty() && (t.user.front() == '-' || t.user.find_first_of(" \t\n'\"@") != std::string::npos))
        throw Error(where, "'" + t.user + "' is not a user name");
    if (!port.empty()) {
        char* end = nullptr;
        const long p = std::strtol(port.c_str(), &end, 10);
        if (*end != '\0' || p < 1 || p > 65535)
            throw Error(where, "port '" + port + "' is not a number from 1 to 65535");
        t.port = int(p);
    }
    return t;
}

nlohmann::json toJson(const RemoteTarget& t) {
    return {{"name", t.name},
            {"user", t.user},
            {"host", t.host},
            {"port", t.port},
            {"identity_file", t.identityFile},
            {"known_hosts_file", t.knownHostsFile},
            {"ssh_config", t.sshConfig},
            {"remote_cli", t.remoteCli},
            {"remote_f1_host", t.remoteF1Host}};
}

RemoteTarget targetFromJson(const nlohmann::json& j) {
    RemoteTarget t;
    t.name = j.value("name", "");
    t.user = j.value("user", "");
    t.host = j.value("host", "");
    t.port = j.value("port", 22);
    t.identityFile = j.value("identity_file", "");
    t.knownHostsFile = j.value("known_hosts_file", "");
    t.sshConfig = j.value("ssh_config", "");
    t.remoteCli = j.value("remote_cli", "bitfold-cli");
    t.remoteF1Host = j.value("remote_f1_host", "bitfold-f1-host");
    return t;
}

std::string shellQuote(const std::string& word) {
    std::string q = "'";
    for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace bitfold::remote
