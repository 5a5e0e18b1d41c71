// JSON forms of the engine's results (json_io.h): estimates, design points, device scaling.
// Figures a model does not estimate are null, never zero.
#include "bitfold/json_io.h"

#include "bitfold/precision.h"

namespace bitfold {

using nlohmann::json;

namespace {
/// A resource block of an estimate: figures the model does not estimate are null.
json estimatedJson(const Resources& r, const Modelled& m) {
    json j = toJson(r);
    if (!m.ff) j["ff"] = nullptr;
    if (!m.dsp) j["dsp"] = nullptr;
    return j;
}
} // namespace

json toJson(const Estimate& e) {
    const Modelled& m = e.modelled;
    auto opt = [](bool modelled, double v) { return modelled ? json(v) : json(nullptr); };
    json layers = json::array();
    for (const LayerEstimate& l : e.layers) {
        layers.push_back({{"name", l.name},
                          {"kind", toString(l.kind)},
                          {"pe", l.pe},
                          {"simd", l.simd},
                          {"mmv", l.mmv},
                          {"cycles", l.cycles},
                          {"compute_cycles", l.computeCycles},
                          {"window_cycles", l.windowCycles},
                          {"accumulator_bits", l.accumulatorBits},
                          {"weight_memory", toString(l.weightMemory)},
                          {"weight_depth", l.weightDepth},
                          {"weight_width", l.weightWidth},
                          {"lut", l.res.lut},
                          {"ff", opt(m.ff, l.res.ff)},
                          {"bram18", l.res.bram18},
                          {"uram", l.res.uram},
                          {"dsp", opt(m.dsp, l.res.dsp)},
                          {"lutram", l.res.lutram},
                          {"breakdown",
                           {{"compute", estimatedJson(l.compute, m)},
                            {"weights", estimatedJson(l.weights, m)},
                            {"thresholds", estimatedJson(l.thresholds, m)},
                            {"window", m.windows ? estimatedJson(l.window, m) : json(nullptr)},
                            {"glue", m.windows ? estimatedJson(l.glue, m) : json(nullptr)}}}});
    }
    json stages = json::array();
    for (const PlanStage& s : e.stages)
        stages.push_back({{"name", s.name},
                          {"kind", toString(s.kind)},
                          {"layer", s.layer >= 0 && s.layer < int(e.layers.size()) ? e.layers[s.layer].name : ""},
                          {"cycles", s.cycles}});
    json util = {{"lut", e.utilisation.lut},
                 {"ff", opt(m.ff, e.utilisation.ff)},
                 {"bram", e.utilisation.bram18},
                 {"uram", e.utilisation.uram},
                 {"dsp", opt(m.dsp, e.utilisation.dsp)}};
    return {{"model", e.model},
            {"clock_mhz", e.clockMhz},
            {"fps", e.fps},
            {"fps_per_unit", e.fpsPerUnit},
            {"compute_units", e.computeUnits},
            {"bound", toString(e.bound)},
            {"memory_fps", e.memoryFps},
            {"launch_overhead_us", e.launchUs},
            {"batch", e.batch},
            {"fps_at_batch", e.fpsAtBatch},
            {"cycles", e.cycles},
            {"slowest_stage", e.slowestStage >= 0 ? e.stages[e.slowestStage].name : ""},
            {"latency_cycles", e.latencyCycles},
            {"latency_us", e.latencyUs},
            {"ops_per_s", e.opsPerSecond},
            {"bottleneck", e.bottleneck >= 0 ? e.layers[e.bottleneck].name : ""},
            {"most_used_resource", toString(e.mostUsed)},
            {"totals", estimatedJson(e.totals, m)},
            {"layers_total", estimatedJson(e.layersTotal, m)},
            {"infrastructure", estimatedJson(e.infrastructure, m)},
            {"shell", toJson(e.shell)},
            {"modelled", {{"ff", m.ff}, {"dsp", m.dsp}, {"windows", m.windows}}},
            {"utilisation", util},
            {"layers", layers},
            {"stages", stages},
            {"assumptions", e.assumptions}};
}

json toJson(const DesignPoint& p, const Network* net) {
    json j = {{"network", p.network},
              {"width", p.widthScale},
              {"weights", bitsToString(p.weightBits)},
              {"acts", bitsToString(p.actBits)},
              {"first_last_weights", p.edgeWeightBits ? json(bitsToString(p.edgeWeightBits)) : json()},
              {"device", p.device},
              {"clock_mhz", p.clockMhz},
              {"fps", p.fps},
              {"latency_us", p.latencyUs},
              {"ops_per_s", p.opsPerSecond},
              {"fps_per_lut", p.fpsPerLut},
              {"totals", toJson(p.totals)},
              {"utilisation",
               {{"lut", p.utilisation.lut},
                {"ff", p.utilisation.ff},
                {"bram", p.utilisation.bram18},
                {"uram", p.utilisation.uram},
                {"dsp", p.utilisation.dsp}}},
              {"fits", p.fits},
              {"limiting_resource", p.limitingResource},
              {"kind", "predicted"}};
    if (p.accuracy.kind != AccuracyKind::None)
        j["accuracy"] = {{"top1", p.accuracy.top1},       {"sd", p.accuracy.sd},
                         {"seeds", p.accuracy.seeds},     {"kind", toString(p.accuracy.kind)},
                         {"dataset", p.accuracy.dataset}, {"source", p.accuracy.source}};
    else
        j["accuracy"] = nullptr;
    if (net) j["folding"] = toJson(p.folding, *net)["layers"];
    return j;
}

json scalingJson(const std::vector<ScalingPoint>& points) {
    json arr = json::array();
    for (const ScalingPoint& p : points)
        arr.push_back({{"device", p.device},
                       {"vu9p_fraction", p.fraction},
                       {"fps", p.fps},
                       {"fits", p.fits},
                       {"limiting_resource", p.limitingResource},
                       {"compute_units", p.computeUnits},
                       {"why", p.why},
                       {"utilisation",
                        {{"lut", p.utilisation.lut},
                         {"ff", p.utilisation.ff},
                         {"bram", p.utilisation.bram18},
                         {"uram", p.utilisation.uram},
                         {"dsp", p.utilisation.dsp}}}});
    return arr;
}

} // namespace bitfold
