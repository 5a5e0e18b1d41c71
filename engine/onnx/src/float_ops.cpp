// The float reference executor (float_ops.h): one function per op family, plain loops.
#include "float_ops.h"

#include "bitfold/error.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <set>

namespace bitfold::onnx_import {

namespace {

const std::set<std::string>& ops() {
    static const std::set<std::string> s{
        "Add",       "Sub",    "Mul",     "Div",      "Pow",     "Sqrt",         "Relu",      "BatchNormalization",
        "MatMul",    "Gemm",   "Conv",    "MaxPool",  "Flatten", "Reshape",      "Transpose", "Squeeze",
        "Unsqueeze", "Shape",  "Gather",  "Concat",   "Quant",   "BipolarQuant", "Trunc",     "MultiThreshold",
        "TopK",      "ArgMax", "Softmax", "Identity", "Constant"};
    return s;
}

using Shape = std::vector<std::int64_t>;

Error fail(const Node& n, const std::string& what) { return Error(n.label(), what); }

std::vector<std::int64_t> strides(const Shape& s) {
    std::vector<std::int64_t> st(s.size(), 1);
    for (int k = int(s.size()) - 2; k >= 0; --k) st[k] = st[k + 1] * s[k + 1];
    return st;
}

Tensor binary(const Node& n, const Tensor& a, const Tensor& b, const std::function<float(float, float)>& f) {
    Tensor out;
    out.shape = broadcastShape(a.shape, b.shape, n.label());
    out.data.resize(std::size_t(out.size()));
    const int r = out.rank();
    auto padded = [r](const Shape& s) {
        Shape p(r - s.size(), 1);
        p.insert(p.end(), s.begin(), s.end());
        return p;
    };
    const Shape pa = padded(a.shape), pb = padded(b.shape);
    const auto sa = strides(pa), sb = strides(pb), so = strides(out.shape);
    for (std::int64_t k = 0; k < out.size(); ++k) {
        std::int64_t ia = 0, ib = 0, rem = k;
        for (int d = 0; d < r; ++d) {
            const std::int64_t c = rem / so[d];
            rem %= so[d];
            if (pa[d] != 1) ia += c * sa[d];
            if (pb[d] != 1) ib += c * sb[d];
        }
        out.data[k] = f(a.data[ia], b.data[ib]);
    }
    return out;
}

Tensor unary(Tensor t, const std::function<float(float)>& f) {
    for (float& v : t.data) v = f(v);
    return t;
}

int axisOf(const Node& n, std::int64_t axis, int rank) {
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank) throw fail(n, "axis out of range");
    return int(axis);
}

/// Per-channel (axis 1) operation on an N x C x ... tensor.
Tensor perChannel(const Node& n, Tensor x, const std::function<float(float, std::int64_t)>& f) {
    if (x.rank() < 2) throw fail(n, "needs a batch and a channel axis");
    std::int64_t inner = 1;
    for (int d = 2; d < x.rank(); ++d) inner *= x.shape[d];
    for (std::int64_t k = 0; k < x.size(); ++k) x.data[k] = f(x.data[k], (k / inner) % x.shape[1]);
    return x;
}

Tensor batchNorm(const Node& n, const std::vector<const Tensor*>& in) {
    const float eps = n.f("epsilon", 1e-5f);
    const auto &g = *in.at(1), &b = *in.at(2), &m = *in.at(3), &v = *in.at(4);
    return perChannel(n, *in[0], [&](float x, std::int64_t c) {
        return (x - m.data.at(c)) / std::sqrt(v.data.at(c) + eps) * g.data.at(c) + b.data.at(c);
    });
}

Tensor matmul(const Node& n, const Tensor& a, const Tensor& b, bool ta, bool tb) {
    if (a.rank() != 2 || b.rank() != 2) throw fail(n, "only 2-D matrix products are supported");
    const std::int64_t m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1];
    const std::int64_t kb = tb ? b.shape[1] : b.shape[0], nn = tb ? b.shape[0] : b.shape[1];
    if (k != kb) throw fail(n, "inner dimensions " + std::to_string(k) + " and " + std::to_string(kb) + " differ");
    Tensor out;
    out.shape = {m, nn};
    out.data.assign(std::size_t(m * nn), 0.0f);
    for (std::int64_t i = 0; i < m; ++i)
        for (std::int64_t j = 0; j < nn; ++j) {
            float s = 0;
            for (std::int64_t p = 0; p < k; ++p)
                s += (ta ? a.data[p * m + i] : a.data[i * k + p]) * (tb ? b.data[j * k + p] : b.data[p * nn + j]);
            out.data[i * nn + j] = s;
        }
    return out;
}

