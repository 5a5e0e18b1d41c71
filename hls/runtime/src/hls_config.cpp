// Generates the accelerator's configuration and parameter headers (see hls_config.h).
//
// The blocks and their order come from the pipeline plan (pipeline.h): read (port-wide words)
// -> quantize (pixels -> the first layer's input type, padding appended) -> per layer
// [crop/pad adapters] [width converters] then sliding window + MVTU (conv), MVTU (FC) or
// max-pool -> width converter to one element per word -> label select -> write. Every call is
// preceded by a static_assert of cycles.h's count against the plan's; the kernels assert their
// own loops against cycles.h.
//
// Hardware padding never changes results (docs/semantics.md): padded inputs carry raw 0
// (0, or -1 for 1-bit values); their weights are 0 for W >= 2, and for 1-bit weights on 1-bit
// inputs they alternate +1/-1 so that their known contribution per row is -(P mod 2), which
// the thresholds (and a layer without activation, through its output offset) compensate.
// Padded output rows are computed and dropped by the next crop adapter or the label select.
#include "bitfold/hls_config.h"

#include "bitfold/cycles.h"
#include "bitfold/error.h"
#include "bitfold/network.h"
#include "bitfold/pipeline.h"

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <limits>
#include <numeric>

namespace bitfold {

namespace {

std::string activationType(int bits) { return bits == 1 ? "Binary" : "Unsigned<" + std::to_string(bits) + ">"; }
std::string weightType(int bits) { return bits == 1 ? "Binary" : "Signed<" + std::to_string(bits) + ">"; }
std::string num(std::int64_t v) { return std::to_string(v); }
std::string ident(const std::string& layer) {
    std::string s = "l_";
    for (char c : layer)
        s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return s;
}
std::string quoted(const std::string& s) {
    std::string r = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            r += '\\';
        r += c;
    }
    return r + "\"";
}

class Generator {
public:
    Generator(const ParamPackage& pkg, const Folding& folding, int portBits)
        : m_pkg(pkg), m_net(pkg.network), m_prec(pkg.precision()), m_folding(folding), m_portBits(portBits) {}

