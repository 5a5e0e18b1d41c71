// Shapes and weight layout of matrix and pooling nodes (onnx_layers.h).
#include "onnx_layers.h"

#include "bitfold/error.h"
#include "float_ops.h"

#include <cmath>

namespace bitfold::onnx_import {

LayerBuilder::LayerBuilder(const Graph& g, const std::string& id) : m_g(g) {
    m_net.id = id;
    m_net.name = id;
    m_net.description = "Imported from " + g.where;
    m_net.dataset = "";
}

namespace {

struct Window {
    int kernel = 1, stride = 1, padTotal = 0, inDim = 1, channels = 0;
};

Window windowOf(const Graph& g, const Node& n, int kernelFromWeights) {
    const auto& in = g.shapes.at(n.inputs.at(0));
    if (in.size() != 4 || in[2] != in[3])
        throw Error(g.where, n.label() + ": only square N x C x H x W feature maps are supported");
    auto ks = n.ints("kernel_shape");
    auto st = n.ints("strides");
    if (ks.empty()) ks = {kernelFromWeights, kernelFromWeights};
    if (st.empty()) st = {1, 1};
    if (ks.size() != 2 || ks[0] != ks[1] || st.size() != 2 || st[0] != st[1])
        throw Error(g.where, n.label() + ": only square kernels and equal strides are supported");
    const auto p = padsOf(n, in[2], in[3], ks[0], st[0]);
    const std::int64_t total = p[0] + p[2];
    if (p[1] + p[3] != total || p[0] != p[1] || p[0] != total / 2)
        throw Error(g.where,
                    n.label() + ": padding must be equal on both axes with the extra cell at the bottom/right");
    return {int(ks[0]), int(st[0]), int(total), int(in[2]), int(in[1])};
}

} // namespace

void LayerBuilder::addPool(const Node& n) {
    if (n.i("ceil_mode", 0) != 0) throw Error(m_g.where, n.label() + ": ceil_mode is not supported");
    const Window w = windowOf(m_g, n, 1);
    Layer l;
    l.name = "pool" + std::to_string(m_pool++);
    l.kind = LayerKind::MaxPool;
    l.inChannels = l.outChannels = w.channels;
    l.inDim = w.inDim;
    l.kernel = w.kernel;
    l.stride = w.stride;
    l.padTotal = w.padTotal;
    m_net.layers.push_back(l);
}

MatrixLayer LayerBuilder::matrix(const Node& n, const std::vector<const Node*>& chain) {
    MatrixLayer m;
    m.node = &n;
    const Tensor& w = m_g.constant(n.inputs[1], n);
    Layer l;
    l.activation = true;
    std::vector<std::int64_t> src; // ONNX index of each Bitfold weight
    if (n.op == "Conv") {
        if (w.rank() != 4 || w.shape[2] != w.shape[3])
            throw Error(m_g.where, n.label() + ": only square 2-D kernels are supported");
        const Window win = windowOf(m_g, n, int(w.shape[2]));
        l.name = "conv" + std::to_string(m_conv++);
        l.kind = LayerKind::Conv;
        l.inChannels = win.channels;
        l.outChannels = int(w.shape[0]);
        l.inDim = win.inDim;
        l.kernel = win.kernel;
        l.stride = win.stride;
        l.padTotal = win.padTotal;
        l.groups = int(n.i("group", 1));
        m.padded = win.padTotal > 0;
        m.mh = w.shape[0];
        const std::int64_t cg = w.shape[1], k = w.shape[2];
        m.mw = k * k * cg;
        for (std::int64_t o = 0; o < m.mh; ++o)
            for (std::int64_t ky = 0; ky < k; ++ky)
                for (std::int64_t kx = 0; kx < k; ++kx)
                    for (std::int64_t c = 0; c < cg; ++c) src.push_back(((o * cg + c) * k + ky) * k + kx);
        m.channelsLast = true;
    } else {
        if (w.rank() != 2) throw Error(m_g.where, n.label() + ": weights must be a matrix");
        if (n.i("transA", 0)) throw Error(m_g.where, n.label() + ": transA is not supported");
        const bool tb = n.i("transB", 0) != 0;
        const std::int64_t k = tb ? w.shape[1] : w.shape[0];
        m.mh = tb ? w.shape[0] : w.shape[1];
        m.mw = k;
        l.name = "fc" + std::to_string(m_fc++);
        l.kind = LayerKind::Fc;
        l.inChannels = int(k);
        l.outChannels = int(m.mh);
        // After a feature map, ONNX flattens (c, y, x); Bitfold reads (y, x, c).
        int C = 1, HW = 1;
        if (!m_net.layers.empty() && m_net.layers.back().kind != LayerKind::Fc) {
            const Layer& p = m_net.layers.back();
            C = p.outChannels;
            HW = p.outDim() * p.outDim();
        } else if (m_net.layers.empty() && m_g.inputShape.size() == 4) {
            C = int(m_g.inputShape[1]);
            HW = int(m_g.inputShape[2] * m_g.inputShape[3]);
        }
        if (std::int64_t(C) * HW != k) C = 1, HW = int(k);
        for (std::int64_t o = 0; o < m.mh; ++o)
            for (std::int64_t i = 0; i < k; ++i) {
                const std::int64_t j = (i % C) * HW + i / C; // Bitfold input i = pixel * C + c
                src.push_back(tb ? o * k + j : j * m.mh + o);
            }
        m.alpha = n.f("alpha", 1.0f);
    }
    auto q = m_g.quant.find(n.inputs[1]);
    auto ft = m_g.finnTypes.find(n.inputs[1]);
    m.weights.resize(src.size());
    m.scales.assign(src.size(), 1.0f);
    for (std::size_t k = 0; k < src.size(); ++k) {
        m.weights[k] = w.data[std::size_t(src[k])];
        if (q != m_g.quant.end()) m.scales[k] = q->second.scale.data.at(std::size_t(src[k]));
    }
    if (q != m_g.quant.end()) {
        if (!q->second.isSigned && !q->second.bipolar)
            throw Error(m_g.where, n.label() + ": unsigned weights are not supported");
        m.weightBits = q->second.bits;
        m.bipolar = q->second.bipolar;
    } else if (ft != m_g.finnTypes.end() && parseFinnType(ft->second).bits > 0) {
        const FinnType t = parseFinnType(ft->second);
        m.weightBits = t.bits;
        m.bipolar = t.bipolar;
    }
    m.bias.assign(std::size_t(m.mh), 0.0);
    if (n.inputs.size() > 2 && !n.inputs[2].empty()) {
        const Tensor& b = m_g.constant(n.inputs[2], n);
        const double beta = n.op == "Gemm" ? n.f("beta", 1.0f) : 1.0;
        for (std::int64_t o = 0; o < m.mh; ++o) m.bias[o] = beta * b.data.at(b.size() == 1 ? 0 : std::size_t(o));
    }
    m.layerIndex = int(m_net.layers.size());
    m_net.layers.push_back(l);
    for (const Node* c : chain)
        if (c->op == "MaxPool") {
            m.pools.push_back(int(m_net.layers.size()));
            addPool(*c);
        } else if (c->op == "Conv" || c->op == "MatMul") {
            break;
        }
    return m;
}

} // namespace bitfold::onnx_import
