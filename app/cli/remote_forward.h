#pragma once
// --remote user@host[:port]: runs a command (simulate, sweep) on an SSH host through the same
// bitfold-cli there (docs/remote.md). Input files are copied to a per-run directory on the
// host; the remote output is passed through line by line, so the JSON is a local run's.
#include "commands.h"

#include <iosfwd>

namespace bitfold::cli {

/// True when argv asks for a remote run.
bool wantsRemote(const Argv& argv);
/// Runs `command` with argv (which holds --remote ...) on the host; returns the remote exit code.
int remoteCommand(const std::string& command, const Argv& argv, std::ostream& out, std::ostream& err);

} // namespace bitfold::cli
