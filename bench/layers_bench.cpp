// Cost in layers (issue 13): validating, estimating and folding a generated deep MLP of
// 1,000, 10,000 and 200,000 fully connected layers (784 -> 64 -> ... -> 64 -> 10, W1A1, on the
// VU9P). Targets: 10,000 layers estimate + fold in under 1 s, 200,000 in under 20 s; a cost
// linear in layers shows as a constant time per layer (the "per_layer" counter) across sizes.
#include "bitfold/catalog.h"
#include "bitfold/cost_model.h"
#include "bitfold/optimizer.h"

#include <benchmark/benchmark.h>
#include <map>

using namespace bitfold;

namespace {

Network deepMlp(int layers) {
    Network n;
    n.id = "deep-mlp-" + std::to_string(layers);
    n.name = "Deep MLP, " + std::to_string(layers) + " layers";
    n.dataset = "mnist";
    n.inputBits = 1;
    n.layers.reserve(std::size_t(layers));
    for (int i = 0; i < layers; ++i) {
        Layer l;
        l.name = "fc" + std::to_string(i);
        l.inChannels = i == 0 ? 784 : 64;
        l.outChannels = i + 1 == layers ? 10 : 64;
        l.activation = i + 1 != layers;
        n.layers.push_back(std::move(l));
    }
    return n;
}

struct Case {
    Network net;
    std::vector<LayerPrecision> prec;
    Device device;
};

const Case& caseOf(int layers) {
    static std::map<int, Case> cases;
    auto it = cases.find(layers);
    if (it == cases.end()) {
        Network net = deepMlp(layers);
        PrecisionSpec spec;
        spec.weightBits = spec.actBits = 1;
        auto prec = resolvePrecision(net, spec);
        it = cases.emplace(layers, Case{std::move(net), std::move(prec), Catalog::shipped().device("xcvu9p")}).first;
    }
    return it->second;
}

void perLayer(benchmark::State& st, int layers) {
    st.SetItemsProcessed(std::int64_t(st.iterations()) * layers);
    st.counters["per_layer"] =
        benchmark::Counter(double(st.iterations()) * layers, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Validate(benchmark::State& st) {
    const Case& c = caseOf(int(st.range(0)));
    for (auto _ : st) validate(c.net);
    perLayer(st, int(st.range(0)));
}

void BM_Estimate(benchmark::State& st) {
    const Case& c = caseOf(int(st.range(0)));
    const Folding folding = maximalFolding(c.net, c.prec);
    for (auto _ : st) benchmark::DoNotOptimize(estimate(c.net, c.prec, folding, c.device, 0));
    perLayer(st, int(st.range(0)));
}

void BM_Fold(benchmark::State& st) {
    const Case& c = caseOf(int(st.range(0)));
    int evaluations = 0;
    bool fits = false;
    for (auto _ : st) {
        const FoldingResult r = optimizeFolding(c.net, c.prec, c.device, {});
        evaluations = r.evaluations;
        fits = r.fits;
        benchmark::DoNotOptimize(r);
    }
    perLayer(st, int(st.range(0)));
    st.counters["evaluations"] = evaluations;
    st.counters["fits"] = fits;
}

/// What the targets time: the optimizer's folding, then its estimate.
void BM_EstimateAndFold(benchmark::State& st) {
    const Case& c = caseOf(int(st.range(0)));
    for (auto _ : st) {
        const FoldingResult r = optimizeFolding(c.net, c.prec, c.device, {});
        benchmark::DoNotOptimize(estimate(c.net, c.prec, r.folding, c.device, 0));
    }
    perLayer(st, int(st.range(0)));
}

} // namespace

#define BITFOLD_LAYERS                                                                                                 \
    ->Arg(1000)->Arg(10000)->Arg(200000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime()
BENCHMARK(BM_Validate) BITFOLD_LAYERS;
BENCHMARK(BM_Estimate) BITFOLD_LAYERS;
BENCHMARK(BM_Fold) BITFOLD_LAYERS;
BENCHMARK(BM_EstimateAndFold) BITFOLD_LAYERS;

BENCHMARK_MAIN();
