// One estimate per shipped network: the cost of pricing a design (pipeline plan, cycles,
// resources, latency). The folding is the bitfold optimizer's on an XCZU7EV and on the VU9P
// (where MMV and compute units come in) at W1A1, W2A2 and W4A4.
#include "bitfold/catalog.h"
#include "bitfold/cost_model.h"
#include "bitfold/optimizer.h"

#include <benchmark/benchmark.h>

using namespace bitfold;

int main(int argc, char** argv) {
    const Catalog& cat = Catalog::shipped();
    for (const char* deviceId : {"xczu7ev", "xcvu9p"})
        for (const Network& net : cat.networks()) {
            const Device& device = cat.device(deviceId);
            for (int bits : {1, 2, 4}) {
                PrecisionSpec spec;
                spec.weightBits = spec.actBits = bits;
                const auto prec = resolvePrecision(net, spec);
                const Folding folding = optimizeFolding(net, prec, device, {}).folding;
                for (CostModel model : allCostModels()) {
                    const std::string name = "Estimate/" + net.id + "/W" + std::to_string(bits) + "A" +
                        std::to_string(bits) + "/" + toString(model) + "/" + device.id;
                    benchmark::RegisterBenchmark(
                        name.c_str(), [&net, prec, folding, &device, model](benchmark::State& st) {
                            for (auto _ : st) benchmark::DoNotOptimize(estimate(net, prec, folding, device, 0, model));
                            st.SetItemsProcessed(st.iterations());
                        });
                }
            }
        }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
