// One matrix layer's integer weights and the thresholds its activation chain amounts to
// (FINN's streamlining, done numerically: the chain runs in the float executor and a binary
// search finds, per channel and level, the smallest accumulator reaching that level).
#include "bitfold/error.h"
#include "float_ops.h"
#include "onnx_convert.h"
#include "onnx_layers.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

namespace bitfold::onnx_import {

namespace {

bool near(double a, double b, double rel) { return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)}); }

/// Integer codes and one scale per row; `bits`/`bipolar` inferred when no quantizer said.
std::vector<double> weightCodes(const Graph& g, const MatrixLayer& m, LayerParams& p, bool& bipolar) {
    const std::string who = m.node->label();
    int bits = m.weightBits;
    bipolar = m.bipolar;
    std::vector<double> rowScale(std::size_t(m.mh));
    double maxCode = 0;
    bool integral = true, allUnit = true;
    for (std::int64_t o = 0; o < m.mh; ++o) {
        rowScale[o] = m.scales[o * m.mw];
        for (std::int64_t i = 0; i < m.mw; ++i) {
            const std::size_t k = std::size_t(o * m.mw + i);
            if (!near(m.scales[k], rowScale[o], 1e-6))
                throw Error(g.where, who + ": weight scales differ within an output channel (per-input scaling)");
            const double c = m.weights[k] / m.scales[k];
            integral = integral && std::abs(c - std::nearbyint(c)) < 1e-3;
            allUnit = allUnit && std::abs(std::abs(c) - 1.0) < 1e-3;
            maxCode = std::max(maxCode, std::abs(c));
        }
    }
    if (!integral)
        throw Error(g.where, who + ": weights are not quantized (no Quant/BipolarQuant or integer data type)");
    auto tooWide = [&](int b) {
        return Error(g.where, who + ": " + std::to_string(b) + "-bit weights exceed the accelerator's 8");
    };
    if (bits < 0 || bits > 8) throw tooWide(bits);
    if (bits == 0) {
        bipolar = allUnit;
        bits = bipolar ? 1 : 2;
        while (bits <= 8 && (1 << (bits - 1)) - 1 < maxCode) ++bits;
    }
    if (bipolar && !allUnit) throw Error(g.where, who + ": binary weights are not -1/+1");
    if (!bipolar && bits < 2) throw Error(g.where, who + ": 1-bit weights must be bipolar (-1/+1)");
    if (!bipolar && bits <= 8 && maxCode > (1 << (bits - 1)) - 1)
        ++bits; // -2^(b-1) used: the narrow range needs one more bit
    if (bits > 8) throw tooWide(bits);
    if (!bipolar && maxCode > (1 << (bits - 1)) - 1)
        throw Error(g.where,
                    who + ": weight codes up to " + std::to_string(maxCode) + " do not fit its " +
                        std::to_string(bits) + "-bit quantizer");
    p.weightBits = bits;
    p.weights.resize(m.weights.size());
    for (std::size_t k = 0; k < m.weights.size(); ++k)
        p.weights[k] = std::int8_t(std::nearbyint(m.weights[k] / m.scales[k]));
    return rowScale;
}

/// The chain's quantizer: its levels and how its output value maps to a level index.
struct Quantizer {
    const Node* node = nullptr;
    int bits = 0;
    std::function<int(float, std::int64_t)> index; ///< (value, channel) -> 0..2^bits-1
};

/// nearbyint(x) as an int, saturating: a tiny scale sends the index of a large accumulator far out
/// of range, and the callers only compare it with the levels 0..2^bits - 1.
int roundedIndex(double x) { return int(std::nearbyint(std::clamp(x, -1e9, 1e9))); }

/// Every value finite and (`nonZero`) not zero, or an Error naming the node.
void checkFinite(const Graph& g, const Node& n, const std::vector<float>& values, const char* what, bool nonZero) {
    for (float v : values)
        if (!std::isfinite(v) || (nonZero && v == 0))
            throw Error(g.where,
                        n.label() + ": " + what + " " + std::to_string(v) + " must be finite" +
                            (nonZero ? " and non-zero" : ""));
}

