#pragma once
// The configuration panel (left dock): network, precision, device and clock, cost model,
// folding mode and resource limits. It shows a DesignConfig and emits the edited one as an
// intent; it never evaluates anything itself.
#include "metatypes.h"
#include "session/design_config.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace bitfold::gui {

class PrecisionOverrideModel;

class ConfigPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConfigPanel(QWidget* parent = nullptr);

    void setConfig(const DesignConfig& config);
    /// The network of the evaluated design, for the per-layer override table.
    void setNetwork(const Network& net);
    PrecisionOverrideModel* overrideModel() const { return m_overrides; }
    /// What the panel says about the last input it could not use (or kept), empty if nothing.
    QString inputNote() const;

Q_SIGNALS:
    void configEdited(const bitfold::gui::DesignConfig& next, const QString& what);
    void openNetworkRequested();

private:
    QWidget* buildNetworkGroup();
    QWidget* buildPrecisionGroup();
    QWidget* buildDeviceGroup();
    QWidget* buildFoldingGroup();
    QWidget* buildLimitsGroup();
    void edit(const QString& what, const std::function<void(DesignConfig&)>& change);
    void updateOverrideToggle();
    /// Explains in place why a typed value was not used, and shows the value in use again.
    void rejectInput(const QString& why, QLabel* where = nullptr);
    void showInputNote();

    DesignConfig m_config;
    QComboBox* m_network;
    QComboBox* m_weights;
    QComboBox* m_acts;
    QComboBox* m_inputBits;
    QToolButton* m_overrideToggle;
    QTableView* m_overrideView;
    PrecisionOverrideModel* m_overrides;
    QComboBox* m_device;
    QDoubleSpinBox* m_clock;
    QComboBox* m_model;
    QCheckBox* m_compare;
    QComboBox* m_mode;
    QDoubleSpinBox* m_targetFps;
    QDoubleSpinBox* m_limits[5];
    QLabel* m_inputNote = nullptr; ///< under the clock: a rejected clock, a kept clock
    QLabel* m_limitNote = nullptr; ///< under the limits: a rejected limit
    QString m_deviceNote;
};

} // namespace bitfold::gui
