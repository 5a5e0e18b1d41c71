#pragma once
// The one place where pages, models and the session meet: pages emit intents, the session
// evaluates, the coordinator forwards each result to whoever shows it.
#include <QObject>

namespace bitfold::gui {

class Banner;
class ConfigPanel;
class DesignSession;
class ExplainPage;
class PipelinePage;
class LayerTableModel;
class LayersPage;
class OverviewPage;

struct PageSet {
    ConfigPanel* config = nullptr;
    OverviewPage* overview = nullptr;
    LayersPage* layers = nullptr;
    PipelinePage* pipeline = nullptr;
    ExplainPage* explain = nullptr;
    Banner* banner = nullptr;
};

class Coordinator : public QObject {
    Q_OBJECT
public:
    Coordinator(DesignSession* session, LayerTableModel* layerModel, PageSet pages, QObject* parent = nullptr);

Q_SIGNALS:
    void statusMessage(const QString& text, int timeoutMs);
    /// A layer was chosen on any page; pages that follow the selection listen.
    void layerFocused(int layer);

private:
    void showDesign();
    void focusLayer(int layer);

    DesignSession* m_session;
    LayerTableModel* m_layerModel;
    PageSet m_pages;
};

} // namespace bitfold::gui
