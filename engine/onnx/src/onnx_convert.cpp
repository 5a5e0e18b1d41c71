// The importer: splits the data path at its matrix nodes, reads the input quantizer off the
// pre-processing, integer weights off the weight quantizers, and each activation chain
// (bias, batch norm, scales, quantizer) off the float executor as integer thresholds.
#include "onnx_convert.h"

#include "bitfold/error.h"
#include "float_ops.h"
#include "onnx_layers.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace bitfold::onnx_import {

bool isQuantizer(const std::string& op) { return op == "Quant" || op == "BipolarQuant" || op == "MultiThreshold"; }
bool isOutputOp(const std::string& op) { return op == "TopK" || op == "ArgMax" || op == "Softmax"; }

Tensor encodeInput(const Graph& g, const std::uint8_t* values, InputEncoding encoding) {
    Tensor t;
    t.shape = g.inputShape;
    const std::int64_t n = t.size();
    t.data.resize(std::size_t(n));
    // Data-set samples are stored channel fastest; NCHW graphs read channel-major.
    const bool nchw = t.rank() == 4;
    const std::int64_t c = nchw ? t.shape[1] : 1, hw = n / std::max<std::int64_t>(c, 1);
    for (std::int64_t k = 0; k < n; ++k) {
        const std::uint8_t p = nchw ? values[(k % hw) * c + k / hw] : values[k];
        float v = p / 255.0f;
        if (encoding == InputEncoding::Byte) v = p;
        if (encoding == InputEncoding::Binary) v = p >= 128 ? 1.0f : 0.0f;
        if (encoding == InputEncoding::Bipolar) v = p >= 128 ? 1.0f : -1.0f;
        t.data[std::size_t(k)] = v;
    }
    return t;
}

namespace {

/// The data path cut at its matrix nodes: pre-processing, then per matrix node its trailing chain.
struct Segment {
    const Node* matrix = nullptr;
    std::vector<const Node*> chain;
};

std::vector<Segment> segment(const Graph& g) {
    std::vector<Segment> segs(1);
    std::string current = g.input;
    for (const Node& n : g.nodes) {
        int dynamic = 0;
        for (std::size_t k = 0; k < n.inputs.size(); ++k)
            if (!g.isConstant(n.inputs[k])) {
                ++dynamic;
                if (n.inputs[k] != current)
                    throw Error(g.where, n.label() + " branches off the main path; only chains are supported");
                if (k != 0 && (n.op == "Sub" || n.op == "Div"))
                    throw Error(g.where, n.label() + ": a constant minus/over the data is not supported");
            }
        if (dynamic != 1)
            throw Error(g.where, n.label() + " combines " + std::to_string(dynamic) + " data inputs; one is supported");
        const bool matrix =
            (n.op == "MatMul" || n.op == "Gemm" || n.op == "Conv") && n.inputs.size() > 1 && g.isConstant(n.inputs[1]);
        if ((n.op == "MatMul" || n.op == "Gemm" || n.op == "Conv") && !matrix)
            throw Error(g.where, n.label() + ": the weights must be constant");
        if (matrix)
            segs.push_back({&n, {}});
        else
            segs.back().chain.push_back(&n);
        current = n.outputs.at(0);
        if (n.op == "TopK") current = n.outputs.size() > 1 ? n.outputs[1] : current;
    }
    if (segs.size() < 2) throw Error(g.where, "the graph has no MatMul, Gemm or Conv node with constant weights");
    for (std::size_t s = 0; s < segs.size(); ++s)
        for (std::size_t k = 0; k < segs[s].chain.size(); ++k) {
            const Node& n = *segs[s].chain[k];
            if (isOutputOp(n.op) && s + 1 < segs.size())
                throw Error(g.where, n.label() + " is only supported at the end of the graph");
            if (n.op == "Trunc")
                throw Error(g.where, n.label() + ": Trunc (average pooling) is not supported by the accelerator");
        }
    return segs;
}

/// The input quantizer: which Bitfold input rule (1..8 bits) the pre-processing equals.
ValueMap inputQuantizer(const Graph& g, const Segment& pre, InputEncoding enc, std::vector<std::string>& notes) {
    std::vector<Node> nodes;
    for (const Node* n : pre.chain) nodes.push_back(*n);
    std::vector<double> value(256);
    for (int p = 0; p < 256; ++p) {
        std::vector<std::uint8_t> sample(std::size_t(Tensor{g.inputShape, {}}.size()), std::uint8_t(p));
        std::map<std::string, Tensor> values{{g.input, encodeInput(g, sample.data(), enc)}};
        runNodes(g, nodes, values);
        const Tensor& out = values.at(nodes.empty() ? g.input : nodes.back().outputs.at(0));
        for (float v : out.data)
            if (std::abs(v - out.data[0]) > 1e-6f * std::max(1.0f, std::abs(v)))
                throw Error(g.where,
                            "the input pre-processing differs between input elements (per-channel "
                            "normalisation); the accelerator quantises every input alike");
        value[p] = out.data.at(0);
    }
    for (int bits = 1; bits <= 8; ++bits) {
        auto level = [bits](int p) { return bits == 1 ? (p >= 128 ? 1 : -1) : p >> (8 - bits); };
        const double s = (value[255] - value[0]) / (level(255) - level(0));
        const double b = value[0] - level(0) * s;
        bool fits = s != 0;
        for (int p = 0; p < 256 && fits; ++p)
            fits = std::abs(value[p] - (level(p) * s + b)) <= 1e-5 * std::max(1.0, std::abs(value[p]));
        if (fits) {
            notes.push_back("input: " + std::string(toString(enc)) + " encoding, pre-processing (" +
                            std::to_string(pre.chain.size()) + " nodes) folded into a " + std::to_string(bits) +
                            "-bit input quantizer");
            return {bits, s, b};
        }
    }
    throw Error(g.where,
                "the input pre-processing is not one of the accelerator's input quantizers "
                "(1-bit sign at 128, or the top B bits of the byte) under the " +
                    std::string(toString(enc)) + " input encoding");
}

InputEncoding autoEncoding(const Graph& g) {
    auto it = g.finnTypes.find(g.input);
    if (it != g.finnTypes.end()) {
        if (it->second == "BIPOLAR") return InputEncoding::Bipolar;
        if (it->second == "BINARY") return InputEncoding::Binary;
        if (it->second == "UINT8") return InputEncoding::Byte;
    }
    return InputEncoding::Unit;
}

} // namespace

