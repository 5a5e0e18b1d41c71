// The golden integer reference (docs/semantics.md): plain loops, int32 accumulators.
#include "bitfold/golden.h"

#include "bitfold/error.h"
#include "bitfold/geometry.h"

#include <algorithm>
#include <limits>
#include <thread>

namespace bitfold {

namespace {

/// Dot products run over blocks of this many int16 values; rows and patches are zero-padded
/// to a multiple, which lets the compiler vectorise the fixed inner loop at -O2.
constexpr int kBlock = 16;

std::int64_t roundUp(std::int64_t n) { return (n + kBlock - 1) / kBlock * kBlock; }

std::int32_t dot(const std::int16_t* w, const std::int16_t* x, std::int64_t blocks) {
    std::int32_t s = 0;
    for (std::int64_t b = 0; b < blocks; ++b, w += kBlock, x += kBlock)
        for (int j = 0; j < kBlock; ++j) s += std::int32_t(w[j]) * x[j];
    return s;
}

int quantizePixel(std::uint8_t p, int bits) {
    if (bits == 1) return p >= 128 ? 1 : -1;
    return p >> (8 - bits);
}

/// One layer, its geometry resolved and its weights widened to int16 rows of `rowStride`.
struct Stage {
    LayerKind kind = LayerKind::Fc;
    std::string name;
    int inDim = 1, inC = 0, outDim = 1, outC = 0;
    int kernel = 1, stride = 1, padBegin = 0, groups = 1;
    std::int16_t padValue = 0; ///< value of padded input cells (also the domain's minimum)
    std::int64_t mw = 0; ///< inputs per output channel (one group's patch)
    std::int64_t rowStride = 0; ///< mw rounded up to kBlock
    std::vector<std::int16_t> weights; ///< outC rows of rowStride, zero tail
    std::vector<std::int32_t> thresholds; ///< outC rows of thresholdCount
    int thresholdCount = 0; ///< 2^A - 1; 0 = no activation (raw accumulators out)
    bool binaryOut = false; ///< 1-bit activation: outputs -1/+1
    std::size_t inSize() const { return std::size_t(inDim) * inDim * inC; }
    std::size_t outSize() const { return std::size_t(outDim) * outDim * outC; }
};

/// A package prepared for inference: a self-contained copy, read-only, shared by threads.
class Model {
public:
    explicit Model(const ParamPackage& pkg) : m_inputBits(pkg.inputBits) {
        const Network& net = pkg.network;
        if (pkg.layers.size() != net.layers.size() || net.layers.empty())
            throw Error("golden",
                        "the package has " + std::to_string(pkg.layers.size()) + " layer entries for a network of " +
                            std::to_string(net.layers.size()));
        if (m_inputBits < 1 || m_inputBits > 8)
            throw Error("golden", "input bits " + std::to_string(m_inputBits) + " outside 1..8");
        int bits = m_inputBits;
        std::size_t prevSize = 0;
        for (std::size_t i = 0; i < net.layers.size(); ++i) {
            Stage s = makeStage(net.layers[i], pkg.layers[i], bits, i + 1 == net.layers.size());
            if (i > 0 && s.inSize() != prevSize)
                throw Error("layer " + s.name,
                            "takes " + std::to_string(s.inSize()) + " inputs but its producer gives " +
                                std::to_string(prevSize));
            prevSize = s.outSize();
            m_maxSize = std::max({m_maxSize, std::size_t(roundUp(std::int64_t(s.inSize()))), s.outSize()});
            m_maxPatch = std::max(m_maxPatch, std::size_t(s.rowStride));
            if (s.kind != LayerKind::MaxPool && s.thresholdCount > 0) bits = pkg.layers[i].actBits;
            m_stages.push_back(std::move(s));
        }
    }

