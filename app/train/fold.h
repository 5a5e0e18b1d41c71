#pragma once
// Folding a trained layer (integer weights, per-row weight scale, batch norm, activation
// quantizer) into the integer form of docs/semantics.md. No torch here: the trainer hands
// over plain numbers, so this is compiled and tested cheaply.
#include "bitfold/params.h"

#include <cstdint>
#include <vector>

namespace bitfold::train {

/// One matrix layer as trained. The float graph computes, per output row o,
///   z[o] = gamma[o] * (weightScale[o] * inputScale * acc[o] - mean[o]) / sqrt(var[o] + eps) + beta[o]
/// with acc the exact integer dot product of `weights` and the integer inputs, and then
///   A = 1:  +1 if z >= 0, else -1
///   A >= 2: clamp(floor(z / actStep + 0.5), 0, 2^A - 1)
/// The last layer (no activation) has no batch norm: its scores are
/// weightScale * inputScale * acc with one positive scale for all rows.
struct TrainedLayer {
    std::vector<std::int8_t> weights; ///< mh*mw integers in the W-bit range, semantics order
    std::vector<double> weightScale; ///< mh, > 0 (the last layer: all equal)
    double inputScale = 1.0; ///< float value of the integer input 1
    std::vector<double> gamma, beta, mean, var; ///< mh each; empty for the last layer
    double eps = 1e-5;
    double actStep = 0.0; ///< A >= 2: float value of activation level 1
};

/// Integer thresholds and (sign-adjusted) weights of one layer. Where the batch-norm slope of
/// a row is negative, the row's weights are negated so that `acc >= t` holds for every row;
/// t[k] = ceil(real boundary k in the accumulator domain), clamped to int32.
LayerParams foldLayer(std::int64_t mh, std::int64_t mw, int weightBits, int actBits, const TrainedLayer& layer);

/// The whole package: `layers` has one entry per network layer (max-pool entries are ignored).
/// `layerWeightBits[i] > 0` overrides `weightBits` for layer i (per-layer precision).
ParamPackage foldPackage(const Network& net, int inputBits, int weightBits, int actBits,
                         const std::vector<TrainedLayer>& layers, const std::vector<int>& layerWeightBits = {});

} // namespace bitfold::train
