#include "explain/explain_builder.h"

#include "bitfold/cycles.h"
#include "bitfold/pipeline.h"
#include "bitfold/finn_estimate.h"
#include "util/format.h"
#include "util/strings.h"

#include <QObject>
#include <cmath>

namespace bitfold::gui {

namespace {

QString n(double v, int decimals = 0) { return fmt::count(v, decimals); }

/// One formula block: symbolic form, substituted form, engine result.
QString formula(const QString& title, const QString& symbolic, const QString& substituted, const QString& result,
                const QString& note = {}) {
    QString h = QStringLiteral("<h3>%1</h3><table cellspacing='4'>").arg(title);
    h += QStringLiteral("<tr><td><span style='font-family:serif; font-size:large'><i>%1</i></span></td></tr>")
             .arg(symbolic);
    if (!substituted.isEmpty())
        h += QStringLiteral("<tr><td><span style='font-family:monospace'>= %1</span></td></tr>").arg(substituted);
    h += QStringLiteral("<tr><td><b>= %1</b></td></tr></table>").arg(result);
    if (!note.isEmpty()) h += QStringLiteral("<p style='color:#5f6368'>%1</p>").arg(note);
    return h;
}

QString check(std::int64_t engine, unsigned long long formula) {
    return std::uint64_t(engine) == formula
        ? QStringLiteral(" <span style='color:#188038'>✓ engine</span>")
        : QStringLiteral(" <span style='color:#d93025'>≠ engine %1</span>").arg(n(double(engine)));
}

QString resourceLine(const QString& name, const Resources& r) {
    return QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3</td><td align='right'>%4</td>"
                          "<td align='right'>%5</td><td align='right'>%6</td></tr>")
        .arg(name, n(r.lut), n(r.ff), n(r.bram18), n(r.lutram), n(r.dsp));
}

QString lutTerms(const DesignState& s, int i) {
    const Layer& l = s.network.layers[i];
    const LayerEstimate& e = s.estimate.layers[i];
    const LayerPrecision& p = s.precision[i];
    const QString W = fmt::bits(p.weightBits), A = fmt::bits(p.inputBits);
    QString h = QObject::tr("<h3>Resources (model %1)</h3>").arg(htmlQs(s.estimate.model));
    if (l.isMatrix()) {
        if (s.estimate.model == "finn-r") {
            h += formula(
                QObject::tr("LUT of the MVTU (FINN-R 2018)"), QStringLiteral("LUT = 300 + 1.1 · PE · SIMD · W · A"),
                QStringLiteral("300 + 1.1 · %1 · %2 · %3 · %4").arg(e.pe).arg(e.simd).arg(W, A), n(e.compute.lut, 1));
            h += formula(QObject::tr("BRAM (FINN-R 2018)"), QStringLiteral("RAMB18 = PE · ⌈Ω / 512⌉ · ⌈SIMD · W / 36⌉"),
                         QStringLiteral("%1 · ⌈%2 / 512⌉ · ⌈%3 / 36⌉")
                             .arg(e.pe)
                             .arg(n(double(e.weightDepth)))
                             .arg(e.weightWidth),
                         QObject::tr("%1 RAMB18 = %2 BRAM36").arg(n(e.weights.bram18), n(e.weights.bram36(), 1)));
        } else if (s.estimate.model == "finn") {
            FinnMvauParams fp;
            fp.mw = l.matrixWidth();
            fp.mh = l.matrixHeight();
            fp.pe = e.pe;
            fp.simd = e.simd;
            fp.weightBits = p.weightBits;
            fp.inputBits = p.inputBits;
            fp.outputBits = p.outputBits;
            fp.activation = l.activation;
            fp.dspMultiply = p.weightBits >= 16 || p.inputBits >= 16;
            const FinnMvauCost c = finnMvauCost(fp);
            h += formula(
                QObject::tr("LUT of the MVAU (today's FINN)"),
                QStringLiteral("LUT = 300 + 1.1 · PE · (mult + addertree + acc + thr + comp) + c₂"),
                QObject::tr(
                    "mult = SIMD·(2⌈(W+A)/6⌉−1)·(W+A), addertree = (W+A)·(2·SIMD−1), acc = W+A+⌈log₂ MW⌉, "
                    "thr/comp = (2^A−1)·acc terms, c₂ = LUTRAM weights when Ω ≤ 128; PE %1, SIMD %2, W %3, A %4, MW %5")
                    .arg(e.pe)
                    .arg(e.simd)
                    .arg(W, A, n(double(l.matrixWidth()))),
                n(c.lut) +
                    (c.lut == e.compute.lut ? QStringLiteral(" <span style='color:#188038'>✓ engine</span>")
                                            : QString()));
            h += formula(
                QObject::tr("BRAM (FINN's aspect-ratio table)"), QStringLiteral("RAMB18 = f(Ω, PE · SIMD · W)"),
                QStringLiteral("Ω = %1 words, width %2 bits").arg(n(double(e.weightDepth))).arg(e.pe * e.weightWidth),
                QObject::tr("%1 RAMB18").arg(n(e.weights.bram18)));
        } else {
            h += formula(
                QObject::tr("Datapath LUTs"),
                QStringLiteral(
                    "compute = PE · SIMD · lane(W, A) + PE · (accumulator + (2<sup>A</sup> − 1) comparators)"),
                QObject::tr("PE %1, SIMD %2, W%3A%4 datapath (%5), accumulator %6 bits, thresholds per channel: %7")
                    .arg(e.pe)
                    .arg(e.simd)
                    .arg(W, A,
                         p.isFloat()                                     ? QObject::tr("float, DSP")
                             : (p.weightBits >= 16 || p.inputBits >= 16) ? QObject::tr("DSP multiply")
                             : (p.weightBits == 1 && p.inputBits == 1)   ? QObject::tr("XNOR + popcount")
                                                                         : QObject::tr("LUT multiply"))
                    .arg(e.accumulatorBits)
                    .arg(l.activation && p.outputBits < 16 ? n(std::pow(2.0, p.outputBits) - 1) : QObject::tr("no")),
                n(e.compute.lut));
            h += formula(
                QObject::tr("Weight memory packing"),
                QStringLiteral("RAMB18 per PE = best of {16K×1, 8K×2, 4K×4, 2K×9, 1K×18, 512×36} for Ω × SIMD·W"),
                QStringLiteral("%1 PE × (%2 words × %3 bits), placed in %4")
                    .arg(e.pe)
                    .arg(n(double(e.weightDepth)))
                    .arg(e.weightWidth)
                    .arg(QString::fromLatin1(toString(e.weightMemory))),
                QObject::tr("%1 RAMB18 (%2 BRAM36), %3 LUTRAM LUTs, %4 URAM")
                    .arg(n(e.weights.bram18), n(e.weights.bram36(), 1), n(e.weights.lutram), n(e.weights.uram)));
        }
    }
    h += QObject::tr(
        "<p><b>Breakdown of this layer</b> (engine's LayerEstimate):</p>"
        "<table border='0' cellspacing='0' cellpadding='3'><tr><th align='left'>block</th><th>LUT</th><th>FF</th>"
        "<th>RAMB18</th><th>LUTRAM</th><th>DSP</th></tr>");
    h += resourceLine(QObject::tr("datapath (products, adder tree, accumulators, comparators)"), e.compute);
    h += resourceLine(QObject::tr("weight memory"), e.weights);
    h += resourceLine(QObject::tr("threshold memory"), e.thresholds);
    h += resourceLine(QObject::tr("sliding window / pool buffers"), e.window);
    h += resourceLine(QObject::tr("control, FIFOs, width converters"), e.glue);
    h +=
        QStringLiteral(
            "<tr><td><b>%1</b></td><td align='right'><b>%2</b></td><td align='right'><b>%3</b></td>"
            "<td align='right'><b>%4</b></td><td align='right'><b>%5</b></td><td align='right'><b>%6</b></td></tr></table>")
            .arg(QObject::tr("layer total"), n(e.res.lut), n(e.res.ff), n(e.res.bram18), n(e.res.lutram), n(e.res.dsp));
    return h;
}

/// The layer's threshold unit and product resource as the plan and the folding give them.
QString thresholdUnit(const DesignState& s, int i) {
    const LayerFolding& f = s.folding.layers[std::size_t(i)];
    QString products;
    if (s.precision[std::size_t(i)].weightBits >= 2 && s.precision[std::size_t(i)].inputBits >= 2 &&
        s.precision[std::size_t(i)].weightBits <= 8 && s.precision[std::size_t(i)].inputBits <= 8)
        products = f.product == ProductResource::Dsp ? QObject::tr(" Its products are in DSP slices, one per product.")
                                                     : QObject::tr(" Its products are LUT multipliers.");
    for (const PlanStage& st : s.estimate.stages) {
        if (st.layer != i || st.kind != BlockKind::Mvtu || st.thresholdSteps == 0) continue;
        const bool search = f.thresholds == ThresholdUnit::BinarySearch;
        const auto t = (1ull << s.precision[std::size_t(i)].outputBits) - 1;
        const auto steps = cycles::thresholdSteps(t, search);
        return formula(
            QObject::tr("Threshold unit"),
            QStringLiteral("parallel: 2<sup>A</sup> − 1 comparators, 1 step;  binary search: A = log₂(T + 1) steps"),
            QObject::tr("T = %1 thresholds per output, %2")
                .arg(n(double(t)), search ? QObject::tr("binary search") : QObject::tr("parallel")),
            QObject::tr("%1 comparison steps per output").arg(st.thresholdSteps) + check(st.thresholdSteps, steps),
            QObject::tr("Each step is one pipeline stage (latency, not throughput): the unit takes one "
                        "accumulator per PE per cycle either way, so it adds no cycles per frame.") +
                products);
    }
    return products.isEmpty() ? QString() : QStringLiteral("<p>%1</p>").arg(products.trimmed());
}

} // namespace

