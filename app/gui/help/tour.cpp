#include "help/tour.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bitfold::gui {

std::vector<GettingStartedTour::Step> GettingStartedTour::steps() {
    return {
        {QStringLiteral("overview"), tr("One design"),
         tr("The panel on the left is one design: a network, its precision (bits per weight W and per activation A), "
            "a device and a clock. The Overview shows how many images per second it classifies (FPS) and how much of "
            "the chip it uses. Try changing the weights and activations from 1 to 4 bits: BRAM grows until CNV no longer "
            "fits the PYNQ-Z1, and the Overview says why.")},
        {QStringLiteral("layers"), tr("Folding"),
         tr("Each layer gets hardware by <b>folding</b>: PE units, each multiplying SIMD inputs per clock cycle. "
            "More PE × SIMD = fewer cycles but more logic; folding never shrinks the weight memory. The optimizer chose "
            "these numbers to go as fast as your limits allow. The highlighted row, the bottleneck, is the slowest layer: it alone sets the frame rate.")},
        {QStringLiteral("pipeline"), tr("A pipeline"),
         tr("All layers run at once, each on a different image, like an assembly line. Blocks are coloured by how "
            "close they are to the bottleneck. Click a block to see its formulas.")},
        {QStringLiteral("explain"), tr("Where numbers come from"),
         tr("Every figure with its formula and the values put in, so you can check the arithmetic by hand.")},
        {QStringLiteral("pareto"), tr("The trade-off"),
         tr("Run a sweep: many networks and precisions, each folded for your device. Each marker is a design; "
            "colour = precision, shape = network. The dashed line (one per data set) joins the designs nothing "
            "beats on both axes: the Pareto front. Click a marker to load that design.")},
        {QStringLiteral("precision-map"), tr("Bits against bits"),
         tr("Weight bits × activation bits for this network on this device: see where accuracy drops and where "
            "designs stop fitting.")},
        {QStringLiteral("scaling"), tr("Bigger chips"),
         tr("A bigger device runs the same network faster, until every layer is fully parallel: then only a "
            "higher clock helps.")},
        {QStringLiteral("runs"), tr("Check a prediction"),
         tr("Generate the accelerator, run its C simulation on real images and compare cycles and accuracy with "
            "the prediction. Help → Glossary explains every term; hover any term for a short definition.")},
    };
}

GettingStartedTour::GettingStartedTour(QWidget* parent, std::function<bool(const QString&)> showPage)
    : QFrame(parent), m_showPage(std::move(showPage)), m_steps(steps()), m_counter(new QLabel), m_title(new QLabel),
      m_text(new QLabel), m_back(new QPushButton(tr("Back"))), m_next(new QPushButton(tr("Next"))) {
    setObjectName(QStringLiteral("tour"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xfe, 0xf7, 0xe0));
    setPalette(pal);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    QFont tf = m_title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.2);
    m_title->setFont(tf);
    auto* skipButton = new QPushButton(tr("Skip tour"));
    skipButton->setObjectName(QStringLiteral("skipTour"));
    m_next->setObjectName(QStringLiteral("nextStep"));
    m_next->setDefault(true);
    connect(m_back, &QPushButton::clicked, this, &GettingStartedTour::back);
    connect(m_next, &QPushButton::clicked, this, &GettingStartedTour::next);
    connect(skipButton, &QPushButton::clicked, this, &GettingStartedTour::skip);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_counter);
    buttons->addStretch(1);
    buttons->addWidget(skipButton);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_title);
    lay->addWidget(m_text, 1);
    lay->addLayout(buttons);
    parent->installEventFilter(this);
    hide();
}

void GettingStartedTour::start() {
    m_step = 0;
    showStep();
}

void GettingStartedTour::next() {
    if (m_step < 0) return;
    if (m_step + 1 >= int(m_steps.size())) return skip();
    ++m_step;
    showStep();
}

void GettingStartedTour::back() {
    if (m_step <= 0) return;
    --m_step;
    showStep();
}

void GettingStartedTour::skip() {
    m_step = -1;
    hide();
    Q_EMIT finished();
}

void GettingStartedTour::showStep() {
    const Step& s = m_steps[std::size_t(m_step)];
    m_showPage(s.page);
    m_counter->setText(tr("Step %1 of %2").arg(m_step + 1).arg(m_steps.size()));
    m_title->setText(s.title);
    m_text->setText(s.text);
    m_back->setEnabled(m_step > 0);
    m_next->setText(m_step + 1 == int(m_steps.size()) ? tr("Finish") : tr("Next"));
    place();
    show();
    raise();
}

void GettingStartedTour::place() {
    // Bottom right of the window, over the page but clear of the configuration panel.
    const QSize area = parentWidget()->size();
    const int w = std::min(460, area.width() / 2);
    setFixedWidth(w);
    adjustSize();
    move(area.width() - w - 24, area.height() - height() - 48);
}

bool GettingStartedTour::eventFilter(QObject* watched, QEvent* e) {
    if (watched == parentWidget() && e->type() == QEvent::Resize && isVisible()) place();
    return QFrame::eventFilter(watched, e);
}

} // namespace bitfold::gui
