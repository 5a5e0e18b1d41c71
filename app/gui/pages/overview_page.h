#pragma once
// Overview: throughput, latency, ops/s and utilisation of the design against the device and
// the user's limits, the bottleneck layer and the limiting resource. Every figure says
// which model predicted it.
#include "pages/exportable.h"
#include "session/design_config.h"
#include "session/design_state.h"

#include <QWidget>

class QLabel;
class QTableView;
class QGroupBox;
class QGridLayout;

namespace bitfold::gui {

class ModelComparisonModel;
class UtilisationBar;

class OverviewPage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget* parent = nullptr);
    void setDesign(const DesignState& state, const DesignConfig& config);

    QString fpsText() const;
    /// What limits the design: what stops it going faster, or why it does not fit.
    QString limitText() const;
    UtilisationBar* bar(ResourceKind k) const { return m_bars[int(k)]; }
    ModelComparisonModel* comparisonModel() const { return m_comparison; }

    QWidget* exportWidget() override { return m_content; }
    QAbstractItemModel* exportTable() override;
    const char* exportName() const override { return "overview"; }

protected:
    void changeEvent(QEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

Q_SIGNALS:
    void layerActivated(int layer);

private:
    struct Metric {
        QLabel* value;
        QLabel* caption;
    };
    Metric addMetric(QGridLayout* grid, int col, const QString& title, const QString& tip);

    void applyFonts();
    void arrangeCards(); ///< four in a row, or two by two when narrow (presentation mode)

    QWidget* m_content;
    QGridLayout* m_cards;
    std::vector<QWidget*> m_cardWidgets;
    int m_cardColumns = 0;
    QLabel* m_title;
    Metric m_fps, m_latency, m_ops, m_cycles;
    UtilisationBar* m_bars[5];
    QLabel* m_barCaption;
    QLabel* m_bottleneck;
    QLabel* m_limiting;
    QLabel* m_fit;
    QLabel* m_timing;
    QLabel* m_assumptions;
    QGroupBox* m_compareBox;
    QTableView* m_compareView;
    ModelComparisonModel* m_comparison;
};

} // namespace bitfold::gui
