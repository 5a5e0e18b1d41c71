#pragma once
// Float graph -> Bitfold network, precisions and (for quantized graphs) an integer package.
#include "bitfold/onnx_import.h"
#include "onnx_graph.h"

namespace bitfold {
struct FloatGraph {
    onnx_import::Graph graph;
};
} // namespace bitfold

namespace bitfold::onnx_import {

/// The importer proper; throws Error naming the node at fault. `id` becomes the network id.
OnnxImport convertGraph(Graph g, const std::string& id, InputEncoding encoding);

/// The float input tensor (graph input shape, NCHW) for one sample of 8-bit values stored
/// channel fastest, under an encoding.
Tensor encodeInput(const Graph& g, const std::uint8_t* values, InputEncoding encoding);

bool isQuantizer(const std::string& op);
bool isOutputOp(const std::string& op);
bool isLayoutOp(const std::string& op);

} // namespace bitfold::onnx_import
