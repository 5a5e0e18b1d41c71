#include "pages/pareto_page.h"

#include "bitfold/catalog.h"
#include "models/roles.h"
#include "models/sweep_model.h"
#include "plots/pareto_plot.h"
#include "util/format.h"
#include "util/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bitfold::gui {

namespace {
constexpr Objective kObjectives[] = {Objective::Accuracy, Objective::Fps,       Objective::Lut,      Objective::Bram,
                                     Objective::Dsp,      Objective::LatencyUs, Objective::FpsPerLut};
}

QToolButton* ParetoPage::checkMenu(const QString& text, const QString& tip,
                                   const QList<QPair<QString, QVariant>>& items, const QVariantList& checked) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    b->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(b);
    for (const auto& [label, data] : items) {
        QAction* a = menu->addAction(label);
        a->setCheckable(true);
        a->setData(data);
        a->setChecked(checked.contains(data));
    }
    b->setMenu(menu);
    return b;
}

QVariantList ParetoPage::checkedData(const QToolButton* button) {
    QVariantList out;
    for (QAction* a : button->menu()->actions())
        if (a->isChecked()) out << a->data();
    return out;
}

ParetoPage::ParetoPage(SweepModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_plot(new ParetoPlot), m_table(new QTableView), m_x(new QComboBox),
      m_y(new QComboBox), m_fitsOnly(new QCheckBox(tr("Only designs that fit"))),
      m_first8(new QCheckBox(tr("+ first/last W8"))), m_run(new QPushButton(tr("Run sweep"))),
      m_cancel(new QPushButton(tr("Cancel"))), m_progress(new QProgressBar), m_status(new QLabel), m_target(new QLabel),
      m_shown(new QSortFilterProxyModel(this)), m_userTop1(new QDoubleSpinBox), m_userDataset(new QLineEdit) {
    QList<QPair<QString, QVariant>> nets;
    QVariantList defaultNets;
    for (const Network& n : Catalog::shipped().networks()) {
        nets.append({QStringLiteral("%1 (%2)").arg(QString::fromStdString(n.name), QString::fromStdString(n.id)),
                     QString::fromStdString(n.id)});
        if (n.layers.size() < 16 && n.macs() < 1e9) defaultNets << QString::fromStdString(n.id); // keep sweeps quick
    }
    m_networks = checkMenu(tr("Networks"), tr("Networks in the sweep (shape of the marker)"), nets, defaultNets);
    m_networks->setObjectName(QStringLiteral("sweepNetworks"));
    QList<QPair<QString, QVariant>> bits;
    for (int b : {1, 2, 3, 4, 5, 6, 7, 8, 16, kFloatBits}) bits.append({fmt::bits(b), b});
    const QVariantList defaultBits{1, 2, 4, 8, 16, kFloatBits};
    m_weights = checkMenu(tr("Weight bits"), tr("Weight precisions in the sweep"), bits, defaultBits);
    m_acts = checkMenu(tr("Activation bits"), tr("Activation precisions in the sweep"), bits, defaultBits);
    m_first8->setObjectName(QStringLiteral("sweepFirst8"));
    m_first8->setToolTip(tr("Also sweep each precision with the first and last matrix layers' weights at 8 bits, as "
                            "FINN and BNN-PYNQ designs keep them (the \"-first8\" models trained here)"));

    for (Objective o : kObjectives) {
        m_x->addItem(SweepModel::objectiveLabel(o), int(o));
        m_y->addItem(SweepModel::objectiveLabel(o), int(o));
    }
    m_x->setObjectName(QStringLiteral("paretoX"));
    m_y->setObjectName(QStringLiteral("paretoY"));
    m_x->setToolTip(tr("Horizontal axis"));
    m_y->setToolTip(tr("Vertical axis"));
    m_x->setCurrentIndex(m_x->findData(int(Objective::Fps)));
    m_y->setCurrentIndex(m_y->findData(int(Objective::Accuracy)));
    auto axesChanged = [this] {
        m_plot->setAxes(Objective(m_x->currentData().toInt()), Objective(m_y->currentData().toInt()));
    };
    connect(m_x, &QComboBox::currentIndexChanged, this, axesChanged);
    connect(m_y, &QComboBox::currentIndexChanged, this, axesChanged);
    m_fitsOnly->setChecked(true);
    m_fitsOnly->setToolTip(tr("Hide designs that exceed the resource limits"));
    connect(m_fitsOnly, &QCheckBox::toggled, m_plot, &ParetoPlot::setFitsOnly);

    m_run->setObjectName(QStringLiteral("runSweep"));
    m_run->setToolTip(tr("Fold and estimate every combination on a background thread (Ctrl+Shift+R)"));
    m_cancel->setObjectName(QStringLiteral("cancelSweep"));
    m_cancel->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setVisible(false);
    m_progress->setMaximumWidth(220);
    connect(m_run, &QPushButton::clicked, this, &ParetoPage::requestSweep);
    connect(m_cancel, &QPushButton::clicked, this, &ParetoPage::cancelRequested);

    m_plot->setModel(model);
    connect(m_plot, &ParetoPlot::pointClicked, this, &ParetoPage::selectRow);

    m_table->setObjectName(QStringLiteral("sweepTable"));
    // The table lists what the plot shows: with "only designs that fit", the fitting ones.
    m_shown->setSourceModel(model);
    m_shown->setFilterKeyColumn(SweepModel::Fits);
    m_shown->setFilterRole(RawValueRole);
    m_shown->setFilterRegularExpression(QStringLiteral("^true$"));
    connect(m_fitsOnly, &QCheckBox::toggled, this,
            [this](bool on) { m_shown->setFilterRegularExpression(on ? QStringLiteral("^true$") : QString()); });
    m_table->setModel(m_shown);
    m_table->setSortingEnabled(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Double-click a row to load it"));
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { selectRow(m_shown->mapToSource(i).row()); });

    auto* bar = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_networks, m_weights, m_acts, m_first8}) bar->addWidget(w);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("x:")));
    bar->addWidget(m_x);
    bar->addWidget(new QLabel(tr("y:")));
    bar->addWidget(m_y);
    bar->addWidget(m_fitsOnly);
    bar->addStretch(1);
    bar->addWidget(m_progress);
    bar->addWidget(m_run);
    bar->addWidget(m_cancel);
    auto* info = new QHBoxLayout;
    setSecondaryText(m_target);
    m_target->setWordWrap(true);
    m_status->setWordWrap(true);
    info->addWidget(m_target, 1);
    info->addWidget(m_status, 1);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_plot);
    split->addWidget(m_table);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({700, 160});
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(bar);
    lay->addLayout(info);
    lay->addLayout(buildUserAccuracyRow());
    lay->addWidget(split, 1);
    setStatus(tr("No sweep yet: press Run sweep."));
}

