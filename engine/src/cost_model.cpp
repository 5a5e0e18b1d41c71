#include "bitfold/cost_model.h"

#include "bitfold/calibration.h"
#include "bitfold/cycles.h"
#include "bitfold/error.h"
#include "cost_internal.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

namespace bitfold {

namespace {
std::string trimmed(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}
} // namespace

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
    const int mmv = net.layers[i].kind == LayerKind::Conv ? folding.layers[i].mmv : 1;
    return folding.layers[i].pe * mmv * prec[layer].outputBits;
}

int inStreamBits(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int layer) {
    const Layer& l = net.layers[layer];
    if (!l.isMatrix()) return layer > 0 ? outStreamBits(net, prec, folding, layer - 1) : prec[layer].inputBits;
    return folding.layers[layer].simd * prec[layer].inputBits;
}

namespace {
/// RAMB18s of a depth x width memory in the D x W aspect ratio (constant divisors: the
/// folding search prices millions of memories).
template <std::uint64_t D, std::uint64_t W>
double ramb18Blocks(std::uint64_t depth, std::uint64_t width) {
    return double((depth + D - 1) / D) * double((width + W - 1) / W);
}
} // namespace

double ramb18For(std::int64_t depth, std::int64_t width, std::int64_t kDepthFirst) {
    if (depth <= 0 || width <= 0) return 0;
    // The RAMB18 aspect ratios, deepest first: 16K x 1, 8K x 2, 4K x 4, 2K x 9, 1K x 18, 512 x 36.
    const auto d = std::uint64_t(depth), w = std::uint64_t(width);
    if (depth > kDepthFirst) {
        // Deep memories cascade depth-first: the deepest aspect not deeper than the memory.
        if (d >= 16384) return ramb18Blocks<16384, 1>(d, w);
        if (d >= 8192) return ramb18Blocks<8192, 2>(d, w);
        if (d >= 4096) return ramb18Blocks<4096, 4>(d, w);
        if (d >= 2048) return ramb18Blocks<2048, 9>(d, w);
        if (d >= 1024) return ramb18Blocks<1024, 18>(d, w);
        if (d >= 512) return ramb18Blocks<512, 36>(d, w);
    }
    return std::min({ramb18Blocks<16384, 1>(d, w), ramb18Blocks<8192, 2>(d, w), ramb18Blocks<4096, 4>(d, w),
                     ramb18Blocks<2048, 9>(d, w), ramb18Blocks<1024, 18>(d, w), ramb18Blocks<512, 36>(d, w)});
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

namespace {

void fillLayerCycles(Estimate& e, const Network& net, const Folding& folding, const PipelinePlan& plan) {
    e.layers.resize(net.layers.size());
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        LayerEstimate& le = e.layers[i];
        le.name = l.name;
        le.kind = l.kind;
        le.pe = plan.layerPe[i];
        le.simd = l.isMatrix() ? folding.layers[i].simd : 1;
        le.mmv = l.kind == LayerKind::Conv ? folding.layers[i].mmv : 1;
        le.cycles = plan.layerCycles[i];
    }
    for (const PlanStage& s : plan.stages) {
        if (s.layer < 0) continue;
        LayerEstimate& le = e.layers[s.layer];
        if (s.kind == BlockKind::Mvtu || s.kind == BlockKind::MaxPool)
            le.computeCycles = s.cycles;
        else if (s.kind == BlockKind::SlidingWindow)
            le.windowCycles = s.cycles;
    }
}

/// Frame rates, what bounds them, and the batch view.
void fillRates(Estimate& e, const Device& device, const PipelinePlan& plan) {
    const double clock = e.clockMhz * 1e6;
    const double kernelRate = e.cycles > 0 ? clock / double(e.cycles) : 0;
    const std::int64_t memCycles = plan::memoryCycles(plan);
    const double portClock = device.port.clockMhz > 0 ? std::min(device.port.clockMhz, e.clockMhz) : e.clockMhz;
    const double portRate = memCycles > 0 ? portClock * 1e6 / double(memCycles) : kernelRate;
    e.fpsPerUnit = std::min(kernelRate, portRate);
    e.fps = e.fpsPerUnit * e.computeUnits;
    e.memoryFps = portRate * e.computeUnits;
    e.launchUs = device.launchOverheadUs;
    e.bound = portRate <= kernelRate * (1 + 1e-12) ? Bound::Memory : Bound::Compute;
    applyBatch(e, kDefaultBatch);
}

} // namespace

} // namespace detail

