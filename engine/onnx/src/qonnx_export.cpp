// A parameter package as a FINN-ONNX / QONNX graph (bitfold/onnx_import.h, docs/onnx.md):
// integer weights annotated with their FINN data type, MultiThreshold for the input
// quantizer and every activation, the same layouts the importer reads back.
#include "bitfold/error.h"
#include "bitfold/onnx_import.h"

#include <onnx/onnx_pb.h>

#include <fstream>

namespace bitfold {

namespace {

struct Writer {
    onnx::GraphProto* g;
    std::string current = "global_in";
    int count = 0;

    void annotate(const std::string& tensor, const std::string& type) {
        auto* a = g->add_quantization_annotation();
        a->set_tensor_name(tensor);
        auto* kv = a->add_quant_parameter_tensor_names();
        kv->set_key("finn_datatype");
        kv->set_value(type);
    }
    std::string constant(const std::string& name, const std::vector<std::int64_t>& shape, const std::vector<float>& v) {
        auto* t = g->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (auto d : shape) t->add_dims(d);
        t->set_raw_data(std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)));
        return name;
    }
    onnx::NodeProto* node(const std::string& op, const std::vector<std::string>& extra,
                          const std::string& domain = "") {
        auto* n = g->add_node();
        n->set_op_type(op);
        n->set_name(op + "_" + std::to_string(count));
        if (!domain.empty()) n->set_domain(domain);
        n->add_input(current);
        for (const auto& e : extra) n->add_input(e);
        current = op + "_" + std::to_string(count++) + "_out";
        n->add_output(current);
        return n;
    }
    static void ints(onnx::NodeProto* n, const std::string& name, std::vector<std::int64_t> v) {
        auto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (auto x : v) a->add_ints(x);
    }
    static void attr(onnx::NodeProto* n, const std::string& name, float f) {
        auto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(f);
    }
    static void attr(onnx::NodeProto* n, const std::string& name, const std::string& s) {
        auto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(s);
    }
    /// Levels 0..T as MultiThreshold counts; 1 bit as -1/+1.
    void thresholds(std::int64_t rows, int bits, const std::vector<float>& t) {
        const std::int64_t steps = (1 << bits) - 1;
        const std::string name = constant("T" + std::to_string(count), {rows, steps}, t);
        auto* n = node("MultiThreshold", {name}, "qonnx.custom_op.general");
        attr(n, "out_dtype", bits == 1 ? std::string("BIPOLAR") : "UINT" + std::to_string(bits));
        attr(n, "out_scale", bits == 1 ? 2.0f : 1.0f);
        attr(n, "out_bias", bits == 1 ? -1.0f : 0.0f);
    }
};

float exact(std::int32_t t, const std::string& layer) {
    if (t > (1 << 24) || t < -(1 << 24))
        throw Error("layer " + layer, "threshold " + std::to_string(t) + " is not exact as float32");
    return float(t);
}

} // namespace

void exportQonnx(const ParamPackage& pkg, const std::string& path) {
    const Network& net = pkg.network;
    if (net.layers.empty() || pkg.layers.size() != net.layers.size())
        throw Error(path, "the package does not match its network");
    onnx::ModelProto model;
    model.set_ir_version(8);
    model.set_producer_name("bitfold");
    auto* op = model.add_opset_import();
    op->set_version(11);
    Writer w{model.mutable_graph()};
    w.g->set_name(net.id);
    const Layer& first = net.layers.front();
    std::vector<std::int64_t> inShape = first.kind == LayerKind::Fc
        ? std::vector<std::int64_t>{1, first.inChannels}
        : std::vector<std::int64_t>{1, first.inChannels, first.inDim, first.inDim};
    auto* in = w.g->add_input();
    in->set_name("global_in");
    in->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    for (auto d : inShape) in->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(d);
    w.annotate("global_in", "UINT8");
    if (pkg.inputBits < 8) { // the input quantizer: pixel >= 128, or the top B bits
        std::vector<float> t;
        for (int k = 1; k < (1 << pkg.inputBits); ++k) t.push_back(float(k << (8 - pkg.inputBits)));
        w.thresholds(1, pkg.inputBits, t);
    }
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const LayerParams& p = pkg.layers[i];
        if (l.kind == LayerKind::MaxPool) {
            auto* n = w.node("MaxPool", {});
            Writer::ints(n, "kernel_shape", {l.kernel, l.kernel});
            Writer::ints(n, "strides", {l.stride, l.stride});
            Writer::ints(n, "pads",
                         {l.padTotal / 2, l.padTotal / 2, l.padTotal - l.padTotal / 2, l.padTotal - l.padTotal / 2});
            continue;
        }
        std::vector<float> weights(p.weights.size());
        std::vector<std::int64_t> shape;
        if (l.kind == LayerKind::Conv) {
            const std::int64_t cg = l.inChannels / l.groups, k = l.kernel;
            shape = {p.mh, cg, k, k};
            for (std::int64_t o = 0; o < p.mh; ++o)
                for (std::int64_t ky = 0; ky < k; ++ky)
                    for (std::int64_t kx = 0; kx < k; ++kx)
                        for (std::int64_t c = 0; c < cg; ++c)
                            weights[((o * cg + c) * k + ky) * k + kx] = p.weights[o * p.mw + (ky * k + kx) * cg + c];
        } else {
            std::int64_t C = 1, HW = p.mw;
            if (i > 0 && net.layers[i - 1].kind != LayerKind::Fc) {
                C = net.layers[i - 1].outChannels;
                HW = p.mw / C;
                w.node("Flatten", {});
            }
            shape = {p.mw, p.mh};
            for (std::int64_t o = 0; o < p.mh; ++o)
                for (std::int64_t j = 0; j < p.mw; ++j)
                    weights[((j % C) * HW + j / C) * p.mh + o] = p.weights[o * p.mw + j];
        }
        const std::string wname = w.constant("W" + std::to_string(i), shape, weights);
        w.annotate(wname, p.weightBits == 1 ? "BIPOLAR" : "INT" + std::to_string(p.weightBits));
        auto* n = w.node(l.kind == LayerKind::Conv ? "Conv" : "MatMul", {wname});
        if (l.kind == LayerKind::Conv) {
            const std::int64_t b = l.padTotal / 2, e = l.padTotal - b;
            Writer::ints(n, "kernel_shape", {l.kernel, l.kernel});
            Writer::ints(n, "strides", {l.stride, l.stride});
            Writer::ints(n, "pads", {b, b, e, e});
            auto* a = n->add_attribute();
            a->set_name("group");
            a->set_type(onnx::AttributeProto::INT);
            a->set_i(l.groups);
        }
        if (l.activation) {
            std::vector<float> t;
            for (std::int32_t v : p.thresholds) t.push_back(exact(v, l.name));
            w.thresholds(p.mh, p.actBits, t);
        }
    }
    if (net.layers.back().isMatrix() && net.layers.back().outChannels > 1) {
        auto* n = w.node("ArgMax", {});
        auto* a = n->add_attribute();
        a->set_name("axis");
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(-1);
    }
    auto* out = w.g->add_output();
    out->set_name(w.current);
    std::ofstream f(path, std::ios::binary);
    if (!f || !model.SerializeToOstream(&f)) throw Error(path, "cannot write the file");
}

} // namespace bitfold
