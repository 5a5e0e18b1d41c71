#include "bitfold/folding.h"

#include "bitfold/error.h"
#include "bitfold/network.h"

#include <algorithm>

namespace bitfold {

const char* toString(MemoryStyle s) {
    switch (s) {
    case MemoryStyle::Auto: return "auto";
    case MemoryStyle::Bram: return "bram";
    case MemoryStyle::Lutram: return "lutram";
    case MemoryStyle::Uram: return "uram";
    }
    return "?";
}

MemoryStyle memoryStyleFromString(const std::string& s) {
    if (s == "auto") return MemoryStyle::Auto;
    if (s == "bram" || s == "block") return MemoryStyle::Bram;
    if (s == "lutram" || s == "distributed") return MemoryStyle::Lutram;
    if (s == "uram" || s == "ultra") return MemoryStyle::Uram;
    throw Error("memory", "unknown memory style '" + s + "' (valid: auto, bram, lutram, uram)");
}

const char* toString(ProductResource r) { return r == ProductResource::Dsp ? "dsp" : "lut"; }

ProductResource productResourceFromString(const std::string& s) {
    if (s == "lut") return ProductResource::Lut;
    if (s == "dsp") return ProductResource::Dsp;
    throw Error("res_type", "unknown product resource '" + s + "' (valid: lut, dsp)");
}

const char* toString(ThresholdUnit t) { return t == ThresholdUnit::BinarySearch ? "binary-search" : "parallel"; }

ThresholdUnit thresholdUnitFromString(const std::string& s) {
    if (s == "parallel") return ThresholdUnit::Parallel;
    if (s == "binary-search") return ThresholdUnit::BinarySearch;
    throw Error("thresholds", "unknown threshold unit '" + s + "' (valid: parallel, binary-search)");
}

Folding minimalFolding(const Network& net) { return Folding{std::vector<LayerFolding>(net.layers.size())}; }

namespace {

std::vector<int> divisorsUpTo(std::int64_t n, std::int64_t cap) {
    std::vector<int> d;
    for (std::int64_t k = 1; k <= n && k <= cap; ++k)
        if (n % k == 0) d.push_back(int(k));
    return d;
}

int streamBits(int bits) { return bits; }

std::string list(const std::vector<int>& v) {
    std::string s;
    const std::size_t shown = std::min<std::size_t>(v.size(), 24);
    for (std::size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    if (shown < v.size()) s += ", ... " + std::to_string(v.back());
    return s;
}

} // namespace

std::vector<int> validSimd(const Network& net, const std::vector<LayerPrecision>& prec, int layer) {
    const Layer& l = net.layers.at(layer);
    if (!l.isMatrix()) return {1};
    const LayerPrecision& p = prec.at(layer);
    // The sliding window hands a conv layer SIMD channels of one pixel at a time.
    const std::int64_t n = l.kind == LayerKind::Conv ? l.hwIn() / l.groups : l.matrixWidth();
    const int widest = std::max(streamBits(p.inputBits), streamBits(p.weightBits));
    return divisorsUpTo(n, kMaxStreamBits / widest);
}

std::vector<int> validPe(const Network& net, const std::vector<LayerPrecision>& prec, int layer) {
    const Layer& l = net.layers.at(layer);
    if (!l.isMatrix()) return {1};
    return divisorsUpTo(l.matrixHeight(), kMaxStreamBits / streamBits(prec.at(layer).outputBits));
}

std::vector<int> validMmv(const Network& net, const std::vector<LayerPrecision>& prec, int layer, int pe, int simd) {
    const Layer& l = net.layers.at(layer);
    if (l.kind != LayerKind::Conv) return {1};
    const LayerPrecision& p = prec.at(layer);
    // The window emits MMV patches' SIMD lanes per word, the MVTU MMV pixels' PE outputs.
    const std::int64_t widest = std::max<std::int64_t>(std::int64_t(simd) * std::max(p.inputBits, p.weightBits),
                                                       std::int64_t(pe) * p.outputBits);
    return divisorsUpTo(l.outDim(), std::max<std::int64_t>(1, kMaxStreamBits / std::max<std::int64_t>(1, widest)));
}

void validate(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding) {
    if (folding.layers.size() != net.layers.size())
        throw Error("folding",
                    "has " + std::to_string(folding.layers.size()) + " layers, network " + net.id + " has " +
                        std::to_string(net.layers.size()));
    if (folding.computeUnits < 1)
        throw Error("folding", "compute units " + std::to_string(folding.computeUnits) + " must be at least 1");
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const LayerFolding& f = folding.layers[i];
        for (const auto& [what, v] : {std::pair{"PE", f.pe}, {"SIMD", f.simd}, {"MMV", f.mmv}})
            if (v < 1)
                throw Error("layer " + l.name, std::string(what) + " " + std::to_string(v) + " must be at least 1");
        if (!l.isMatrix()) continue;
        const auto pes = validPe(net, prec, int(i));
        if (!std::binary_search(pes.begin(), pes.end(), f.pe))
            throw Error("layer " + l.name,
                        "PE " + std::to_string(f.pe) + " does not divide MH " + std::to_string(l.matrixHeight()) +
                            " within the " + std::to_string(kMaxStreamBits) + "-bit stream limit (valid: " + list(pes) +
                            ")");
        const auto simds = validSimd(net, prec, int(i));
        if (!std::binary_search(simds.begin(), simds.end(), f.simd)) {
            const std::string what = l.kind == LayerKind::Conv
                ? "its input channels " + std::to_string(l.hwIn() / l.groups)
                : "MW " + std::to_string(l.matrixWidth());
            throw Error("layer " + l.name,
                        "SIMD " + std::to_string(f.simd) + " does not divide " + what +
                            " within the stream limit (valid: " + list(simds) + ")");
        }
        if (f.mmv != 1) {
            const auto mmvs = validMmv(net, prec, int(i), f.pe, f.simd);
            if (!std::binary_search(mmvs.begin(), mmvs.end(), f.mmv))
                throw Error("layer " + l.name,
                            "MMV " + std::to_string(f.mmv) +
                                (l.kind == LayerKind::Conv
                                     ? " does not divide its output side " + std::to_string(l.outDim()) +
                                         " within the stream limit (valid: " + list(mmvs) + ")"
                                     : " needs a convolution: an FC layer computes one output vector per frame"));
        }
    }
}

} // namespace bitfold
