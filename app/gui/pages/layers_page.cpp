#include "pages/layers_page.h"

#include "models/layer_table_model.h"
#include "plots/layer_bar_chart.h"
#include "widgets/choice_delegate.h"
#include "util/theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bitfold::gui {

LayersPage::LayersPage(LayerTableModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new QTableView), m_chart(new LayerBarChart), m_metric(new QComboBox) {
    m_view->setObjectName(QStringLiteral("layerTable"));
    m_view->setModel(model);
    m_view->setItemDelegate(new ChoiceDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(LayerTableModel::Shape, QHeaderView::Stretch);
    m_view->setWordWrap(false);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
        if (cur.isValid()) Q_EMIT layerSelected(cur.row());
    });

    m_chart->setModel(model);
    const std::pair<int, QString> metrics[] = {{LayerTableModel::Cycles, tr("Cycles per frame")},
                                               {LayerTableModel::Lut, tr("LUT")},
                                               {LayerTableModel::Bram, tr("BRAM36")},
                                               {LayerTableModel::Dsp, tr("DSP")}};
    for (const auto& [col, name] : metrics) m_metric->addItem(name, col);
    m_metric->setObjectName(QStringLiteral("layerChartMetric"));
    m_metric->setToolTip(tr("What the bars show, per layer"));
    connect(m_metric, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_chart->setColumn(m_metric->itemData(i).toInt()); });

    auto* hint = new QLabel(tr("Bottleneck row in bold red. Choose Folding: Manual to edit PE and SIMD "
                               "(double-click a cell; only valid values are offered)."));
    setSecondaryText(hint);
    hint->setWordWrap(true);

    auto* chartBox = new QWidget;
    auto* cl = new QVBoxLayout(chartBox);
    cl->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Chart:")));
    row->addWidget(m_metric);
    row->addStretch(1);
    cl->addLayout(row);
    cl->addWidget(m_chart, 1);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_view);
    split->addWidget(chartBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(hint);
    lay->addWidget(split, 1);
}

void LayersPage::selectLayer(int layer) {
    if (layer < 0 || layer >= m_model->rowCount()) return;
    m_view->selectRow(layer);
}

} // namespace bitfold::gui

namespace bitfold::gui {

QWidget* LayersPage::exportWidget() { return m_chart; }
QAbstractItemModel* LayersPage::exportTable() { return m_model; }
QItemSelectionModel* LayersPage::exportSelection() { return m_view->selectionModel(); }

} // namespace bitfold::gui
