#include "bitfold/precision.h"

#include "bitfold/error.h"
#include "bitfold/geometry.h"
#include "bitfold/network.h"

namespace bitfold {

bool isValidBits(int bits) { return (bits >= 1 && bits <= 8) || bits == 16 || bits == kFloatBits; }

std::string bitsToString(int bits) { return bits == kFloatBits ? "float32" : std::to_string(bits); }

int bitsFromString(const std::string& s, const std::string& where) {
    if (s == "float32" || s == "float" || s == "fp32" || s == "32") return kFloatBits;
    int bits = 0;
    std::size_t used = 0;
    try {
        bits = std::stoi(s, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != s.size() || !isValidBits(bits))
        throw Error(where, "'" + s + "' is not a supported precision (valid: 1..8, 16, float32)");
    return bits;
}

int accumulatorBits(long long matrixWidth, int weightBits, int inputBits) {
    if (weightBits == kFloatBits || inputBits == kFloatBits) return kFloatBits;
    return geometry::accumulatorBits((unsigned long long)matrixWidth, geometry::weightMagnitude(weightBits),
                                     geometry::activationMagnitude(inputBits));
}

std::vector<LayerPrecision> resolvePrecision(const Network& net, const PrecisionSpec& spec) {
    if (!isValidBits(spec.weightBits))
        throw Error("weights", std::to_string(spec.weightBits) + " bits is not supported (valid: 1..8, 16, float32)");
    if (!isValidBits(spec.actBits))
        throw Error("acts", std::to_string(spec.actBits) + " bits is not supported (valid: 1..8, 16, float32)");
    const int inputBits = spec.inputBits > 0 ? spec.inputBits : net.inputBits;
    if (!isValidBits(inputBits))
        throw Error("input bits", std::to_string(inputBits) + " bits is not supported (valid: 1..8, 16, float32)");

    std::vector<int> wBits(net.layers.size(), spec.weightBits), aBits(net.layers.size(), spec.actBits);
    const auto index = spec.overrides.empty() ? decltype(layerIndexByName(net)){} : layerIndexByName(net);
    for (const LayerPrecisionOverride& o : spec.overrides) {
        const auto found = index.find(o.layer);
        if (found == index.end()) throw Error("layer " + o.layer, "is not a layer of network " + net.id);
        const int i = found->second;
        if (o.weightBits) {
            if (!isValidBits(o.weightBits))
                throw Error("layer " + o.layer, std::to_string(o.weightBits) + "-bit weights are not supported");
            if (!net.layers[i].isMatrix()) throw Error("layer " + o.layer, "a max-pool layer has no weights");
            wBits[i] = o.weightBits;
        }
        if (o.actBits) {
            if (!isValidBits(o.actBits))
                throw Error("layer " + o.layer, std::to_string(o.actBits) + "-bit activations are not supported");
            aBits[i] = o.actBits;
        }
    }

    std::vector<LayerPrecision> out(net.layers.size());
    int in = inputBits;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        LayerPrecision& p = out[i];
        p.inputBits = in;
        if (l.isMatrix()) {
            p.weightBits = wBits[i];
            p.outputBits = l.activation ? aBits[i] : accumulatorBits(l.matrixWidth(), p.weightBits, p.inputBits);
        } else {
            p.weightBits = 0;
            p.outputBits = in;
        }
        in = p.outputBits;
    }
    return out;
}

} // namespace bitfold
