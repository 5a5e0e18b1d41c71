#pragma once
// The bitfold-cli commands. Each takes its arguments (after the command name) and the
// streams to write to, and returns the process exit code; user errors are thrown as
// bitfold::Error and reported by run().
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

namespace bitfold {
struct FoldingRequest;
}

namespace bitfold::cli {

class Args;

using Argv = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Argv& args, std::ostream& out);
};

int networksCommand(const Argv& args, std::ostream& out);
int devicesCommand(const Argv& args, std::ostream& out);
int estimateCommand(const Argv& args, std::ostream& out);
int foldCommand(const Argv& args, std::ostream& out);
int sweepCommand(const Argv& args, std::ostream& out);
int paretoCommand(const Argv& args, std::ostream& out);
int scalingCommand(const Argv& args, std::ostream& out);
int tradeoffCommand(const Argv& args, std::ostream& out);
int simulateCommand(const Argv& args, std::ostream& out);
int calibrateCommand(const Argv& args, std::ostream& out);
int importCommand(const Argv& args, std::ostream& out);
int exportFinnCommand(const Argv& args, std::ostream& out);
int exportQonnxCommand(const Argv& args, std::ostream& out);

/// --strategy --target-fps --lut-limit --ff-limit --bram-limit --uram-limit --dsp-limit, as
/// fold, sweep, pareto and scaling take them (cmd_fold.cpp).
std::set<std::string> foldingOptionNames();
void parseFoldingOptions(const Args& args, FoldingRequest& request);

/// Every command, in the order `bitfold-cli help` lists them.
const std::vector<Command>& commands();

/// Dispatches argv[0] (the command) to its handler; prints errors as "bitfold-cli: where: what"
/// to `err` and returns 2 for user errors, 1 for anything unexpected.
int run(const Argv& argv, std::ostream& out, std::ostream& err);

} // namespace bitfold::cli
