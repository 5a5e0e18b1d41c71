#pragma once
// Test-only: writes QONNX MLPs the way Brevitas exports them (not the project's own exporter,
// which writes FINN-ONNX MultiThreshold graphs), so the Quant/BipolarQuant import path and
// the C simulation of such models are tested without shared/qonnx:
//  - "bipolar": TFC-style. Input x*2-1 then BipolarQuant; BipolarQuant weights, Transpose,
//    MatMul, BatchNormalization, BipolarQuant activations; the last MatMul scaled by a Mul.
//  - "quant": UNSW-style. Input through an 8-bit unsigned Quant (scale 1/255); 2-bit narrow
//    signed weight Quant, Gemm (transB, bias), BatchNormalization, Relu, 2-bit unsigned
//    activation Quant; the last Gemm without bias, then a Mul.
// Weights and batch-norm statistics are random (seeded); the float graph is what the import
// must agree with.
#include <onnx/onnx_pb.h>

#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace qonnx_test {

class Writer {
public:
    explicit Writer(std::uint64_t seed) : m_rng(seed) {
        m_model.set_ir_version(7);
        m_model.set_producer_name("bitfold tests (Brevitas conventions)");
        m_model.add_opset_import()->set_version(13);
        auto* brevitas = m_model.add_opset_import();
        brevitas->set_domain("onnx.brevitas");
        brevitas->set_version(1);
    }

    onnx::GraphProto* graph() { return m_model.mutable_graph(); }

    std::string constant(const std::vector<float>& values, const std::vector<std::int64_t>& dims) {
        const std::string name = "c" + std::to_string(m_names++);
        auto* t = graph()->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (auto d : dims) t->add_dims(d);
        for (float v : values) t->add_float_data(v);
        return name;
    }
    std::string scalar(float v) { return constant({v}, {}); }

    std::string node(const std::string& op, const std::vector<std::string>& inputs,
                     const std::vector<std::pair<std::string, std::int64_t>>& ints = {}, bool brevitas = false) {
        auto* n = graph()->add_node();
        const std::string out = "t" + std::to_string(m_names++);
        n->set_name(op + "_" + std::to_string(graph()->node_size()));
        n->set_op_type(op);
        if (brevitas) n->set_domain("onnx.brevitas");
        for (const auto& i : inputs) n->add_input(i);
        n->add_output(out);
        for (const auto& [key, v] : ints) {
            auto* a = n->add_attribute();
            a->set_name(key);
            if (key == "perm") {
                a->set_type(onnx::AttributeProto::INTS);
                a->add_ints(1);
                a->add_ints(0);
            } else {
                a->set_type(onnx::AttributeProto::INT);
                a->set_i(v);
            }
        }
        if (op == "Quant") {
            auto* a = n->add_attribute();
            a->set_name("rounding_mode");
            a->set_type(onnx::AttributeProto::STRING);
            a->set_s("ROUND");
        }
        return out;
    }

    std::vector<float> normal(std::size_t n, double mean, double sd) {
        std::normal_distribution<double> d(mean, sd);
        std::vector<float> v(n);
        for (auto& x : v) x = float(d(m_rng));
        return v;
    }

    /// Batch norm whose output is roughly N(beta, gamma) for accumulators of spread `accSd`.
    std::string batchNorm(const std::string& x, int channels, double accSd) {
        std::vector<float> var(std::size_t(channels), float(accSd * accSd));
        return node("BatchNormalization",
                    {x, constant(normal(channels, 1.0, 0.2), {channels}),
                     constant(normal(channels, 0.3, 0.4), {channels}),
                     constant(normal(channels, 0.0, accSd / 4), {channels}), constant(var, {channels})});
    }

    void finish(const std::string& input, int inputs, const std::string& output, int outputs) {
        auto io = [](onnx::ValueInfoProto* v, const std::string& name, int size) {
            v->set_name(name);
            auto* t = v->mutable_type()->mutable_tensor_type();
            t->set_elem_type(onnx::TensorProto::FLOAT);
            t->mutable_shape()->add_dim()->set_dim_value(1);
            t->mutable_shape()->add_dim()->set_dim_value(size);
        };
        io(graph()->add_input(), input, inputs);
        io(graph()->add_output(), output, outputs);
    }

    void save(const std::string& path) const {
        std::ofstream f(path, std::ios::binary);
        m_model.SerializeToOstream(&f);
    }

private:
    onnx::ModelProto m_model;
    std::mt19937_64 m_rng;
    int m_names = 0;
};

/// An MLP `sizes` (e.g. 784, 64, 64, 10) in one of the two conventions above, saved to `path`.
inline void writeBrevitasMlp(const std::string& path, const std::string& style, const std::vector<int>& sizes,
                             std::uint64_t seed) {
    Writer w(seed);
    const bool bipolar = style == "bipolar";
    std::string x = "global_in";
    if (bipolar) {
        x = w.node("Mul", {x, w.scalar(2.0f)});
        x = w.node("Sub", {x, w.scalar(1.0f)});
        x = w.node("BipolarQuant", {x, w.scalar(1.0f)}, {}, true);
    } else {
        x = w.node("Quant", {x, w.scalar(1.0f / 255), w.scalar(0), w.scalar(8)}, {{"signed", 0}, {"narrow", 0}}, true);
    }
    for (std::size_t k = 0; k + 1 < sizes.size(); ++k) {
        const int in = sizes[k], out = sizes[k + 1];
        const bool last = k + 2 == sizes.size();
        const float wScale = bipolar ? 1.0f : 0.05f;
        // Float weights as trained (out x in, PyTorch's layout), quantized by the graph.
        const std::string weights = w.constant(w.normal(std::size_t(in) * out, 0, wScale), {out, in});
        std::string acc;
        if (bipolar) {
            const std::string q = w.node("BipolarQuant", {weights, w.scalar(1.0f)}, {}, true);
            acc = w.node("MatMul", {x, w.node("Transpose", {q}, {{"perm", 0}})});
        } else {
            const std::string q = w.node("Quant", {weights, w.scalar(wScale), w.scalar(0), w.scalar(2)},
                                         {{"signed", 1}, {"narrow", 1}}, true);
            std::vector<std::string> in3{x, q};
            if (!last) in3.push_back(w.constant(w.normal(out, 0, 0.1), {out}));
            acc = w.node("Gemm", in3, {{"transB", 1}});
        }
        if (last) {
            x = w.node("Mul", {acc, w.scalar(0.125f)});
            break;
        }
        // Accumulator spread: +-1 inputs x +-1 weights; or inputs in [0, 1] (mean square ~0.2 for
        // images) or in {0, .5, 1, 1.5} (~0.8) times 0.05 x {-1, 0, 1} (2/3 of them non-zero).
        const double meanSquare = k == 0 ? 0.2 : 0.8;
        const double accSd = bipolar ? std::sqrt(double(in)) : 0.05 * std::sqrt(in * meanSquare * 2 / 3);
        x = w.batchNorm(acc, out, accSd);
        if (bipolar) {
            x = w.node("BipolarQuant", {x, w.scalar(1.0f)}, {}, true);
        } else {
            x = w.node("Relu", {x});
            x = w.node("Quant", {x, w.scalar(0.5f), w.scalar(0), w.scalar(2)}, {{"signed", 0}, {"narrow", 0}}, true);
        }
    }
    w.finish("global_in", sizes.front(), x, sizes.back());
    w.save(path);
}

} // namespace qonnx_test
