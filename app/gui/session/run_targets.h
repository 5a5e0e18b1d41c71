#pragma once
// The run targets the user configured (docs/remote.md): SSH hosts kept in the settings as
// JSON; "this machine" is always there and not stored.
#include "remote_target.h"

#include <QString>

#include <vector>

namespace bitfold::gui {

/// A damaged stored list is moved aside (saved_state.h); `problem` gets the message.
std::vector<remote::RemoteTarget> loadRunTargets(QString* problem = nullptr);
void saveRunTargets(const std::vector<remote::RemoteTarget>& targets);

} // namespace bitfold::gui
