// One folding optimisation per shipped network and device (W1A1, highest FPS within the
// default limits): the bitfold search, and the two baselines beside it for scale.
#include "bitfold/catalog.h"
#include "bitfold/optimizer.h"

#include <benchmark/benchmark.h>

using namespace bitfold;

int main(int argc, char** argv) {
    const Catalog& cat = Catalog::shipped();
    for (const Network& net : cat.networks()) {
        PrecisionSpec spec;
        const auto prec = resolvePrecision(net, spec);
        for (const Device& dev : cat.devices()) {
            for (FoldingStrategy s :
                 {FoldingStrategy::Bitfold, FoldingStrategy::FinnSetFolding, FoldingStrategy::FinnRGreedy}) {
                FoldingRequest req;
                req.strategy = s;
                const std::string name = std::string("Optimize/") + toString(s) + "/" + net.id + "/" + dev.id;
                benchmark::RegisterBenchmark(name.c_str(), [&net, prec, &dev, req](benchmark::State& st) {
                    bool fits = false;
                    double fps = 0;
                    for (auto _ : st) {
                        const FoldingResult r = optimizeFolding(net, prec, dev, req);
                        fits = r.fits;
                        fps = r.estimate.fps;
                        benchmark::DoNotOptimize(r);
                    }
                    st.SetItemsProcessed(st.iterations());
                    st.counters["fits"] = fits;
                    st.counters["fps"] = fps;
                });
            }
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
