#include "bitfold/device.h"

#include <algorithm>
#include <cctype>

namespace bitfold {

const char* toString(ResourceKind kind) {
    switch (kind) {
    case ResourceKind::Lut: return "LUT";
    case ResourceKind::Ff: return "FF";
    case ResourceKind::Bram: return "BRAM";
    case ResourceKind::Uram: return "URAM";
    case ResourceKind::Dsp: return "DSP";
    }
    return "?";
}

double get(const Resources& r, ResourceKind kind) {
    switch (kind) {
    case ResourceKind::Lut: return r.lut;
    case ResourceKind::Ff: return r.ff;
    case ResourceKind::Bram: return r.bram18;
    case ResourceKind::Uram: return r.uram;
    case ResourceKind::Dsp: return r.dsp;
    }
    return 0;
}

const char* toString(DeviceFamily f) {
    switch (f) {
    case DeviceFamily::Series7: return "7series";
    case DeviceFamily::UltraScale: return "ultrascale";
    case DeviceFamily::UltraScalePlus: return "ultrascale+";
    }
    return "?";
}

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
} // namespace

bool Device::matches(const std::string& idOrAlias) const {
    const std::string key = lower(idOrAlias);
    if (key == lower(id)) return true;
    return std::any_of(aliases.begin(), aliases.end(), [&](const std::string& a) { return lower(a) == key; });
}

} // namespace bitfold