Quantizer quantizerOf(const Graph& g, const Node& n) {
    Quantizer q;
    q.node = &n;
    if (n.op == "BipolarQuant") {
        q.bits = 1;
        q.index = [](float v, std::int64_t) { return v >= 0 ? 1 : 0; };
    } else if (n.op == "Quant") {
        const Tensor &s = g.constant(n.inputs.at(1), n), &z = g.constant(n.inputs.at(2), n);
        const int bits = quantBits(n, g.constant(n.inputs.at(3), n), g.where); // 1..32; 1..8 checked below
        checkFinite(g, n, s.data, "scale", true);
        checkFinite(g, n, z.data, "zero point", false);
        const bool sgn = n.i("signed", 1) != 0, narrow = n.i("narrow", 0) != 0;
        const int qmin = sgn ? int(-(1LL << (bits - 1)) + (narrow ? 1 : 0)) : 0;
        q.bits = bits;
        q.index = [s, z, qmin](float v, std::int64_t c) {
            const float sc = s.data.at(s.size() == 1 ? 0 : std::size_t(c)),
                        zp = z.data.at(z.size() == 1 ? 0 : std::size_t(c));
            return roundedIndex(double(v) / sc + zp) - qmin;
        };
    } else {
        const Tensor& t = g.constant(n.inputs.at(1), n);
        const std::int64_t steps = t.shape.at(1);
        q.bits = n.s("out_dtype", "") == "BIPOLAR" ? 1 : int(std::lround(std::log2(double(steps + 1))));
        if ((1LL << q.bits) - 1 != steps)
            throw Error(g.where, n.label() + ": " + std::to_string(steps) + " thresholds is not 2^A - 1");
        const float scale = n.f("out_scale", 1.0f), bias = n.f("out_bias", 0.0f);
        checkFinite(g, n, {scale}, "out_scale", true);
        checkFinite(g, n, {bias}, "out_bias", false);
        q.index = [scale, bias](float v, std::int64_t) { return roundedIndex((double(v) - bias) / scale); };
    }
    if (q.bits < 1 || q.bits > 8)
        throw Error(g.where, n.label() + ": " + std::to_string(q.bits) + "-bit activations are not supported (1..8)");
    return q;
}

/// Runs `nodes` on accumulators acc[row][o] (float = a[o] * acc + c[o]); returns rows x C values.
std::vector<float> evalChain(const Graph& g, const MatrixLayer& m, const std::vector<Node>& nodes,
                             const std::vector<double>& a, const std::vector<double>& c,
                             const std::vector<std::int64_t>& acc, std::int64_t rows) {
    Tensor t;
    t.shape =
        m.node->op == "Conv" ? std::vector<std::int64_t>{rows, m.mh, 1, 1} : std::vector<std::int64_t>{rows, m.mh};
    t.data.resize(std::size_t(rows * m.mh));
    for (std::int64_t k = 0; k < rows * m.mh; ++k) t.data[k] = float(a[k % m.mh] * double(acc[k]) + c[k % m.mh]);
    std::map<std::string, Tensor> values{{m.node->outputs.at(0), t}};
    runNodes(g, nodes, values);
    const Tensor& out = values.at(nodes.empty() ? m.node->outputs.at(0) : nodes.back().outputs.at(0));
    if (out.size() != rows * m.mh)
        throw Error(g.where, m.node->label() + ": its activation chain changes the number of values");
    return out.data;
}

} // namespace

