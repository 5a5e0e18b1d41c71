#include "bitfold/layer.h"

#include "bitfold/error.h"
#include "bitfold/geometry.h"

#include <algorithm>
#include <limits>

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
    // Defined for every layer, valid or not: loaders ask before validate() names the field.
    const std::int64_t span = std::int64_t(inDim) + padTotal - kernel;
    if (stride <= 0 || span < 0) return 0;
    return int(std::min<std::int64_t>(span / stride + 1, std::numeric_limits<int>::max()));
}

std::int64_t Layer::matrixWidth() const {
    switch (kind) {
    case LayerKind::Fc: return hwIn();
    case LayerKind::Conv: return geometry::matrixWidth(kernel, hwIn(), groups);
    case LayerKind::MaxPool: return 0;
    }
    return 0;
}

std::int64_t Layer::logicalMatrixWidth() const {
    switch (kind) {
    case LayerKind::Fc: return inChannels;
    case LayerKind::Conv: return geometry::matrixWidth(kernel, inChannels, groups);
    case LayerKind::MaxPool: return 0;
    }
    return 0;
}

std::int64_t Layer::macs() const {
    if (!isMatrix()) return 0;
    return logicalMatrixWidth() * outChannels * outPixels();
}

std::int64_t Layer::weights() const {
    if (!isMatrix()) return 0;
    return geometry::matrixWeights(geometry::matrixHeight(outChannels), logicalMatrixWidth());
}

} // namespace bitfold
