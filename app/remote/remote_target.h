#pragma once
// Where a run goes: this machine, or an SSH host (docs/remote.md). Stored in the GUI's settings
// as JSON, given to the CLI as --remote user@host[:port] [--identity] [--known-hosts] [--remote-cli].
#include <nlohmann/json_fwd.hpp>

#include <string>

namespace bitfold::remote {

struct RemoteTarget {
    std::string name; ///< what the user calls it ("f1-dev"); "" = the destination
    std::string user; ///< "" = OpenSSH's default (the local user name or ~/.ssh/config)
    std::string host; ///< name or address; "" = this machine (no SSH)
    int port = 22;
    std::string identityFile; ///< private key; "" = OpenSSH's defaults and the agent
    std::string knownHostsFile; ///< "" = ~/.ssh/known_hosts
    std::string sshConfig; ///< ssh -F; "" = ~/.ssh/config, "none" = no configuration file
    std::string remoteCli = "bitfold-cli"; ///< path on the host, or a name on its $PATH
    std::string remoteF1Host = "bitfold-f1-host"; ///< path on the host, or a name on its $PATH

    bool isLocal() const { return host.empty(); }
    /// "user@host" as ssh takes it.
    std::string destination() const;
    /// "user@host:port" (":port" only when not 22), or name when set.
    std::string label() const;
    /// The known-hosts file in use (the default resolved).
    std::string knownHosts() const;
    bool operator==(const RemoteTarget&) const = default;
};

/// Parses "user@host[:port]" (IPv6 as "user@[::1]:port"). Throws Error naming `where`.
RemoteTarget parseDestination(const std::string& text, const std::string& where = "--remote");

nlohmann::json toJson(const RemoteTarget& t);
RemoteTarget targetFromJson(const nlohmann::json& j);

/// Quotes one word for a POSIX shell: ssh hands the remote command to the login shell as one
/// string, so every argument is quoted on its way.
std::string shellQuote(const std::string& word);

} // namespace bitfold::remote
