#pragma once
// Shared by the exploration tests: precisions, the test grid, an independent fit check and
// an environment guard.
#include "bitfold/catalog.h"
#include "bitfold/optimizer.h"
#include "bitfold/precision.h"

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace explore_test {

inline std::vector<bitfold::LayerPrecision> precisionFor(const bitfold::Network& net, int w, int a) {
    bitfold::PrecisionSpec spec;
    spec.weightBits = w;
    spec.actBits = a;
    return bitfold::resolvePrecision(net, spec);
}

/// Weight/activation pairs of the grid: the uniform ones the literature uses, float32, and a
/// few mixed ones.
inline std::vector<std::pair<int, int>> gridPrecisions() {
    return {{1, 1}, {1, 2}, {2, 2}, {4, 4}, {8, 8}, {16, 16}, {32, 32}, {2, 4}, {4, 8}};
}

/// Totals within limit * device for every resource: the test's own reading of "fits".
inline bool withinLimits(const bitfold::Estimate& e, const bitfold::Device& d, const bitfold::ResourceLimits& l) {
    using namespace bitfold;
    for (ResourceKind k : kAllResources)
        if (get(e.totals, k) > limitOf(l, k) * get(d.total, k) * (1 + 1e-9) + 1e-9) return false;
    return true;
}

inline bool contains(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }

/// Sets an environment variable for a scope (e.g. BITFOLD_RESOURCES to a test manifest).
class EnvGuard {
public:
    EnvGuard(const char* name, const std::string& value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~EnvGuard() {
        if (m_old.empty())
            ::unsetenv(m_name);
        else
            ::setenv(m_name, m_old.c_str(), 1);
    }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

private:
    const char* m_name;
    std::string m_old;
};

} // namespace explore_test