    int inputBits() const { return m_inputBits; }
    std::size_t inputSize() const { return m_stages.front().inSize(); }
    const std::vector<Stage>& stages() const { return m_stages; }
    std::size_t maxSize() const { return m_maxSize; }
    std::size_t maxPatch() const { return m_maxPatch; }

private:
    static Stage makeStage(const Layer& l, const LayerParams& p, int inBits, bool last) {
        Stage s;
        s.kind = l.kind;
        s.name = l.name;
        s.inC = l.inChannels;
        s.outC = l.kind == LayerKind::MaxPool ? l.inChannels : l.outChannels;
        s.padValue = std::int16_t(inBits == 1 ? -1 : 0);
        if (l.kind == LayerKind::Fc) {
            s.mw = l.logicalMatrixWidth();
        } else {
            s.inDim = l.inDim;
            s.kernel = l.kernel;
            s.stride = l.stride;
            s.padBegin = l.padTotal / 2;
            s.groups = std::max(1, l.groups);
            if (l.stride < 1 || l.kernel < 1 || s.inC % s.groups || s.outC % s.groups)
                throw Error("layer " + l.name, "invalid kernel, stride or groups");
            s.outDim = (l.inDim + l.padTotal - l.kernel) / l.stride + 1;
            if (l.kind == LayerKind::MaxPool) return s;
            s.mw = geometry::matrixWidth(l.kernel, l.inChannels, s.groups);
        }
        if (p.mh != s.outC || p.mw != s.mw || std::int64_t(p.weights.size()) != p.mh * p.mw)
            throw Error("layer " + l.name, "parameters do not match the layer's shape");
        if (!l.activation && !last) throw Error("layer " + l.name, "only the last layer may have no activation");
        // The accumulator must fit int32 (thresholds are int32 too).
        const auto wmax = std::int64_t(geometry::weightMagnitude(p.weightBits));
        const auto xmax = std::int64_t(geometry::activationMagnitude(inBits));
        if (s.mw * wmax * xmax > std::numeric_limits<std::int32_t>::max())
            throw Error("layer " + l.name, "accumulator exceeds 32 bits");
        s.rowStride = roundUp(s.mw);
        s.weights.assign(std::size_t(s.outC * s.rowStride), 0);
        for (int o = 0; o < s.outC; ++o)
            std::copy_n(p.weights.begin() + o * s.mw, s.mw, s.weights.begin() + o * s.rowStride);
        if (l.activation) {
            if (p.actBits < 1 || p.actBits > 8)
                throw Error("layer " + l.name, "activation bits " + std::to_string(p.actBits) + " outside 1..8");
            s.thresholdCount = (1 << p.actBits) - 1;
            if (std::int64_t(p.thresholds.size()) != std::int64_t(s.outC) * s.thresholdCount)
                throw Error("layer " + l.name, "threshold count does not match the activation bits");
            s.thresholds = p.thresholds;
            s.binaryOut = p.actBits == 1;
        }
        return s;
    }

    int m_inputBits = 8;
    std::vector<Stage> m_stages;
    std::size_t m_maxSize = 0;
    std::size_t m_maxPatch = 0;
};

/// Per-thread buffers; runs one image at a time without allocating.
class Runner {
public:
    explicit Runner(const Model& model)
        : m_model(model), m_in(model.maxSize() + kBlock, 0), m_out(model.maxSize() + kBlock, 0),
          m_patch(model.maxPatch() + kBlock, 0), m_acc(model.maxSize(), 0) {}

    /// Runs the image; the last stage's outputs are in lastOutputs() afterwards.
    void run(const std::uint8_t* pixels) {
        const std::size_t n = m_model.inputSize();
        const int bits = m_model.inputBits();
        for (std::size_t i = 0; i < n; ++i) m_in[i] = std::int16_t(quantizePixel(pixels[i], bits));
        for (const Stage& s : m_model.stages()) {
            // FC reads the whole map as one row: clear the tail its blocks overrun.
            std::fill(m_in.begin() + s.inSize(), m_in.begin() + roundUp(std::int64_t(s.inSize())), 0);
            if (s.kind == LayerKind::MaxPool)
                pool(s);
            else
                matrix(s);
            if (s.kind == LayerKind::MaxPool || s.thresholdCount > 0) std::swap(m_in, m_out);
            m_last = &s;
        }
    }

    /// The last layer's outputs as int32 (accumulators, or activations).
    void lastOutputs(std::vector<std::int32_t>& out) const {
        const std::size_t n = m_last->outSize();
        out.resize(n);
        if (m_last->kind != LayerKind::MaxPool && m_last->thresholdCount == 0)
            std::copy_n(m_acc.begin(), n, out.begin());
        else
            std::copy_n(m_in.begin(), n, out.begin()); // swapped in after the stage ran
    }

    /// Index of the largest output, the first on ties.
    int label() const {
        const std::size_t n = m_last->outSize();
        if (m_last->kind != LayerKind::MaxPool && m_last->thresholdCount == 0)
            return int(std::max_element(m_acc.begin(), m_acc.begin() + n) - m_acc.begin());
        return int(std::max_element(m_in.begin(), m_in.begin() + n) - m_in.begin());
    }

private:
    void gatherPatch(const Stage& s, int oy, int ox, int g) {
        const int cg = s.inC / s.groups;
        std::int16_t* dst = m_patch.data();
        for (int ky = 0; ky < s.kernel; ++ky) {
            const int iy = oy * s.stride - s.padBegin + ky;
            for (int kx = 0; kx < s.kernel; ++kx, dst += cg) {
                const int ix = ox * s.stride - s.padBegin + kx;
                if (iy < 0 || iy >= s.inDim || ix < 0 || ix >= s.inDim)
                    std::fill_n(dst, cg, s.padValue);
                else
                    std::copy_n(m_in.data() + (std::size_t(iy) * s.inDim + ix) * s.inC + std::size_t(g) * cg, cg, dst);
            }
        }
    }

    void emit(const Stage& s, std::size_t index, int o, std::int32_t acc) {
        if (s.thresholdCount == 0) {
            m_acc[index] = acc;
            return;
        }
        const std::int32_t* t = s.thresholds.data() + std::size_t(o) * s.thresholdCount;
        const auto count = std::int16_t(std::upper_bound(t, t + s.thresholdCount, acc) - t);
        m_out[index] = s.binaryOut ? std::int16_t(count ? 1 : -1) : count;
    }

