#pragma once
// Runs: C simulation of the current design (compile, then run) with progress, log and
// cancel, the result beside the prediction; Run on F1 when a device exists; the persisted
// run history.
#include "bitfold/network.h"
#include "pages/exportable.h"
#include "util/xrt_probe.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace bitfold::gui {

class RunHistory;
class RunHistoryModel;
class RunStageModel;

class RunsPage : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit RunsPage(RunHistory* history, QWidget* parent = nullptr);

    void setParametersInfo(const QString& html);
    void setXrt(const XrtStatus& status);
    /// Designs that have trained models: (label, network id, weight bits, activation bits).
    void setTrainedDesigns(const QList<std::tuple<QString, QString, int, int>>& designs);
    /// Shows the configured design in the trained-designs list when it is one of them.
    void selectTrainedDesign(const QString& network, int weightBits, int actBits);
    /// The "Run on" choices: this machine first, then the SSH targets' labels.
    void setTargets(const QStringList& remoteLabels, int current);
    void setBusy(bool busy);
    /// The network a run would simulate: the memory it needs is checked against the runner's
    /// limit (sim_runner.h) whenever it or the image count changes, before any run starts.
    void setSimulationNetwork(const Network& network);
    /// Why a run on this machine would be refused ("" when it would start).
    QString refusal() const { return m_refusal; }
    QString memoryText() const;
    void setPhase(const QString& phase);
    void setProgress(int done, int total, double accuracy, int mismatches);
    void appendLog(const QStringList& lines);
    void clearLog();
    void showRun(int row);
    int images() const;
    RunHistoryModel* historyModel() const { return m_historyModel; }
    RunStageModel* stageModel() const { return m_stages; }
    QString summaryText() const;

    QWidget* exportWidget() override;
    QAbstractItemModel* exportTable() override;
    const char* exportName() const override { return "runs"; }

public Q_SLOTS:
    /// What the Run button does: emits runRequested with the page's options.
    void requestRun();

Q_SIGNALS:
    void runRequested(int images, bool fastFolding);
    void cancelRequested();
    void f1Requested(const QString& xclbin, int images);
    void loadDesignRequested(const QString& network, int weightBits, int actBits);
    /// 0 = this machine, k = the k-th SSH target.
    void targetChosen(int index);
    void targetsEditRequested();

private:
    void showSelected();
    void checkMemory();

    RunHistory* m_history;
    RunHistoryModel* m_historyModel;
    RunStageModel* m_stages;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_f1;
    QLabel* m_f1Info;
    QSpinBox* m_images;
    QComboBox* m_folding;
    QComboBox* m_trained;
    QPushButton* m_loadTrained;
    QComboBox* m_target;
    QPushButton* m_editTargets;
    QLabel* m_params;
    QProgressBar* m_progress;
    QLabel* m_phase;
    QTableView* m_historyView;
    QTableView* m_stageView;
    QLabel* m_summary;
    QPlainTextEdit* m_log;
    QLabel* m_memory;
    std::optional<Network> m_network;
    QString m_refusal;
    bool m_busy = false;
};

} // namespace bitfold::gui
