// Generates the accelerator's configuration and parameter headers (see hls_config.h).
//
// The pipeline: read (AXI words -> pixels) -> quantize (pixels -> the first layer's input
// type, hardware padding appended) -> per layer [crop/pad adapters where hardware padding
// changes] [width converter where the word width changes] then sliding window + MVTU (conv),
// MVTU (FC) or max-pool -> width converter to one element per word -> label select -> write.
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

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <limits>
#include <numeric>

namespace bitfold {

namespace {

struct StreamDesc {
    std::string name;
    std::string type;          ///< C++ element type: Binary, Unsigned<A>, Accumulator<B>
    int bits = 8;
    int perWord = 1;
    std::int64_t pixels = 1;
    std::int64_t hwChannels = 0;      ///< elements per pixel in the stream
    std::int64_t logicalChannels = 0; ///< of which the first ones are logical
    std::int64_t elements() const { return pixels * hwChannels; }
};

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
    Generator(const ParamPackage& pkg, const Folding& folding)
        : m_pkg(pkg), m_net(pkg.network), m_prec(pkg.precision()), m_folding(folding) {}

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
        m_design.folding = m_folding.layers;
        emitInput();
        for (std::size_t i = 0; i < m_net.layers.size(); ++i) {
            const Layer& l = m_net.layers[i];
            if (l.kind == LayerKind::MaxPool)
                emitPool(int(i));
            else
                emitMatrix(int(i));
        }
        emitOutput();
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

    // --- streams and stages -------------------------------------------------------------

    std::string newStream(int bits, const std::string& label) {
        const std::string name = "s" + num(m_streams++) + "_" + label;
        m_body += "    hls::stream<ap_uint<" + num(bits) + ">> " + name + "(" + quoted(name) + ");\n";
        return name;
    }

    void addStage(const std::string& name, const std::string& layer, const std::string& kind, std::uint64_t predicted,
                  const std::string& call, const std::string& comment = "") {
        if (!comment.empty())
            m_body += "    // " + comment + "\n";
        m_body += "    " + call + "frames BITFOLD_COUNTER_ARG(counters[" + num(std::int64_t(m_design.stages.size())) +
                  "]));\n";
        m_design.stages.push_back({name, layer, kind, predicted});
    }

    /// Width converter to `perWord` elements per word, if the stream is not that already.
    void toPerWord(int perWord, const std::string& layer) {
        if (m_cur.perWord == perWord)
            return;
        const std::int64_t frameBits = m_cur.elements() * m_cur.bits;
        const int inBits = m_cur.perWord * m_cur.bits, outBits = perWord * m_cur.bits;
        const std::string out = newStream(outBits, layer.empty() ? "out_dwc" : layer + "_dwc");
        const std::string name = (layer.empty() ? std::string("label") : layer) + ".dwc";
        addStage(name, layer, "dwc", cycles::widthConverter(frameBits, inBits, outBits),
                 "widthConvert<" + num(frameBits) + ", " + num(inBits) + ", " + num(outBits) + ">(" + m_cur.name + ", " +
                     out + ", ");
        m_cur.name = out;
        m_cur.perWord = perWord;
    }

    /// Brings the current stream to `pixels` x `hwChannels` (logical channels first), dropping
    /// the producer's padded outputs and appending this layer's padded inputs.
    void reshape(std::int64_t pixels, std::int64_t hwChannels, std::int64_t logicalChannels, const std::string& layer) {
        const bool crop = m_cur.hwChannels != m_cur.logicalChannels;
        const bool pad = hwChannels != logicalChannels;
        if (crop || pad)
            toPerWord(1, layer);
        if (crop) {
            const std::string out = newStream(m_cur.bits, layer + "_crop");
            addStage(layer + ".crop", layer, "croppad", std::uint64_t(m_cur.pixels * m_cur.hwChannels),
                     "cropPad<" + num(m_cur.pixels) + ", " + num(m_cur.hwChannels) + ", " + num(m_cur.logicalChannels) +
                         ", " + num(m_cur.logicalChannels) + ", " + m_cur.type + ">(" + m_cur.name + ", " + out + ", ",
                     "drop the hardware-padded outputs of the previous layer");
            m_cur.name = out;
            m_cur.hwChannels = m_cur.logicalChannels;
        }
        // Same elements in the same order: an FC layer reads a feature map flattened.
        m_cur.hwChannels = m_cur.elements() / pixels;
        m_cur.logicalChannels = m_cur.hwChannels;
        m_cur.pixels = pixels;
        if (m_cur.hwChannels != logicalChannels)
            throw Error("layer " + layer, "takes " + num(pixels * logicalChannels) + " inputs, the stream carries " +
                                              num(m_cur.elements()));
        if (pad) {
            const std::string out = newStream(m_cur.bits, layer + "_pad");
            addStage(layer + ".pad", layer, "croppad", std::uint64_t(pixels * hwChannels),
                     "cropPad<" + num(pixels) + ", " + num(logicalChannels) + ", " + num(logicalChannels) + ", " +
                         num(hwChannels) + ", " + m_cur.type + ">(" + m_cur.name + ", " + out + ", ",
                     "append this layer's hardware-padded inputs (raw 0)");
            m_cur.name = out;
            m_cur.hwChannels = hwChannels;
        }
    }

