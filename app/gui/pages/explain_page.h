#pragma once
// Explain: the formula behind each number of the selected layer, values substituted, for
// teaching. Follows the layer selected on any page.
#include "pages/exportable.h"
#include "session/design_state.h"

#include <QWidget>

class QComboBox;
class QTextBrowser;

namespace bitfold::gui {

class ExplainPage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit ExplainPage(QWidget* parent = nullptr);
    void setDesign(const DesignState& state);
    void setLayer(int layer); ///< -1: the whole pipeline
    int layer() const { return m_layer; }
    QString html() const;

    QWidget* exportWidget() override;
    const char* exportName() const override { return "explain"; }

Q_SIGNALS:
    void layerSelected(int layer);

protected:
    void showEvent(QShowEvent* e) override;

private:
    void render();

    DesignState m_state;
    int m_layer = -1;
    bool m_stale = false;
    QComboBox* m_combo;
    QTextBrowser* m_text;
};

} // namespace bitfold::gui
