#pragma once
// The run targets the user configured (docs/remote.md): SSH hosts kept in the settings as
// JSON; "this machine" is always there and not stored.
#include "remote_target.h"

#include <vector>

namespace bitfold::gui {

std::vector<remote::RemoteTarget> loadRunTargets();
void saveRunTargets(const std::vector<remote::RemoteTarget>& targets);

} // namespace bitfold::gui
