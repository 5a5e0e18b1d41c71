#pragma once
// FPGA devices and resource vectors.
#include <string>
#include <vector>

namespace bitfold {

/// A vector of FPGA resources. Block RAM is counted in RAMB18 halves (bram18), as the
/// hardware allocates; bram36() gives the tile count vendors report.
struct Resources {
    double lut = 0;
    double ff = 0;
    double bram18 = 0;
    double uram = 0;
    double dsp = 0;
    double lutram = 0; ///< part of `lut` used as distributed RAM or shift registers
    double bram36() const { return bram18 / 2.0; }
    Resources& operator+=(const Resources& o) {
        lut += o.lut;
        ff += o.ff;
        bram18 += o.bram18;
        uram += o.uram;
        dsp += o.dsp;
        lutram += o.lutram;
        return *this;
    }
    friend Resources operator+(Resources a, const Resources& b) { return a += b; }
    Resources operator*(double k) const { return {lut * k, ff * k, bram18 * k, uram * k, dsp * k, lutram * k}; }
    bool operator==(const Resources&) const = default;
};

enum class ResourceKind { Lut, Ff, Bram, Uram, Dsp };
inline constexpr ResourceKind kAllResources[] = {ResourceKind::Lut, ResourceKind::Ff, ResourceKind::Bram,
                                                 ResourceKind::Uram, ResourceKind::Dsp};
const char* toString(ResourceKind kind); ///< "LUT", "FF", "BRAM", "URAM", "DSP"
double get(const Resources& r, ResourceKind kind); ///< BRAM in RAMB18 units

enum class DeviceFamily { Series7, UltraScale, UltraScalePlus };
const char* toString(DeviceFamily f);

/// The accelerator's memory port: what FINN's DMA engines and Vitis kernels get (the HP ports of
/// a Zynq, a DDR channel of an Alveo/F1 card). One per compute unit.
struct MemoryPort {
    int bits = 64; ///< data width of the kernel's AXI master port
    double clockMhz = 0; ///< clock of the port's data path; 0: the kernel clock (Vitis m_axi)
    std::string note; ///< where the figures come from
    bool operator==(const MemoryPort&) const = default;
};

struct Device {
    std::string id; ///< lower-case part name, "xc7z020"
    std::string name; ///< display name, "XC7Z020 (PYNQ-Z1)"
    std::vector<std::string> aliases; ///< board names, "pynq-z1"
    DeviceFamily family = DeviceFamily::Series7;
    Resources total; ///< whole device
    Resources shell; ///< reserved by the platform (PS-side DMA/AXI, F1 shell, XDMA)
    double clockMhz = 100; ///< default clock
    std::string shellNote; ///< where the shell figure comes from
    std::string source; ///< where the device figures come from
    MemoryPort port; ///< the accelerator's memory port
    double launchOverheadUs = 0; ///< host-side cost of launching one batch (driver, DMA set-up), microseconds
    std::string launchNote; ///< where that figure comes from (an assumption, stated)
    int maxComputeUnits = 1; ///< copies of the accelerator the platform can place (SLRs / memory channels)
    bool operator==(const Device&) const = default;

    bool matches(const std::string& idOrAlias) const; ///< case-insensitive
};

} // namespace bitfold
