// The pipeline plan (pipeline.h): the stream a frame takes through the accelerator, block by
// block. Streams carry `perWord` elements of `bits` bits per word; a width converter appears
// wherever a block wants another word width, crop/pad adapters wherever hardware padding
// changes (docs/semantics.md). hls_config.cpp renders exactly these blocks as kernel calls.
#include "bitfold/pipeline.h"

#include "bitfold/cycles.h"
#include "bitfold/error.h"

#include <algorithm>
#include <numeric>

namespace bitfold {

const char* toString(BlockKind k) {
    switch (k) {
    case BlockKind::Read: return "read";
    case BlockKind::Quantize: return "quantize";
    case BlockKind::CropPad: return "croppad";
    case BlockKind::WidthConverter: return "dwc";
    case BlockKind::SlidingWindow: return "swu";
    case BlockKind::Mvtu: return "mvtu";
    case BlockKind::MaxPool: return "maxpool";
    case BlockKind::LabelSelect: return "label";
    case BlockKind::Write: return "write";
    }
    return "?";
}

bool isFoldingIndependent(BlockKind k) {
    switch (k) {
    case BlockKind::Read:
    case BlockKind::Quantize:
    case BlockKind::CropPad:
    case BlockKind::LabelSelect:
    case BlockKind::Write: return true;
    default: return false;
    }
}

namespace plan {

namespace {
using cycles::count_t;
count_t padBegin(const Layer& l) { return count_t(l.padTotal / 2); }
count_t padEnd(const Layer& l) { return count_t(l.padTotal - l.padTotal / 2); }
} // namespace

int windowInputMultiplier(const Layer& l, int simd, int mmv) {
    return int(cycles::windowInputMultiplier(count_t(l.inDim + l.padTotal), count_t(l.outDim()), count_t(l.kernel),
                                             count_t(l.stride), count_t(l.hwIn()), count_t(simd), count_t(mmv)));
}

std::int64_t windowCycles(const Layer& l, int simd, int mmv) {
    return std::int64_t(cycles::slidingWindow(count_t(l.inDim + l.padTotal), count_t(l.outDim()), count_t(l.kernel),
                                              count_t(l.stride), count_t(l.hwIn()), count_t(simd), count_t(mmv),
                                              count_t(windowInputMultiplier(l, simd, mmv))));
}

std::int64_t mvtuCycles(const Layer& l, int pe, int simd, int mmv) {
    return std::int64_t(cycles::mvtu(count_t(l.matrixHeight()), count_t(l.matrixWidth()), count_t(pe), count_t(simd),
                                     count_t(l.outPixels()), count_t(mmv)));
}

std::int64_t matrixCycles(const Layer& l, int pe, int simd, int mmv) {
    const std::int64_t c = mvtuCycles(l, pe, simd, mmv);
    return l.kind == LayerKind::Conv ? std::max(c, windowCycles(l, simd, mmv)) : c;
}

int poolParallelism(const Layer& pool, int producerPerWord) { return std::gcd(producerPerWord, pool.inChannels); }

std::int64_t poolCycles(const Layer& pool, int pe) {
    return std::int64_t(cycles::maxPool(count_t(pool.inDim), count_t(pool.kernel), count_t(pool.stride), padBegin(pool),
                                        padEnd(pool), count_t(pool.inChannels), count_t(pe)));
}

std::int64_t memoryCycles(const PipelinePlan& p) {
    std::int64_t c = 0;
    for (const PlanStage& s : p.stages)
        if (isMemoryBlock(s.kind)) c = std::max(c, s.cycles);
    return c;
}

std::int64_t foldingIndependentCycles(const Network& net, const std::vector<LayerPrecision>& prec, int portBits,
                                      bool* memory) {
    const PipelinePlan p = planPipeline(net, prec, minimalFolding(net), portBits);
    std::int64_t c = 0;
    bool mem = false;
    for (const PlanStage& s : p.stages) {
        if (!isFoldingIndependent(s.kind)) continue;
        if (s.cycles > c)
            mem = isMemoryBlock(s.kind);
        else if (s.cycles == c)
            mem = mem || isMemoryBlock(s.kind);
        c = std::max(c, s.cycles);
    }
    if (memory) *memory = mem;
    return c;
}

} // namespace plan

namespace {

using cycles::count_t;

struct Stream {
    int bits = 8;
    int perWord = 1;
    std::int64_t pixels = 1;
    std::int64_t hwChannels = 0; ///< elements per pixel in the stream
    std::int64_t logicalChannels = 0; ///< of which the first ones are logical
    std::int64_t elements() const { return pixels * hwChannels; }
};

class Planner {
public:
    Planner(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int portBits)
        : m_net(net), m_prec(prec), m_folding(folding) {
        m_plan.portBits = portBits;
        m_plan.layerCycles.assign(net.layers.size(), 0);
        m_plan.layerPe.assign(net.layers.size(), 1);
        // Reader, quantizer, label and writer, and per layer a converter, a window and its block
        // (a hint: padding adapters may add a few).
        m_plan.stages.reserve(3 * net.layers.size() + 4);
    }

