#pragma once
// "Test connection": what a target host has for Bitfold runs.
#include "ssh_host.h"

#include <string>
#include <vector>

namespace bitfold::remote {

struct HostInfo {
    std::string bitfoldVersion; ///< `bitfold-cli version`; "" = bitfold-cli is missing
    std::string system; ///< uname -srm
    int cores = 0;
    bool f1Host = false; ///< bitfold-f1-host runs there
    std::string xrtVersion; ///< from bitfold-f1-host --probe; "" = none
    std::vector<std::string> devices; ///< FPGA devices XRT sees
    std::string problems; ///< what is missing, in words
    /// One paragraph for the user.
    std::string summary() const;
};

/// Connects and asks. Throws HostKeyError or Error (cannot connect) like SshHost.
HostInfo probeHost(const SshHost& host);

} // namespace bitfold::remote
