#pragma once
// Matrix and pooling nodes -> Bitfold layers (shapes, weight layout), and one matrix node's
// integer parameters: weight codes and the thresholds its activation chain amounts to.
#include "bitfold/network.h"
#include "bitfold/params.h"
#include "onnx_graph.h"

#include <string>
#include <vector>

namespace bitfold::onnx_import {

/// Values a layer's inputs take: level * scale + offset, levels as docs/semantics.md defines
/// them for `bits` (1 = -1/+1, else 0..2^bits-1).
struct ValueMap {
    int bits = 8;
    double scale = 1;
    double offset = 0;
};

/// A matrix node in Bitfold's layout: row o holds the MW weights in (ky, kx, c) order.
struct MatrixLayer {
    const Node* node = nullptr;
    int layerIndex = 0;
    std::vector<int> pools; ///< indices of the max-pool layers emitted after it
    std::int64_t mh = 0, mw = 0;
    std::vector<float> weights; ///< mh * mw float values
    std::vector<float> scales; ///< per weight: value / scale is the integer code
    int weightBits = 0; ///< 0: not quantized
    bool bipolar = false;
    std::vector<double> bias; ///< per output, added to the product (Gemm C, Conv B)
    double alpha = 1; ///< Gemm alpha
    bool padded = false; ///< conv with zero padding
    bool channelsLast = false; ///< conv output (a feature map) feeds the next layer
};

class LayerBuilder {
public:
    LayerBuilder(const Graph& g, const std::string& id);
    /// Appends the layer of a matrix node and the max-pool layers in its trailing chain.
    MatrixLayer matrix(const Node& n, const std::vector<const Node*>& chain);
    Network& network() { return m_net; }

private:
    void addPool(const Node& n);
    const Graph& m_g;
    Network m_net;
    int m_fc = 0, m_conv = 0, m_pool = 0;
};

/// Integer weights and thresholds of one matrix layer. `act` is the input's value map on
/// entry and the output's on return. Appends what was folded to `notes`.
LayerParams integerLayer(const Graph& g, MatrixLayer& m, const std::vector<const Node*>& chain, ValueMap& act,
                         bool last, std::vector<std::string>& notes);

} // namespace bitfold::onnx_import
