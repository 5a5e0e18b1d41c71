#include "bitfold/fit.h"

#include "optimizer_internal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace bitfold {

FitReport fitReport(const Estimate& e, const Device& device, const ResourceLimits& limits) {
    FitReport r;
    r.fits = detail::withinLimits(e, device, limits);
    r.tightest = detail::tightestResource(e, device, limits, &r.ratio);
    r.share = get(e.utilisation, r.tightest);
    r.limit = limitOf(limits, r.tightest);
    return r;
}

namespace {

std::string printf1(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

/// "125 BRAM36", "37,727 LUT": block RAM in the tiles vendors report.
std::string quantity(ResourceKind k, double v) {
    if (k == ResourceKind::Bram) return printf1(v / 2 < 100 ? "%.1f" : "%.0f", v / 2) + " BRAM36";
    return printf1("%.0f", v) + " " + toString(k);
}

/// What sets the size of the thresholds: 2^A - 1 values of accumulator width per output channel.
std::string thresholdStorage(const Network& net, const std::vector<LayerPrecision>& prec) {
    double bits = 0, channels = 0;
    int minT = 0, maxT = 0, minAcc = 0, maxAcc = 0;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        if (!l.isMatrix() || !l.activation || prec[i].outputBits >= 16) continue;
        const int t = (1 << prec[i].outputBits) - 1;
        const int acc = accumulatorBits(l.matrixWidth(), prec[i].weightBits, prec[i].inputBits);
        minT = minT ? std::min(minT, t) : t;
        maxT = std::max(maxT, t);
        minAcc = minAcc ? std::min(minAcc, acc) : acc;
        maxAcc = std::max(maxAcc, acc);
        channels += double(l.matrixHeight());
        bits += double(l.matrixHeight()) * t * acc;
    }
    const std::string count = minT == maxT ? std::to_string(maxT) : std::to_string(minT) + "-" + std::to_string(maxT);
    const std::string width =
        minAcc == maxAcc ? std::to_string(maxAcc) : std::to_string(minAcc) + "-" + std::to_string(maxAcc);
    return count + " thresholds of " + width + " bits for each of " + printf1("%.0f", channels) + " output channels, " +
        printf1("%.1f", bits / 1048576.0) + " Mbit whatever the folding";
}

} // namespace

std::string fitReason(const Network& net, const std::vector<LayerPrecision>& prec, const Estimate& e,
                      const Device& device, const ResourceLimits& limits) {
    const FitReport fit = fitReport(e, device, limits);
    if (fit.fits) return {};
    const ResourceKind k = fit.tightest;
    Resources compute, weights, thresholds, window, glue;
    for (const LayerEstimate& l : e.layers) {
        compute += l.compute;
        weights += l.weights;
        thresholds += l.thresholds;
        window += l.window;
        glue += l.glue;
    }
    const double units = e.computeUnits;
    struct Part {
        const char* name;
        double amount;
    };
    const Part parts[] = {{"the datapath (products, adder trees, accumulators, comparators)", get(compute, k) * units},
                          {"the weight memory", get(weights, k) * units},
                          {"the threshold memory", get(thresholds, k) * units},
                          {"the sliding windows and pools", get(window, k) * units},
                          {"control, FIFOs and width converters", get(glue, k) * units},
                          {"the accelerator's I/O", get(e.infrastructure, k) * units},
                          {"the platform shell", get(e.shell, k)}};
    const Part* big = &parts[0];
    for (const Part& p : parts)
        if (p.amount > big->amount) big = &p;
    const double allowed = fit.limit * get(device.total, k);
    const std::string limit = printf1("%.0f", 100 * fit.limit) + "%";
    if (big->amount > allowed) {
        std::string what = std::string(big->name) + " alone needs " + quantity(k, big->amount);
        if (big == &parts[2]) what += " (" + thresholdStorage(net, prec) + ")";
        what[0] = char(std::toupper(static_cast<unsigned char>(what[0])));
        return what + ", more than the " + quantity(k, allowed) + " that the " + limit + " limit allows on " +
            device.id + ".";
    }
    return "The design needs " + quantity(k, get(e.totals, k)) + " (" + printf1("%.0f", 100 * fit.share) + "% of " +
        device.id + ", limit " + limit + "); the largest part is " + big->name + " with " + quantity(k, big->amount) +
        ".";
}

} // namespace bitfold
