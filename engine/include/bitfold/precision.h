#pragma once
// Number formats: weight and activation bit widths per layer.
#include <string>
#include <vector>

namespace bitfold {

struct Network;

/// Bits 1..8 and 16 are integers (1 bit = binary -1/+1), 32 means float32.
inline constexpr int kFloatBits = 32;
bool isValidBits(int bits);
std::string bitsToString(int bits); ///< "1".."16", "float32"
int bitsFromString(const std::string& s, const std::string& where); // throws Error

/// A per-layer exception to the global precision; 0 keeps the global value.
struct LayerPrecisionOverride {
    std::string layer;
    int weightBits = 0;
    int actBits = 0;
    bool operator==(const LayerPrecisionOverride&) const = default;
};

/// What the user chooses: global weight and activation bits, the first layer's input bits
/// (0 = what the network file says) and per-layer overrides.
struct PrecisionSpec {
    int weightBits = 1;
    int actBits = 1;
    int inputBits = 0;
    std::vector<LayerPrecisionOverride> overrides;
    bool operator==(const PrecisionSpec&) const = default;
};

/// Resolved format of one layer. For max-pool, weightBits is 0 and input == output.
/// For a layer without activation, outputBits is its accumulator width.
struct LayerPrecision {
    int weightBits = 0;
    int inputBits = 0;
    int outputBits = 0;
    bool operator==(const LayerPrecision&) const = default;
    bool isFloat() const { return weightBits == kFloatBits || inputBits == kFloatBits; }
};

/// Resolves a spec against a network; throws Error naming the option or layer at fault.
std::vector<LayerPrecision> resolvePrecision(const Network& net, const PrecisionSpec& spec);

/// Width of the signed accumulator of a matrix layer: enough for MW products of
/// W-bit weights and A-bit inputs without overflow (1-bit values are -1/+1). 32 for float.
int accumulatorBits(long long matrixWidth, int weightBits, int inputBits);

} // namespace bitfold
