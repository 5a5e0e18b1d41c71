#include "help/glossary.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bitfold::gui {

namespace {

struct Entry {
    const char* term;
    const char* definition;
};

// Plain words first, the formula after: a newcomer should not need the formula.
const Entry kEntries[] = {
    {"Folding",
     "How much hardware each layer gets. A layer does many multiply-adds per image; folding decides how many it "
     "does at once (PE × SIMD) and how many clock cycles it takes turns. Less folding = more parallel = faster but "
     "more logic; more folding = slower and smaller. Folding shrinks the arithmetic, not the weight memory: every "
     "weight is stored on chip whatever the folding, so a network whose weights need more block RAM than the chip "
     "has does not fit at any folding. The optimizer picks the folding that fits your limits."},
    {"PE",
     "Processing element: one of the parallel units of a layer, each computing a different output channel (neuron). "
     "PE must divide the layer's output channels. Doubling PE halves the layer's cycles and roughly doubles its "
     "compute logic."},
    {"SIMD",
     "How many inputs each PE multiplies and adds in the same clock cycle. SIMD must divide the layer's inputs per "
     "output. PE × SIMD multiply-adds happen every cycle."},
    {"MMV",
     "Multiple matrix-vector: how many output pixels a convolution computes per cycle, a third way to unfold a layer "
     "beyond PE and SIMD (1 unless set)."},
    {"MVTU",
     "Matrix-vector-threshold unit: the block that computes a fully connected or convolutional layer: PE × SIMD "
     "multiply-adds per cycle, then thresholds that turn sums into the next layer's few-bit activations. Its "
     "cycles per image are (output channels / PE) × (inputs / SIMD) × output pixels."},
    {"Sliding window",
     "The sliding-window unit (SWU) feeds a convolution: it buffers image rows and hands the MVTU every K×K window "
     "of the input, one window per output pixel."},
    {"Initiation interval",
     "II: the clock cycles between two images entering the pipeline. All layers work at the same time on "
     "different images, so the slowest layer (the bottleneck) sets it: FPS = clock / II."},
    {"Bottleneck",
     "The layer with the most cycles per image. It alone sets the frame rate; making any other layer faster does "
     "not help."},
    {"Bound by compute",
     "The design is as fast as its multiply-add units allow: giving the bottleneck layer more PE or SIMD would make "
     "it faster, if resources (LUTs, DSPs) allowed it."},
    {"Bound by memory",
     "Images cannot arrive from off-chip memory (or results leave to it) any faster: the memory port moves one "
     "word per clock cycle, so more parallel units would only wait for it. A wider or faster port would help. "
     "(Running out of on-chip memory is a different limit, shown as BRAM or URAM.)"},
    {"Bound by folding",
     "Shown as 'fully parallel already'. Every layer already computes all its outputs at once (the largest PE and "
     "SIMD its shape allows), so nothing can be unfolded further: a bigger device would not make it faster. "
     "Only a higher clock or a different network would."},
    {"Precision",
     "Bits per weight (W) and per activation (A), e.g. W1A1 = binary, W4A4 = 4-bit. Fewer bits = cheaper "
     "multipliers and less weight memory, so more parallel units fit, usually at some cost in accuracy. That is "
     "why CNV fits a PYNQ-Z1 at W1A1 but not at W4A4: four bits per weight need four times the weight memory, "
     "more block RAM than the chip has even at the smallest folding (choose CNV, W4A4 and the PYNQ-Z1: the "
     "Overview gives the figures)."},
    {"LUT",
     "Look-up table: the FPGA's basic logic cell. Few-bit multiply-adds are built from LUTs, so LUTs usually limit "
     "how parallel a design can be."},
    {"BRAM",
     "Block RAM: on-chip memory tiles (36 Kb each) that hold the weights and line buffers. A design whose weights do "
     "not fit in BRAM does not fit the device at all."},
    {"DSP", "Hard multiplier blocks. Used for wide (8-bit or more) multiplications; few-bit ones use LUTs instead."},
    {"Pareto front",
     "The designs no other design beats on both plotted objectives at once (e.g. more accurate and faster). "
     "Everything else is dominated: some design is at least as good on both. Accuracies on different data sets are "
     "different axes, so each data set gets its own front."},
    {"Provenance",
     "Where a number comes from: predicted (a cost model), simulated (C simulation of the generated accelerator), "
     "measured (trained here and evaluated bit-exactly) or published (a paper)."},
};

QString anchorOf(const QString& term) { return term.toLower().replace(QLatin1Char(' '), QLatin1Char('-')); }

} // namespace

QStringList glossaryTerms() {
    QStringList t;
    for (const Entry& e : kEntries) t << QString::fromUtf8(e.term);
    return t;
}

QString glossaryDefinition(const QString& term) {
    for (const Entry& e : kEntries)
        if (QString::fromUtf8(e.term).compare(term, Qt::CaseInsensitive) == 0) return QObject::tr(e.definition);
    return {};
}

QString glossaryTip(const QString& term) {
    const QString d = glossaryDefinition(term);
    if (d.isEmpty()) return {};
    return QObject::tr("<p><b>%1</b>: %2</p><p><i>More in Help → Glossary (F1).</i></p>").arg(term, d.toHtmlEscaped());
}

QString glossaryHtml() {
    QString html = QObject::tr("<h2>Glossary</h2><p>The words this explorer uses, in plain language.</p>");
    for (const Entry& e : kEntries)
        html += QStringLiteral("<h3><a name=\"%1\">%2</a></h3><p>%3</p>")
                    .arg(anchorOf(QString::fromUtf8(e.term)), QString::fromUtf8(e.term),
                         glossaryDefinition(QString::fromUtf8(e.term)).toHtmlEscaped());
    return html;
}

GlossaryDialog::GlossaryDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser) {
    setObjectName(QStringLiteral("glossary"));
    setWindowTitle(tr("Glossary — Bitfold"));
    m_browser->setHtml(glossaryHtml());
    m_browser->setOpenLinks(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_browser, 1);
    lay->addWidget(buttons);
    resize(620, 640);
}

void GlossaryDialog::showTerm(const QString& term) { m_browser->scrollToAnchor(anchorOf(term)); }

} // namespace bitfold::gui