QString explainLayerHtml(const DesignState& s, int i) {
    if (!s.valid || i < 0 || i >= int(s.estimate.layers.size())) return {};
    const Layer& l = s.network.layers[i];
    const LayerEstimate& e = s.estimate.layers[i];
    const LayerPrecision& p = s.precision[i];
    QString h = QObject::tr("<h2>%1 — %2 layer</h2>").arg(htmlQs(l.name), QString::fromLatin1(toString(l.kind)));
    h += QObject::tr("<p>W%1 weights, %2-bit inputs, %3-bit outputs. %4 of the design's %5.</p>")
             .arg(fmt::bits(p.weightBits), fmt::bits(p.inputBits), fmt::bits(p.outputBits),
                  i == s.estimate.bottleneck
                      ? QObject::tr("<b>This is the bottleneck</b>")
                      : QObject::tr("Runs at %1").arg(fmt::percent(double(e.cycles) / double(s.estimate.cycles))),
                  QObject::tr("initiation interval (%1 cycles)").arg(n(double(s.estimate.cycles))));
    if (l.isMatrix()) {
        const auto mh = std::uint64_t(l.matrixHeight()), mw = std::uint64_t(l.matrixWidth());
        const auto pix = std::uint64_t(l.outPixels());
        const auto nf = cycles::neuronFold(mh, std::uint64_t(e.pe)),
                   sf = cycles::synapseFold(mw, std::uint64_t(e.simd));
        const auto mmv = std::uint64_t(e.mmv);
        const auto mv = cycles::mvtu(mh, mw, std::uint64_t(e.pe), std::uint64_t(e.simd), pix, mmv);
        const QString shape = l.kind == LayerKind::Conv
            ? QObject::tr(
                  "MW = K²·C<sub>in</sub>/groups = %1<sup>2</sup>·%2/%3 = %4, MH = C<sub>out</sub> = %5, N = %6")
                  .arg(l.kernel)
                  .arg(l.hwIn())
                  .arg(l.groups)
                  .arg(n(double(mw)))
                  .arg(n(double(mh)))
                  .arg(l.outDim())
            : QObject::tr("MW = %1 inputs, MH = %2 outputs, N = 1").arg(n(double(mw)), n(double(mh)));
        h += QStringLiteral("<p>%1</p>").arg(shape);
        h +=
            formula(QObject::tr("MVTU cycles per frame"), QStringLiteral("cycles = (MH / PE) · (MW / SIMD) · N² / MMV"),
                    QStringLiteral("(%1 / %2) · (%3 / %4) · %5<sup>2</sup> / %9 = %6 · %7 · %8 / %9")
                        .arg(n(double(mh)))
                        .arg(e.pe)
                        .arg(n(double(mw)))
                        .arg(e.simd)
                        .arg(l.kind == LayerKind::Fc ? 1 : l.outDim())
                        .arg(n(double(nf)), n(double(sf)), n(double(pix)))
                        .arg(e.mmv),
                    n(double(mv)) + check(e.computeCycles, mv),
                    QObject::tr("Neuron fold MH/PE = %1 rows per PE; synapse fold MW/SIMD = %2 chunks per row; "
                                "MMV = %3 output pixels computed at once, sharing each weight read.")
                        .arg(nf)
                        .arg(sf)
                        .arg(e.mmv));
        if (l.kind == LayerKind::Conv) {
            const auto ifm = std::uint64_t(l.inDim + l.padTotal), ofm = std::uint64_t(l.outDim());
            const auto K = std::uint64_t(l.kernel), S = std::uint64_t(l.stride), C = std::uint64_t(l.hwIn());
            const auto im = std::uint64_t(plan::windowInputMultiplier(l, e.simd, e.mmv));
            const auto sw = cycles::slidingWindow(ifm, ofm, K, S, C, std::uint64_t(e.simd), mmv, im);
            h += formula(
                QObject::tr("Sliding-window unit (SWU) cycles per frame"),
                QStringLiteral("IFM·K·C/(SIMD·I) + OFM · max((OFM/MMV)·K²·C/SIMD, S·IFM·C/(SIMD·I))"),
                QStringLiteral("%1·%2·%3/(%4·%7) + %5 · max((%5/%8)·%2<sup>2</sup>·%3/%4, %6·%1·%3/(%4·%7))")
                    .arg(ifm)
                    .arg(K)
                    .arg(C)
                    .arg(e.simd)
                    .arg(ofm)
                    .arg(S)
                    .arg(im)
                    .arg(e.mmv),
                n(double(sw)) + check(e.windowCycles, sw),
                QObject::tr("It buffers K rows first, then each output row costs the longer of writing its patches "
                            "(MMV at a time) and reading the next input rows (I = %1 words at a time).")
                    .arg(im));
        }
        h += formula(QObject::tr("Stage cycles"), QStringLiteral("max(MVTU, SWU)"), {}, n(double(e.cycles)));
        h += thresholdUnit(s, i);
        h += formula(QObject::tr("Weight memory depth Ω and width"),
                     QStringLiteral("Ω = MW · MH / (PE · SIMD),  width = SIMD · W"),
                     QStringLiteral("%1 · %2 / (%3 · %4),  %4 · %5")
                         .arg(n(double(mw)), n(double(mh)))
                         .arg(e.pe)
                         .arg(e.simd)
                         .arg(fmt::bits(p.weightBits)),
                     QObject::tr("%1 words of %2 bits per PE").arg(n(double(e.weightDepth))).arg(e.weightWidth));
        h += formula(QObject::tr("Accumulator"), QStringLiteral("bits for MW products of W×A bits, signed"), {},
                     QObject::tr("%1 bits").arg(e.accumulatorBits));
    } else {
        const int pb = l.padTotal / 2;
        const auto mp =
            cycles::maxPool(std::uint64_t(l.inDim), std::uint64_t(l.kernel), std::uint64_t(l.stride), std::uint64_t(pb),
                            std::uint64_t(l.padTotal - pb), std::uint64_t(l.inChannels), std::uint64_t(e.pe));
        h += formula(QObject::tr("Max-pool cycles per frame"),
                     QStringLiteral("E² · C / PE,  E = max(IFM, last window's end)"),
                     QStringLiteral("E<sup>2</sup> · %1 / %2 (IFM %3, padding %4)")
                         .arg(l.inChannels)
                         .arg(e.pe)
                         .arg(l.inDim)
                         .arg(l.padTotal),
                     n(double(mp)) + check(e.computeCycles, mp),
                     QObject::tr("A pool takes as many channels per cycle as its input stream carries (gcd of the "
                                 "producer's PE·MMV and its channels)."));
    }
    h += lutTerms(s, i);
    return h;
}