QLayout* ParetoPage::buildUserAccuracyRow() {
    m_userTop1->setObjectName(QStringLiteral("userAccuracy"));
    m_userTop1->setRange(0, 100);
    m_userTop1->setDecimals(2);
    m_userTop1->setSuffix(QStringLiteral(" %"));
    m_userDataset->setObjectName(QStringLiteral("userDataset"));
    m_userDataset->setPlaceholderText(tr("your data set"));
    auto* use = new QPushButton(tr("Use"));
    use->setObjectName(QStringLiteral("useUserAccuracy"));
    use->setToolTip(tr("Plot the configured design with this accuracy, marked user-supplied (Bitfold did not "
                       "measure it); each data set gets its own front"));
    auto* forget = new QPushButton(tr("Forget"));
    forget->setObjectName(QStringLiteral("forgetUserAccuracy"));
    connect(use, &QPushButton::clicked, this, [this] {
        const QString ds = m_userDataset->text().trimmed();
        Q_EMIT userAccuracyEntered(m_userTop1->value() / 100, ds.isEmpty() ? tr("user's data set") : ds);
    });
    connect(forget, &QPushButton::clicked, this, [this] { Q_EMIT userAccuracyEntered(-1, QString()); });
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("Your accuracy for the configured design (e.g. an imported model on your own data):"));
    setSecondaryText(label);
    row->addWidget(label);
    for (QWidget* w : std::initializer_list<QWidget*>{m_userTop1, m_userDataset, use, forget}) row->addWidget(w);
    row->addStretch(1);
    return row;
}

