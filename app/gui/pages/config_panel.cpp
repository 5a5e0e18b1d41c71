#include "pages/config_panel.h"

#include "bitfold/catalog.h"
#include "models/precision_override_model.h"
#include "util/format.h"
#include "util/strings.h"
#include "widgets/choice_delegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bitfold::gui {

namespace {

void fillBits(QComboBox* c) {
    for (int b : {1, 2, 3, 4, 5, 6, 7, 8, 16, kFloatBits}) c->addItem(fmt::bits(b), b);
}

void selectData(QComboBox* c, const QVariant& v) {
    const int i = c->findData(v);
    if (i >= 0) c->setCurrentIndex(i);
}

QGroupBox* group(const QString& title, QLayout* layout) {
    auto* g = new QGroupBox(title);
    g->setLayout(layout);
    return g;
}

} // namespace

ConfigPanel::ConfigPanel(QWidget* parent) : QWidget(parent), m_overrides(new PrecisionOverrideModel(this)) {
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(buildNetworkGroup());
    lay->addWidget(buildPrecisionGroup());
    lay->addWidget(buildDeviceGroup());
    lay->addWidget(buildFoldingGroup());
    lay->addWidget(buildLimitsGroup());
    lay->addStretch(1);
    setConfig(m_config);
}

void ConfigPanel::edit(const QString& what, const std::function<void(DesignConfig&)>& change) {
    DesignConfig next = m_config;
    change(next);
    if (!(next == m_config)) Q_EMIT configEdited(next, what);
}

QWidget* ConfigPanel::buildNetworkGroup() {
    m_network = new QComboBox;
    m_network->setObjectName(QStringLiteral("networkCombo"));
    for (const Network& n : Catalog::shipped().networks()) {
        m_network->addItem(QStringLiteral("%1  (%2)").arg(qs(n.name), qs(n.id)), qs(n.id));
        m_network->setItemData(m_network->count() - 1, qs(n.description), Qt::ToolTipRole);
    }
    m_network->setToolTip(tr("The network to map onto the device (shipped ones, or a JSON file you opened)"));
    auto* open = new QPushButton(tr("Open network…"));
    open->setObjectName(QStringLiteral("openNetworkButton"));
    open->setToolTip(tr("Load a network description (JSON, see docs/formats.md)"));
    connect(open, &QPushButton::clicked, this, &ConfigPanel::openNetworkRequested);
    connect(m_network, &QComboBox::activated, this, [this](int i) {
        const std::string ref = m_network->itemData(i).toString().toStdString();
        edit(tr("Change network"), [&](DesignConfig& c) {
            c.network = ref;
            c.precision.overrides.clear();
        });
    });
    auto* l = new QVBoxLayout;
    l->addWidget(m_network);
    l->addWidget(open);
    return group(tr("Network"), l);
}