QString explainDesignHtml(const DesignState& s) {
    if (!s.valid || s.estimate.bottleneck < 0) return {};
    const Estimate& e = s.estimate;
    QString h = QObject::tr("<h2>Whole pipeline</h2>");
    if (!s.fits && !s.fitReason.isEmpty())
        h += QObject::tr("<p><b>Why it does not fit:</b> %1</p>").arg(s.fitReason.toHtmlEscaped());
    const QString slowest = e.slowestStage >= 0 ? htmlQs(e.stages[std::size_t(e.slowestStage)].name)
                                                : htmlQs(e.layers[std::size_t(e.bottleneck)].name);
    h += formula(
        QObject::tr("Throughput"), QStringLiteral("FPS = units · f / max<sub>blocks</sub>(cycles)"),
        QStringLiteral("%4 · %1 MHz / %2 cycles (%3)")
            .arg(n(e.clockMhz), n(double(e.cycles)), slowest)
            .arg(e.computeUnits),
        fmt::fps(e.fps),
        QObject::tr("All blocks run concurrently, the memory reader and writer included: the slowest one sets the "
                    "rate. Bound by %1.")
            .arg(QString::fromLatin1(toString(e.bound))));
    for (const PlanStage& st : e.stages) {
        if (!isFoldingIndependent(st.kind)) continue;
        h += formula(QObject::tr("Block %1").arg(htmlQs(st.name)),
                     st.kind == BlockKind::Read           ? QStringLiteral("ceil(image bits / port bits)")
                         : st.kind == BlockKind::Write    ? QStringLiteral("ceil(32 · (outputs + 1) / port bits)")
                         : st.kind == BlockKind::Quantize ? QStringLiteral("values / values per cycle")
                                                          : QStringLiteral("one element per cycle"),
                     {}, QObject::tr("%1 cycles").arg(n(double(st.cycles))));
    }
    h +=
        formula(QObject::tr("At a batch"), QStringLiteral("batch / (launch + batch / FPS)"),
                QObject::tr("%1 frames, %2 µs launch overhead").arg(e.batch).arg(n(e.launchUs)), fmt::fps(e.fpsAtBatch),
                QObject::tr("The host starts the accelerator once per batch; small batches pay that cost often."));
    h += formula(QObject::tr("Latency"),
                 QObject::tr("stages overlap: a window starts after K input rows, an FC layer after its whole input"),
                 {}, QObject::tr("%1 cycles = %2").arg(n(e.latencyCycles), fmt::latencyUs(e.latencyUs)));
    return h;
}

} // namespace bitfold::gui
