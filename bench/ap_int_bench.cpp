// Micro benchmarks of the C-simulation ap_int.h on the kernels' inner loops: XNOR/popcount dot
// products and lane extraction from packed stream words. Items are bits (XNOR) or lanes.
#include "../hls/sim/include/ap_int.h"

#include <benchmark/benchmark.h>

#include <bit>
#include <cstdint>
#include <random>
#include <vector>

namespace {

constexpr int kWords = 256; // packed words per benchmark iteration

template <int W>
std::vector<ap_uint<W>> randomWords(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<ap_uint<W>> v(kWords);
    for (auto& x : v)
        for (int lo = 0; lo < W; lo += 64) x.range(std::min(W, lo + 64) - 1, lo) = rng();
    return v;
}

// Binary dot product as the simulation fast path computes it: word-wise popcount of XNOR.
template <int W>
void xnorPopcount(benchmark::State& state) {
    const auto w = randomWords<W>(1), x = randomWords<W>(2);
    for (auto _ : state) {
        int matches = 0;
        for (int i = 0; i < kWords; ++i) matches += popcount(~(w[i] ^ x[i]));
        benchmark::DoNotOptimize(matches);
    }
    state.SetItemsProcessed(state.iterations() * kWords * W);
}

// The same with the synthesizable lane loop (one bit per lane), as HLS sees it.
template <int W>
void xnorPopcountLanewise(benchmark::State& state) {
    const auto w = randomWords<W>(1), x = randomWords<W>(2);
    for (auto _ : state) {
        int matches = 0;
        for (int i = 0; i < kWords; ++i) {
            const ap_uint<W> eq = ~(w[i] ^ x[i]);
            for (int b = 0; b < W; ++b) matches += eq[b];
        }
        benchmark::DoNotOptimize(matches);
    }
    state.SetItemsProcessed(state.iterations() * kWords * W);
}

// Baseline: plain 64-bit words and std::popcount.
void xnorPopcountRaw64(benchmark::State& state) {
    std::mt19937_64 rng(1);
    std::vector<std::uint64_t> w(kWords), x(kWords);
    for (int i = 0; i < kWords; ++i) {
        w[i] = rng();
        x[i] = rng();
    }
    for (auto _ : state) {
        int matches = 0;
        for (int i = 0; i < kWords; ++i) matches += std::popcount(~(w[i] ^ x[i]));
        benchmark::DoNotOptimize(matches);
    }
    state.SetItemsProcessed(state.iterations() * kWords * 64);
}

// Multi-bit MAC lanes: B-bit signed weights times B-bit unsigned activations, unpacked with
// range() from W-bit words, as the integer MVTU path does.
template <int W, int B>
void rangeMac(benchmark::State& state) {
    static_assert(W % B == 0, "lanes must tile the word");
    const auto w = randomWords<W>(3), x = randomWords<W>(4);
    for (auto _ : state) {
        ap_int<32> acc = 0;
        for (int i = 0; i < kWords; ++i)
            for (int l = 0; l < W / B; ++l) {
                const ap_int<B> wl = w[i]((l + 1) * B - 1, l * B);
                const ap_uint<B> xl = x[i]((l + 1) * B - 1, l * B);
                acc += wl * xl;
            }
        benchmark::DoNotOptimize(acc);
    }
    state.SetItemsProcessed(state.iterations() * kWords * (W / B));
}

// Lane extraction alone: sum of the unsigned B-bit fields of each word.
template <int W, int B>
void rangeExtract(benchmark::State& state) {
    const auto x = randomWords<W>(5);
    for (auto _ : state) {
        unsigned sum = 0;
        for (int i = 0; i < kWords; ++i)
            for (int l = 0; l < W / B; ++l) sum += x[i]((l + 1) * B - 1, l * B).to_uint();
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * kWords * (W / B));
}

} // namespace

BENCHMARK(xnorPopcountRaw64);
BENCHMARK(xnorPopcount<64>);
BENCHMARK(xnorPopcount<1024>);
BENCHMARK(xnorPopcountLanewise<64>);
BENCHMARK(xnorPopcountLanewise<1024>);
BENCHMARK(rangeExtract<64, 2>);
BENCHMARK(rangeExtract<1024, 4>);
BENCHMARK(rangeMac<64, 4>);
BENCHMARK(rangeMac<1024, 4>);

BENCHMARK_MAIN();
