#pragma once
// The accept step for an unknown host: scan the keys the host offers (ssh-keyscan), show their
// fingerprints to the user, and only after the user confirms, append them to the known-hosts
// file. Nothing here is called without a user's decision.
#include "remote_target.h"

#include <string>
#include <vector>

namespace bitfold::remote {

struct HostKey {
    std::string knownHostsLine; ///< "[host]:port ssh-ed25519 AAAA..." as it goes into known_hosts
    std::string type; ///< "ssh-ed25519"
    std::string fingerprint; ///< "SHA256:..." (ssh-keygen -l)
};

/// True when the known-hosts file has a key for the target's host and port (ssh-keygen -F).
bool isHostKnown(const RemoteTarget& target);
/// The keys the host offers, with fingerprints. Throws Error when it offers none (unreachable).
std::vector<HostKey> scanHostKeys(const RemoteTarget& target);
/// Appends the keys to the target's known-hosts file (creating it, mode 0600). Call only after
/// the user has confirmed the fingerprints.
void acceptHostKeys(const RemoteTarget& target, const std::vector<HostKey>& keys);

} // namespace bitfold::remote