    void emitInput() {
        const Layer& l0 = m_net.layers.front();
        const std::int64_t pixels = l0.kind == LayerKind::Fc ? 1 : std::int64_t(l0.inDim) * l0.inDim;
        const std::int64_t values = l0.inChannels;
        const std::int64_t padded = l0.isMatrix() ? l0.hwIn() : l0.inChannels;
        m_design.imageBytes = int(pixels * values);
        m_body += "    #pragma HLS INLINE\n";
        const std::string pix = newStream(8, "pixels");
        addStage("read", "", "read", std::uint64_t(m_design.imageBytes),
                 "readImages<" + num(m_design.imageBytes) + ">(images, " + pix + ", ");
        const int bits = m_pkg.inputBits;
        m_cur = {newStream(bits, "input"), activationType(bits), bits, 1, pixels, padded, padded};
        addStage("quantize", "", "quantize", std::uint64_t(pixels * padded),
                 "quantizeInput<" + num(pixels) + ", " + num(values) + ", " + num(padded) + ", " + m_cur.type + ">(" +
                     pix + ", " + m_cur.name + ", ",
                 "8-bit pixels to " + std::to_string(bits) + "-bit inputs" +
                     (padded != values ? ", padded " + num(values) + " -> " + num(padded) : std::string()));
        // The quantizer already wrote the first layer's padded layout.
        m_firstPadded = padded != values;
        m_cur.logicalChannels = m_firstPadded ? values : padded;
    }

    void emitPool(int i) {
        const Layer& l = m_net.layers[i];
        reshape(std::int64_t(l.inDim) * l.inDim, l.inChannels, l.inChannels, l.name);
        const int pe = std::gcd(m_cur.perWord, l.inChannels);
        toPerWord(pe, l.name);
        m_design.folding[i] = LayerFolding{pe, 1, MemoryStyle::Auto};
        const int pb = l.padTotal / 2, pend = l.padTotal - pb;
        const std::string out = newStream(pe * m_cur.bits, l.name + "_out");
        addStage(l.name, l.name, "maxpool", cycles::maxPool(l.inDim, l.inChannels, pe),
                 "maxPool<" + num(l.inDim) + ", " + num(l.kernel) + ", " + num(l.stride) + ", " + num(pb) + ", " +
                     num(pend) + ", " + num(l.inChannels) + ", " + num(pe) + ", " + m_cur.type + ">(" + m_cur.name +
                     ", " + out + ", ",
                 l.name + ": max-pool " + num(l.kernel) + "x" + num(l.kernel) + "/" + num(l.stride) + ", PE " + num(pe));
        m_cur.name = out;
        m_cur.pixels = std::int64_t(l.outDim()) * l.outDim();
    }

