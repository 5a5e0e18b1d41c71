#include "bitfold/cost_model.h"

#include "bitfold/calibration.h"
#include "bitfold/cycles.h"
#include "bitfold/error.h"
#include "cost_internal.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace bitfold {

const char* toString(CostModel m) {
    switch (m) {
    case CostModel::Bitfold: return "bitfold";
    case CostModel::FinnR: return "finn-r";
    case CostModel::Finn: return "finn";
    }
    return "?";
}

CostModel costModelFromString(const std::string& s) {
    if (s == "bitfold") return CostModel::Bitfold;
    if (s == "finn-r" || s == "finnr") return CostModel::FinnR;
    if (s == "finn") return CostModel::Finn;
    throw Error("model", "unknown cost model '" + s + "' (valid: bitfold, finn-r, finn)");
}

std::vector<CostModel> allCostModels() { return {CostModel::Bitfold, CostModel::FinnR, CostModel::Finn}; }

namespace detail {

int outStreamBits(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int layer) {
    // A pool passes its producer's stream through unchanged.
    int i = layer;
    while (i > 0 && !net.layers[i].isMatrix()) --i;
    return folding.layers[i].pe * prec[layer].outputBits;
}

int inStreamBits(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int layer) {
    const Layer& l = net.layers[layer];
    if (!l.isMatrix()) return layer > 0 ? outStreamBits(net, prec, folding, layer - 1) : prec[layer].inputBits;
    return folding.layers[layer].simd * prec[layer].inputBits;
}

int poolParallelism(const Layer& pool, int producerPe) {
    int pe = producerPe;
    while (pe > 1 && pool.inChannels % pe) --pe;
    return pe;
}

std::vector<LayerEstimate> stageCycles(const Network& net, const std::vector<LayerPrecision>& prec,
                                       const Folding& folding) {
    std::vector<LayerEstimate> out(net.layers.size());
    int producerPe = 1;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const LayerFolding& f = folding.layers[i];
        LayerEstimate& e = out[i];
        e.name = l.name;
        e.kind = l.kind;
        if (l.isMatrix()) {
            e.pe = f.pe;
            e.simd = f.simd;
            e.computeCycles = std::int64_t(
                cycles::mvtu(l.matrixHeight(), l.matrixWidth(), f.pe, f.simd, l.outPixels()));
            if (l.kind == LayerKind::Conv)
                e.windowCycles = std::int64_t(cycles::slidingWindow(l.inDim + l.padTotal, l.outDim(), l.kernel,
                                                                    l.stride, l.hwIn(), f.simd));
            producerPe = f.pe;
        } else {
            const int pe = poolParallelism(l, producerPe);
            e.pe = pe;
            e.simd = 1;
            e.computeCycles = std::int64_t(cycles::maxPool(l.inDim + l.padTotal, l.inChannels, pe));
        }
        e.cycles = std::max(e.computeCycles, e.windowCycles);
        e.accumulatorBits = l.isMatrix() ? accumulatorBits(l.matrixWidth(), prec[i].weightBits, prec[i].inputBits) : 0;
        e.weightDepth = l.isMatrix() ? l.matrixWidth() * l.matrixHeight() / (std::int64_t(f.pe) * f.simd) : 0;
        e.weightWidth = l.isMatrix() ? f.simd * prec[i].weightBits : 0;
    }
    return out;
}

double ramb18For(std::int64_t depth, std::int64_t width, std::int64_t kDepthFirst) {
    if (depth <= 0 || width <= 0) return 0;
    static constexpr std::int64_t kDepth[] = {16384, 8192, 4096, 2048, 1024, 512};
    static constexpr std::int64_t kWidth[] = {1, 2, 4, 9, 18, 36};
    if (depth > kDepthFirst) {
        // Deep memories cascade depth-first: the deepest aspect not deeper than the memory.
        for (int k = 0; k < 6; ++k)
            if (kDepth[k] <= depth)
                return double((depth + kDepth[k] - 1) / kDepth[k]) * double((width + kWidth[k] - 1) / kWidth[k]);
    }
    double best = 1e300;
    for (int k = 0; k < 6; ++k) {
        const double n = double((depth + kDepth[k] - 1) / kDepth[k]) * double((width + kWidth[k] - 1) / kWidth[k]);
        best = std::min(best, n);
    }
    return best;
}

double uramFor(std::int64_t depth, std::int64_t width) {
    if (depth <= 0 || width <= 0) return 0;
    return double((depth + 4095) / 4096) * double((width + 71) / 72);
}

double lutramFor(std::int64_t depth, std::int64_t width) {
    if (depth <= 0 || width <= 0) return 0;
    return double((depth + 63) / 64) * double(width);
}

