#pragma once
// bitfold-cli in process (bitfold::cli::run): its exit code, stdout and stderr. Tests that
// include this link bitfold_cli_commands.
#include "commands.h"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace testcli {

struct Run {
    int code = 0;
    std::string out, err;
    /// The non-empty lines of stdout.
    std::vector<std::string> lines() const {
        std::vector<std::string> v;
        std::istringstream in(out);
        for (std::string l; std::getline(in, l);)
            if (!l.empty()) v.push_back(l);
        return v;
    }
    /// The last line as JSON (the result of a command run with --json or simulate).
    nlohmann::json last() const { return nlohmann::json::parse(lines().back()); }
};

inline Run cli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Run r;
    r.code = bitfold::cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace testcli