/// Pads as [top, left, bottom, right] from `pads` or auto_pad.
} // namespace

std::array<std::int64_t, 4> padsOf(const Node& n, std::int64_t inH, std::int64_t inW, std::int64_t k, std::int64_t s) {
    const std::string ap = n.s("auto_pad", "NOTSET");
    if (ap == "SAME_UPPER" || ap == "SAME_LOWER") {
        std::array<std::int64_t, 4> p{};
        const std::int64_t in[2] = {inH, inW};
        for (int d = 0; d < 2; ++d) {
            const std::int64_t out = (in[d] + s - 1) / s;
            const std::int64_t total = std::max<std::int64_t>(0, (out - 1) * s + k - in[d]);
            p[d] = ap == "SAME_UPPER" ? total / 2 : total - total / 2;
            p[d + 2] = total - p[d];
        }
        return p;
    }
    if (ap != "NOTSET" && ap != "VALID") throw fail(n, "auto_pad " + ap + " is not supported");
    auto pads = n.ints("pads");
    if (pads.empty()) return {0, 0, 0, 0};
    if (pads.size() != 4) throw fail(n, "only 2-D pads are supported");
    return {pads[0], pads[1], pads[2], pads[3]};
}

namespace {

/// 2-D convolution or max-pool on N x C x H x W (square kernels and strides).
Tensor window(const Node& n, const Tensor& x, const Tensor* w, const Tensor* bias) {
    if (x.rank() != 4) throw fail(n, "expects an N x C x H x W input");
    const bool pool = w == nullptr;
    auto ks = n.ints("kernel_shape");
    if (ks.empty() && w) ks = {w->shape.at(2), w->shape.at(3)};
    auto st = n.ints("strides");
    if (st.empty()) st = {1, 1};
    for (auto d : n.ints("dilations"))
        if (d != 1) throw fail(n, "dilation is not supported");
    if (ks.size() != 2 || st.size() != 2) throw fail(n, "only 2-D kernels are supported");
    const auto pads = padsOf(n, x.shape[2], x.shape[3], ks[0], st[0]);
    const std::int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
    const std::int64_t group = pool ? 1 : n.i("group", 1);
    const std::int64_t O = pool ? C : w->shape.at(0), cg = C / group, og = O / group;
    if (!pool && w->shape.at(1) != cg) throw fail(n, "weight shape does not match the input channels");
    const std::int64_t OH = (H + pads[0] + pads[2] - ks[0]) / st[0] + 1,
                       OW = (W + pads[1] + pads[3] - ks[1]) / st[1] + 1;
    Tensor out;
    out.shape = {N, O, OH, OW};
    out.data.resize(std::size_t(out.size()));
    for (std::int64_t b = 0; b < N; ++b)
        for (std::int64_t o = 0; o < O; ++o)
            for (std::int64_t oy = 0; oy < OH; ++oy)
                for (std::int64_t ox = 0; ox < OW; ++ox) {
                    float acc = pool ? -std::numeric_limits<float>::infinity() : (bias ? bias->data.at(o) : 0.0f);
                    const std::int64_t g = o / og;
                    for (std::int64_t c = pool ? o : 0; c < (pool ? o + 1 : cg); ++c)
                        for (std::int64_t ky = 0; ky < ks[0]; ++ky)
                            for (std::int64_t kx = 0; kx < ks[1]; ++kx) {
                                const std::int64_t iy = oy * st[0] - pads[0] + ky, ix = ox * st[1] - pads[1] + kx;
                                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                                const std::int64_t ch = pool ? c : g * cg + c;
                                const float v = x.data[((b * C + ch) * H + iy) * W + ix];
                                if (pool)
                                    acc = std::max(acc, v);
                                else
                                    acc += v * w->data[((o * cg + c) * ks[0] + ky) * ks[1] + kx];
                            }
                    out.data[((b * O + o) * OH + oy) * OW + ox] = acc;
                }
    return out;
}

Tensor reshape(const Node& n, Tensor x, Shape s) {
    std::int64_t known = 1;
    int infer = -1;
    for (std::size_t d = 0; d < s.size(); ++d) {
        if (s[d] == 0) s[d] = x.shape.at(d);
        if (s[d] == -1)
            infer = int(d);
        else if (s[d] < 0 || (s[d] > 0 && known > kMaxTensorValues / s[d]))
            throw fail(n, "target shape has a negative or too large dimension");
        else
            known *= s[d];
    }
    if (infer >= 0) s[infer] = known ? x.size() / known : 0;
    Tensor t;
    t.shape = s;
    if (t.size() != x.size()) throw fail(n, "cannot reshape " + std::to_string(x.size()) + " values");
    x.shape = s;
    return x;
}

Tensor transpose(const Node& n, const Tensor& x) {
    auto perm = n.ints("perm");
    if (perm.empty())
        for (int d = x.rank() - 1; d >= 0; --d) perm.push_back(d);
    if (int(perm.size()) != x.rank()) throw fail(n, "perm does not match the rank");
    Tensor out;
    for (auto p : perm) out.shape.push_back(x.shape.at(p));
    out.data.resize(x.data.size());
    const auto si = strides(x.shape), so = strides(out.shape);
    for (std::int64_t k = 0; k < out.size(); ++k) {
        std::int64_t rem = k, src = 0;
        for (int d = 0; d < out.rank(); ++d) {
            src += rem / so[d] * si[perm[d]];
            rem %= so[d];
        }
        out.data[k] = x.data[src];
    }
    return out;
}

float roundMode(float v, const std::string& mode, const Node& n) {
    if (mode == "ROUND") return std::nearbyint(v); // half to even, as numpy
    if (mode == "ROUND_TO_ZERO") return std::trunc(v);
    if (mode == "CEIL") return std::ceil(v);
    if (mode == "FLOOR") return std::floor(v);
    throw fail(n, "rounding mode " + mode + " is not supported");
}

Tensor quant(const Node& n, const std::vector<const Tensor*>& in) {
    const double bits = in.at(3)->data.at(0);
    const bool sgn = n.i("signed", 1) != 0, narrow = n.i("narrow", 0) != 0;
    const double lo = sgn ? -std::pow(2.0, bits - 1) + (narrow ? 1 : 0) : 0.0;
    const double hi = sgn ? std::pow(2.0, bits - 1) - 1 : std::pow(2.0, bits) - 1 - (narrow ? 1 : 0);
    const std::string mode = n.s("rounding_mode", "ROUND");
    Tensor q = binary(n, *in[0], *in[1], [](float x, float s) { return x / s; });
    q = binary(n, q, *in[2],
               [&](float v, float z) { return float(std::clamp(double(roundMode(v + z, mode, n)), lo, hi)) - z; });
    return binary(n, q, *in[1], [](float v, float s) { return v * s; });
}

Tensor trunc(const Node& n, const std::vector<const Tensor*>& in) {
    const float shift = std::pow(2.0f, in.at(3)->data.at(0) - in.at(4)->data.at(0));
    Tensor q = binary(n, *in[0], *in[1], [](float x, float s) { return x / s; });
    q = binary(n, q, *in[2], [&](float v, float z) { return std::floor(std::nearbyint(v + z) / shift) - z; });
    return binary(n, q, *in[1], [&](float v, float s) { return v * s * shift; });
}

Tensor multiThreshold(const Node& n, const Tensor& x, const Tensor& t) {
    if (t.rank() != 2) throw fail(n, "thresholds must be channels x steps");
    const float scale = n.f("out_scale", 1.0f), bias = n.f("out_bias", 0.0f);
    const std::int64_t steps = t.shape[1];
    Tensor xx = x;
    if (x.rank() == 4 && n.s("data_layout", "NCHW") == "NHWC") throw fail(n, "NHWC thresholds are not supported");
    return perChannel(n, xx, [&](float v, std::int64_t c) {
        const std::int64_t row = t.shape[0] == 1 ? 0 : c;
        int count = 0;
        for (std::int64_t k = 0; k < steps; ++k) count += v >= t.data.at(row * steps + k);
        return count * scale + bias;
    });
}

/// Arg-max (TopK with k = 1 as well) along the last axis of a 2-D tensor.
std::vector<Tensor> argmax(const Node& n, const Tensor& x, bool topk) {
    if (x.rank() != 2) throw fail(n, "expects a batch x classes input");
    Tensor vals, idx;
    vals.shape = idx.shape = {x.shape[0], 1};
    for (std::int64_t b = 0; b < x.shape[0]; ++b) {
        auto first = x.data.begin() + b * x.shape[1];
        auto it = std::max_element(first, first + x.shape[1]);
        vals.data.push_back(*it);
        idx.data.push_back(float(it - first));
    }
    if (topk) return {vals, idx};
    return {idx};
}

} // namespace