double overlappedLatency(const Network& net, const std::vector<LayerEstimate>& layers) {
    // Each stage starts once its producer has emitted what the stage's first output needs
    // (K input rows for a window, the whole vector for an FC layer) and ends no earlier than
    // its own work allows, nor before the producer's last output plus the work that depends
    // on it (the last output row of a window, the whole of an FC layer).
    double prevStart = 0, prevEnd = 0, prevCycles = 0;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const double t = double(layers[i].cycles);
        double need = 1.0, tail = 1.0;
        if (l.kind != LayerKind::Fc) {
            const double rows = l.inDim + l.padTotal;
            need = std::min(1.0, l.kernel / rows);
            tail = 1.0 / l.outDim();
        }
        const double start = i == 0 ? 0 : prevStart + need * prevCycles;
        const double end = i == 0 ? t : std::max(start + t, prevEnd + tail * t);
        prevStart = start;
        prevEnd = end;
        prevCycles = t;
    }
    return prevEnd;
}

} // namespace detail

Estimate estimate(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                  const Device& device, double clockMhz, CostModel model) {
    return estimateWith(net, prec, folding, device, clockMhz, model, defaultCalibration());
}

Estimate estimateWith(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                      const Device& device, double clockMhz, CostModel model, const CostCalibration& cal) {
    assert(prec.size() == net.layers.size() && folding.layers.size() == net.layers.size());
    Estimate e;
    e.model = toString(model);
    e.clockMhz = clockMhz > 0 ? clockMhz : device.clockMhz;
    e.layers = detail::stageCycles(net, prec, folding);
    e.assumptions = detail::modelAssumptions(model);
    e.modelled = detail::modelledFigures(model);
    e.infrastructure = detail::infrastructureCost(model, cal);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        LayerEstimate& le = e.layers[i];
        if (l.isMatrix()) {
            const LayerFolding& f = folding.layers[i];
            const detail::MatrixCostModel m(l, prec[i], device, model, cal);
            const detail::LayerCost base = m.base(f.pe, f.simd, f.product, f.thresholds);
            const detail::LayerCost mem = m.weights(f.pe, f.simd, f.memory);
            le.compute = base.compute;
            le.thresholds = base.thresholds;
            le.window = base.window;
            le.glue = base.glue;
            le.weights = mem.weights;
            le.weightMemory = mem.weightMemory;
        } else {
            const double inBits = i > 0 ? detail::outStreamBits(net, prec, folding, int(i) - 1) : prec[i].inputBits;
            le.window = detail::poolCost(model, l, prec[i], le.pe, inBits);
        }
        // A width converter wherever the producer's stream differs from this stage's.
        if (i > 0 && l.isMatrix())
            le.glue += detail::converterCost(model, detail::inStreamBits(net, prec, folding, int(i)),
                                             detail::outStreamBits(net, prec, folding, int(i) - 1));
    }

    for (std::size_t i = 0; i < e.layers.size(); ++i) {
        LayerEstimate& l = e.layers[i];
        l.res = l.compute + l.weights + l.thresholds + l.window + l.glue;
        e.layersTotal += l.res;
        if (e.bottleneck < 0 || l.cycles > e.cycles) {
            e.cycles = l.cycles;
            e.bottleneck = int(i);
        }
    }
    e.shell = device.shell;
    e.totals = e.layersTotal + e.infrastructure + e.shell;
    e.fps = e.cycles > 0 ? e.clockMhz * 1e6 / double(e.cycles) : 0;
    e.latencyCycles = detail::overlappedLatency(net, e.layers);
    e.latencyUs = e.latencyCycles / e.clockMhz;
    e.opsPerSecond = double(net.ops()) * e.fps;
    auto frac = [](double used, double have) { return have > 0 ? used / have : (used > 0 ? INFINITY : 0.0); };
    e.utilisation = {frac(e.totals.lut, device.total.lut),       frac(e.totals.ff, device.total.ff),
                     frac(e.totals.bram18, device.total.bram18), frac(e.totals.uram, device.total.uram),
                     frac(e.totals.dsp, device.total.dsp),       frac(e.totals.lutram, device.total.lut)};
    double most = -1;
    for (ResourceKind k : kAllResources) {
        if ((k == ResourceKind::Ff && !e.modelled.ff) || (k == ResourceKind::Dsp && !e.modelled.dsp)) continue;
        if (get(e.utilisation, k) > most) {
            most = get(e.utilisation, k);
            e.mostUsed = k;
        }
    }
    e.assumptions.insert(e.assumptions.begin(),
                         "throughput = clock / slowest stage (cycles per frame, cycles.h); stages run concurrently");
    return e;
}

} // namespace bitfold