    PipelinePlan run() {
        if (m_net.layers.empty()) throw Error("network " + m_net.id, "has no layers");
        for (std::size_t i = 0; i < m_net.layers.size(); ++i) checkLayer(int(i));
        if (m_plan.portBits < 32 || m_plan.portBits % 32 != 0)
            throw Error("memory port", std::to_string(m_plan.portBits) + " bits is not a multiple of 32");
        input();
        for (std::size_t i = 0; i < m_net.layers.size(); ++i) {
            if (m_net.layers[i].kind == LayerKind::MaxPool)
                pool(int(i));
            else
                matrix(int(i));
        }
        output();
        for (std::size_t k = 0; k < m_plan.stages.size(); ++k) {
            const PlanStage& s = m_plan.stages[k];
            if (s.cycles > m_plan.cycles || m_plan.slowest < 0) {
                m_plan.cycles = s.cycles;
                m_plan.slowest = int(k);
            }
            if (s.layer >= 0) m_plan.layerCycles[s.layer] = std::max(m_plan.layerCycles[s.layer], s.cycles);
        }
        return std::move(m_plan);
    }

private:
    /// The preconditions of the cycle formulas, whatever the caller: O(1) per layer, so that
    /// estimate() stays cheap (folding.h's validate() also lists the valid values).
    void checkLayer(int i) const {
        const Layer& l = m_net.layers[i];
        const LayerFolding& f = m_folding.layers[i];
        // Messages are built only on failure: estimate() runs this for every layer.
        auto fail = [&](const std::string& what) { throw Error("layer " + l.name, what); };
        if (!(l.inChannels >= 1 && l.outChannels >= 1 && l.inDim >= 1 && l.kernel >= 1 && l.stride >= 1 &&
              l.padTotal >= 0 && l.groups >= 1))
            fail("has a non-positive size");
        if (l.kind != LayerKind::Fc && l.inDim + l.padTotal < l.kernel)
            fail("its kernel is larger than its padded input");
        if (f.pe < 1) fail("PE " + std::to_string(f.pe) + " must be at least 1");
        if (f.simd < 1) fail("SIMD " + std::to_string(f.simd) + " must be at least 1");
        if (f.mmv < 1) fail("MMV " + std::to_string(f.mmv) + " must be at least 1");
        // Products the formulas form (MH * MW * pixels, words per frame) must stay far inside 64 bits.
        const double work = double(std::max<std::int64_t>(l.matrixHeight(), l.inChannels)) *
            double(std::max<std::int64_t>(l.matrixWidth(), 1)) * double(l.inDim + l.padTotal) *
            double(l.inDim + l.padTotal) * 64.0;
        if (!(work < 9.2e18)) fail("is too large: its cycle counts overflow 64 bits");
        if (!l.isMatrix()) return;
        if (l.matrixHeight() % f.pe != 0)
            fail("PE " + std::to_string(f.pe) + " does not divide MH " + std::to_string(l.matrixHeight()));
        const std::int64_t simdOf = l.kind == LayerKind::Conv ? l.hwIn() / l.groups : l.matrixWidth();
        if (simdOf % f.simd != 0)
            fail("SIMD " + std::to_string(f.simd) + " does not divide " +
                 (l.kind == LayerKind::Conv ? "its input channels " : "MW ") + std::to_string(simdOf));
        if (l.kind == LayerKind::Conv && l.outDim() % f.mmv != 0)
            fail("MMV " + std::to_string(f.mmv) + " does not divide its output side " + std::to_string(l.outDim()));
        if (l.kind != LayerKind::Conv && f.mmv != 1) fail("MMV " + std::to_string(f.mmv) + " needs a convolution");
    }

    PlanStage& add(PlanStage s) {
        m_plan.stages.push_back(std::move(s));
        return m_plan.stages.back();
    }

