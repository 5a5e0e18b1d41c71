#pragma once
// The shipped networks and devices (resources/), and loading users' own files.
#include "bitfold/device.h"
#include "bitfold/network.h"

#include <string>
#include <vector>

namespace bitfold {

/// The resources directory: $BITFOLD_RESOURCES if set, else the one compiled in.
std::string resourceDir();

/// Loads and validates a network or device file; errors carry the file name and, for
/// malformed JSON, line and column.
Network loadNetworkFile(const std::string& path);
Device loadDeviceFile(const std::string& path);

/// Every shipped network and device, read once from resourceDir() (thread-safe).
class Catalog {
public:
    static const Catalog& shipped();
    explicit Catalog(const std::string& dir); ///< reads dir/networks/*.json, dir/devices/*.json

    const std::vector<Network>& networks() const { return m_networks; }
    const std::vector<Device>& devices() const { return m_devices; } ///< smallest first (by LUT)

    /// A shipped id, or else a path to a JSON file. Unknown names list the valid ones.
    Network network(const std::string& idOrPath) const;
    /// A part id or board alias, or a path to a device JSON file.
    Device device(const std::string& idOrAliasOrPath) const;
    const Network* findNetwork(const std::string& id) const;
    const Device* findDevice(const std::string& idOrAlias) const;

private:
    std::vector<Network> m_networks;
    std::vector<Device> m_devices;
};

} // namespace bitfold
