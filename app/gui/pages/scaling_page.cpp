#include "pages/scaling_page.h"

#include "models/scaling_model.h"
#include "plots/scaling_plot.h"
#include "util/theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bitfold::gui {

ScalingPage::ScalingPage(ScalingModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_plot(new ScalingPlot), m_table(new QTableView), m_context(new QLabel),
      m_busy(new QLabel) {
    m_plot->setModel(model);
    m_table->setModel(model);
    m_table->setObjectName(QStringLiteral("scalingTable"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setSecondaryText(m_context);
    m_context->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addWidget(m_context, 1);
    row->addWidget(m_busy);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_plot);
    split->addWidget(m_table);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({700, 150});
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(row);
    lay->addWidget(split, 1);
}

void ScalingPage::setBusy(bool busy) { m_busy->setText(busy ? tr("computing…") : QString()); }

void ScalingPage::setContext(const QString& text, const QString& deviceId) {
    m_context->setText(text);
    m_plot->setCurrentDevice(deviceId);
}

QWidget* ScalingPage::exportWidget() { return m_plot; }
QAbstractItemModel* ScalingPage::exportTable() { return m_model; }

} // namespace bitfold::gui
