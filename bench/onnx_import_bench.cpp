// Import speed of a ~1.3 MB QONNX model (target: under a second): SFC 784-256-256-256-10 W2A2
// with random parameters, exported by exportQonnx, imported by importOnnx (parse, constant
// folding, thresholds by binary search through the float executor).
#include "bitfold/catalog.h"
#include "bitfold/onnx_import.h"

#include <benchmark/benchmark.h>

#include <filesystem>

namespace {

std::string exportedModel() {
    static const std::string path = [] {
        const bitfold::Network net = *bitfold::Catalog::shipped().findNetwork("sfc");
        const auto prec = bitfold::resolvePrecision(net, bitfold::PrecisionSpec{2, 2, 0, {}});
        const std::string file = (std::filesystem::temp_directory_path() / "bitfold_bench_sfc.onnx").string();
        bitfold::exportQonnx(bitfold::randomPackage(net, prec, 1), file);
        return file;
    }();
    return path;
}

void importSfcW2A2(benchmark::State& state) {
    const std::string file = exportedModel();
    for (auto _ : state) benchmark::DoNotOptimize(bitfold::importOnnx(file));
    state.counters["bytes"] = double(std::filesystem::file_size(file));
}
BENCHMARK(importSfcW2A2)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