    HlsDesign run() {
        validate(m_net);
        if (m_pkg.layers.size() != m_net.layers.size())
            throw Error("accelerator", "the package has " + num(std::int64_t(m_pkg.layers.size())) +
                                           " layer entries for a network of " + num(std::int64_t(m_net.layers.size())));
        if (m_pkg.inputBits < 1 || m_pkg.inputBits > 8)
            throw Error("accelerator", "input bits " + num(m_pkg.inputBits) + " outside 1..8");
        for (std::size_t i = 0; i < m_net.layers.size(); ++i)
            checkLayer(int(i));
        validate(m_net, m_prec, m_folding);
        for (std::size_t i = 0; i < m_net.layers.size(); ++i) {
            const Layer& l = m_net.layers[i];
            const LayerFolding& f = m_folding.layers[i];
            if (l.isMatrix() && f.mmv > 1 && f.pe != l.matrixHeight())
                throw Error("layer " + l.name, "MMV " + num(f.mmv) + " needs PE = MH (" + num(l.matrixHeight()) +
                                                   ") in the accelerator, so that the MMV pixels' outputs leave in "
                                                   "pixel order (PE is " + num(f.pe) + ")");
        }
        if (m_folding.computeUnits != 1)
            throw Error("accelerator", "one compute unit is simulated at a time (the folding asks for " +
                                           num(m_folding.computeUnits) + "; every unit runs the same kernel)");
        const PipelinePlan plan = planPipeline(m_net, m_prec, m_folding, m_portBits);
        m_design.folding = m_folding.layers;
        m_design.imageBytes = int(plan.imageBytes);
        m_design.outputs = int(plan.outputs);
        m_design.portBits = m_portBits;
        m_body += "    #pragma HLS INLINE\n";
        for (const PlanStage& st : plan.stages) {
            const std::string layer = st.layer >= 0 ? m_net.layers[st.layer].name : std::string();
            m_design.stages.push_back({st.name, layer, toString(st.kind), std::uint64_t(st.cycles)});
            emit(st);
            if (st.kind == BlockKind::MaxPool)
                m_design.folding[st.layer] = LayerFolding{st.pe, 1, 1, MemoryStyle::Auto};
        }
        assemble();
        return std::move(m_design);
    }

private:
    void checkLayer(int i) {
        const Layer& l = m_net.layers[i];
        const std::string where = "layer " + l.name;
        if (l.groups != 1)
            throw Error(where, "grouped convolutions are not supported by the accelerator");
        if (l.kind == LayerKind::MaxPool) {
            const int pb = l.padTotal / 2;
            if (pb >= l.kernel || std::int64_t(l.outDim() - 1) * l.stride >= l.inDim + pb)
                throw Error(where, "a pooling window lies entirely in the padding");
            return;
        }
        const LayerParams& p = m_pkg.layers[i];
        const std::int64_t mw = l.kind == LayerKind::Fc ? l.inChannels : std::int64_t(l.kernel) * l.kernel * l.inChannels;
        if (p.mh != l.outChannels || p.mw != mw || std::int64_t(p.weights.size()) != p.mh * p.mw)
            throw Error(where, "parameters do not match the layer's shape");
        if (p.weightBits < 1 || p.weightBits > 8 || m_prec[i].inputBits < 1 || m_prec[i].inputBits > 8)
            throw Error(where, "the accelerator takes 1..8-bit weights and inputs");
        if (l.activation) {
            if (p.actBits < 1 || p.actBits > 8)
                throw Error(where, "activation bits " + num(p.actBits) + " outside 1..8");
            if (std::int64_t(p.thresholds.size()) != p.mh * ((1 << p.actBits) - 1))
                throw Error(where, "threshold count does not match the activation bits");
        }
        const int acc = accumulatorBits(l.matrixWidth(), p.weightBits, m_prec[i].inputBits);
        if (acc > 32)
            throw Error(where, "its accumulator needs " + num(acc) + " bits; the accelerator's are at most 32");
    }

    std::string newStream(std::int64_t bits, const std::string& label) {
        std::string clean;
        for (char c : label)
            clean += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        const std::string name = "s" + num(m_streams++) + "_" + clean;
        m_body += "    hls::stream<ap_uint<" + num(bits) + ">> " + name + "(" + quoted(name) + ");\n";
        return name;
    }

    /// One kernel call: the plan's cycles checked at compile time against cycles.h, then the call
    /// from the current stream to a new one of `outBits` (none for the writer).
    void call(const PlanStage& st, const std::string& formula, const std::string& kernel, std::int64_t outBits,
              const std::string& comment = "") {
        const std::size_t index = m_design.stages.size() - 1;
        if (!comment.empty())
            m_body += "    // " + comment + "\n";
        m_body += "    static_assert(bitfold::cycles::" + formula + " == " + num(st.cycles) + "ull, " +
                  quoted(st.name + ": the kernel's loop count must equal the pipeline plan's") + ");\n";
        m_body += m_extraChecks;
        m_extraChecks.clear();
        std::string out = outBits > 0 ? newStream(outBits, st.name) : std::string();
        const std::string in = m_cur.empty() ? std::string("images") : m_cur;
        m_body += "    " + kernel + "(" + in + ", " + (out.empty() ? std::string("results") : out) + ", " +
                  m_extraArgs + "frames BITFOLD_COUNTER_ARG(counters[" +
                  num(std::int64_t(index)) + "]));\n";
        m_extraArgs.clear();
        m_cur = out;
    }

