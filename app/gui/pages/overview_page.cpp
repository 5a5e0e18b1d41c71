#include "pages/overview_page.h"

#include "help/glossary.h"
#include "bitfold/optimizer.h"
#include "models/model_comparison_model.h"
#include "pages/fit_explanation.h"
#include "util/format.h"
#include "util/strings.h"
#include "widgets/utilisation_bar.h"
#include "util/theme.h"

#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace bitfold::gui {

namespace {

QLabel* wrapLabel() {
    auto* l = new QLabel;
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QString modeText(const DesignConfig& c) {
    switch (c.mode) {
    case FoldingMode::MaxFps: return QObject::tr("folding: fastest within limits");
    case FoldingMode::TargetFps: return QObject::tr("folding: cheapest reaching %1").arg(fmt::fps(c.targetFps));
    case FoldingMode::Manual: return QObject::tr("folding: manual");
    }
    return {};
}
} // namespace

OverviewPage::Metric OverviewPage::addMetric(QGridLayout* grid, int col, const QString& title, const QString& tip) {
    auto* frame = new QFrame;
    frame->setObjectName(QStringLiteral("metricCard"));
    frame->setFrameShape(QFrame::StyledPanel);
    setPanel(frame, Qt::white);
    frame->setToolTip(tip);
    auto* v = new QVBoxLayout(frame);
    auto* t = new QLabel(title);
    setSecondaryText(t);
    Metric m{new QLabel(QStringLiteral("–")), new QLabel};
    m.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setSecondaryText(m.caption, true);
    v->addWidget(t);
    v->addWidget(m.value);
    v->addWidget(m.caption);
    grid->addWidget(frame, 0, col);
    m_cardWidgets.push_back(frame);
    return m;
}

OverviewPage::OverviewPage(QWidget* parent) : QWidget(parent), m_comparison(new ModelComparisonModel(this)) {
    m_content = new QWidget;
    m_content->setObjectName(QStringLiteral("overview"));
    auto* lay = new QVBoxLayout(m_content);
    m_title = wrapLabel();
    m_title->setTextFormat(Qt::RichText);
    lay->addWidget(m_title);

    auto* grid = new QGridLayout;
    m_cards = grid;
    m_fps = addMetric(grid, 0, tr("Throughput"), tr("Frames per second: clock / cycles of the slowest stage"));
    m_latency = addMetric(grid, 1, tr("Latency"), tr("One frame from first input to last output, stages overlapping"));
    m_ops = addMetric(grid, 2, tr("Compute"), tr("Logical operations per second (2 per multiply-accumulate)"));
    m_cycles = addMetric(grid, 3, tr("Initiation interval"), glossaryTip(QStringLiteral("Initiation interval")));
    lay->addLayout(grid);

    auto* util = new QGroupBox(tr("Resource utilisation (whole design against the device; black line = your limit)"));
    auto* ug = new QGridLayout(util);
    for (ResourceKind k : kAllResources) {
        const int i = int(k);
        auto* name = new QLabel(fmt::resourceName(k));
        name->setMinimumWidth(name->fontMetrics().horizontalAdvance(QStringLiteral("BRAM36  ")));
        m_bars[i] = new UtilisationBar;
        m_bars[i]->setObjectName(QStringLiteral("bar%1").arg(fmt::resourceName(k)));
        ug->addWidget(name, i, 0);
        ug->addWidget(m_bars[i], i, 1);
    }
    m_barCaption = new QLabel;
    setSecondaryText(m_barCaption, true);
    ug->addWidget(m_barCaption, 5, 1);
    lay->addWidget(util);

    auto* facts = new QGroupBox(tr("What limits this design"));
    auto* fl = new QVBoxLayout(facts);
    m_bottleneck = wrapLabel();
    m_limiting = wrapLabel();
    m_fit = wrapLabel();
    m_bottleneck->setObjectName(QStringLiteral("bottleneckLabel"));
    m_bottleneck->setToolTip(glossaryTip(QStringLiteral("Bottleneck")));
    m_limiting->setToolTip(glossaryTip(QStringLiteral("Bound by folding")));
    fl->addWidget(m_bottleneck);
    fl->addWidget(m_limiting);
    fl->addWidget(m_fit);
    lay->addWidget(facts);

    m_compareBox = new QGroupBox(tr("Cost models side by side (same folding)"));
    auto* cl = new QVBoxLayout(m_compareBox);
    m_compareView = new QTableView;
    m_compareView->setObjectName(QStringLiteral("comparisonView"));
    m_compareView->setModel(m_comparison);
    m_compareView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_compareView->setMinimumHeight(m_compareView->verticalHeader()->defaultSectionSize() * 11 + 8);
    cl->addWidget(m_compareView);
    lay->addWidget(m_compareBox);

    m_timing = wrapLabel();
    setSecondaryText(m_timing);
    m_assumptions = wrapLabel();
    setSecondaryText(m_assumptions);
    lay->addWidget(m_timing);
    lay->addWidget(m_assumptions);
    lay->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(m_content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    applyFonts();
}

void OverviewPage::applyFonts() {
    // Explicit sizes do not follow the application font: recompute them from it.
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    for (Metric* m : {&m_fps, &m_latency, &m_ops, &m_cycles}) m->value->setFont(big);
    QFont title = font();
    title.setPointSizeF(title.pointSizeF() * 1.25);
    title.setBold(true);
    m_title->setFont(title);
}

void OverviewPage::changeEvent(QEvent* e) {
    QWidget::changeEvent(e);
    if (e->type() == QEvent::FontChange) {
        applyFonts();
        arrangeCards();
    }
}

void OverviewPage::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    arrangeCards();
}

void OverviewPage::arrangeCards() {
    int needed = 0;
    for (QWidget* c : m_cardWidgets) needed += c->sizeHint().width() + m_cards->horizontalSpacing();
    const int columns = width() - 40 >= needed ? 4 : 2;
    if (columns == m_cardColumns) return;
    m_cardColumns = columns;
    for (QWidget* c : m_cardWidgets) m_cards->removeWidget(c);
    for (int i = 0; i < int(m_cardWidgets.size()); ++i)
        m_cards->addWidget(m_cardWidgets[std::size_t(i)], i / columns, i % columns);
}

QAbstractItemModel* OverviewPage::exportTable() { return m_comparison; }

QString OverviewPage::fpsText() const { return m_fps.value->text(); }
QString OverviewPage::limitText() const { return m_limiting->text(); }

void OverviewPage::setDesign(const DesignState& s, const DesignConfig& c) {
    if (!s.valid) return;
    const Estimate& e = s.estimate;
    const QString pred = fmt::predicted(e.model);
    const QString title = tr("%1 · %2 · %3 at %4 MHz · %5")
                              .arg(qs(s.network.name), fmt::precision(c.precision.weightBits, c.precision.actBits),
                                   qs(s.device.name), fmt::count(e.clockMhz), modeText(c));
    m_title->setText(s.fits ? title.toHtmlEscaped()
                            : title.toHtmlEscaped() + tr(" · <span style='color:#d93025'>does not fit</span>"));
    m_fps.value->setText(fmt::fps(e.fps));
    m_latency.value->setText(fmt::latencyUs(e.latencyUs));
    m_ops.value->setText(fmt::opsPerSecond(e.opsPerSecond));
    m_cycles.value->setText(tr("%1 cycles").arg(fmt::count(double(e.cycles))));
    for (Metric* m : {&m_fps, &m_latency, &m_ops, &m_cycles}) {
        m->caption->setText(pred);
        // The figures of a design that does not fit are greyed: it could not be built.
        QPalette p = m->value->palette();
        p.setColor(QPalette::WindowText, s.fits ? palette().color(QPalette::WindowText) : QColor(0x9a, 0xa0, 0xa6));
        m->value->setPalette(p);
    }

    for (ResourceKind k : kAllResources) {
        const double used = get(e.utilisation, k);
        const double lim = limitOf(c.limits, k);
        const double have = fmt::resourceAmount(s.device.total, k);
        const QString text = have > 0
            ? tr("%1 of %2  (%3; limit %4)")
                  .arg(fmt::count(fmt::resourceAmount(e.totals, k), k == ResourceKind::Bram ? 1 : 0), fmt::count(have),
                       fmt::percent(used), fmt::percent(lim, 0))
            : tr("none on this device");
        m_bars[int(k)]->setValues(have > 0 ? used : 0, lim, text);
        m_bars[int(k)]->setToolTip(tr("%1 %2, %3. Includes %4 of platform shell and %5 of accelerator I/O.")
                                       .arg(fmt::resourceName(k), text, pred,
                                            fmt::count(fmt::resourceAmount(e.shell, k)),
                                            fmt::count(fmt::resourceAmount(e.infrastructure, k))));
    }
    m_barCaption->setText(pred + tr("; platform shell and accelerator I/O included"));

    if (e.bottleneck >= 0) {
        const LayerEstimate& b = e.layers[e.bottleneck];
        m_bottleneck->setText(tr("<b>Bottleneck layer:</b> %1 (%2, PE %3 × SIMD %4): %5 cycles per frame")
                                  .arg(qs(b.name), QString::fromLatin1(toString(b.kind)))
                                  .arg(b.pe)
                                  .arg(b.simd)
                                  .arg(fmt::count(double(b.cycles))));
    }
    const QString why = whyItDoesNotFit(s, c);
    m_limiting->setText(
        !why.isEmpty() ? why
            : s.fromOptimizer
            ? tr("<b>What stops it going faster:</b> %1.").arg(fmt::limitExplained(s.limitingResource.toStdString()))
            : tr("<b>Closest to its limit:</b> %1 (manual folding: you choose how parallel each layer is).")
                  .arg(s.limitingResource.isEmpty() ? tr("none") : s.limitingResource));
    QString fit = s.fits ? tr("<b>Fits</b> within every limit.") : tr("<b style='color:#d93025'>Does not fit:</b> ");
    if (!s.optimizerMessage.isEmpty()) fit += QLatin1Char(' ') + s.optimizerMessage.toHtmlEscaped();
    m_fit->setText(fit);

    std::vector<Estimate> all{e};
    all.insert(all.end(), s.comparisons.begin(), s.comparisons.end());
    m_comparison->setEstimates(c.compareModels ? all : std::vector<Estimate>{});
    m_compareBox->setVisible(c.compareModels);

    m_timing->setText(s.fromOptimizer ? tr("Folding search: %1 estimates in %2 ms (background thread).")
                                            .arg(s.optimizerEvaluations)
                                            .arg(s.evaluationMs, 0, 'f', 1)
                                      : tr("Estimate computed in %1 ms.").arg(s.evaluationMs, 0, 'f', 3));
    QStringList a;
    for (const auto& x : e.assumptions) a << QStringLiteral("• ") + qs(x).toHtmlEscaped();
    m_assumptions->setText(tr("<b>Assumptions of the model:</b><br>") + a.join(QStringLiteral("<br>")));
    arrangeCards(); // new texts, new widths: four cards in a row only while they fit
}

} // namespace bitfold::gui
