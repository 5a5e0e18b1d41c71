#include "pages/pipeline_page.h"

#include "widgets/pipeline_view.h"
#include "util/theme.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace bitfold::gui {

PipelinePage::PipelinePage(QWidget* parent) : QWidget(parent), m_view(new PipelineView) {
    m_view->setObjectName(QStringLiteral("pipelineView"));
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* hint =
        new QLabel(tr("One hardware block per stage, all running concurrently; the slowest sets the frame rate. "
                      "Hover for details, click a block to explain its layer."));
    setSecondaryText(hint);
    hint->setWordWrap(true);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(hint);
    lay->addWidget(scroll, 1);
    connect(m_view, &PipelineView::layerClicked, this, &PipelinePage::layerSelected);
}

void PipelinePage::setDesign(const DesignState& state) { m_view->setDesign(state); }
void PipelinePage::setSelectedLayer(int layer) { m_view->setSelectedLayer(layer); }
QWidget* PipelinePage::exportWidget() { return m_view; }

} // namespace bitfold::gui
