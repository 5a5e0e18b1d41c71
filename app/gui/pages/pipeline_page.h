#pragma once
// Pipeline: the streaming dataflow as blocks (PipelineView) in a scroll area.
#include "pages/exportable.h"
#include "session/design_state.h"

#include <QWidget>

namespace bitfold::gui {

class PipelineView;

class PipelinePage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit PipelinePage(QWidget* parent = nullptr);
    void setDesign(const DesignState& state);
    void setSelectedLayer(int layer);
    PipelineView* view() const { return m_view; }

    QWidget* exportWidget() override;
    const char* exportName() const override { return "pipeline"; }

Q_SIGNALS:
    void layerSelected(int layer);

private:
    PipelineView* m_view;
};

} // namespace bitfold::gui