const char* toString(Bound b) {
    switch (b) {
    case Bound::Compute: return "compute";
    case Bound::Memory: return "memory";
    case Bound::Launch: return "launch";
    }
    return "?";
}

void applyBatch(Estimate& e, std::int64_t batch) {
    if (batch < 1) throw Error("batch", std::to_string(batch) + " must be at least 1 frame");
    e.batch = batch;
    const double pipelineS = e.fps > 0 ? double(batch) / e.fps : 0;
    const double launchS = e.launchUs * 1e-6;
    e.fpsAtBatch = pipelineS + launchS > 0 ? double(batch) / (pipelineS + launchS) : 0;
    const bool memory = e.memoryFps <= e.fps * (1 + 1e-12) && e.memoryFps > 0;
    e.bound = launchS > pipelineS ? Bound::Launch : memory ? Bound::Memory : Bound::Compute;
}

Estimate estimate(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                  const Device& device, double clockMhz, CostModel model) {
    return estimateWith(net, prec, folding, device, clockMhz, model, defaultCalibration());
}

Estimate estimateWith(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                      const Device& device, double clockMhz, CostModel model, const CostCalibration& cal) {
    if (!std::isfinite(clockMhz)) throw Error("clock", "must be a finite number of MHz");
    if (clockMhz <= 0 && !(device.clockMhz > 0))
        throw Error("clock", "neither the design nor device " + device.id + " gives a clock");
    if (folding.computeUnits < 1)
        throw Error("compute units", std::to_string(folding.computeUnits) + " must be at least 1");
    Estimate e;
    e.model = toString(model);
    e.clockMhz = clockMhz > 0 ? clockMhz : device.clockMhz;
    e.computeUnits = folding.computeUnits;
    PipelinePlan plan = planPipeline(net, prec, folding, device.port.bits);
    detail::fillLayerCycles(e, net, folding, plan);
    e.assumptions = detail::modelAssumptions(model);
    e.modelled = detail::modelledFigures(model);
    e.infrastructure = detail::infrastructureCost(model, cal);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        LayerEstimate& le = e.layers[i];
        le.accumulatorBits = l.isMatrix() ? accumulatorBits(l.matrixWidth(), prec[i].weightBits, prec[i].inputBits) : 0;
        if (l.isMatrix()) {
            const LayerFolding& f = folding.layers[i];
            le.weightDepth = l.matrixWidth() * l.matrixHeight() / (std::int64_t(f.pe) * f.simd);
            le.weightWidth = f.simd * prec[i].weightBits;
            const detail::MatrixCostModel m(l, prec[i], device, model, cal);
            const detail::LayerCost base = m.base(f.pe, f.simd, le.mmv, f.product, f.thresholds);
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

    std::int64_t slowestLayer = -1;
    for (std::size_t i = 0; i < e.layers.size(); ++i) {
        LayerEstimate& l = e.layers[i];
        l.res = l.compute + l.weights + l.thresholds + l.window + l.glue;
        e.layersTotal += l.res;
        if (e.bottleneck < 0 || l.cycles > slowestLayer) {
            slowestLayer = l.cycles;
            e.bottleneck = int(i);
        }
    }
    e.cycles = plan.cycles;
    e.slowestStage = plan.slowest;
    e.shell = device.shell;
    e.totals = (e.layersTotal + e.infrastructure) * double(e.computeUnits) + e.shell;
    detail::fillRates(e, device, plan);
    e.stages = std::move(plan.stages);
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
                         "throughput = clock / slowest block (cycles per frame from the pipeline plan, cycles.h), "
                         "reader and writer included; blocks run concurrently");
    e.assumptions.insert(e.assumptions.begin() + 1,
                         "memory port: " + std::to_string(device.port.bits) + " bits" +
                             (device.port.clockMhz > 0 ? " at up to " + trimmed(device.port.clockMhz) + " MHz"
                                                       : " at the kernel clock") +
                             " per compute unit (device file " + device.id + ")");
    if (device.launchOverheadUs > 0)
        e.assumptions.insert(e.assumptions.begin() + 2,
                             "launch overhead " + trimmed(device.launchOverheadUs) +
                                 " us per batch, an assumption (device file " + device.id + ")");
    return e;
}

} // namespace bitfold
