#include "coordinator.h"

#include "models/layer_table_model.h"
#include "pages/config_panel.h"
#include "pages/explain_page.h"
#include "pages/pipeline_page.h"
#include "pages/layers_page.h"
#include "pages/overview_page.h"
#include "session/design_session.h"
#include "widgets/banner.h"

namespace bitfold::gui {

Coordinator::Coordinator(DesignSession* session, LayerTableModel* layerModel, PageSet pages, QObject* parent)
    : QObject(parent), m_session(session), m_layerModel(layerModel), m_pages(pages) {
    // Session -> views.
    connect(session, &DesignSession::configChanged, pages.config, &ConfigPanel::setConfig);
    connect(session, &DesignSession::stateChanged, this, &Coordinator::showDesign);
    connect(session, &DesignSession::noticeChanged, pages.banner, &Banner::show);

    // Intents -> session.
    connect(pages.config, &ConfigPanel::configEdited, session, &DesignSession::setConfig);
    // Queued: the edit arrives from inside the view's commit; re-evaluating resets the model.
    connect(layerModel, &LayerTableModel::foldingEditRequested, session, &DesignSession::setLayerFolding,
            Qt::QueuedConnection);
    connect(layerModel, &LayerTableModel::editRejected, this, [this](const QString& msg) {
        m_pages.banner->show({Notice::Level::Error, msg});
        Q_EMIT statusMessage(tr("Folding value rejected"), 4000);
    });
    // One selected layer across Layers, Pipeline and Explain.
    connect(pages.layers, &LayersPage::layerSelected, this, &Coordinator::focusLayer);
    connect(pages.pipeline, &PipelinePage::layerSelected, this, &Coordinator::focusLayer);
    connect(pages.explain, &ExplainPage::layerSelected, this, &Coordinator::focusLayer);
}

void Coordinator::focusLayer(int layer) {
    m_pages.layers->selectLayer(layer);
    m_pages.pipeline->setSelectedLayer(layer);
    if (m_pages.explain->layer() != layer) m_pages.explain->setLayer(layer);
    Q_EMIT layerFocused(layer);
}

void Coordinator::showDesign() {
    const DesignState& s = m_session->state();
    const DesignConfig& c = m_session->config();
    m_pages.config->setNetwork(s.network);
    m_pages.overview->setDesign(s, c);
    m_layerModel->setDesign(s, c.mode == FoldingMode::Manual);
    m_pages.pipeline->setDesign(s);
    m_pages.explain->setDesign(s);
    m_pages.banner->show(m_session->notice()); // replaces transient messages (a rejected edit)
}

} // namespace bitfold::gui
