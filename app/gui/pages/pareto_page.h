#pragma once
// Pareto: sweep the design space in the background and plot the points on two chosen
// objectives; click a point to load it into the configuration.
#include "bitfold/sweep.h"
#include "metatypes.h"
#include "pages/exportable.h"
#include "session/design_config.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

class QSortFilterProxyModel;

namespace bitfold::gui {

class ParetoPlot;
class SweepModel;

class ParetoPage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit ParetoPage(SweepModel* model, QWidget* parent = nullptr);

    void setConfig(const DesignConfig& config);
    /// Designs swept beside the grid (user-supplied accuracies, an opened file's network at its
    /// own precisions) and that network when it is not a shipped one: the Networks menu then
    /// offers it at the chosen precisions too.
    void setDesigns(std::vector<SweepDesign> designs, const std::optional<Network>& fileNetwork);
    /// The sweep the controls describe, on the configured device, clock and limits.
    SweepSpec currentSpec() const;
    ParetoPlot* plot() const { return m_plot; }
    void setAxes(Objective x, Objective y);

    // Progress of the running sweep (the coordinator forwards the job's signals).
    void setBusy(bool busy);
    void setProgress(int done, int total);
    void setStatus(const QString& text);

    QWidget* exportWidget() override;
    QAbstractItemModel* exportTable() override;
    QItemSelectionModel* exportSelection() override;
    const char* exportName() const override { return "pareto"; }

public Q_SLOTS:
    /// Loads the design point of a model row (what a click on the plot does).
    void selectRow(int row);
    void requestSweep();

Q_SIGNALS:
    void sweepRequested(const bitfold::SweepSpec& spec);
    void cancelRequested();
    void designPointSelected(const bitfold::DesignPoint& point);
    /// The user's accuracy for the configured design (fraction; < 0: forget it), their data set.
    void userAccuracyEntered(double top1, const QString& dataset);

private:
    QToolButton* checkMenu(const QString& text, const QString& tip, const QList<QPair<QString, QVariant>>& items,
                           const QVariantList& checked);
    static QVariantList checkedData(const QToolButton* button);
    QLayout* buildUserAccuracyRow();

    SweepModel* m_model;
    DesignConfig m_config;
    ParetoPlot* m_plot;
    QTableView* m_table;
    QToolButton* m_networks;
    QToolButton* m_weights;
    QToolButton* m_acts;
    QComboBox* m_x;
    QComboBox* m_y;
    QCheckBox* m_fitsOnly;
    QCheckBox* m_first8; ///< also sweep each precision with the first and last layers at 8-bit weights
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_target;
    QSortFilterProxyModel* m_shown; ///< the rows the table shows
    QDoubleSpinBox* m_userTop1;
    QLineEdit* m_userDataset;
    std::vector<SweepDesign> m_designs;
    std::optional<Network> m_fileNetwork;
    QAction* m_fileNetworkAction = nullptr; ///< in the Networks menu: the file's network at the chosen bits
};

} // namespace bitfold::gui
