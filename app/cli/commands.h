#pragma once
// The bitfold-cli commands. Each takes its arguments (after the command name) and the
// streams to write to, and returns the process exit code; user errors are thrown as
// bitfold::Error and reported by run().
#include <iosfwd>
#include <string>
#include <vector>

namespace bitfold::cli {

using Argv = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Argv& args, std::ostream& out);
};

int networksCommand(const Argv& args, std::ostream& out);
int devicesCommand(const Argv& args, std::ostream& out);
int estimateCommand(const Argv& args, std::ostream& out);

/// Every command, in the order `bitfold-cli help` lists them.
const std::vector<Command>& commands();

/// Dispatches argv[0] (the command) to its handler; prints errors as "bitfold-cli: where: what"
/// to `err` and returns 2 for user errors, 1 for anything unexpected.
int run(const Argv& argv, std::ostream& out, std::ostream& err);

} // namespace bitfold::cli
