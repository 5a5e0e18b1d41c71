// Memory a C simulation needs, estimated before anything is allocated (see sim_runner.h).
#include "bitfold/sim_runner.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>

#include <unistd.h>

namespace bitfold {

namespace {

constexpr long double kMax = static_cast<long double>(std::numeric_limits<std::uint64_t>::max());

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

// Costs per element, measured on the shipped networks with g++ 12 and rounded up: compiling
// the parameter header takes ~40 bytes per weight (its text and the compiler's trees), the
// golden reference keeps the weights (1 byte) and thresholds (4 bytes), a C-simulation stream
// holds each activation of a batch as a 64-bit word.
constexpr long double kCompileBytesPerWeight = 48;
constexpr long double kStreamBytesPerActivation = 8;
constexpr long double kProcessBaseBytes = 64.0L * (1 << 20); // the two processes' own code and heap

std::uint64_t parseLimit(const std::string& text) {
    std::size_t end = 0;
    unsigned long long v = 0;
    try {
        v = std::stoull(text, &end);
    } catch (const std::exception&) {
        end = 0;
    }
    int shift = 0;
    if (end > 0 && end < text.size()) {
        const std::size_t unit = text.size() == end + 1
            ? std::string("KMGT").find(char(std::toupper(static_cast<unsigned char>(text[end]))))
            : std::string::npos;
        shift = unit == std::string::npos ? -1 : int(10 * (unit + 1));
    }
    if (end == 0 || v == 0 || shift < 0 || v > (std::numeric_limits<std::uint64_t>::max() >> shift))
        throw Error("$BITFOLD_SIM_MEMORY_LIMIT", "\"" + text + "\" is not a size in bytes (e.g. 8G, 512M, 1000000)");
    return std::uint64_t(v) << shift;
}

} // namespace

std::uint64_t simulationMemoryBytes(const Network& net, int images, const SimOptions& options) {
    long double weights = 0, thresholds = 0, activations = 0;
    for (const Layer& l : net.layers) {
        const long double outputs = (long double)(l.outPixels()) * l.hwOut();
        activations += outputs;
        if (!l.isMatrix()) continue;
        weights += (long double)(l.matrixHeight()) * l.matrixWidth();
        if (l.activation) thresholds += (long double)(l.matrixHeight()) * 255; // up to 8-bit activations
    }
    const Layer* first = net.layers.empty() ? nullptr : &net.layers.front();
    const long double imageBytes =
        first ? (long double)(std::max(1, first->inDim)) * std::max(1, first->inDim) * first->hwIn() : 0;
    const long double batch = std::max(1, std::min(options.batch, std::max(images, 1)));
    const long double compile = kCompileBytesPerWeight * weights;
    const long double simulation = weights + 4 * thresholds + 2 * std::max(images, 0) * imageBytes +
        batch * kStreamBytesPerActivation * activations;
    const long double golden = options.checkGolden ? weights + 4 * thresholds + 4 * activations : 0;
    const long double total = kProcessBaseBytes + std::max(compile, simulation + golden);
    return total >= kMax ? std::numeric_limits<std::uint64_t>::max() : std::uint64_t(total);
}

std::uint64_t simulationMemoryLimit(const SimOptions& options) {
    if (options.memoryLimitBytes > 0) return options.memoryLimitBytes;
    if (const char* v = std::getenv("BITFOLD_SIM_MEMORY_LIMIT"); v && *v) return parseLimit(v);
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && page > 0 ? std::uint64_t(pages) * std::uint64_t(page) / 2 : std::uint64_t(4) << 30;
}

void checkSimulationMemory(const Network& net, int images, const SimOptions& options) {
    const std::uint64_t need = simulationMemoryBytes(net, images, options), limit = simulationMemoryLimit(options);
    if (need > limit)
        throw Error("C simulation",
                    "network " + net.id + " with " + std::to_string(images) + " images needs about " + mib(need) +
                        " of memory, more than the limit of " + mib(limit) +
                        " (half of this machine's memory unless $BITFOLD_SIM_MEMORY_LIMIT says "
                        "otherwise): use fewer images or a smaller network");
}

} // namespace bitfold
