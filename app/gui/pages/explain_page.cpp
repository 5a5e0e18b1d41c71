#include "pages/explain_page.h"

#include "explain/explain_builder.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bitfold::gui {

ExplainPage::ExplainPage(QWidget* parent) : QWidget(parent), m_combo(new QComboBox), m_text(new QTextBrowser) {
    m_combo->setObjectName(QStringLiteral("explainLayer"));
    m_combo->setToolTip(tr("The layer whose numbers are derived below"));
    m_combo->setMinimumContentsLength(24);
    m_text->setObjectName(QStringLiteral("explainText"));
    m_text->setOpenLinks(false);
    connect(m_combo, &QComboBox::activated, this, [this](int i) {
        m_layer = m_combo->itemData(i).toInt();
        render();
        Q_EMIT layerSelected(m_layer);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Explain:")));
    row->addWidget(m_combo);
    row->addStretch(1);
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(row);
    lay->addWidget(m_text, 1);
}

void ExplainPage::setDesign(const DesignState& state) {
    const bool sameNetwork = m_state.valid && state.network.layers == m_state.network.layers;
    m_state = state;
    if (!sameNetwork) {
        const QSignalBlocker b(m_combo);
        m_combo->clear();
        m_combo->addItem(tr("Whole pipeline (throughput, latency)"), -1);
        for (std::size_t i = 0; i < state.network.layers.size(); ++i)
            m_combo->addItem(QString::fromStdString(state.network.layers[i].name), int(i));
        if (m_layer >= int(state.network.layers.size())) m_layer = -1;
        if (m_layer < 0) m_layer = state.estimate.bottleneck; // start where the interesting number is
    }
    render();
}

void ExplainPage::setLayer(int layer) {
    m_layer = layer;
    render();
}

QString ExplainPage::html() const {
    if (m_stale)
        const_cast<ExplainPage*>(this)->m_text->setHtml(m_layer < 0 ? explainDesignHtml(m_state)
                                                                    : explainLayerHtml(m_state, m_layer));
    return m_text->toHtml();
}

void ExplainPage::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    if (m_stale) render();
}

void ExplainPage::render() {
    if (!isVisible()) { // formatted when next shown
        m_stale = true;
        return;
    }
    m_stale = false;
    const int i = m_combo->findData(m_layer);
    if (i >= 0) {
        const QSignalBlocker b(m_combo);
        m_combo->setCurrentIndex(i);
    }
    const QString body = m_layer < 0 ? explainDesignHtml(m_state) : explainLayerHtml(m_state, m_layer);
    m_text->setHtml(body);
}

QWidget* ExplainPage::exportWidget() { return m_text; }

} // namespace bitfold::gui
