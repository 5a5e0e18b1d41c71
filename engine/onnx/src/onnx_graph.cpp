// Protobuf -> Graph, and constant folding (docs/onnx.md).
#include "onnx_graph.h"

#include "bitfold/error.h"
#include "float_ops.h"
#include "onnx_convert.h"

#include <cmath>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace bitfold::onnx_import {

std::int64_t Tensor::size() const {
    std::int64_t n = 1;
    for (auto d : shape) {
        if (d < 0 || (d > 0 && n > kMaxTensorValues / d))
            throw Error("tensor",
                        "a shape of more than " + std::to_string(kMaxTensorValues) +
                            " values (or a negative dimension): not a network the accelerator can hold");
        n *= d;
    }
    return n;
}

std::int64_t Node::i(const std::string& a, std::int64_t def) const {
    auto it = attrs.find(a);
    return it == attrs.end() ? def : it->second.i;
}
float Node::f(const std::string& a, float def) const {
    auto it = attrs.find(a);
    return it == attrs.end() ? def : it->second.f;
}
std::string Node::s(const std::string& a, const std::string& def) const {
    auto it = attrs.find(a);
    return it == attrs.end() ? def : it->second.s;
}
std::vector<std::int64_t> Node::ints(const std::string& a) const {
    auto it = attrs.find(a);
    return it == attrs.end() ? std::vector<std::int64_t>{} : it->second.ints;
}

const Tensor& Graph::constant(const std::string& t, const Node& user) const {
    auto it = constants.find(t);
    if (it == constants.end()) throw Error(where, user.label() + ": input " + t + " must be a constant");
    return it->second;
}

FinnType parseFinnType(const std::string& s) {
    if (s == "BIPOLAR") return {1, true, false};
    if (s == "BINARY") return {1, false, false};
    if (s == "TERNARY") return {2, false, true};
    if (s.rfind("UINT", 0) == 0) return {std::atoi(s.c_str() + 4), false, false};
    if (s.rfind("INT", 0) == 0) return {std::atoi(s.c_str() + 3), false, true};
    return {};
}

