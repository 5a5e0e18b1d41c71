// Random parameter packages: weights uniform over their range, thresholds spread around each
// row's accumulator distribution, so every activation level is about equally likely (tests,
// benchmarks and simulations without a trained model).
#include "bitfold/params.h"
#include "params_internal.h"

#include "bitfold/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace bitfold {

using namespace detail;

namespace {

/// Uniform integer in [0, n). Modulo keeps the sequence identical on every standard library
/// (std::uniform_int_distribution is not); the bias, n / 2^64, is negligible for n <= 256.
std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t n) { return rng() % n; }

/// Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9).
double normalQuantile(double p) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                               1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double lo = 0.02425;
    if (p < lo) {
        const double q = std::sqrt(-2 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - lo) return -normalQuantile(1 - p);
    const double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/// Distribution of a layer's input values: probabilities of each value (a level set).
struct ValueDist {
    std::vector<int> values;
    std::vector<double> prob;
    double mean() const {
        double m = 0;
        for (std::size_t i = 0; i < values.size(); ++i) m += prob[i] * values[i];
        return m;
    }
    double variance() const {
        const double m = mean();
        double v = 0;
        for (std::size_t i = 0; i < values.size(); ++i) v += prob[i] * (values[i] - m) * (values[i] - m);
        return v;
    }
};

/// Uniform over the values of `bits`-bit data (1 bit: -1/+1; else 0..2^bits-1). Thresholds at
/// evenly spaced quantiles make every activation level about equally likely, so this is
/// also the model of a thresholded layer's output.
ValueDist uniformDist(int bits) {
    ValueDist d;
    if (bits == 1)
        d.values = {-1, 1};
    else
        for (int v = 0; v < (1 << bits); ++v) d.values.push_back(v);
    d.prob.assign(d.values.size(), 1.0 / double(d.values.size()));
    return d;
}

/// Max of `n` independent draws: P(max <= v) = F(v)^n.
ValueDist maxOf(const ValueDist& d, int n) {
    ValueDist out = d;
    double cdf = 0, prev = 0;
    for (std::size_t i = 0; i < d.values.size(); ++i) {
        cdf += d.prob[i];
        const double now = std::pow(std::min(cdf, 1.0), n);
        out.prob[i] = now - prev;
        prev = now;
    }
    return out;
}

std::int32_t clampToInt32(double v) {
    const double lo = std::numeric_limits<std::int32_t>::min(), hi = std::numeric_limits<std::int32_t>::max();
    return std::int32_t(std::llround(std::clamp(v, lo, hi)));
}

} // namespace

ParamPackage randomPackage(const Network& net, const std::vector<LayerPrecision>& prec, std::uint64_t seed) {
    validate(net);
    checkChain(net, "random package");
    if (prec.size() != net.layers.size())
        throw Error("random package",
                    std::to_string(prec.size()) + " layer precisions for " + std::to_string(net.layers.size()) +
                        " layers");
    auto checkBits = [](const Layer& l, const char* what, int bits) {
        if (bits < 1 || bits > 8)
            throw Error("layer " + l.name,
                        std::string(what) + " " + bitsToString(bits) +
                            ": the accelerator's packages hold 1..8-bit integers");
    };
    ParamPackage pkg;
    pkg.network = net;
    pkg.inputBits = prec.empty() ? 8 : prec.front().inputBits;
    checkBits(net.layers.front(), "input bits", pkg.inputBits);

    std::mt19937_64 rng(seed);
    ValueDist in = uniformDist(pkg.inputBits);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        LayerParams p;
        if (!l.isMatrix()) {
            in = maxOf(in, l.kernel * l.kernel);
            pkg.layers.push_back(std::move(p));
            continue;
        }
        checkBits(l, "weight bits", prec[i].weightBits);
        p.weightBits = prec[i].weightBits;
        if (l.activation) {
            checkBits(l, "activation bits", prec[i].outputBits);
            p.actBits = prec[i].outputBits;
        }
        p.mh = l.outChannels;
        p.mw = l.logicalMatrixWidth();
        p.weights.resize(p.mh * p.mw);
        const int wmax = weightMax(p.weightBits);
        for (auto& w : p.weights)
            w = p.weightBits == 1 ? (rng() & 1 ? 1 : -1) : std::int8_t(int(uniformBelow(rng, 2 * wmax + 1)) - wmax);

        // Per row, the accumulator over random inputs has mean m*sum(w) and variance
        // v*sum(w^2); thresholds at its evenly spaced normal quantiles.
        const std::int64_t t = thresholdCount(p.actBits);
        p.thresholds.resize(p.mh * t);
        const double m = in.mean(), v = in.variance();
        for (std::int64_t o = 0; o < p.mh && t > 0; ++o) {
            double sum = 0, sumSq = 0;
            for (std::int64_t k = 0; k < p.mw; ++k) {
                const double w = p.weights[o * p.mw + k];
                sum += w;
                sumSq += w * w;
            }
            const double mean = m * sum, sd = std::sqrt(v * sumSq);
            for (std::int64_t k = 0; k < t; ++k)
                p.thresholds[o * t + k] = clampToInt32(mean + sd * normalQuantile(double(k + 1) / double(t + 1)));
        }
        if (l.activation) in = uniformDist(p.actBits);
        pkg.layers.push_back(std::move(p));
    }
    return pkg;
}

} // namespace bitfold