    void emit(const PlanStage& st) {
        const std::string port = num(m_portBits);
        const int bits = st.elemBits;
        switch (st.kind) {
        case BlockKind::Read:
            call(st, "reader(" + num(st.frameBits / 8) + ", " + port + ")",
                 "readImages<" + num(st.frameBits / 8) + ", " + port + ">", m_portBits);
            break;
        case BlockKind::Quantize: {
            m_type = activationType(bits);
            const std::int64_t elements = st.groups * st.outPer;
            call(st, "quantizer(" + num(elements) + ", " + num(st.outPerWord) + ")",
                 "quantizeInput<" + num(st.groups) + ", " + num(st.inPer) + ", " + num(st.outPer) + ", " +
                     num(st.outPerWord) + ", " + port + ", " + m_type + ">",
                 std::int64_t(st.outPerWord) * bits,
                 "8-bit pixels to " + num(bits) + "-bit inputs, " + num(st.outPerWord) + " per cycle" +
                     (st.outPer != st.inPer ? ", padded " + num(st.inPer) + " -> " + num(st.outPer) : std::string()));
            break;
        }
        case BlockKind::CropPad:
            call(st, "cropPad(" + num(st.groups) + ", " + num(st.inPer) + ", " + num(st.outPer) + ")",
                 "cropPad<" + num(st.groups) + ", " + num(st.inPer) + ", " + num(st.keep) + ", " + num(st.outPer) +
                     ", " + m_type + ">",
                 bits, st.outPer > st.keep ? "append the hardware-padded inputs (raw 0)"
                                           : "drop the hardware-padded outputs of the previous layer");
            break;
        case BlockKind::WidthConverter: {
            const std::int64_t in = std::int64_t(st.inPerWord) * bits, out = std::int64_t(st.outPerWord) * bits;
            call(st, "widthConverter(" + num(st.frameBits) + ", " + num(in) + ", " + num(out) + ")",
                 "widthConvert<" + num(st.frameBits) + ", " + num(in) + ", " + num(out) + ">", out);
            break;
        }
        case BlockKind::SlidingWindow: {
            const Layer& l = m_net.layers[st.layer];
            const int pb = l.padTotal / 2, pend = l.padTotal - pb;
            call(st,
                 "slidingWindow(" + num(l.inDim + l.padTotal) + ", " + num(l.outDim()) + ", " + num(l.kernel) + ", " +
                     num(l.stride) + ", " + num(l.hwIn()) + ", " + num(st.simd) + ", " + num(st.mmv) + ", " +
                     num(st.inMult) + ")",
                 "slidingWindow<" + num(l.kernel) + ", " + num(l.inDim) + ", " + num(l.stride) + ", " + num(pb) + ", " +
                     num(pend) + ", " + num(l.hwIn()) + ", " + num(st.simd) + ", " + num(st.mmv) + ", " +
                     num(st.inMult) + ", " + m_type + ">",
                 std::int64_t(st.outPerWord) * bits);
            break;
        }
        case BlockKind::Mvtu: emitMatrix(st); break;
        case BlockKind::MaxPool: {
            const Layer& l = m_net.layers[st.layer];
            const int pb = l.padTotal / 2, pend = l.padTotal - pb;
            call(st,
                 "maxPool(" + num(l.inDim) + ", " + num(l.kernel) + ", " + num(l.stride) + ", " + num(pb) + ", " +
                     num(pend) + ", " + num(l.inChannels) + ", " + num(st.pe) + ")",
                 "maxPool<" + num(l.inDim) + ", " + num(l.kernel) + ", " + num(l.stride) + ", " + num(pb) + ", " +
                     num(pend) + ", " + num(l.inChannels) + ", " + num(st.pe) + ", " + m_type + ">",
                 std::int64_t(st.pe) * bits,
                 l.name + ": max-pool " + num(l.kernel) + "x" + num(l.kernel) + "/" + num(l.stride) + ", PE " +
                     num(st.pe));
            break;
        }
        case BlockKind::LabelSelect:
            call(st, "labelSelect(" + num(st.groups * st.inPer) + ")",
                 "labelSelect<" + num(st.groups) + ", " + num(st.inPer) + ", " + num(st.keep) + ", " + port + ", " +
                     m_type + ">",
                 m_portBits, "top-1 over the logical outputs; values then the label, 32-bit slots");
            break;
        case BlockKind::Write:
            call(st, "writer(" + num(st.frameBits / 32) + ", " + port + ")",
                 "writeResults<" + num(st.frameBits / 32) + ", " + port + ">", 0);
            break;
        }
    }

