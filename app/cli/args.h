#pragma once
// Command-line options: "--key value" pairs and "--flag"s, checked against what a command
// accepts, with errors that name the option.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bitfold::cli {

/// Thrown by Args when "--help" or "-h" is among a command's arguments: what it accepts.
struct HelpRequested {
    std::string usage; ///< "--a VALUE, --b VALUE, --flag"
};

/// `text` as a finite number; an Error naming `option` ("--clocks") and the text otherwise.
double parseNumber(const std::string& option, const std::string& text);

class Args {
public:
    /// `flags` take no value; every other "--name" takes one. Throws Error on unknown options,
    /// HelpRequested when asked for --help.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
         const std::set<std::string>& flags = {});

    bool has(const std::string& name) const { return m_values.count(name) || m_flags.count(name); }
    std::string str(const std::string& name) const; ///< required
    std::string str(const std::string& name, const std::string& fallback) const;
    /// One of `allowed` (the first is the default); anything else is an Error listing them.
    std::string choice(const std::string& name, const std::vector<std::string>& allowed) const;
    double number(const std::string& name, double fallback) const;
    int integer(const std::string& name, int fallback) const;
    std::optional<double> optionalNumber(const std::string& name) const;
    /// Comma-separated list ("1,2,4").
    std::vector<std::string> list(const std::string& name, const std::string& fallback) const;
    /// Comma-separated numbers ("100,200"), each checked by parseNumber; empty when absent.
    std::vector<double> numbers(const std::string& name) const;

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

} // namespace bitfold::cli
