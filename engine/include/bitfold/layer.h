#pragma once
// One layer of a streaming dataflow network: its shape, nothing about precision or folding.
#include <cstdint>
#include <string>

namespace bitfold {

enum class LayerKind { Fc, Conv, MaxPool };

const char* toString(LayerKind kind);
LayerKind layerKindFromString(const std::string& s); // throws Error

/// Shapes are square feature maps. For FC layers inChannels/outChannels are the
/// input/output features and inDim is 1. Stored fields are what a network file says;
/// everything else (output side, matrix size, ops) is derived.
struct Layer {
    std::string name;
    LayerKind kind = LayerKind::Fc;
    int inChannels = 0;
    int outChannels = 0; ///< max-pool: equals inChannels
    int inDim = 1; ///< input feature-map side, pixels
    int kernel = 1; ///< kernel (conv) or window (pool) side
    int stride = 1;
    int padTotal = 0; ///< zero padding added along one axis, both sides together
    int groups = 1; ///< grouped convolution (DoReFa-Net), 1 otherwise
    int paddedIn = 0; ///< hardware-padded input features/channels (BNN-PYNQ LFC 784 -> 832); 0 = none
    int paddedOut = 0; ///< hardware-padded outputs (last layers 10 -> 64); 0 = none
    bool activation = true; ///< quantized activation (thresholds) after it; false: raw accumulators out

    bool operator==(const Layer&) const = default;

    bool isMatrix() const { return kind != LayerKind::MaxPool; } ///< an MVTU in hardware
    int outDim() const; ///< output side, pixels
    int hwIn() const { return paddedIn > 0 ? paddedIn : inChannels; }
    int hwOut() const { return paddedOut > 0 ? paddedOut : outChannels; }
    /// Matrix width MW = K*K*C_in/groups (padded), the inputs per output (geometry.h).
    std::int64_t matrixWidth() const;
    /// Logical (unpadded) matrix width K*K*C_in/groups, the width of a parameter package's matrix.
    std::int64_t logicalMatrixWidth() const;
    /// Matrix height MH = output channels (padded).
    std::int64_t matrixHeight() const { return isMatrix() ? hwOut() : 0; }
    std::int64_t outPixels() const { return std::int64_t(outDim()) * outDim(); }
    /// Logical (unpadded) multiply-accumulates per frame.
    std::int64_t macs() const;
    std::int64_t ops() const { return 2 * macs(); }
    /// Logical (unpadded) weight count.
    std::int64_t weights() const;
};

} // namespace bitfold
