#include "fold.h"

#include <cassert>
#include <cmath>
#include <limits>

namespace bitfold::train {
namespace {

std::int32_t clampToInt32(double v) {
    constexpr double lo = std::numeric_limits<std::int32_t>::min();
    constexpr double hi = std::numeric_limits<std::int32_t>::max();
    if (std::isnan(v)) return std::numeric_limits<std::int32_t>::max();
    return static_cast<std::int32_t>(std::min(hi, std::max(lo, v)));
}

} // namespace

LayerParams foldLayer(std::int64_t mh, std::int64_t mw, int weightBits, int actBits, const TrainedLayer& layer) {
    assert(std::int64_t(layer.weights.size()) == mh * mw);
    assert(std::int64_t(layer.weightScale.size()) == mh);
    LayerParams p;
    p.weightBits = weightBits;
    p.actBits = actBits;
    p.mh = mh;
    p.mw = mw;
    p.weights = layer.weights;
    if (actBits == 0) return p;

    assert(std::int64_t(layer.gamma.size()) == mh);
    const int levels = (1 << actBits) - 1;
    p.thresholds.resize(std::size_t(mh) * levels);
    for (std::int64_t o = 0; o < mh; ++o) {
        // z = slope * acc + offset, in double: the float graph's own rounding is far below
        // the gap between two integer accumulators except at measure-zero boundaries.
        const double inv = 1.0 / std::sqrt(layer.var[o] + layer.eps);
        const double slope = layer.gamma[o] * inv * layer.weightScale[o] * layer.inputScale;
        const double offset = layer.beta[o] - layer.gamma[o] * layer.mean[o] * inv;
        if (slope < 0) {
            for (std::int64_t i = 0; i < mw; ++i) p.weights[o * mw + i] = std::int8_t(-p.weights[o * mw + i]);
        }
        for (int k = 0; k < levels; ++k) {
            // Output >= k+1 exactly when z >= boundary (sign at 0; rounding half up at k+0.5).
            const double boundary = actBits == 1 ? 0.0 : layer.actStep * (k + 0.5);
            std::int32_t t;
            if (slope == 0)
                t = offset >= boundary ? std::numeric_limits<std::int32_t>::min()
                                       : std::numeric_limits<std::int32_t>::max();
            else
                t = clampToInt32(std::ceil((boundary - offset) / std::abs(slope)));
            p.thresholds[std::size_t(o) * levels + k] = t;
        }
    }
    return p;
}

ParamPackage foldPackage(const Network& net, int inputBits, int weightBits, int actBits,
                         const std::vector<TrainedLayer>& layers, const std::vector<int>& layerWeightBits) {
    assert(layers.size() == net.layers.size());
    ParamPackage pkg;
    pkg.network = net;
    pkg.inputBits = inputBits;
    pkg.dataset = net.dataset;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        if (!l.isMatrix()) {
            pkg.layers.push_back(LayerParams{});
            continue;
        }
        const int wb = i < layerWeightBits.size() && layerWeightBits[i] > 0 ? layerWeightBits[i] : weightBits;
        pkg.layers.push_back(foldLayer(l.matrixHeight(), l.matrixWidth(), wb, l.activation ? actBits : 0, layers[i]));
    }
    return pkg;
}

} // namespace bitfold::train