    /// Width converter to `perWord` elements per word, if the stream is not that already.
    void toPerWord(int perWord, int layer) {
        if (m_cur.perWord == perWord) return;
        PlanStage s;
        s.name = (layer >= 0 ? m_net.layers[layer].name : std::string("label")) + ".dwc";
        s.kind = BlockKind::WidthConverter;
        s.layer = layer;
        s.elemBits = m_cur.bits;
        s.inPerWord = m_cur.perWord;
        s.outPerWord = perWord;
        s.frameBits = m_cur.elements() * m_cur.bits;
        s.cycles = std::int64_t(cycles::widthConverter(count_t(s.frameBits), count_t(m_cur.perWord) * m_cur.bits,
                                                       count_t(perWord) * m_cur.bits));
        add(std::move(s));
        m_cur.perWord = perWord;
    }

    PlanStage cropPad(const std::string& name, int layer, std::int64_t groups, std::int64_t inPer, std::int64_t keep,
                      std::int64_t outPer) {
        PlanStage s;
        s.name = name;
        s.kind = BlockKind::CropPad;
        s.layer = layer;
        s.elemBits = m_cur.bits;
        s.groups = groups;
        s.inPer = inPer;
        s.keep = keep;
        s.outPer = outPer;
        s.cycles = std::int64_t(cycles::cropPad(count_t(groups), count_t(inPer), count_t(outPer)));
        return s;
    }

    /// Brings the stream to `pixels` x `hwChannels` (logical channels first): drops the
    /// producer's padded outputs, appends this layer's padded inputs.
    void reshape(std::int64_t pixels, std::int64_t hwChannels, std::int64_t logicalChannels, int layer) {
        const std::string& name = m_net.layers[layer].name;
        const bool crop = m_cur.hwChannels != m_cur.logicalChannels;
        const bool pad = hwChannels != logicalChannels;
        if (crop || pad) toPerWord(1, layer);
        if (crop) {
            add(cropPad(name + ".crop", layer, m_cur.pixels, m_cur.hwChannels, m_cur.logicalChannels,
                        m_cur.logicalChannels));
            m_cur.hwChannels = m_cur.logicalChannels;
        }
        // Same elements in the same order: an FC layer reads a feature map flattened.
        m_cur.hwChannels = m_cur.elements() / pixels;
        m_cur.logicalChannels = m_cur.hwChannels;
        m_cur.pixels = pixels;
        if (m_cur.hwChannels != logicalChannels)
            throw Error("layer " + name,
                        "takes " + std::to_string(pixels * logicalChannels) + " inputs, the stream carries " +
                            std::to_string(m_cur.elements()));
        if (pad) {
            add(cropPad(name + ".pad", layer, pixels, logicalChannels, logicalChannels, hwChannels));
            m_cur.hwChannels = hwChannels;
        }
    }

    void input() {
        const Layer& l0 = m_net.layers.front();
        const std::int64_t pixels = l0.kind == LayerKind::Fc ? 1 : std::int64_t(l0.inDim) * l0.inDim;
        const std::int64_t values = l0.inChannels;
        const std::int64_t padded = l0.isMatrix() ? l0.hwIn() : l0.inChannels;
        const int portBytes = m_plan.portBits / 8;
        m_plan.imageBytes = pixels * values;

        PlanStage r;
        r.name = "read";
        r.kind = BlockKind::Read;
        r.elemBits = 8;
        r.inPerWord = r.outPerWord = portBytes;
        r.frameBits = m_plan.imageBytes * 8;
        r.cycles = std::int64_t(cycles::reader(count_t(m_plan.imageBytes), count_t(m_plan.portBits)));
        add(std::move(r));

        // The quantizer emits as many values per cycle as a port word holds, as far as the
        // layout allows (a padded first layer pads after every `values`).
        const int bits = m_prec.front().inputBits;
        const std::int64_t q = padded == values ? std::gcd<std::int64_t>(portBytes, pixels * values)
                                                : std::gcd<std::int64_t>(portBytes, std::gcd(values, padded));
        PlanStage s;
        s.name = "quantize";
        s.kind = BlockKind::Quantize;
        s.elemBits = bits;
        s.inPerWord = portBytes;
        s.outPerWord = int(q);
        s.groups = pixels;
        s.inPer = values;
        s.outPer = padded;
        s.cycles = std::int64_t(cycles::quantizer(count_t(pixels * padded), count_t(q)));
        add(std::move(s));
        m_cur = {bits, int(q), pixels, padded, padded};
        // The quantizer already wrote the first layer's padded layout.
        m_firstPadded = padded != values;
        m_cur.logicalChannels = m_firstPadded ? values : padded;
    }