    void emitMatrix(const PlanStage& st) {
        const int i = st.layer;
        const Layer& l = m_net.layers[i];
        const LayerParams& p = m_pkg.layers[i];
        const std::int64_t mw = l.matrixWidth(), mh = l.matrixHeight(), op = l.outPixels();
        const std::string id = ident(l.name);
        const int inBits = st.elemBits;
        const int contribution = emitMatrixParams(i, id, inBits);
        const bool act = l.activation;
        const int outBits = act ? p.actBits : std::max(accumulatorBits(mw, p.weightBits, inBits), 2);
        const std::string to = act ? activationType(outBits) : "Accumulator<" + num(outBits) + ">";
        // The folding's choices: a binary-search threshold unit, products in DSP slices (W, A >= 2).
        const LayerFolding& f = m_folding.layers[i];
        const bool search = act && f.thresholds == ThresholdUnit::BinarySearch;
        const bool dsp = f.product == ProductResource::Dsp && p.weightBits >= 2 && inBits >= 2;
        const std::string activation =
            act ? std::string(search ? "ThresholdSearchActivation<" : "ThresholdActivation<") + num(mh / st.pe) + ", " +
                      num(st.pe) + ", " + num((1 << outBits) - 1) + ", " + to + ">(" + id + "_thresholds)"
                : "PassThroughActivation<" + to + ">(" + num(contribution) + ")";
        if (act)
            m_extraChecks = "    static_assert(bitfold::cycles::thresholdSteps(" + num((1 << outBits) - 1) + ", " +
                      (search ? "true" : "false") + ") == " + num(st.thresholdSteps) + ", " +
                      quoted(st.name + ": the threshold unit must make the plan's comparisons") + ");\n";
        m_extraArgs = id + "_weights, " + activation + ", ";
        call(st,
             "mvtu(" + num(mh) + ", " + num(mw) + ", " + num(st.pe) + ", " + num(st.simd) + ", " + num(op) + ", " +
                 num(st.mmv) + ")",
             "matrixVectorActivate<" + num(mw) + ", " + num(mh) + ", " + num(op) + ", " + num(st.simd) + ", " +
                 num(st.pe) + ", " + num(st.mmv) + ", " + weightType(p.weightBits) + ", " + m_type + ", " + to +
                 (dsp ? ", DspProducts>" : ">"),
             std::int64_t(st.mmv) * st.pe * outBits,
             l.name + ": " + toString(l.kind) + " MW " + num(mw) + " x MH " + num(mh) + ", W" + num(p.weightBits) +
                 " in " + num(inBits) + " out " + (act ? "A" + num(outBits) : std::string("raw")) + ", PE " +
                 num(st.pe) + " SIMD " + num(st.simd) + (st.mmv > 1 ? " MMV " + num(st.mmv) : std::string()) +
                 (dsp ? ", products in DSPs" : "") + (search ? ", binary-search thresholds" : ""));
        m_type = to;
    }

