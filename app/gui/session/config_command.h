#pragma once
// One configuration change on the undo stack: the whole configuration before and after.
#include "session/design_config.h"

#include <QUndoCommand>

namespace bitfold::gui {

class DesignSession;

class ConfigCommand : public QUndoCommand {
public:
    ConfigCommand(DesignSession* session, DesignConfig before, DesignConfig after, const QString& what);

    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    /// Consecutive edits of the same thing (a spin box being stepped) become one undo step.
    bool mergeWith(const QUndoCommand* other) override;

private:
    DesignSession* m_session;
    DesignConfig m_before, m_after;
};

} // namespace bitfold::gui