namespace {

template <typename T>
std::vector<float> fromRaw(const std::string& raw, std::int64_t n, const std::string& where) {
    if (std::int64_t(raw.size()) != n * std::int64_t(sizeof(T)))
        throw Error(where, "raw data of " + std::to_string(raw.size()) + " bytes for " + std::to_string(n) + " values");
    std::vector<float> out(static_cast<std::size_t>(n), 0.0f);
    for (std::int64_t k = 0; k < n; ++k) {
        T v;
        std::memcpy(&v, raw.data() + k * sizeof(T), sizeof(T));
        out[std::size_t(k)] = float(v);
    }
    return out;
}

Tensor toTensor(const onnx::TensorProto& p, const std::string& where) {
    Tensor t;
    for (auto d : p.dims()) {
        if (d < 0) throw Error(where, "tensor " + p.name() + " has a negative dimension");
        t.shape.push_back(d);
    }
    const std::int64_t n = t.size();
    const std::string w = where + ": tensor " + p.name();
    using TP = onnx::TensorProto;
    const bool raw = p.has_raw_data();
    switch (p.data_type()) {
    case TP::FLOAT:
        t.data =
            raw ? fromRaw<float>(p.raw_data(), n, w) : std::vector<float>(p.float_data().begin(), p.float_data().end());
        break;
    case TP::DOUBLE:
        if (raw)
            t.data = fromRaw<double>(p.raw_data(), n, w);
        else
            for (double v : p.double_data()) t.data.push_back(float(v));
        break;
    case TP::INT64:
        if (raw)
            t.data = fromRaw<std::int64_t>(p.raw_data(), n, w);
        else
            for (auto v : p.int64_data()) t.data.push_back(float(v));
        break;
    case TP::INT32:
    case TP::INT8:
    case TP::UINT8:
    case TP::INT16:
    case TP::BOOL:
        if (raw && p.data_type() == TP::INT32)
            t.data = fromRaw<std::int32_t>(p.raw_data(), n, w);
        else if (raw && (p.data_type() == TP::UINT8 || p.data_type() == TP::BOOL))
            t.data = fromRaw<std::uint8_t>(p.raw_data(), n, w);
        else if (raw && p.data_type() == TP::INT8)
            t.data = fromRaw<std::int8_t>(p.raw_data(), n, w);
        else if (raw)
            t.data = fromRaw<std::int16_t>(p.raw_data(), n, w);
        else
            for (auto v : p.int32_data()) t.data.push_back(float(v));
        break;
    default: throw Error(w, "element type " + std::to_string(p.data_type()) + " is not supported");
    }
    if (std::int64_t(t.data.size()) != n)
        throw Error(w, "holds " + std::to_string(t.data.size()) + " values for a shape of " + std::to_string(n));
    return t;
}

std::vector<std::int64_t> shapeOf(const onnx::ValueInfoProto& v) {
    std::vector<std::int64_t> s;
    for (const auto& d : v.type().tensor_type().shape().dim())
        s.push_back(d.has_dim_value() && d.dim_value() > 0 ? d.dim_value() : 1); // symbolic batch -> 1
    return s;
}

Node toNode(const onnx::NodeProto& p, int index, const std::string& where) {
    Node n;
    n.name = p.name().empty() ? p.op_type() + "_" + std::to_string(index) : p.name();
    n.op = p.op_type();
    n.domain = p.domain();
    n.inputs.assign(p.input().begin(), p.input().end());
    n.outputs.assign(p.output().begin(), p.output().end());
    for (const auto& a : p.attribute()) {
        Attribute at;
        at.f = a.f();
        at.i = a.i();
        at.s = a.s();
        at.ints.assign(a.ints().begin(), a.ints().end());
        at.floats.assign(a.floats().begin(), a.floats().end());
        if (a.has_t()) at.t = toTensor(a.t(), where + ": " + n.label());
        n.attrs[a.name()] = std::move(at);
    }
    return n;
}

} // namespace
bool isLayoutOp(const std::string& op) {
    static const std::set<std::string> ops{"Transpose", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity"};
    return ops.count(op) > 0;
}

int quantBits(const Node& n, const Tensor& bits, const std::string& where) {
    if (bits.data.size() != 1) throw Error(where, n.label() + ": the bit width must be one value");
    const float b = bits.data[0];
    if (!(b >= 1 && b <= 32 && b == std::floor(b)))
        throw Error(where, n.label() + ": bit width " + std::to_string(b) + " is not an integer in 1..32");
    return int(b);
}

namespace {
/// Records how a folded quantizer (or a layout op on a quantized constant) quantized its value.
void trackQuant(Graph& g, const Node& n, const std::vector<const Tensor*>& in, const Tensor& out) {
    if (n.op == "Quant" || n.op == "BipolarQuant") {
        QuantInfo q;
        q.bipolar = n.op == "BipolarQuant";
        q.bits = q.bipolar ? 1 : quantBits(n, *in[3], g.where);
        q.narrow = n.i("narrow", 0) != 0;
        q.isSigned = n.i("signed", 1) != 0;
        const Tensor& s = *in[1];
        q.scale.shape = out.shape;
        q.scale.data.resize(out.data.size());
        // Broadcast the scale to the value's shape (numpy rules, trailing axes).
        Tensor one = out;
        std::fill(one.data.begin(), one.data.end(), 1.0f);
        Node mul;
        mul.name = n.name;
        mul.op = "Mul";
        q.scale = runNode(mul, {&one, &s}).at(0);
        g.quant[n.outputs[0]] = std::move(q);
    } else if (isLayoutOp(n.op) && !n.inputs.empty() && g.quant.count(n.inputs[0])) {
        QuantInfo q = g.quant[n.inputs[0]];
        std::vector<const Tensor*> args = in;
        args[0] = &q.scale;
        q.scale = runNode(n, args).at(0);
        g.quant[n.outputs[0]] = std::move(q);
    }
}

/// Static shapes by running the graph once on zeros, then every node whose inputs are all
/// constant (or that only reads a shape) becomes a constant.
void foldConstants(Graph& g, std::vector<Node> all) {
    std::map<std::string, Tensor> values;
    Tensor zero;
    zero.shape = g.inputShape;
    zero.data.assign(std::size_t(zero.size()), 0.0f);
    values[g.input] = zero;
    runNodes(g, all, values);
    for (const auto& [name, t] : values) g.shapes[name] = t.shape;
    for (const auto& [name, t] : g.constants) g.shapes[name] = t.shape;
    for (Node& n : all) {
        bool constant = n.op == "Shape" || n.op == "Constant";
        if (!constant) {
            constant = true;
            for (const auto& in : n.inputs) constant = constant && g.isConstant(in);
        }
        if (!constant) {
            g.nodes.push_back(std::move(n));
            continue;
        }
        std::vector<const Tensor*> in;
        Tensor shapeValue;
        if (n.op == "Shape") {
            const auto& s = g.shapes.at(n.inputs.at(0));
            shapeValue.shape = {std::int64_t(s.size())};
            for (auto d : s) shapeValue.data.push_back(float(d));
            g.constants[n.outputs.at(0)] = shapeValue;
            g.folded.push_back(std::move(n));
            continue;
        }
        for (const auto& name : n.inputs) in.push_back(name.empty() ? nullptr : &g.constants.at(name));
        auto outs = runNode(n, in);
        trackQuant(g, n, in, outs.at(0));
        for (std::size_t k = 0; k < outs.size() && k < n.outputs.size(); ++k)
            g.constants[n.outputs[k]] = std::move(outs[k]);
        g.folded.push_back(std::move(n));
    }
}

} // namespace

Graph parseOnnx(const std::string& bytes, const std::string& where) {
    if (bytes.empty()) throw Error(where, "the file is empty");
    onnx::ModelProto model;
    if (!model.ParseFromString(bytes))
        throw Error(where, "not a valid ONNX model (protobuf parse failed: garbage or truncated file)");
    if (!model.has_graph() || model.graph().node_size() == 0)
        throw Error(where, "the model has no graph nodes (not an ONNX model, or truncated)");
    const auto& gp = model.graph();
    for (const auto& n : gp.node()) {
        const std::string& op = n.op_type();
        if (op.rfind("MVAU", 0) == 0 || op == "MatrixVectorActivation" || op.rfind("ConvolutionInputGenerator", 0) == 0)
            throw Error(where,
                        "node " + n.name() + " (" + op +
                            "): a FINN HW graph; import the QONNX/FINN-ONNX model "
                            "and pass this file as --finn-folding to take its PE/SIMD");
    }
    Graph g;
    g.where = where;
    for (const auto& init : gp.initializer()) g.constants[init.name()] = toTensor(init, where);
    std::vector<onnx::ValueInfoProto> inputs;
    for (const auto& in : gp.input())
        if (!g.constants.count(in.name())) inputs.push_back(in);
    if (inputs.size() != 1)
        throw Error(where, "the graph has " + std::to_string(inputs.size()) + " data inputs; one is supported");
    if (gp.output_size() != 1 && gp.output_size() != 2)
        throw Error(where, "the graph has " + std::to_string(gp.output_size()) + " outputs; one is supported");
    g.input = inputs[0].name();
    g.inputShape = shapeOf(inputs[0]);
    if (g.inputShape.empty()) throw Error(where, "input " + g.input + " has no static shape");
    g.output = gp.output(gp.output_size() - 1).name();
    for (const auto& a : gp.quantization_annotation())
        for (const auto& kv : a.quant_parameter_tensor_names())
            if (kv.key() == "finn_datatype") g.finnTypes[a.tensor_name()] = kv.value();
    std::vector<Node> all;
    std::set<std::string> defined{g.input};
    for (const auto& [name, t] : g.constants) defined.insert(name);
    for (int k = 0; k < gp.node_size(); ++k) {
        Node n = toNode(gp.node(k), k, where);
        if (!isSupportedOp(n.op))
            throw Error(where, n.label() + " is not supported (supported: " + supportedOps() + ")");
        for (const auto& in : n.inputs)
            if (!in.empty() && !defined.count(in))
                throw Error(where, n.label() + ": input " + in + " is not produced by an earlier node");
        for (const auto& out : n.outputs) defined.insert(out);
        all.push_back(std::move(n));
    }
    if (!defined.count(g.output)) throw Error(where, "output " + g.output + " is produced by no node");
    foldConstants(g, std::move(all));
    return g;
}

Graph readOnnxFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw Error(path, "cannot open the file");
    std::ostringstream ss;
    ss << f.rdbuf();
    return parseOnnx(ss.str(), path);
}

} // namespace bitfold::onnx_import
