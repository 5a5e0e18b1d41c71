#include "bitfold/layer.h"

#include "bitfold/error.h"

namespace bitfold {

const char* toString(LayerKind kind) {
    switch (kind) {
    case LayerKind::Fc: return "fc";
    case LayerKind::Conv: return "conv";
    case LayerKind::MaxPool: return "maxpool";
    }
    return "?";
}

LayerKind layerKindFromString(const std::string& s) {
    if (s == "fc") return LayerKind::Fc;
    if (s == "conv") return LayerKind::Conv;
    if (s == "maxpool" || s == "pool") return LayerKind::MaxPool;
    throw Error("kind", "unknown layer kind '" + s + "' (valid: fc, conv, maxpool)");
}

int Layer::outDim() const {
    if (kind == LayerKind::Fc) return 1;
    return (inDim + padTotal - kernel) / stride + 1;
}

std::int64_t Layer::matrixWidth() const {
    switch (kind) {
    case LayerKind::Fc: return hwIn();
    case LayerKind::Conv: return std::int64_t(kernel) * kernel * (hwIn() / groups);
    case LayerKind::MaxPool: return 0;
    }
    return 0;
}

std::int64_t Layer::macs() const {
    if (!isMatrix()) return 0;
    const std::int64_t inputsPerOutput =
        kind == LayerKind::Fc ? inChannels : std::int64_t(kernel) * kernel * (inChannels / groups);
    return inputsPerOutput * outChannels * outPixels();
}

std::int64_t Layer::weights() const {
    if (!isMatrix()) return 0;
    if (kind == LayerKind::Fc) return std::int64_t(inChannels) * outChannels;
    return std::int64_t(kernel) * kernel * (inChannels / groups) * outChannels;
}

} // namespace bitfold
