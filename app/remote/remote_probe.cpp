#include "remote_probe.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace bitfold::remote {

namespace {

/// Prints "key value" lines; $1 = bitfold-cli, $2 = bitfold-f1-host.
constexpr const char* kProbe =
    "echo \"cores $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)\"\n"
    "echo \"system $(uname -srm)\"\n"
    "if v=$(\"$1\" version 2>/dev/null); then echo \"bitfold $v\"; else echo \"bitfold-missing\"; fi\n"
    "if command -v \"$2\" >/dev/null 2>&1; then echo \"f1 $(\"$2\" --probe 2>/dev/null | head -n 1)\"; "
    "else echo \"f1-missing\"; fi\n";

} // namespace

std::string HostInfo::summary() const {
    std::ostringstream s;
    s << (bitfoldVersion.empty() ? "Bitfold: not found" : "Bitfold " + bitfoldVersion) << "; " << cores << " cores ("
      << system << "); ";
    if (!f1Host)
        s << "no bitfold-f1-host";
    else
        s << "XRT " << (xrtVersion.empty() ? "not found" : xrtVersion) << ", " << devices.size() << " FPGA device"
          << (devices.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < devices.size(); ++i) s << (i ? ", " : ": ") << devices[i];
    if (!problems.empty()) s << ". " << problems;
    return s.str();
}

HostInfo probeHost(const SshHost& host) {
    const SshHost::Output o =
        host.run({"sh", "-c", kProbe, "bitfold-probe", host.target().remoteCli, host.target().remoteF1Host});
    HostInfo info;
    std::istringstream lines(o.out);
    for (std::string line; std::getline(lines, line);) {
        const std::size_t sp = line.find(' ');
        const std::string key = line.substr(0, sp), value = sp == std::string::npos ? "" : line.substr(sp + 1);
        if (key == "cores")
            info.cores = std::atoi(value.c_str());
        else if (key == "system")
            info.system = value;
        else if (key == "bitfold") {
            // "bitfold-cli 0.1.0"
            const std::size_t v = value.rfind(' ');
            info.bitfoldVersion = v == std::string::npos ? value : value.substr(v + 1);
        } else if (key == "f1") {
            info.f1Host = true;
            try {
                const nlohmann::json j = nlohmann::json::parse(value);
                info.xrtVersion = j.value("xrt", "");
                for (const auto& d : j.value("devices", nlohmann::json::array()))
                    info.devices.push_back(d.get<std::string>());
            } catch (const nlohmann::json::exception&) {
                info.problems += "bitfold-f1-host --probe answered '" + value + "'. ";
            }
        }
    }
    if (info.bitfoldVersion.empty())
        info.problems += "'" + host.target().remoteCli + "' does not run there (install Bitfold or set its path). ";
    if (!info.problems.empty() && info.problems.back() == ' ') info.problems.pop_back();
    return info;
}

} // namespace bitfold::remote
