#pragma once
// The open design: its configuration (with undo), and its evaluation. Estimates are
// microseconds and run inline; optimizer searches run on a worker (FoldingJob). Pages never
// change the session directly: they emit intents, the coordinator calls these slots.
#include "metatypes.h"
#include "session/design_config.h"
#include "bitfold/sweep.h"
#include "session/design_state.h"

#include <QObject>
#include <QUndoStack>
#include <map>

namespace bitfold::gui {

class FoldingJob;

class DesignSession : public QObject {
    Q_OBJECT
public:
    explicit DesignSession(QObject* parent = nullptr);

    const DesignConfig& config() const { return m_config; }
    const DesignState& state() const { return m_state; }
    const Notice& notice() const { return m_notice; }
    bool busy() const;
    QUndoStack* undoStack() { return &m_undo; }

    /// Records a change on the undo stack (consecutive edits with the same `what` merge)
    /// and evaluates it. A no-op when nothing changed.
    void setConfig(DesignConfig next, const QString& what);
    /// Applies without recording: undo/redo and session loading use this.
    void applyConfig(const DesignConfig& next);

    /// Loads a network file; on success it becomes the configured network. Errors go to the
    /// banner and leave the configuration as it was. Returns success.
    bool openNetworkFile(const QString& path);
    /// Manual folding edit of one layer (switches to manual mode, seeded from the current folding).
    void setLayerFolding(int layer, const LayerFolding& folding);

    /// Loads a sweep's design point: its network, precision, device and clock (and its folding
    /// in manual mode; the optimizer modes find the same folding again).
    void loadDesignPoint(const DesignPoint& point);
    /// Sets the global weight and activation bits.
    void setPrecision(int weightBits, int actBits);

    /// Resolves a network reference (shipped id or file path); throws Error.
    Network resolveNetwork(const std::string& ref);

Q_SIGNALS:
    void configChanged(const bitfold::gui::DesignConfig& config);
    /// A new evaluated design is in state().
    void stateChanged();
    void noticeChanged(const bitfold::gui::Notice& notice);
    void busyChanged(bool busy);

private:
    void evaluate();
    void finishEvaluation(DesignState next);
    void setNotice(Notice n);
    DesignConfig seededForManual(DesignConfig next);

    DesignConfig m_config;
    DesignState m_state;
    Notice m_notice;
    QUndoStack m_undo;
    FoldingJob* m_job = nullptr;
    int m_generation = 0;
    DesignState m_pending; ///< inputs of the running optimizer search
    std::map<std::string, Network> m_fileNetworks;
};

} // namespace bitfold::gui