    /// Writes the layer's weight ROM and thresholds; returns the known contribution of its
    /// padded inputs to every accumulator (0 unless 1-bit weights meet padded 1-bit inputs).
    int emitMatrixParams(int i, const std::string& id, int inBits) {
        const Layer& l = m_net.layers[i];
        const LayerParams& p = m_pkg.layers[i];
        const LayerFolding& f = m_folding.layers[i];
        const int w = p.weightBits;
        const bool binaryIn = inBits == 1;
        const std::int64_t mw = l.matrixWidth(), mh = l.matrixHeight();
        const std::int64_t lmw = p.mw, lmh = p.mh;
        const std::int64_t sf = mw / f.simd, nf = mh / f.pe, tiles = nf * sf;
        const std::int64_t words = (std::int64_t(f.simd) * w + 63) / 64;
        const std::int64_t hwIn = l.hwIn(), cin = l.inChannels;
        const std::int64_t padPerRow = mw - lmw;
        const int contribution = (w == 1 && binaryIn && padPerRow % 2) ? -1 : 0;

        std::vector<std::uint64_t> rom(std::size_t(f.pe * tiles * words), 0);
        for (std::int64_t r = 0; r < mh; ++r) {
            const std::int64_t pe = r % f.pe, rowFold = r / f.pe;
            for (std::int64_t c = 0; c < mw; ++c) {
                std::int64_t lc = -1, padIndex = 0;
                if (l.kind == LayerKind::Fc) {
                    if (c < lmw) lc = c;
                    else padIndex = c - lmw;
                } else {
                    const std::int64_t k = c / hwIn, ch = c % hwIn;
                    if (ch < cin) lc = k * cin + ch;
                    else padIndex = k * (hwIn - cin) + ch - cin;
                }
                int v;
                if (r >= lmh)
                    v = w == 1 ? 1 : 0;
                else if (lc >= 0)
                    v = p.weights[std::size_t(r * lmw + lc)];
                else
                    v = w == 1 ? (binaryIn && padIndex % 2 ? -1 : 1) : 0;
                const std::uint64_t raw = w == 1 ? (v > 0 ? 1u : 0u) : std::uint64_t(std::uint32_t(v)) & ((1u << w) - 1);
                const std::int64_t tile = rowFold * sf + c / f.simd, bit = (c % f.simd) * w;
                std::uint64_t* entry = &rom[std::size_t((pe * tiles + tile) * words)];
                entry[bit / 64] |= raw << (bit % 64);
                if (bit % 64 + w > 64)
                    entry[bit / 64 + 1] |= raw >> (64 - bit % 64);
            }
        }
        m_decls += "extern const unsigned long long " + id + "_weights[" + num(f.pe) + "][" + num(tiles) + "][" +
                   num(words) + "];\n";
        std::string& s = m_params;
        s += "// " + l.name + ": " + num(f.pe) + " PE x " + num(tiles) + " tiles x " + num(words) + " words\n";
        s += "const unsigned long long " + id + "_weights[" + num(f.pe) + "][" + num(tiles) + "][" + num(words) + "] = {";
        char buf[32];
        for (std::size_t k = 0; k < rom.size(); ++k) {
            if (k % 8 == 0)
                s += "\n";
            std::snprintf(buf, sizeof buf, "0x%" PRIx64 "ull,", rom[k]);
            s += buf;
        }
        s += "\n};\n";

        if (l.activation) {
            const int nt = (1 << p.actBits) - 1;
            m_decls += "extern const int " + id + "_thresholds[" + num(f.pe) + "][" + num(nf) + "][" + num(nt) + "];\n";
            s += "const int " + id + "_thresholds[" + num(f.pe) + "][" + num(nf) + "][" + num(nt) + "] = {";
            std::size_t n = 0;
            for (std::int64_t pe = 0; pe < f.pe; ++pe)
                for (std::int64_t rf = 0; rf < nf; ++rf) {
                    const std::int64_t r = rf * f.pe + pe;
                    for (int k = 0; k < nt; ++k) {
                        std::int64_t t = r < lmh ? std::int64_t(p.thresholds[std::size_t(r * nt + k)]) + contribution : 0;
                        t = std::clamp<std::int64_t>(t, std::numeric_limits<std::int32_t>::min(),
                                                     std::numeric_limits<std::int32_t>::max());
                        if (n++ % 16 == 0)
                            s += "\n";
                        s += num(t) + ",";
                    }
                }
            s += "\n};\n";
        }
        return contribution;
    }

