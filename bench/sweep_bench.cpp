// Whole sweeps, on one thread and on all: the default sweep (every shipped network x the default
// W, A in {1, 2, 4, 8} x every shipped device), the full one (W, A in {1, 2, 4, 8, 16, float32}),
// and the small MLPs alone.
#include "bitfold/catalog.h"
#include "bitfold/sweep.h"

#include <benchmark/benchmark.h>

using namespace bitfold;

namespace {

SweepSpec fullSpec(const std::vector<std::string>& networks, int threads) {
    SweepSpec spec;
    spec.networks = networks;
    spec.weightBits = spec.actBits = {1, 2, 4, 8, 16, 32};
    spec.threads = threads;
    return spec;
}

std::vector<std::string> allNetworks() {
    std::vector<std::string> ids;
    for (const Network& n : Catalog::shipped().networks()) ids.push_back(n.id);
    return ids;
}

void run(benchmark::State& st, const SweepSpec& spec) {
    std::size_t points = 0, fits = 0;
    for (auto _ : st) {
        const auto result = runSweep(spec);
        points = result.size();
        fits = 0;
        for (const DesignPoint& p : result) fits += p.fits;
    }
    st.SetItemsProcessed(std::int64_t(st.iterations() * points));
    st.counters["points"] = double(points);
    st.counters["fit"] = double(fits);
}

void BM_DefaultSweep(benchmark::State& st) {
    SweepSpec spec; // the default precisions, devices and folding request
    spec.networks = allNetworks();
    spec.threads = int(st.range(0));
    run(st, spec);
}
void BM_FullSweep(benchmark::State& st) { run(st, fullSpec(allNetworks(), int(st.range(0)))); }
void BM_SmallNetworkSweep(benchmark::State& st) {
    run(st, fullSpec({"tfc", "sfc", "lfc", "mlp-w25"}, int(st.range(0))));
}

} // namespace

// threads: 1 = the per-core figure; 0 = every hardware thread.
BENCHMARK(BM_DefaultSweep)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FullSweep)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SmallNetworkSweep)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