    void emitMatrix(int i) {
        const Layer& l = m_net.layers[i];
        const LayerParams& p = m_pkg.layers[i];
        const LayerFolding& f = m_folding.layers[i];
        const bool conv = l.kind == LayerKind::Conv;
        const std::int64_t inPixels = conv ? std::int64_t(l.inDim) * l.inDim : 1;
        if (i == 0 && m_firstPadded)
            m_cur.logicalChannels = m_cur.hwChannels; // padded by the quantizer already
        else
            reshape(inPixels, l.hwIn(), l.inChannels, l.name);
        toPerWord(f.simd, l.name);
        const std::string ti = m_cur.type;
        const int inBits = m_cur.bits;
        const std::int64_t mw = l.matrixWidth(), mh = l.matrixHeight(), op = l.outPixels();
        const std::string id = ident(l.name);
        if (conv) {
            const int pb = l.padTotal / 2, pend = l.padTotal - pb;
            const std::string out = newStream(f.simd * inBits, l.name + "_swu");
            addStage(l.name + ".swu", l.name, "swu",
                     cycles::slidingWindow(l.inDim + l.padTotal, l.outDim(), l.kernel, l.stride, l.hwIn(), f.simd),
                     "slidingWindow<" + num(l.kernel) + ", " + num(l.inDim) + ", " + num(l.stride) + ", " + num(pb) +
                         ", " + num(pend) + ", " + num(l.hwIn()) + ", " + num(f.simd) + ", " + ti + ">(" + m_cur.name +
                         ", " + out + ", ");
            m_cur.name = out;
        }
        const int contribution = emitMatrixParams(i, id);
        const bool act = l.activation;
        const int outBits = act ? p.actBits : accumulatorBits(mw, p.weightBits, inBits);
        const std::string to = act ? activationType(outBits) : "Accumulator<" + num(std::max(outBits, 2)) + ">";
        const int outWordBits = f.pe * (act ? outBits : std::max(outBits, 2));
        const std::string activation =
            act ? "ThresholdActivation<" + num(mh / f.pe) + ", " + num(f.pe) + ", " + num((1 << outBits) - 1) + ", " + to +
                      ">(" + id + "_thresholds)"
                : "PassThroughActivation<" + to + ">(" + num(contribution) + ")";
        const std::string out = newStream(outWordBits, l.name + "_out");
        addStage(l.name, l.name, "mvtu", cycles::mvtu(mh, mw, f.pe, f.simd, op),
                 "matrixVectorActivate<" + num(mw) + ", " + num(mh) + ", " + num(op) + ", " + num(f.simd) + ", " +
                     num(f.pe) + ", " + weightType(p.weightBits) + ", " + ti + ", " + to + ">(" + m_cur.name + ", " +
                     out + ", " + id + "_weights, " + activation + ", ",
                 l.name + ": " + toString(l.kind) + " MW " + num(mw) + " x MH " + num(mh) + ", W" +
                     num(p.weightBits) + " in " + num(inBits) + " out " + (act ? "A" + num(outBits) : "raw") +
                     ", PE " + num(f.pe) + " SIMD " + num(f.simd));
        m_cur = {out, to, act ? outBits : std::max(outBits, 2), f.pe, op, mh, l.outChannels};
    }

    /// Writes the layer's weight ROM and thresholds; returns the known contribution of its
    /// padded inputs to every accumulator (0 unless 1-bit weights meet padded 1-bit inputs).
    int emitMatrixParams(int i, const std::string& id) {
        const Layer& l = m_net.layers[i];
        const LayerParams& p = m_pkg.layers[i];
        const LayerFolding& f = m_folding.layers[i];
        const int w = p.weightBits;
        const bool binaryIn = m_cur.bits == 1;
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

    void emitOutput() {
        m_design.outputs = int(m_cur.pixels * m_cur.logicalChannels);
        toPerWord(1, "");
        const std::string values = newStream(32, "values");
        const std::string labels = newStream(32, "labels");
        m_body += "#pragma HLS STREAM variable = " + values + " depth = " + num(m_design.outputs + 2) + "\n";
        addStage("label", "", "label", std::uint64_t(m_cur.elements()),
                 "labelSelect<" + num(m_cur.pixels) + ", " + num(m_cur.hwChannels) + ", " + num(m_cur.logicalChannels) +
                     ", " + m_cur.type + ">(" + m_cur.name + ", " + values + ", " + labels + ", ",
                 "top-1 over the logical outputs");
        addStage("write", "", "write", std::uint64_t(m_design.outputs + 1),
                 "writeResults<" + num(m_design.outputs) + ">(" + values + ", " + labels + ", results, ");
    }

    void assemble() {
        std::string h;
        h += "// bitfold_config.h: generated by bitfold::generateHlsDesign (engine/src/hls_config.cpp). Do not edit.\n";
        h += "// Network " + m_net.id + " (" + m_net.name + "), " + num(m_pkg.inputBits) + "-bit input, " +
             num(std::int64_t(m_design.stages.size())) + " blocks.\n";
        h += "#pragma once\n#include \"bitfold_kernels.hpp\"\n\n";
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
        h += "inline void pipeline(const ap_uint<64>* images, ap_uint<32>* results, unsigned frames\n"
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
    HlsDesign m_design;
    StreamDesc m_cur;
    bool m_firstPadded = false;
    int m_streams = 0;
    std::string m_body, m_decls, m_params;
};

} // namespace

HlsDesign generateHlsDesign(const ParamPackage& pkg, const Folding& folding) { return Generator(pkg, folding).run(); }

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