    void assemble() {
        std::string h;
        h += "// bitfold_config.h: generated by bitfold::generateHlsDesign (engine/src/hls_config.cpp). Do not edit.\n";
        h += "// Network " + m_net.id + " (" + m_net.name + "), " + num(m_pkg.inputBits) + "-bit input, " +
             num(std::int64_t(m_design.stages.size())) + " blocks.\n";
        h += "#pragma once\n#include \"bitfold_kernels.hpp\"\n\n";
        h += "#define BITFOLD_PORT_BITS " + num(m_portBits) + "\n";
        h += "#define BITFOLD_IMAGE_BYTES " + num(m_design.imageBytes) + "\n";
        h += "#define BITFOLD_OUTPUTS " + num(m_design.outputs) + "\n";
        h += "#define BITFOLD_STAGE_COUNT " + num(std::int64_t(m_design.stages.size())) + "\n\n";
        h += "namespace bitfold_net {\nusing namespace bitfold::hw;\n\n";
        h += m_decls;
        h += "\n/// The blocks in stream order: name, network layer, kind, predicted cycles per frame.\n";
        h += "struct StageInfo {\n    const char* name;\n    const char* layer;\n    const char* kind;\n"
             "    unsigned long long cyclesPredicted;\n};\n";
        h += "constexpr StageInfo kStages[BITFOLD_STAGE_COUNT] = {\n";
        for (const HlsStage& s : m_design.stages)
            h += "    {" + quoted(s.name) + ", " + quoted(s.layer) + ", " + quoted(s.kind) + ", " +
                 std::to_string(s.cyclesPredicted) + "ull},\n";
        h += "};\n\n";
        h += "/// The dataflow pipeline; inlined into the top function's DATAFLOW region.\n";
        h += "inline void pipeline(const ap_uint<BITFOLD_PORT_BITS>* images, ap_uint<BITFOLD_PORT_BITS>* results, "
             "unsigned frames\n"
             "#ifndef __SYNTHESIS__\n                     , StageCounter* counters\n#endif\n) {\n";
        h += m_body;
        h += "}\n\n} // namespace bitfold_net\n";
        m_design.configHeader = std::move(h);

        std::string p;
        p.reserve(m_params.size() + 512);
        p += "// bitfold_params.h: generated by bitfold::generateHlsDesign. Do not edit.\n";
        p += "// Weight ROMs ([PE][tile][64-bit word], lane i at bits [i*W, (i+1)*W)) and thresholds\n";
        p += "// ([PE][neuron fold][2^A - 1]) of network " + m_net.id + ".\n";
        p += "#pragma once\n#include \"bitfold_config.h\"\n\nnamespace bitfold_net {\n\n";
        p += m_params;
        p += "\n} // namespace bitfold_net\n";
        m_design.paramsHeader = std::move(p);
    }

    const ParamPackage& m_pkg;
    const Network& m_net;
    std::vector<LayerPrecision> m_prec;
    const Folding& m_folding;
    int m_portBits;
    HlsDesign m_design;
    std::string m_cur;        ///< the stream the next block reads ("" before the reader)
    std::string m_type;       ///< its element type: Binary, Unsigned<A>, Accumulator<B>
    std::string m_extraArgs;  ///< arguments between a call's streams and `frames` (weights, activation)
    std::string m_extraChecks; ///< static_asserts after a call's cycle check (its threshold unit's steps)
    int m_streams = 0;
    std::string m_body, m_decls, m_params;
};

} // namespace

HlsDesign generateHlsDesign(const ParamPackage& pkg, const Folding& folding, int portBits) {
    return Generator(pkg, folding, portBits).run();
}

Folding simulationFolding(const Network& net, const std::vector<LayerPrecision>& prec) {
    Folding f = minimalFolding(net);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        if (!net.layers[i].isMatrix())
            continue;
        const int width = std::max(prec[i].inputBits, prec[i].weightBits);
        const auto simds = validSimd(net, prec, int(i));
        for (int s : simds)
            if (s * width <= 1024)
                f.layers[i].simd = s;
        const auto pes = validPe(net, prec, int(i));
        for (int pe : pes)
            if (pe <= 64)
                f.layers[i].pe = pe;
    }
    return f;
}

} // namespace bitfold