QWidget* ConfigPanel::buildPrecisionGroup() {
    m_weights = new QComboBox;
    m_weights->setObjectName(QStringLiteral("weightsCombo"));
    m_acts = new QComboBox;
    m_acts->setObjectName(QStringLiteral("actsCombo"));
    fillBits(m_weights);
    fillBits(m_acts);
    m_weights->setToolTip(tr("Weight bits of every matrix layer (1 = binary ±1, float32 = floating point)"));
    m_acts->setToolTip(tr("Activation bits: each layer's output quantiser (2^A − 1 thresholds per channel)"));
    m_inputBits = new QComboBox;
    m_inputBits->addItem(tr("network default"), 0);
    for (int b : {1, 2, 4, 8, 16}) m_inputBits->addItem(fmt::bits(b), b);
    m_inputBits->setToolTip(tr("Bits of the first layer's input pixels"));
    connect(m_weights, &QComboBox::activated, this, [this](int i) {
        edit(tr("Change weight bits"),
             [&](DesignConfig& c) { c.precision.weightBits = m_weights->itemData(i).toInt(); });
    });
    connect(m_acts, &QComboBox::activated, this, [this](int i) {
        edit(tr("Change activation bits"), [&](DesignConfig& c) { c.precision.actBits = m_acts->itemData(i).toInt(); });
    });
    connect(m_inputBits, &QComboBox::activated, this, [this](int i) {
        edit(tr("Change input bits"),
             [&](DesignConfig& c) { c.precision.inputBits = m_inputBits->itemData(i).toInt(); });
    });

    m_overrideToggle = new QToolButton;
    m_overrideToggle->setCheckable(true);
    m_overrideToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_overrideToggle->setArrowType(Qt::RightArrow);
    m_overrideToggle->setAutoRaise(true);
    m_overrideToggle->setToolTip(tr("Give single layers their own weight/activation bits"));
    m_overrideView = new QTableView;
    m_overrideView->setObjectName(QStringLiteral("overrideView"));
    m_overrideView->setModel(m_overrides);
    m_overrideView->setItemDelegate(new ChoiceDelegate(m_overrideView));
    m_overrideView->verticalHeader()->hide();
    m_overrideView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_overrideView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_overrideView->setMinimumHeight(160);
    m_overrideView->setVisible(false);
    connect(m_overrideToggle, &QToolButton::toggled, this, [this](bool on) {
        m_overrideView->setVisible(on);
        m_overrideToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_overrides, &PrecisionOverrideModel::overridesEdited, this, [this](const PrecisionSpec& spec) {
        edit(tr("Per-layer precision"), [&](DesignConfig& c) { c.precision.overrides = spec.overrides; });
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Weights"), m_weights);
    form->addRow(tr("Activations"), m_acts);
    form->addRow(tr("Input pixels"), m_inputBits);
    auto* l = new QVBoxLayout;
    l->addLayout(form);
    l->addWidget(m_overrideToggle);
    l->addWidget(m_overrideView);
    return group(tr("Precision (bits)"), l);
}

QWidget* ConfigPanel::buildDeviceGroup() {
    m_device = new QComboBox;
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    for (const Device& d : Catalog::shipped().devices()) {
        m_device->addItem(qs(d.name), qs(d.id));
        m_device->setItemData(m_device->count() - 1,
                              tr("%1 LUT, %2 BRAM36, %3 URAM, %4 DSP")
                                  .arg(fmt::count(d.total.lut), fmt::count(d.total.bram36()), fmt::count(d.total.uram),
                                       fmt::count(d.total.dsp)),
                              Qt::ToolTipRole);
    }
    m_device->setToolTip(tr("Target FPGA; a clock you left at the old device's default follows the new one"));
    connect(m_device, &QComboBox::activated, this, [this](int i) {
        const std::string id = m_device->itemData(i).toString().toStdString();
        const Device* from = Catalog::shipped().findDevice(m_config.device);
        const Device* to = Catalog::shipped().findDevice(id);
        // A clock the user chose is theirs; only the old default follows the device.
        const bool userClock = from && m_config.clockMhz != from->clockMhz;
        if (to && userClock && to->clockMhz != m_config.clockMhz)
            m_deviceNote = tr("Kept your %1 MHz clock (the %2's usual clock is %3 MHz).")
                               .arg(fmt::count(m_config.clockMhz), qs(to->name), fmt::count(to->clockMhz));
        edit(tr("Change device"), [&](DesignConfig& c) {
            c.device = id;
            if (to && !userClock) c.clockMhz = to->clockMhz;
        });
        showInputNote();
    });
    m_clock = new QDoubleSpinBox;
    m_clock->setObjectName(QStringLiteral("clockSpin"));
    m_clock->setRange(0, 1e6); // anything typed is accepted, then checked (and explained) below
    m_clock->setDecimals(0);
    m_clock->setSuffix(tr(" MHz"));
    m_clock->setKeyboardTracking(false);
    m_clock->setToolTip(tr("Accelerator clock, 1 to 1000 MHz; FPS scales with it"));
    connect(m_clock, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!(v >= 1 && v <= 1000)) {
            rejectInput(tr("%1 MHz is not a usable clock: enter 1 to 1000 MHz (FPGA fabric runs at 100–500 MHz). "
                           "Kept %2 MHz.")
                            .arg(fmt::count(v), fmt::count(m_config.clockMhz)));
            return;
        }
        edit(tr("Change clock"), [&](DesignConfig& c) { c.clockMhz = v; });
    });
    m_inputNote = new QLabel;
    m_inputNote->setObjectName(QStringLiteral("inputNote"));
    m_inputNote->setWordWrap(true);
    m_inputNote->setVisible(false);

    m_model = new QComboBox;
    m_model->setObjectName(QStringLiteral("modelCombo"));
    for (CostModel m : allCostModels()) m_model->addItem(QString::fromLatin1(toString(m)), int(m));
    m_model->setToolTip(tr("Cost model for resources: bitfold (ours, every block), finn-r (2018, as published), "
                           "finn (today's FINN per-MVAU estimate)"));
    connect(m_model, &QComboBox::activated, this, [this](int i) {
        edit(tr("Change cost model"), [&](DesignConfig& c) { c.model = CostModel(m_model->itemData(i).toInt()); });
    });
    m_compare = new QCheckBox(tr("Compare all models side by side"));
    m_compare->setObjectName(QStringLiteral("compareCheck"));
    m_compare->setToolTip(tr("Show every cost model's prediction of the same folding on the Overview"));
    connect(m_compare, &QCheckBox::toggled, this,
            [this](bool on) { edit(tr("Compare models"), [&](DesignConfig& c) { c.compareModels = on; }); });

    auto* form = new QFormLayout;
    form->addRow(tr("Device"), m_device);
    form->addRow(tr("Clock"), m_clock);
    form->addRow(m_inputNote);
    form->addRow(tr("Cost model"), m_model);
    form->addRow(m_compare);
    return group(tr("Device and model"), form);
}

QWidget* ConfigPanel::buildFoldingGroup() {
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Maximise FPS within limits"), int(FoldingMode::MaxFps));
    m_mode->addItem(tr("Reach a target FPS"), int(FoldingMode::TargetFps));
    m_mode->addItem(tr("Manual (edit PE/SIMD in Layers)"), int(FoldingMode::Manual));
    m_mode->setToolTip(tr("How PE and SIMD of each layer are chosen"));
    connect(m_mode, &QComboBox::activated, this, [this](int i) {
        edit(tr("Change folding mode"), [&](DesignConfig& c) { c.mode = FoldingMode(m_mode->itemData(i).toInt()); });
    });
    m_targetFps = new QDoubleSpinBox;
    m_targetFps->setObjectName(QStringLiteral("targetFpsSpin"));
    m_targetFps->setRange(1, 1e9);
    m_targetFps->setDecimals(0);
    m_targetFps->setSuffix(tr(" FPS"));
    m_targetFps->setKeyboardTracking(false);
    m_targetFps->setToolTip(tr("The cheapest folding reaching at least this frame rate"));
    connect(m_targetFps, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { edit(tr("Change target FPS"), [&](DesignConfig& c) { c.targetFps = v; }); });
    auto* form = new QFormLayout;
    form->addRow(tr("Mode"), m_mode);
    form->addRow(tr("Target"), m_targetFps);
    return group(tr("Folding"), form);
}

QWidget* ConfigPanel::buildLimitsGroup() {
    auto* form = new QFormLayout;
    const char* names[] = {"LUT", "FF", "BRAM", "URAM", "DSP"};
    for (int k = 0; k < 5; ++k) {
        auto* s = new QDoubleSpinBox;
        s->setObjectName(QStringLiteral("limit%1").arg(QLatin1String(names[k])));
        s->setRange(0, 1000); // checked (and explained) below rather than clamped
        s->setDecimals(0);
        s->setSuffix(QStringLiteral(" %"));
        s->setKeyboardTracking(false);
        s->setToolTip(tr("Largest share of the device's %1 a design (shell included) may use, 1 to 100%")
                          .arg(QLatin1String(names[k])));
        connect(s, &QDoubleSpinBox::valueChanged, this, [this, k, names](double v) {
            if (!(v >= 1 && v <= 100)) {
                const double* cur[] = {&m_config.limits.lut, &m_config.limits.ff, &m_config.limits.bram,
                                       &m_config.limits.uram, &m_config.limits.dsp};
                rejectInput(tr("A %1 limit of %2% is not possible: a design may use 1 to 100% of the device. Kept %3%.")
                                .arg(QLatin1String(names[k]), fmt::count(v), fmt::count(*cur[k] * 100)),
                            m_limitNote);
                return;
            }
            edit(tr("Change resource limit"), [&](DesignConfig& c) {
                double* f[] = {&c.limits.lut, &c.limits.ff, &c.limits.bram, &c.limits.uram, &c.limits.dsp};
                *f[k] = v / 100.0;
            });
        });
        m_limits[k] = s;
        form->addRow(QLatin1String(names[k]), s);
    }
    auto* reset = new QPushButton(tr("Defaults"));
    reset->setToolTip(tr("FINN's timing-closure guideline: LUT 70%, FF 50%, BRAM/URAM/DSP 80%"));
    connect(reset, &QPushButton::clicked, this,
            [this] { edit(tr("Reset resource limits"), [](DesignConfig& c) { c.limits = ResourceLimits{}; }); });
    form->addRow(reset);
    m_limitNote = new QLabel;
    m_limitNote->setObjectName(QStringLiteral("limitNote"));
    m_limitNote->setWordWrap(true);
    m_limitNote->setVisible(false);
    form->addRow(m_limitNote);
    return group(tr("Resource limits"), form);
}

void ConfigPanel::rejectInput(const QString& why, QLabel* where) {
    if (!where) where = m_inputNote;
    where->setText(QStringLiteral("<span style='color:#b3261e'>%1</span>").arg(why.toHtmlEscaped()));
    where->setVisible(true);
    setConfig(m_config); // the field shows the value in use again
}

void ConfigPanel::showInputNote() {
    m_inputNote->setText(m_deviceNote);
    m_inputNote->setVisible(!m_deviceNote.isEmpty());
    m_deviceNote.clear();
}

QString ConfigPanel::inputNote() const {
    QStringList notes;
    for (const QLabel* l : {m_inputNote, m_limitNote})
        if (!l->isHidden()) notes << l->text();
    return notes.join(QLatin1Char('\n'));
}

void ConfigPanel::updateOverrideToggle() {
    const int n = int(m_config.precision.overrides.size());
    m_overrideToggle->setText(n ? tr("Per-layer overrides (%1)").arg(n) : tr("Per-layer overrides"));
}

void ConfigPanel::setConfig(const DesignConfig& c) {
    if (!(c == m_config)) { // a valid edit (or undo) makes an old complaint moot
        m_inputNote->setVisible(false);
        m_limitNote->setVisible(false);
    }
    m_config = c;
    const QSignalBlocker b1(m_network), b2(m_weights), b3(m_acts), b4(m_inputBits), b5(m_device), b6(m_clock),
        b7(m_model), b8(m_compare), b9(m_mode), b10(m_targetFps);
    const QString ref = qs(c.network);
    if (m_network->findData(ref) < 0) {
        m_network->addItem(tr("%1  (file)").arg(QFileInfo(ref).fileName()), ref);
        m_network->setItemData(m_network->count() - 1, ref, Qt::ToolTipRole);
    }
    selectData(m_network, ref);
    selectData(m_weights, c.precision.weightBits);
    selectData(m_acts, c.precision.actBits);
    selectData(m_inputBits, c.precision.inputBits);
    selectData(m_device, qs(c.device));
    m_clock->setValue(c.clockMhz);
    selectData(m_model, int(c.model));
    m_compare->setChecked(c.compareModels);
    selectData(m_mode, int(c.mode));
    m_targetFps->setValue(c.targetFps);
    m_targetFps->setEnabled(c.mode == FoldingMode::TargetFps);
    const double lim[] = {c.limits.lut, c.limits.ff, c.limits.bram, c.limits.uram, c.limits.dsp};
    for (int k = 0; k < 5; ++k) {
        const QSignalBlocker b(m_limits[k]);
        m_limits[k]->setValue(lim[k] * 100);
    }
    updateOverrideToggle();
}

void ConfigPanel::setNetwork(const Network& net) { m_overrides->setNetwork(net, m_config.precision); }

} // namespace bitfold::gui