OnnxImport convertGraph(Graph g, const std::string& id, InputEncoding encoding) {
    OnnxImport out;
    if (encoding == InputEncoding::Auto) encoding = autoEncoding(g);
    out.encoding = encoding;
    const auto segs = segment(g);
    bool quantized = !g.quant.empty();
    for (const Node& n : g.nodes) quantized = quantized || isQuantizer(n.op);
    for (const auto& [t, type] : g.finnTypes)
        quantized = quantized || (g.constants.count(t) && parseFinnType(type).bits > 0);

    LayerBuilder builder(g, id);
    std::vector<LayerParams> params;
    ValueMap act{};
    if (quantized) act = inputQuantizer(g, segs[0], encoding, out.notes);
    builder.network().inputBits = quantized ? act.bits : 8;
    for (std::size_t s = 1; s < segs.size(); ++s) {
        const bool last = s + 1 == segs.size();
        MatrixLayer m = builder.matrix(*segs[s].matrix, segs[s].chain);
        if (quantized) {
            LayerParams p = integerLayer(g, m, segs[s].chain, act, last, out.notes);
            builder.network().layers[m.layerIndex].activation = p.actBits > 0;
            params.push_back(std::move(p));
        }
        for (int pool : m.pools) {
            (void)pool;
            params.push_back(LayerParams{});
        }
    }
    out.network = builder.network();
    validate(out.network);
    if (!quantized) {
        out.precision = resolvePrecision(out.network, PrecisionSpec{kFloatBits, kFloatBits, 0, {}});
        out.notes.push_back("no quantizers: imported as float32 (choose precisions to explore)");
        out.graph = std::make_shared<FloatGraph>(FloatGraph{std::move(g)});
        return out;
    }
    ParamPackage pkg;
    pkg.network = out.network;
    pkg.inputBits = out.network.inputBits;
    pkg.layers = std::move(params);
    for (std::size_t k = 0; k < pkg.layers.size(); ++k)
        if (out.network.layers[k].kind == LayerKind::MaxPool) pkg.layers[k] = LayerParams{};
    out.precision = pkg.precision();
    out.params = std::move(pkg);
    out.graph = std::make_shared<FloatGraph>(FloatGraph{std::move(g)});
    return out;
}

} // namespace bitfold::onnx_import
