#pragma once
// An ONNX graph as the importer sees it: float tensors, nodes in execution order, the one
// input and output, FINN data-type annotations. Parsed from protobuf, then constant-folded
// (weights through their quantizers, shape arithmetic) so only the data path remains.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bitfold::onnx_import {

/// The most values one tensor may have (2^28 floats, 1 GiB): a larger shape in a file is refused
/// with an Error instead of exhausting memory.
constexpr std::int64_t kMaxTensorValues = std::int64_t(1) << 28;

/// A dense tensor; integer tensors (shapes, indices) are stored as float too (exact below 2^24).
struct Tensor {
    std::vector<std::int64_t> shape;
    std::vector<float> data;
    std::int64_t size() const;
    int rank() const { return int(shape.size()); }
};

struct Attribute {
    float f = 0;
    std::int64_t i = 0;
    std::string s;
    std::vector<std::int64_t> ints;
    std::vector<float> floats;
    Tensor t;
};

struct Node {
    std::string name, op, domain;
    std::vector<std::string> inputs, outputs;
    std::map<std::string, Attribute> attrs;
    bool has(const std::string& a) const { return attrs.count(a) > 0; }
    std::int64_t i(const std::string& a, std::int64_t def) const;
    float f(const std::string& a, float def) const;
    std::string s(const std::string& a, const std::string& def) const;
    std::vector<std::int64_t> ints(const std::string& a) const;
    std::string label() const { return "node " + name + " (" + op + ")"; }
};

/// Where a quantized constant came from: bits and the scale of each element (same shape as
/// the value), so integer codes are value / scale.
struct QuantInfo {
    int bits = 0;
    bool bipolar = false;
    bool narrow = true;
    bool isSigned = true;
    Tensor scale;
};

struct Graph {
    std::string where; ///< file name, for errors
    std::vector<Node> nodes; ///< data-path nodes after folding, in order
    std::map<std::string, Tensor> constants; ///< initializers and folded values
    std::map<std::string, QuantInfo> quant; ///< quantized constants (weights)
    std::map<std::string, std::string> finnTypes; ///< tensor -> FINN data type ("BIPOLAR", "INT2", "UINT8")
    std::map<std::string, std::vector<std::int64_t>> shapes; ///< static shape of every tensor
    std::string input, output;
    std::vector<std::int64_t> inputShape; ///< batch 1
    std::vector<Node> folded; ///< nodes folded into constants (for the report)

    bool isConstant(const std::string& t) const { return t.empty() || constants.count(t) > 0; }
    const Tensor& constant(const std::string& t, const Node& user) const; ///< throws naming the node
};

/// Parses a serialized ModelProto; throws Error naming `where` for garbage, truncated or
/// empty input, several inputs/outputs or a cyclic graph.
Graph parseOnnx(const std::string& bytes, const std::string& where);
/// Reads and parses a file.
Graph readOnnxFile(const std::string& path);

/// A Quant node's bit width (its fourth input, a float): an integer in 1..32, or an Error naming
/// the node and `where` (NaN or 1e30 there must not reach an int conversion).
int quantBits(const Node& n, const Tensor& bits, const std::string& where);

/// Data types FINN annotates: bits and whether the values are bipolar (-1/+1) or signed.
struct FinnType {
    int bits = 0;
    bool bipolar = false;
    bool isSigned = false;
};
/// "BIPOLAR", "BINARY", "INTk", "UINTk", "TERNARY"; bits 0 for anything else (FLOAT32...).
FinnType parseFinnType(const std::string& s);

} // namespace bitfold::onnx_import
