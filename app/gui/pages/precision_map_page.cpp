#include "pages/precision_map_page.h"

#include "models/precision_map_model.h"
#include "plots/precision_map_plot.h"
#include "util/theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace bitfold::gui {

PrecisionMapPage::PrecisionMapPage(PrecisionMapModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_plot(new PrecisionMapPlot), m_metric(new QComboBox), m_context(new QLabel),
      m_busy(new QLabel) {
    using M = PrecisionMapModel::Metric;
    for (M m : {M::Fps, M::Lut, M::FpsPerLut, M::Accuracy, M::Bram})
        m_metric->addItem(PrecisionMapModel::metricLabel(m), int(m));
    m_metric->setObjectName(QStringLiteral("mapMetric"));
    m_metric->setToolTip(tr("What the colour shows"));
    connect(m_metric, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_model->setMetric(M(m_metric->itemData(i).toInt())); });
    m_plot->setModel(model);
    connect(m_plot, &PrecisionMapPlot::cellClicked, this, &PrecisionMapPage::precisionSelected);
    setSecondaryText(m_context);
    m_context->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Colour:")));
    row->addWidget(m_metric);
    row->addWidget(m_busy);
    row->addStretch(1);
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(row);
    lay->addWidget(m_context);
    lay->addWidget(m_plot, 1);
}

void PrecisionMapPage::setCurrent(int w, int a) { m_plot->setCurrent(w, a); }
void PrecisionMapPage::setBusy(bool busy) { m_busy->setText(busy ? tr("computing…") : QString()); }
void PrecisionMapPage::setContext(const QString& text) { m_context->setText(text); }
QWidget* PrecisionMapPage::exportWidget() { return m_plot; }
QAbstractItemModel* PrecisionMapPage::exportTable() { return m_model; }

} // namespace bitfold::gui
