// Generates the accelerator's configuration and parameter headers (see hls_config.h): the
// pipeline plan becomes one BlockConfig per block, the matrix layers' parameters are packed
// (weight_rom.h), and hls_render.cpp prints both.
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
#include "bitfold/weight_rom.h"
#include "hls_render.h"

#include <algorithm>
#include <cassert>

namespace bitfold {

namespace {

std::string activationType(int bits) { return bits == 1 ? "Binary" : "Unsigned<" + std::to_string(bits) + ">"; }
std::string weightType(int bits) { return bits == 1 ? "Binary" : "Signed<" + std::to_string(bits) + ">"; }
std::string num(std::int64_t v) { return std::to_string(v); }

ConfigEntry u(const char* name, std::int64_t v) {
    assert(v >= 0 && v <= std::int64_t(0xffffffffu));
    return {name, ConfigEntry::Kind::Unsigned, std::uint64_t(v), {}};
}
ConfigEntry flag(const char* name, bool v) { return {name, ConfigEntry::Kind::Bool, v ? 1u : 0u, {}}; }
ConfigEntry type(const char* name, const std::string& t) { return {name, ConfigEntry::Kind::Type, 0, t}; }

class Generator {
public:
    Generator(const ParamPackage& pkg, const Folding& folding, int portBits)
        : m_pkg(pkg), m_net(pkg.network), m_prec(pkg.precision()), m_folding(folding), m_portBits(portBits) {}