    void pool(int i) {
        const Layer& l = m_net.layers[i];
        reshape(std::int64_t(l.inDim) * l.inDim, l.inChannels, l.inChannels, i);
        const int pe = plan::poolParallelism(l, m_cur.perWord);
        toPerWord(pe, i);
        PlanStage s;
        s.name = l.name;
        s.kind = BlockKind::MaxPool;
        s.layer = i;
        s.elemBits = m_cur.bits;
        s.inPerWord = s.outPerWord = pe;
        s.pe = pe;
        s.cycles = plan::poolCycles(l, pe);
        add(std::move(s));
        m_plan.layerPe[i] = pe;
        m_cur.pixels = l.outPixels();
    }

    void matrix(int i) {
        const Layer& l = m_net.layers[i];
        const LayerFolding& f = m_folding.layers[i];
        const bool conv = l.kind == LayerKind::Conv;
        const std::int64_t inPixels = conv ? std::int64_t(l.inDim) * l.inDim : 1;
        if (i == 0 && m_firstPadded)
            m_cur.logicalChannels = m_cur.hwChannels;
        else
            reshape(inPixels, l.hwIn(), l.inChannels, i);
        const int mmv = conv ? f.mmv : 1;
        const int inBits = m_cur.bits;
        if (conv) {
            const int inMult = plan::windowInputMultiplier(l, f.simd, mmv);
            toPerWord(f.simd * inMult, i);
            add({.name = l.name + ".swu",
                 .kind = BlockKind::SlidingWindow,
                 .layer = i,
                 .cycles = plan::windowCycles(l, f.simd, mmv),
                 .elemBits = inBits,
                 .inPerWord = f.simd * inMult,
                 .outPerWord = f.simd * mmv,
                 .simd = f.simd,
                 .mmv = mmv,
                 .inMult = inMult});
            m_cur.perWord = f.simd * mmv;
        } else {
            toPerWord(f.simd, i);
        }
        const int outBits = l.activation ? m_prec[i].outputBits : std::max(m_prec[i].outputBits, 2);
        const bool thresholded = l.activation && outBits < 16; // 16-bit and float activations rescale in DSPs
        add({.name = l.name,
             .kind = BlockKind::Mvtu,
             .layer = i,
             .cycles = plan::mvtuCycles(l, f.pe, f.simd, mmv),
             .elemBits = inBits,
             .inPerWord = f.simd * mmv,
             .outPerWord = f.pe * mmv,
             .pe = f.pe,
             .simd = f.simd,
             .mmv = mmv,
             .thresholdSteps = thresholded
                 ? int(cycles::thresholdSteps((1ull << outBits) - 1, f.thresholds == ThresholdUnit::BinarySearch))
                 : 0});
        m_plan.layerPe[i] = f.pe;
        m_cur = {outBits, f.pe * mmv, l.outPixels(), l.matrixHeight(), l.outChannels};
    }

    void output() {
        m_plan.outputs = m_cur.pixels * m_cur.logicalChannels;
        toPerWord(1, -1);
        PlanStage s;
        s.name = "label";
        s.kind = BlockKind::LabelSelect;
        s.elemBits = m_cur.bits;
        s.outPerWord = m_plan.portBits / 32;
        s.groups = m_cur.pixels;
        s.inPer = m_cur.hwChannels;
        s.keep = m_cur.logicalChannels;
        s.cycles = std::int64_t(cycles::labelSelect(count_t(m_cur.elements())));
        add(std::move(s));
        PlanStage w;
        w.name = "write";
        w.kind = BlockKind::Write;
        w.elemBits = 32;
        w.inPerWord = w.outPerWord = m_plan.portBits / 32;
        w.frameBits = (m_plan.outputs + 1) * 32;
        w.cycles = std::int64_t(cycles::writer(count_t(m_plan.outputs + 1), count_t(m_plan.portBits)));
        add(std::move(w));
    }

    const Network& m_net;
    const std::vector<LayerPrecision>& m_prec;
    const Folding& m_folding;
    PipelinePlan m_plan;
    Stream m_cur;
    bool m_firstPadded = false;
};

} // namespace

PipelinePlan planPipeline(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                          int portBits) {
    if (prec.size() != net.layers.size() || folding.layers.size() != net.layers.size())
        throw Error("network " + net.id,
                    "precision (" + std::to_string(prec.size()) + " layers) and folding (" +
                        std::to_string(folding.layers.size()) + ") do not match its " +
                        std::to_string(net.layers.size()) + " layers");
    return Planner(net, prec, folding, portBits).run();
}

} // namespace bitfold
