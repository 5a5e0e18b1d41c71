#pragma once
// The C simulation of a design on an SSH host: the parameter package and the folding are
// copied to a per-run directory there, `bitfold-cli simulate --format json` runs under the
// watchdog (ssh_host.h), its progress lines and result come back as the local runner's
// SimProgress and SimResult. Used by the GUI; the CLI passes the lines through instead.
#include "ssh_host.h"

#include "bitfold/network.h"
#include "bitfold/sim_runner.h"

namespace bitfold::remote {

struct RemoteSimRequest {
    std::string packageDir; ///< a saved parameter package (savePackage) on this machine
    Network network; ///< the package's network, for the folding file
    Folding folding;
    int images = 100;
    bool fashionMnist = false; ///< the host's Fashion-MNIST test set; else random images from `seed`
    std::uint64_t seed = 1;
    int batch = 64;
};

/// What the run reported about the host.
struct RemoteSimInfo {
    std::string bitfoldVersion; ///< `bitfold-cli version` there
};

/// Runs it. Returns with cancelled set on cancel (the remote process group is killed). Throws
/// HostKeyError, Error "connection lost: ..." (what arrived went to `progress`), or Error
/// carrying the remote bitfold-cli's own message.
SimResult simulateRemotely(const SshHost& host, const RemoteSimRequest& request, const SimProgressFn& progress = {},
                           const std::atomic<bool>* cancel = nullptr, RemoteSimInfo* info = nullptr);

/// A `bitfold-cli simulate --format json` result line as a SimResult (the CLI's JSON form).
SimResult simResultFromJson(const nlohmann::json& j);

} // namespace bitfold::remote
