#pragma once
// The float reference executor: the supported ONNX/QONNX/FINN ops on float tensors, plain
// loops, no dependency. Used to fold constants, to run the original graph for the agreement
// check, and to read thresholds off the activation chains.
#include "onnx_graph.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace bitfold::onnx_import {

/// True for op types the executor runs.
bool isSupportedOp(const std::string& op);
/// The supported op types, comma-separated (for refusal messages).
std::string supportedOps();

/// Runs one node; `in[i]` is null for an absent optional input. Throws Error naming the node.
std::vector<Tensor> runNode(const Node& n, const std::vector<const Tensor*>& in);

/// Runs `nodes` in order from `values` (which must hold the graph input and constants
/// are looked up in `g`); every output lands in `values`.
void runNodes(const Graph& g, const std::vector<Node>& nodes, std::map<std::string, Tensor>& values);

/// Numpy broadcasting of two shapes; throws Error naming `where` when they do not broadcast.
std::vector<std::int64_t> broadcastShape(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b,
                                         const std::string& where);

/// Conv/pool padding [top, left, bottom, right] from `pads` or `auto_pad` (square kernel k, stride s).
std::array<std::int64_t, 4> padsOf(const Node& n, std::int64_t inH, std::int64_t inW, std::int64_t k, std::int64_t s);

} // namespace bitfold::onnx_import
