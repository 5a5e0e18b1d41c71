#include "design_options.h"

#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/onnx_import.h"
#include "table.h"

#include <ostream>

namespace bitfold::cli {

std::set<std::string> designOptionNames() {
    return {"network", "weights", "acts", "input-bits", "device", "clock", "folding", "model"};
}

DesignArgs parseDesign(const Args& args) {
    const Catalog& cat = Catalog::shipped();
    DesignArgs d;
    const std::string network = args.str("network");
    std::optional<OnnxImport> onnx;
    if (network.size() > 5 && network.substr(network.size() - 5) == ".onnx") onnx = importOnnx(network);
    d.network = onnx ? onnx->network : cat.network(network);
    d.spec.weightBits = bitsFromString(args.str("weights", "1"), "--weights");
    d.spec.actBits = bitsFromString(args.str("acts", "1"), "--acts");
    if (args.has("input-bits")) d.spec.inputBits = bitsFromString(args.str("input-bits"), "--input-bits");
    // An imported model keeps the precisions of its file unless the options say otherwise.
    const bool ownPrecision = onnx && !args.has("weights") && !args.has("acts") && !args.has("input-bits");
    if (ownPrecision && !onnx->precision.empty()) { // a float graph: float32, as imported
        d.spec.weightBits = onnx->precision.front().weightBits;
        d.spec.actBits = onnx->precision.front().outputBits;
    }
    d.precision = ownPrecision ? onnx->precision : resolvePrecision(d.network, d.spec);
    d.device = cat.device(args.str("device", "xc7z020"));
    d.clockMhz = args.number("clock", d.device.clockMhz);
    if (!(d.clockMhz > 0 && d.clockMhz <= 1000))
        throw Error("--clock", "'" + args.str("clock") + "' MHz is out of range (0 < clock <= 1000)");
    d.model = costModelFromString(args.str("model", "bitfold"));
    if (args.has("folding")) {
        d.folding = loadFoldingFile(args.str("folding"), d.network);
        try {
            validate(d.network, d.precision, *d.folding);
        } catch (const Error& e) {
            throw Error(args.str("folding"), e.what());
        }
    }
    return d;
}

namespace {
std::string pct(double f) { return fmt(100 * f, 1) + "%"; }
} // namespace

void printEstimateTable(std::ostream& out, const DesignArgs& d, const Folding& folding, const Estimate& e) {
    out << d.network.name << " (" << d.network.id << "), W" << bitsToString(d.spec.weightBits) << "A"
        << bitsToString(d.spec.actBits) << ", " << d.device.name << " at " << fmt(e.clockMhz, 0) << " MHz, model "
        << e.model << " [predicted]\n\n";
    // Figures the model does not estimate are unknown, not zero.
    auto ff = [&](double v, int decimals = 0) { return e.modelled.ff ? fmt(v, decimals) : std::string("n/a"); };
    auto dsp = [&](double v, int decimals = 0) { return e.modelled.dsp ? fmt(v, decimals) : std::string("n/a"); };
    Table t({"layer", "kind", "PE", "SIMD", "MMV", "cycles", "LUT", "FF", "BRAM36", "URAM", "DSP", "weights in"});
    for (std::size_t i = 0; i < e.layers.size(); ++i) {
        const LayerEstimate& l = e.layers[i];
        const bool mat = d.network.layers[i].isMatrix();
        t.add({l.name + (int(i) == e.bottleneck ? " *" : ""), toString(l.kind), std::to_string(l.pe),
               mat ? std::to_string(l.simd) : "-", l.kind == LayerKind::Conv ? std::to_string(l.mmv) : "-",
               std::to_string(l.cycles), fmt(l.res.lut), ff(l.res.ff), fmt(l.res.bram36(), 1), fmt(l.res.uram),
               dsp(l.res.dsp), mat ? toString(l.weightMemory) : "-"});
    }
    const std::string perUnit = e.computeUnits > 1 ? " (per unit)" : "";
    t.add({"infrastructure" + perUnit, "", "", "", "", "", fmt(e.infrastructure.lut), ff(e.infrastructure.ff),
           fmt(e.infrastructure.bram36(), 1), fmt(e.infrastructure.uram), dsp(e.infrastructure.dsp), ""});
    t.add({"platform shell", "", "", "", "", "", fmt(e.shell.lut), fmt(e.shell.ff), fmt(e.shell.bram36(), 1),
           fmt(e.shell.uram), fmt(e.shell.dsp), ""});
    t.add({e.computeUnits > 1 ? "total, " + std::to_string(e.computeUnits) + " units" : "total", "", "", "", "",
           std::to_string(e.cycles), fmt(e.totals.lut), ff(e.totals.ff), fmt(e.totals.bram36(), 1), fmt(e.totals.uram),
           dsp(e.totals.dsp), ""});
    t.add({"utilisation", "", "", "", "", "", pct(e.utilisation.lut), e.modelled.ff ? pct(e.utilisation.ff) : "n/a",
           pct(e.utilisation.bram18), pct(e.utilisation.uram), e.modelled.dsp ? pct(e.utilisation.dsp) : "n/a", ""});
    t.print(out);
    const std::string slowest = e.slowestStage >= 0 ? e.stages[e.slowestStage].name : e.layers[e.bottleneck].name;
    out << "\nthroughput " << fmt(e.fps, 1) << " FPS"
        << (e.computeUnits > 1
                ? " (" + std::to_string(e.computeUnits) + " compute units of " + fmt(e.fpsPerUnit, 1) + ")"
                : std::string())
        << ", bound by " << toString(e.bound) << "; latency " << fmt(e.latencyUs, 1) << " us, "
        << fmt(e.opsPerSecond / 1e9, 2) << " GOp/s; slowest block " << slowest << " (" << e.cycles
        << " cycles/frame), most used resource " << toString(e.mostUsed) << "\n";
    out << "at a batch of " << e.batch << " frames with " << fmt(e.launchUs, 0)
        << " us launch overhead: " << fmt(e.fpsAtBatch, 1) << " FPS\n";
    (void)folding;
    out << "assumptions:\n";
    for (const auto& a : e.assumptions) out << "  - " << a << '\n';
}

void printEstimateCsv(std::ostream& out, const Estimate& e) {
    auto ff = [&](double v) { return e.modelled.ff ? fmt(v, 1) : std::string("n/a"); };
    auto dsp = [&](double v) { return e.modelled.dsp ? fmt(v, 1) : std::string("n/a"); };
    Table t({"layer", "kind", "pe", "simd", "cycles", "lut", "ff", "bram18", "uram", "dsp", "lutram"});
    for (const LayerEstimate& l : e.layers)
        t.add({l.name, toString(l.kind), std::to_string(l.pe), std::to_string(l.simd), std::to_string(l.cycles),
               fmt(l.res.lut, 1), ff(l.res.ff), fmt(l.res.bram18, 1), fmt(l.res.uram, 1), dsp(l.res.dsp),
               fmt(l.res.lutram, 1)});
    t.add({"total", "", "", "", std::to_string(e.cycles), fmt(e.totals.lut, 1), ff(e.totals.ff),
           fmt(e.totals.bram18, 1), fmt(e.totals.uram, 1), dsp(e.totals.dsp), fmt(e.totals.lutram, 1)});
    t.printCsv(out);
}

} // namespace bitfold::cli
