// Speed of the accelerator's C simulation beside the golden reference and the machine's
// limit, one core each (run under `taskset -c 0` for the golden reference's threads to share
// one core too). Counters:
//   images_per_s  simulated or golden images per CPU second (the simulation child's CPU time,
//                 compile excluded; the golden reference's as Google Benchmark measures it)
//   macs_per_s    logical multiply-accumulates per second (network MACs x images/s)
//   binary_macs_per_s  the limit: a tight 64-bit XNOR-popcount loop, 64 one-bit MACs per word
// docs/accelerator.md reports the ratios.
#include "bitfold/catalog.h"
#include "bitfold/golden.h"
#include "bitfold/hls_config.h"
#include "bitfold/sim_runner.h"

#include <benchmark/benchmark.h>

#include <bit>
#include <cstdint>
#include <random>
#include <vector>

using namespace bitfold;

namespace {

struct Case {
    const char* network;
    int bits; // weights = activations
    int images;
};

ParamPackage package(const Case& c) {
    const Network net = Catalog::shipped().network(c.network);
    PrecisionSpec spec;
    spec.weightBits = c.bits;
    spec.actBits = c.bits;
    return randomPackage(net, resolvePrecision(net, spec), 1);
}

ImageSet images(const Network& net, int count) {
    const Layer& l0 = net.layers.front();
    const int side = l0.kind == LayerKind::Fc ? 1 : l0.inDim;
    return randomImages(count, side, side, l0.inChannels, 2);
}

void simulation(benchmark::State& state, Case c) {
    const ParamPackage pkg = package(c);
    const ImageSet set = images(pkg.network, c.images);
    SimOptions o;
    o.checkGolden = false; // the child's speed alone
    o.batch = 64;
    const SimBuild b = buildSimulation(pkg, simulationFolding(pkg.network, pkg.precision()), o);
    double ips = 0;
    for (auto _ : state) {
        const SimResult r = runSimulation(b, pkg, set, o);
        ips = r.cpuSeconds > 0 ? r.images / r.cpuSeconds : r.imagesPerSecond;
        state.SetIterationTime(r.cpuSeconds > 0 ? r.cpuSeconds : r.elapsedSeconds);
    }
    state.counters["images_per_s"] = ips;
    state.counters["macs_per_s"] = ips * double(pkg.network.macs());
}

void golden(benchmark::State& state, Case c) {
    const ParamPackage pkg = package(c);
    const ImageSet set = images(pkg.network, std::min(c.images, 500));
    GoldenRunner runner(pkg);
    std::int64_t done = 0;
    for (auto _ : state) {
        for (int i = 0; i < set.count; ++i) benchmark::DoNotOptimize(runner.classify(set.image(i)));
        done += set.count;
    }
    state.counters["images_per_s"] = benchmark::Counter(double(done), benchmark::Counter::kIsRate);
    state.counters["macs_per_s"] =
        benchmark::Counter(double(done) * double(pkg.network.macs()), benchmark::Counter::kIsRate);
}

/// The machine's limit for bit-serial arithmetic: XNOR and popcount over 64-bit words, as a
/// dot product of a weight row with an input vector (both in L1), with the hardware popcount.
#if defined(__x86_64__)
__attribute__((target("popcnt")))
#endif
void xnorPopcount(benchmark::State& state) {
    constexpr int kWords = 512;
    std::vector<std::uint64_t> w(kWords), x(kWords);
    std::mt19937_64 rng(1);
    for (int i = 0; i < kWords; ++i) {
        w[i] = rng();
        x[i] = rng();
    }
    std::int64_t words = 0;
    for (auto _ : state) {
        int acc = 0;
        for (int i = 0; i < kWords; ++i) acc += std::popcount(~(w[i] ^ x[i]));
        benchmark::DoNotOptimize(acc);
        benchmark::ClobberMemory();
        words += kWords;
    }
    state.counters["binary_macs_per_s"] = benchmark::Counter(double(words) * 64, benchmark::Counter::kIsRate);
}

const Case kCases[] = {{"sfc", 1, 5000}, {"sfc", 2, 2000}, {"lfc", 1, 2000},
                       {"lfc", 2, 500},  {"cnv", 1, 100},  {"cnv", 2, 40}};

} // namespace

int main(int argc, char** argv) {
    for (const Case& c : kCases) {
        const std::string name = std::string(c.network) + "/W" + std::to_string(c.bits) + "A" + std::to_string(c.bits);
        benchmark::RegisterBenchmark(("sim/" + name).c_str(), simulation, c)
            ->UseManualTime()
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("golden/" + name).c_str(), golden, c)->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("limit/xnor_popcount_64bit", xnorPopcount);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