    void matrix(const Stage& s) {
        const std::int64_t blocks = s.rowStride / kBlock;
        if (s.kind == LayerKind::Fc) {
            for (int o = 0; o < s.outC; ++o)
                emit(s, std::size_t(o), o, dot(s.weights.data() + o * s.rowStride, m_in.data(), blocks));
            return;
        }
        const int perGroup = s.outC / s.groups;
        for (int oy = 0; oy < s.outDim; ++oy)
            for (int ox = 0; ox < s.outDim; ++ox) {
                const std::size_t pixel = (std::size_t(oy) * s.outDim + ox) * s.outC;
                for (int g = 0; g < s.groups; ++g) {
                    gatherPatch(s, oy, ox, g);
                    for (int o = g * perGroup; o < (g + 1) * perGroup; ++o)
                        emit(s, pixel + o, o, dot(s.weights.data() + o * s.rowStride, m_patch.data(), blocks));
                }
            }
    }

    void pool(const Stage& s) {
        // Padded cells never win: start from the domain's minimum (the pad value) and take
        // the maximum over the window's real cells.
        for (int oy = 0; oy < s.outDim; ++oy)
            for (int ox = 0; ox < s.outDim; ++ox) {
                std::int16_t* dst = m_out.data() + (std::size_t(oy) * s.outDim + ox) * s.outC;
                std::fill_n(dst, s.outC, s.padValue);
                for (int ky = 0; ky < s.kernel; ++ky) {
                    const int iy = oy * s.stride - s.padBegin + ky;
                    if (iy < 0 || iy >= s.inDim) continue;
                    for (int kx = 0; kx < s.kernel; ++kx) {
                        const int ix = ox * s.stride - s.padBegin + kx;
                        if (ix < 0 || ix >= s.inDim) continue;
                        const std::int16_t* src = m_in.data() + (std::size_t(iy) * s.inDim + ix) * s.inC;
                        for (int c = 0; c < s.outC; ++c) dst[c] = std::max(dst[c], src[c]);
                    }
                }
            }
    }

    const Model& m_model;
    std::vector<std::int16_t> m_in, m_out, m_patch;
    std::vector<std::int32_t> m_acc;
    const Stage* m_last = nullptr;
};

} // namespace

std::vector<std::int32_t> quantizeInput(const std::uint8_t* pixels, std::size_t n, int inputBits) {
    if (inputBits < 1 || inputBits > 8) throw Error("input bits", std::to_string(inputBits) + " outside 1..8");
    std::vector<std::int32_t> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = quantizePixel(pixels[i], inputBits);
    return out;
}

struct GoldenRunner::Impl {
    explicit Impl(const ParamPackage& pkg) : model(pkg), runner(model) {}
    Model model;
    Runner runner;
};

GoldenRunner::GoldenRunner(const ParamPackage& pkg) : m_impl(std::make_unique<Impl>(pkg)) {}
GoldenRunner::~GoldenRunner() = default;

GoldenResult GoldenRunner::infer(const std::uint8_t* pixels) {
    m_impl->runner.run(pixels);
    GoldenResult r;
    m_impl->runner.lastOutputs(r.outputs);
    r.label = m_impl->runner.label();
    return r;
}

int GoldenRunner::classify(const std::uint8_t* pixels) {
    m_impl->runner.run(pixels);
    return m_impl->runner.label();
}

std::size_t GoldenRunner::inputSize() const { return m_impl->model.inputSize(); }

GoldenResult goldenInfer(const ParamPackage& pkg, const std::uint8_t* pixels) {
    return GoldenRunner(pkg).infer(pixels);
}

double goldenAccuracy(const ParamPackage& pkg, const ImageSet& set) {
    if (set.labels.size() != std::size_t(set.count)) throw Error("golden accuracy", "the image set has no labels");
    const Model model(pkg);
    if (set.imageSize() != model.inputSize())
        throw Error("golden accuracy",
                    "images have " + std::to_string(set.imageSize()) + " values, the network's first layer takes " +
                        std::to_string(model.inputSize()));
    if (set.count == 0) return 0.0;
    const int threads = int(std::clamp<unsigned>(std::thread::hardware_concurrency(), 1u, 4u));
    const int workers = std::min(threads, set.count);
    std::vector<int> correct(workers, 0);
    auto work = [&](int w) {
        Runner runner(model);
        int hits = 0;
        const int begin = int(std::int64_t(set.count) * w / workers);
        const int end = int(std::int64_t(set.count) * (w + 1) / workers);
        for (int i = begin; i < end; ++i) {
            runner.run(set.image(i));
            hits += runner.label() == set.labels[i];
        }
        correct[w] = hits;
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
    work(0);
    for (auto& t : pool) t.join();
    int total = 0;
    for (int c : correct) total += c;
    return double(total) / double(set.count);
}

} // namespace bitfold