void ParetoPage::setDesigns(std::vector<SweepDesign> designs, const std::optional<Network>& fileNetwork) {
    m_designs = std::move(designs);
    const bool same = m_fileNetwork && fileNetwork && m_fileNetwork->id == fileNetwork->id;
    m_fileNetwork = fileNetwork;
    if (same) return;
    if (m_fileNetworkAction) m_networks->menu()->removeAction(m_fileNetworkAction);
    delete m_fileNetworkAction;
    m_fileNetworkAction = nullptr;
    if (!fileNetwork) return;
    m_fileNetworkAction = new QAction(tr("%1 (opened file)").arg(QString::fromStdString(fileNetwork->name)), this);
    m_fileNetworkAction->setObjectName(QStringLiteral("sweepFileNetwork"));
    m_fileNetworkAction->setCheckable(true);
    m_networks->menu()->addAction(m_fileNetworkAction);
}

void ParetoPage::setConfig(const DesignConfig& c) {
    m_config = c;
    const UserAccuracy* u = c.userAccuracy();
    m_userTop1->setValue(u ? 100 * u->top1 : 0);
    m_userDataset->setText(u ? QString::fromStdString(u->dataset) : QString());
    const Device* d = Catalog::shipped().findDevice(c.device);
    m_target->setText(
        tr("Each point: folded for %1 at %2 MHz (%3), limits LUT %4 / BRAM %5, %6. "
           "Drag to pan, wheel to zoom, click a point to load it.")
            .arg(d ? QString::fromStdString(d->name) : QString::fromStdString(c.device), fmt::count(c.clockMhz),
                 c.mode == FoldingMode::TargetFps ? tr("cheapest reaching %1").arg(fmt::fps(c.targetFps))
                                                  : tr("fastest that fits"),
                 fmt::percent(c.limits.lut, 0), fmt::percent(c.limits.bram, 0), fmt::predicted(toString(c.model))));
}

SweepSpec ParetoPage::currentSpec() const {
    SweepSpec s;
    for (const QVariant& v : checkedData(m_networks))
        if (v.isValid()) s.networks.push_back(v.toString().toStdString());
    s.weightBits.clear();
    s.actBits.clear();
    for (const QVariant& v : checkedData(m_weights)) s.weightBits.push_back(v.toInt());
    for (const QVariant& v : checkedData(m_acts)) s.actBits.push_back(v.toInt());
    s.edgeWeightBits = m_first8->isChecked() ? std::vector<int>{0, 8} : std::vector<int>{0};
    s.devices = {m_config.device};
    s.clocksMhz = {m_config.clockMhz};
    DesignConfig c = m_config;
    if (c.mode == FoldingMode::Manual) c.mode = FoldingMode::MaxFps; // a manual folding fits one design only
    s.folding = c.foldingRequest();
    s.designs = m_designs;
    if (m_fileNetwork && m_fileNetworkAction && m_fileNetworkAction->isChecked())
        for (int w : s.weightBits)
            for (int a : s.actBits) {
                const SweepDesign d{*m_fileNetwork, PrecisionSpec{w, a, m_config.precision.inputBits, {}}, {}};
                if (std::none_of(m_designs.begin(), m_designs.end(), [&](const SweepDesign& x) {
                        return x.network.id == d.network.id && x.precision == d.precision;
                    }))
                    s.designs.push_back(d);
            }
    return s;
}

void ParetoPage::setAxes(Objective x, Objective y) {
    m_x->setCurrentIndex(m_x->findData(int(x)));
    m_y->setCurrentIndex(m_y->findData(int(y)));
}

void ParetoPage::requestSweep() {
    const SweepSpec s = currentSpec();
    if ((s.networks.empty() && s.designs.empty()) || s.weightBits.empty() || s.actBits.empty()) {
        setStatus(tr("Choose at least one network, weight and activation precision."));
        return;
    }
    Q_EMIT sweepRequested(s);
}

void ParetoPage::setBusy(bool busy) {
    m_run->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
}

void ParetoPage::setProgress(int done, int total) {
    m_progress->setMaximum(std::max(total, 1));
    m_progress->setValue(done);
    if (total > 0) m_status->setText(tr("Sweeping: %1 of %2 designs…").arg(done).arg(total));
}

void ParetoPage::setStatus(const QString& text) { m_status->setText(text); }

void ParetoPage::selectRow(int row) {
    if (row < 0 || row >= m_model->rowCount()) return;
    Q_EMIT designPointSelected(m_model->point(row));
}

QWidget* ParetoPage::exportWidget() { return m_plot; }
QAbstractItemModel* ParetoPage::exportTable() { return m_shown; }
QItemSelectionModel* ParetoPage::exportSelection() { return m_table->selectionModel(); }

} // namespace bitfold::gui
