#include "session/config_command.h"

#include "session/design_session.h"

namespace bitfold::gui {

ConfigCommand::ConfigCommand(DesignSession* session, DesignConfig before, DesignConfig after, const QString& what)
    : QUndoCommand(what), m_session(session), m_before(std::move(before)), m_after(std::move(after)) {}

void ConfigCommand::undo() { m_session->applyConfig(m_before); }
void ConfigCommand::redo() { m_session->applyConfig(m_after); }

bool ConfigCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const ConfigCommand*>(other);
    if (o->text() != text() || !(o->m_before == m_after)) return false;
    m_after = o->m_after;
    return true;
}

} // namespace bitfold::gui