    HlsDesign run() {
        validate(m_net);
        if (m_pkg.layers.size() != m_net.layers.size())
            throw Error("accelerator",
                        "the package has " + num(std::int64_t(m_pkg.layers.size())) +
                            " layer entries for a network of " + num(std::int64_t(m_net.layers.size())));
        if (m_pkg.inputBits < 1 || m_pkg.inputBits > 8)
            throw Error("accelerator", "input bits " + num(m_pkg.inputBits) + " outside 1..8");
        for (std::size_t i = 0; i < m_net.layers.size(); ++i) checkLayer(int(i));
        validate(m_net, m_prec, m_folding);
        for (std::size_t i = 0; i < m_net.layers.size(); ++i) {
            const Layer& l = m_net.layers[i];
            const LayerFolding& f = m_folding.layers[i];
            if (l.isMatrix() && f.mmv > 1 && f.pe != l.matrixHeight())
                throw Error("layer " + l.name,
                            "MMV " + num(f.mmv) + " needs PE = MH (" + num(l.matrixHeight()) +
                                ") in the accelerator, so that the MMV pixels' outputs leave in "
                                "pixel order (PE is " +
                                num(f.pe) + ")");
        }
        if (m_folding.computeUnits != 1)
            throw Error("accelerator",
                        "one compute unit is simulated at a time (the folding asks for " + num(m_folding.computeUnits) +
                            "; every unit runs the same kernel)");
        const PipelinePlan plan = planPipeline(m_net, m_prec, m_folding, m_portBits);
        m_design.folding = m_folding.layers;
        m_design.imageBytes = int(plan.imageBytes);
        m_design.outputs = int(plan.outputs);
        m_design.portBits = m_portBits;
        for (const PlanStage& st : plan.stages) {
            const std::string layer = st.layer >= 0 ? m_net.layers[st.layer].name : std::string();
            m_design.stages.push_back({st.name, layer, toString(st.kind), std::uint64_t(st.cycles)});
            m_design.blocks.push_back(block(st));
            if (st.kind == BlockKind::MaxPool)
                m_design.folding[st.layer] = LayerFolding{st.pe, 1, 1, MemoryStyle::Auto};
        }
        m_design.configHeader = renderConfigHeader(m_design, m_net, m_pkg.inputBits, m_params);
        m_design.paramsHeader = renderParamsHeader(m_net, m_params);
        return std::move(m_design);
    }

private:
    void checkLayer(int i) {
        const Layer& l = m_net.layers[i];
        const std::string where = "layer " + l.name;
        if (l.groups != 1) throw Error(where, "grouped convolutions are not supported by the accelerator");
        if (l.kind == LayerKind::MaxPool) {
            const int pb = l.padTotal / 2;
            if (pb >= l.kernel || std::int64_t(l.outDim() - 1) * l.stride >= l.inDim + pb)
                throw Error(where, "a pooling window lies entirely in the padding");
            return;
        }
        const LayerParams& p = m_pkg.layers[i];
        const std::int64_t mw = l.logicalMatrixWidth(); // groups == 1 here
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

    /// A block's configuration: its entries, the kernel's template arguments (names of entries,
    /// in the kernel's order) and the cycles.h formula its loop count must equal.
    BlockConfig config(const PlanStage& st, const char* kernel, std::vector<ConfigEntry> entries,
                       std::vector<std::string> templateArgs, const char* formula, std::vector<std::string> cyclesArgs,
                       std::int64_t outBits, std::string comment = {}) {
        BlockConfig b;
        b.structName = "s" + num(std::int64_t(m_design.stages.size() - 1)) + "_" + cIdentifier(st.name) + "_config";
        b.kernel = kernel;
        b.entries = std::move(entries);
        b.templateArgs = std::move(templateArgs);
        b.checks.push_back({formula, std::move(cyclesArgs), std::uint64_t(st.cycles),
                            st.name + ": the kernel's loop count must equal the pipeline plan's"});
        b.outBits = outBits;
        b.comment = std::move(comment);
        return b;
    }

    BlockConfig block(const PlanStage& st) {
        const int bits = st.elemBits;
        switch (st.kind) {
        case BlockKind::Read:
            return config(st, "readImages", {u("ImageBytes", st.frameBits / 8), u("PortBits", m_portBits)},
                          {"ImageBytes", "PortBits"}, "reader", {"ImageBytes", "PortBits"}, m_portBits);
        case BlockKind::Quantize:
            m_type = activationType(bits);
            return config(
                st, "quantizeInput",
                {u("Groups", st.groups), u("Values", st.inPer), u("PaddedValues", st.outPer),
                 u("PerWord", st.outPerWord), u("PortBits", m_portBits), type("TO", m_type),
                 u("Elements", st.groups * st.outPer)},
                {"Groups", "Values", "PaddedValues", "PerWord", "PortBits", "TO"}, "quantizer", {"Elements", "PerWord"},
                std::int64_t(st.outPerWord) * bits,
                "8-bit pixels to " + num(bits) + "-bit inputs, " + num(st.outPerWord) + " per cycle" +
                    (st.outPer != st.inPer ? ", padded " + num(st.inPer) + " -> " + num(st.outPer) : std::string()));
        case BlockKind::CropPad:
            return config(st, "cropPad",
                          {u("Groups", st.groups), u("InPer", st.inPer), u("Keep", st.keep), u("OutPer", st.outPer),
                           type("T", m_type)},
                          {"Groups", "InPer", "Keep", "OutPer", "T"}, "cropPad", {"Groups", "InPer", "OutPer"}, bits,
                          st.outPer > st.keep ? "append the hardware-padded inputs (raw 0)"
                                              : "drop the hardware-padded outputs of the previous layer");
        case BlockKind::WidthConverter: {
            const std::int64_t in = std::int64_t(st.inPerWord) * bits, out = std::int64_t(st.outPerWord) * bits;
            return config(st, "widthConvert", {u("FrameBits", st.frameBits), u("InBits", in), u("OutBits", out)},
                          {"FrameBits", "InBits", "OutBits"}, "widthConverter", {"FrameBits", "InBits", "OutBits"},
                          out);
        }
        case BlockKind::SlidingWindow: {
            const Layer& l = m_net.layers[st.layer];
            const int pb = l.padTotal / 2, pend = l.padTotal - pb;
            return config(st, "slidingWindow",
                          {u("K", l.kernel), u("IFM", l.inDim), u("S", l.stride), u("PadBegin", pb), u("PadEnd", pend),
                           u("C", l.hwIn()), u("SIMD", st.simd), u("MMV", st.mmv), u("InMult", st.inMult),
                           type("T", m_type), u("PaddedIFM", l.inDim + l.padTotal), u("OFM", l.outDim())},
                          {"K", "IFM", "S", "PadBegin", "PadEnd", "C", "SIMD", "MMV", "InMult", "T"}, "slidingWindow",
                          {"PaddedIFM", "OFM", "K", "S", "C", "SIMD", "MMV", "InMult"},
                          std::int64_t(st.outPerWord) * bits);
        }
        case BlockKind::Mvtu: return matrix(st);
        case BlockKind::MaxPool: {
            const Layer& l = m_net.layers[st.layer];
            const int pb = l.padTotal / 2, pend = l.padTotal - pb;
            return config(st, "maxPool",
                          {u("IFM", l.inDim), u("K", l.kernel), u("S", l.stride), u("PadBegin", pb), u("PadEnd", pend),
                           u("C", l.inChannels), u("PE", st.pe), type("T", m_type)},
                          {"IFM", "K", "S", "PadBegin", "PadEnd", "C", "PE", "T"}, "maxPool",
                          {"IFM", "K", "S", "PadBegin", "PadEnd", "C", "PE"}, std::int64_t(st.pe) * bits,
                          l.name + ": max-pool " + num(l.kernel) + "x" + num(l.kernel) + "/" + num(l.stride) + ", PE " +
                              num(st.pe));
        }
        case BlockKind::LabelSelect:
            return config(st, "labelSelect",
                          {u("Groups", st.groups), u("PerGroup", st.inPer), u("Keep", st.keep),
                           u("PortBits", m_portBits), type("TV", m_type), u("Elements", st.groups * st.inPer)},
                          {"Groups", "PerGroup", "Keep", "PortBits", "TV"}, "labelSelect", {"Elements"}, m_portBits,
                          "top-1 over the logical outputs; values then the label, 32-bit slots");
        case BlockKind::Write:
            return config(st, "writeResults", {u("Slots", st.frameBits / 32), u("PortBits", m_portBits)},
                          {"Slots", "PortBits"}, "writer", {"Slots", "PortBits"}, 0);
        }
        assert(false && "every block kind is generated");
        return {};
    }

    BlockConfig matrix(const PlanStage& st) {
        const int i = st.layer;
        const Layer& l = m_net.layers[i];
        const LayerParams& p = m_pkg.layers[i];
        const LayerFolding& f = m_folding.layers[i];
        const std::int64_t mw = l.matrixWidth(), mh = l.matrixHeight();
        const int inBits = st.elemBits;
        MatrixParams& params = m_params.emplace_back();
        params.id = "l_" + cIdentifier(l.name);
        params.layer = l.name;
        params.rom = packWeightRom(l, p, f, inBits);
        params.neuronFolds = mh / f.pe;
        params.thresholds = packThresholds(l, p, f, params.rom.paddingContribution);
        const bool act = l.activation;
        const int outBits = act ? p.actBits : std::max(accumulatorBits(mw, p.weightBits, inBits), 2);
        const std::string to = act ? activationType(outBits) : "Accumulator<" + num(outBits) + ">";
        params.thresholdsPerRow = act ? (1 << outBits) - 1 : 0;
        // The folding's choices: a binary-search threshold unit, products in DSP slices (W, A >= 2).
        const bool search = act && f.thresholds == ThresholdUnit::BinarySearch;
        const bool dsp = f.product == ProductResource::Dsp && p.weightBits >= 2 && inBits >= 2;
        std::vector<ConfigEntry> entries = {
            u("MW", mw),    u("MH", mh),      u("OutPixels", l.outPixels()),        u("SIMD", st.simd),
            u("PE", st.pe), u("MMV", st.mmv), type("TW", weightType(p.weightBits)), type("TI", m_type),
            type("TO", to)};
        std::vector<std::string> templateArgs = {"MW", "MH", "OutPixels", "SIMD", "PE", "MMV", "TW", "TI", "TO"};
        if (dsp) {
            entries.push_back(type("TR", "DspProducts"));
            templateArgs.push_back("TR");
        }
        if (act) {
            entries.push_back(u("NF", mh / st.pe));
            entries.push_back(u("NumT", params.thresholdsPerRow));
            entries.push_back(flag("BinarySearch", search));
        }
        BlockConfig b = config(st, "matrixVectorActivate", std::move(entries), std::move(templateArgs), "mvtu",
                               {"MH", "MW", "PE", "SIMD", "OutPixels", "MMV"}, std::int64_t(st.mmv) * st.pe * outBits,
                               l.name + ": " + toString(l.kind) + " MW " + num(mw) + " x MH " + num(mh) + ", W" +
                                   num(p.weightBits) + " in " + num(inBits) + " out " +
                                   (act ? "A" + num(outBits) : std::string("raw")) + ", PE " + num(st.pe) + " SIMD " +
                                   num(st.simd) + (st.mmv > 1 ? " MMV " + num(st.mmv) : std::string()) +
                                   (dsp ? ", products in DSPs" : "") + (search ? ", binary-search thresholds" : ""));
        b.callArgs.push_back({{}, {}, params.id + "_weights"});
        if (act) {
            b.checks.push_back({"thresholdSteps",
                                {"NumT", "BinarySearch"},
                                std::uint64_t(st.thresholdSteps),
                                st.name + ": the threshold unit must make the plan's comparisons"});
            b.callArgs.push_back({search ? "ThresholdSearchActivation" : "ThresholdActivation",
                                  {"NF", "PE", "NumT", "TO"},
                                  params.id + "_thresholds"});
        } else {
            b.callArgs.push_back({"PassThroughActivation", {"TO"}, num(params.rom.paddingContribution)});
        }
        m_type = to;
        return b;
    }

    const ParamPackage& m_pkg;
    const Network& m_net;
    std::vector<LayerPrecision> m_prec;
    const Folding& m_folding;
    int m_portBits;
    HlsDesign m_design;
    std::string m_type; ///< the element type of the stream the next block reads: Binary, Unsigned<A>, ...
    std::vector<MatrixParams> m_params;
};

} // namespace

const ConfigEntry& BlockConfig::entry(const std::string& name) const {
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const ConfigEntry& e) { return e.name == name; });
    assert(it != entries.end() && "the block has this entry");
    return *it;
}

HlsDesign generateHlsDesign(const ParamPackage& pkg, const Folding& folding, int portBits) {
    return Generator(pkg, folding, portBits).run();
}

Folding simulationFolding(const Network& net, const std::vector<LayerPrecision>& prec) {
    Folding f = minimalFolding(net);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        const int width = std::max(prec[i].inputBits, prec[i].weightBits);
        const auto simds = validSimd(net, prec, int(i));
        for (int s : simds)
            if (s * width <= 1024) f.layers[i].simd = s;
        const auto pes = validPe(net, prec, int(i));
        for (int pe : pes)
            if (pe <= 64) f.layers[i].pe = pe;
    }
    return f;
}

} // namespace bitfold