bool isSupportedOp(const std::string& op) { return ops().count(op) > 0; }

std::string supportedOps() {
    std::string s;
    for (const auto& op : ops()) s += (s.empty() ? "" : ", ") + op;
    return s;
}

std::vector<std::int64_t> broadcastShape(const Shape& a, const Shape& b, const std::string& where) {
    Shape out(std::max(a.size(), b.size()), 1);
    for (std::size_t k = 0; k < out.size(); ++k) {
        const std::int64_t da = k < out.size() - a.size() ? 1 : a[k - (out.size() - a.size())];
        const std::int64_t db = k < out.size() - b.size() ? 1 : b[k - (out.size() - b.size())];
        if (da != db && da != 1 && db != 1) throw Error(where, "shapes do not broadcast");
        out[k] = da == 1 ? db : da;
    }
    return out;
}

std::vector<Tensor> runNode(const Node& n, const std::vector<const Tensor*>& in) {
    auto arg = [&](std::size_t k) -> const Tensor& {
        if (k >= in.size() || !in[k]) throw fail(n, "missing input " + std::to_string(k));
        return *in[k];
    };
    const std::string& op = n.op;
    if (op == "Add") return {binary(n, arg(0), arg(1), std::plus<float>())};
    if (op == "Sub") return {binary(n, arg(0), arg(1), std::minus<float>())};
    if (op == "Mul") return {binary(n, arg(0), arg(1), std::multiplies<float>())};
    if (op == "Div") return {binary(n, arg(0), arg(1), std::divides<float>())};
    if (op == "Pow") return {binary(n, arg(0), arg(1), [](float a, float b) { return std::pow(a, b); })};
    if (op == "Sqrt") return {unary(arg(0), [](float v) { return std::sqrt(v); })};
    if (op == "Relu") return {unary(arg(0), [](float v) { return std::max(v, 0.0f); })};
    if (op == "Identity") return {arg(0)};
    if (op == "Constant") {
        if (!n.has("value")) throw fail(n, "only tensor constants are supported");
        return {n.attrs.at("value").t};
    }
    if (op == "BatchNormalization") return {batchNorm(n, in)};
    if (op == "MatMul") return {matmul(n, arg(0), arg(1), false, false)};
    if (op == "Gemm") {
        const float alpha = n.f("alpha", 1.0f), beta = n.f("beta", 1.0f);
        Tensor y = matmul(n, arg(0), arg(1), n.i("transA", 0) != 0, n.i("transB", 0) != 0);
        if (alpha != 1.0f) y = unary(y, [alpha](float v) { return v * alpha; });
        if (in.size() > 2 && in[2]) y = binary(n, y, *in[2], [beta](float a, float c) { return a + beta * c; });
        return {y};
    }
    if (op == "Conv") return {window(n, arg(0), &arg(1), in.size() > 2 ? in[2] : nullptr)};
    if (op == "MaxPool") return {window(n, arg(0), nullptr, nullptr)};
    if (op == "Flatten") {
        const Tensor& x = arg(0);
        const int axis = n.has("axis") ? axisOf(n, n.i("axis", 1), x.rank() + 1) : 1;
        std::int64_t outer = 1;
        for (int d = 0; d < axis; ++d) outer *= x.shape[d];
        return {reshape(n, x, {outer, outer ? x.size() / outer : 0})};
    }
    if (op == "Reshape") {
        Shape s;
        for (float v : arg(1).data) s.push_back(std::int64_t(v));
        return {reshape(n, arg(0), s)};
    }
    if (op == "Transpose") return {transpose(n, arg(0))};
    if (op == "Squeeze" || op == "Unsqueeze") {
        const Tensor& x = arg(0);
        auto axes = n.ints("axes");
        if (in.size() > 1 && in[1])
            for (float v : in[1]->data) axes.push_back(std::int64_t(v));
        Shape s = x.shape;
        if (op == "Squeeze") {
            Shape out;
            for (int d = 0; d < x.rank(); ++d) {
                bool drop = axes.empty() ? x.shape[d] == 1 : false;
                for (auto a : axes) drop = drop || axisOf(n, a, x.rank()) == d;
                if (!drop) out.push_back(x.shape[d]);
            }
            s = out;
        } else {
            const int r = x.rank() + int(axes.size());
            std::vector<int> sorted;
            for (auto a : axes) sorted.push_back(axisOf(n, a, r));
            std::sort(sorted.begin(), sorted.end());
            for (int a : sorted) s.insert(s.begin() + a, 1);
        }
        return {reshape(n, x, s)};
    }
    if (op == "Shape") {
        Tensor t;
        t.shape = {arg(0).rank()};
        for (auto d : arg(0).shape) t.data.push_back(float(d));
        return {t};
    }
    if (op == "Gather") {
        const Tensor &x = arg(0), &idx = arg(1);
        if (x.rank() != 1 || n.i("axis", 0) != 0) throw fail(n, "only 1-D gathers (shape arithmetic) are supported");
        Tensor t;
        t.shape = idx.shape;
        for (float v : idx.data) {
            auto k = std::int64_t(v) < 0 ? std::int64_t(v) + x.size() : std::int64_t(v);
            if (k < 0 || k >= x.size()) throw fail(n, "index out of range");
            t.data.push_back(x.data[k]);
        }
        return {t};
    }
    if (op == "Concat") {
        Tensor t;
        for (const Tensor* p : in) {
            if (!p || p->rank() > 1) throw fail(n, "only 1-D concatenation (shape arithmetic) is supported");
            t.data.insert(t.data.end(), p->data.begin(), p->data.end());
        }
        t.shape = {std::int64_t(t.data.size())};
        return {t};
    }
    if (op == "Quant") return {quant(n, in)};
    if (op == "BipolarQuant") return {binary(n, arg(0), arg(1), [](float x, float s) { return x >= 0 ? s : -s; })};
    if (op == "Trunc") return {trunc(n, in)};
    if (op == "MultiThreshold") return {multiThreshold(n, arg(0), arg(1))};
    if (op == "TopK") {
        if (in.size() > 1 && in[1] && in[1]->data.at(0) != 1) throw fail(n, "only k = 1 is supported");
        return argmax(n, arg(0), true);
    }
    if (op == "ArgMax") return argmax(n, arg(0), false);
    if (op == "Softmax") {
        Tensor x = arg(0);
        if (x.rank() != 2) throw fail(n, "expects a batch x classes input");
        for (std::int64_t b = 0; b < x.shape[0]; ++b) {
            float* r = x.data.data() + b * x.shape[1];
            const float m = *std::max_element(r, r + x.shape[1]);
            float s = 0;
            for (std::int64_t k = 0; k < x.shape[1]; ++k) s += r[k] = std::exp(r[k] - m);
            for (std::int64_t k = 0; k < x.shape[1]; ++k) r[k] /= s;
        }
        return {x};
    }
    throw fail(n, "is not supported (supported: " + supportedOps() + ")");
}

void runNodes(const Graph& g, const std::vector<Node>& nodes, std::map<std::string, Tensor>& values) {
    for (const Node& n : nodes) {
        std::vector<const Tensor*> in;
        for (const auto& name : n.inputs) {
            if (name.empty()) {
                in.push_back(nullptr);
                continue;
            }
            auto it = values.find(name);
            if (it != values.end()) {
                in.push_back(&it->second);
                continue;
            }
            auto c = g.constants.find(name);
            if (c == g.constants.end()) throw Error(g.where, n.label() + ": input " + name + " has no value");
            in.push_back(&c->second);
        }
        auto outs = runNode(n, in);
        for (std::size_t k = 0; k < outs.size() && k < n.outputs.size(); ++k) values[n.outputs[k]] = std::move(outs[k]);
    }
}

} // namespace bitfold::onnx_import