LayerParams integerLayer(const Graph& g, MatrixLayer& m, const std::vector<const Node*>& chain, ValueMap& act,
                         bool last, std::vector<std::string>& notes) {
    const std::string who = m.node->label();
    LayerParams p;
    p.mh = m.mh;
    p.mw = m.mw;
    bool bipolar = false;
    const auto rowScale = weightCodes(g, m, p, bipolar);
    if (m.padded && (act.bits == 1 || act.offset != 0))
        throw Error(g.where,
                    who + ": zero padding of " + (act.bits == 1 ? "1-bit" : "offset") +
                        " inputs has no exact integer equivalent (the accelerator pads with the lowest level)");
    const std::int64_t wmax = p.weightBits == 1 ? 1 : (1 << (p.weightBits - 1)) - 1;
    const std::int64_t xmax = act.bits == 1 ? 1 : (1 << act.bits) - 1;
    const std::int64_t accMax = m.mw * wmax * xmax;
    if (accMax >= std::numeric_limits<std::int32_t>::max()) throw Error(g.where, who + ": accumulator exceeds 32 bits");
    std::vector<double> a(std::size_t(m.mh)), c(std::size_t(m.mh));
    for (std::int64_t o = 0; o < m.mh; ++o) {
        double sum = 0;
        for (std::int64_t i = 0; i < m.mw; ++i) sum += p.weights[o * m.mw + i];
        a[o] = m.alpha * act.scale * rowScale[o];
        c[o] = m.alpha * act.offset * rowScale[o] * sum + m.bias[o];
    }
    // Head: up to the last quantizer; tail: what follows it before the next matrix node.
    int qi = -1;
    for (std::size_t k = 0; k < chain.size(); ++k)
        if (isQuantizer(chain[k]->op)) qi = int(k);
    std::vector<Node> head, tail;
    bool pooledBeforeQuant = false;
    for (std::size_t k = 0; k < chain.size(); ++k) {
        const Node& n = *chain[k];
        if (n.op == "MaxPool") {
            pooledBeforeQuant = pooledBeforeQuant || int(k) < qi;
            continue;
        }
        if (isOutputOp(n.op) || (int(k) > qi && isLayoutOp(n.op))) continue;
        (int(k) <= qi ? head : tail).push_back(n);
    }
    auto negateRow = [&](std::int64_t o) {
        a[o] = -a[o];
        for (std::int64_t i = 0; i < m.mw; ++i) p.weights[o * m.mw + i] = std::int8_t(-p.weights[o * m.mw + i]);
    };
    std::string folded;
    for (const Node* n : chain)
        if (n->op != "MaxPool" && !isLayoutOp(n->op) && !isOutputOp(n->op))
            folded += (folded.empty() ? "" : " + ") + n->op;
    if (qi < 0) {
        if (!last)
            throw Error(
                g.where,
                who + ": its output is not quantized (Quant, BipolarQuant or MultiThreshold) before the next layer");
        // Raw accumulators out: the chain must keep the arg-max (one increasing map for all outputs).
        std::vector<std::int64_t> probe(std::size_t(2 * m.mh));
        for (std::int64_t o = 0; o < m.mh; ++o) probe[m.mh + o] = std::max<std::int64_t>(1, accMax / 2);
        const auto y = evalChain(g, m, tail, a, c, probe, 2);
        const double slope0 = (y[m.mh] - y[0]) / double(probe[m.mh]);
        for (std::int64_t o = 0; o < m.mh && m.mh > 1; ++o) {
            const double slope = (y[m.mh + o] - y[o]) / double(probe[m.mh]);
            if (!near(slope, slope0, 1e-4) || !near(y[o], y[0], 1e-4))
                throw Error(g.where,
                            who + ": the scales or offsets after the last layer differ per output (" + folded +
                                "), which changes the arg-max of raw accumulators");
        }
        if (slope0 < 0)
            for (std::int64_t o = 0; o < m.mh; ++o) negateRow(o);
        p.actBits = 0;
        notes.push_back(who + " -> last layer, raw accumulators" +
                        (folded.empty() ? "" : " (" + folded + " keeps the arg-max)"));
        return p;
    }
    const Quantizer q = quantizerOf(g, *chain[qi]);
    const std::int64_t T = (1LL << q.bits) - 1;
    auto levels = [&](const std::vector<std::int64_t>& acc, std::int64_t rows) {
        const auto v = evalChain(g, m, head, a, c, acc, rows);
        std::vector<int> idx(v.size());
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (std::isnan(v[k]))
                throw Error(g.where,
                            who + ": its activation chain computes NaN from an accumulator of " +
                                std::to_string(acc[k]));
            idx[k] = q.index(v[k], std::int64_t(k) % m.mh);
        }
        return idx;
    };
    // Direction per channel: a falling chain (negative batch-norm scale) negates the row.
    std::vector<std::int64_t> ends(std::size_t(2 * m.mh));
    for (std::int64_t o = 0; o < m.mh; ++o) ends[o] = -accMax, ends[m.mh + o] = accMax;
    const auto endLevels = levels(ends, 2);
    int negated = 0;
    for (std::int64_t o = 0; o < m.mh; ++o)
        if (endLevels[o] > endLevels[m.mh + o]) negateRow(o), ++negated;
    if (negated && pooledBeforeQuant)
        throw Error(g.where, who + ": max-pool before a falling activation is a min-pool");
    // Binary search, all channels and levels at once: smallest acc with level >= k.
    std::vector<std::int64_t> lo(std::size_t(T * m.mh), -accMax), hi(std::size_t(T * m.mh), accMax + 1), mid(lo.size());
    for (bool open = true; open;) {
        open = false;
        for (std::size_t k = 0; k < lo.size(); ++k) mid[k] = lo[k] + (hi[k] - lo[k]) / 2;
        const auto lv = levels(mid, T);
        for (std::size_t k = 0; k < lo.size(); ++k) {
            if (lo[k] >= hi[k]) continue;
            if (lv[k] >= int(k / m.mh) + 1)
                hi[k] = mid[k];
            else
                lo[k] = mid[k] + 1;
            open = open || lo[k] < hi[k];
        }
    }
    p.actBits = q.bits;
    p.thresholds.resize(lo.size());
    for (std::int64_t o = 0; o < m.mh; ++o)
        for (std::int64_t k = 0; k < T; ++k) p.thresholds[o * T + k] = std::int32_t(lo[k * m.mh + o]);
    // The next layer sees level k as value V: fit V = level * scale + offset (uniform).
    std::vector<Node> full = head;
    full.insert(full.end(), tail.begin(), tail.end());
    std::vector<std::int64_t> at(std::size_t((T + 1) * m.mh));
    for (std::int64_t o = 0; o < m.mh; ++o) {
        at[o] = -accMax;
        for (std::int64_t k = 0; k < T; ++k) at[(k + 1) * m.mh + o] = std::min<std::int64_t>(lo[k * m.mh + o], accMax);
    }
    const auto v = evalChain(g, m, full, a, c, at, T + 1);
    const auto lv = levels(at, T + 1);
    auto value = [&](int k) { return q.bits == 1 ? 2.0 * k - 1 : double(k); };
    double s = 0, b = 0;
    bool fitted = false;
    for (std::int64_t o = 0; o < m.mh && !fitted; ++o)
        for (std::int64_t k = 1; k <= T && !fitted; ++k)
            if (lv[k * m.mh + o] != lv[o]) {
                s = (v[k * m.mh + o] - v[o]) / (value(lv[k * m.mh + o]) - value(lv[o]));
                b = v[o] - value(lv[o]) * s;
                fitted = true;
            }
    if (!fitted) s = 1, b = v[0] - value(lv[0]);
    for (std::size_t k = 0; k < v.size(); ++k)
        if (!near(v[k], value(lv[k]) * s + b, 1e-4))
            throw Error(g.where,
                        chain[qi]->label() +
                            ": activation levels differ in scale between channels; "
                            "the next layer needs one scale");
    act = {q.bits, s, b};
    notes.push_back(who + " -> W" + std::to_string(p.weightBits) + " weights, " + folded + " folded into " +
                    std::to_string(T) + " threshold" + (T > 1 ? "s" : "") + " per channel (A" + std::to_string(q.bits) +
                    ")" + (negated ? ", " + std::to_string(negated) + " channels negated" : ""));
    return p;
}

} // namespace bitfold::onnx_import
