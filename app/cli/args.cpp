#include "args.h"

#include "bitfold/error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace bitfold::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
           const std::set<std::string>& flags) {
    if (std::any_of(argv.begin(), argv.end(), [](const std::string& a) { return a == "--help" || a == "-h"; })) {
        std::string usage;
        for (const auto& o : options) usage += "  --" + o + " VALUE\n";
        for (const auto& f : flags) usage += "  --" + f + "\n";
        throw HelpRequested{usage};
    }
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) != 0) throw Error(a, "unexpected argument (options start with --)");
        std::string name = a.substr(2), value;
        const auto eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name)) {
            m_flags.insert(name);
            continue;
        }
        if (!options.count(name)) {
            std::string valid;
            for (const auto& o : options) valid += (valid.empty() ? "--" : ", --") + o;
            for (const auto& f : flags) valid += (valid.empty() ? "--" : ", --") + f;
            throw Error("--" + name, "unknown option (valid: " + valid + ")");
        }
        if (!inlineValue) {
            if (i + 1 >= argv.size()) throw Error("--" + name, "needs a value");
            value = argv[++i];
        }
        m_values[name] = value;
    }
}

std::string Args::str(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) throw Error("--" + name, "is required");
    return it->second;
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::string Args::choice(const std::string& name, const std::vector<std::string>& allowed) const {
    const std::string value = str(name, allowed.front());
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw Error("--" + name, "'" + value + "' is not one of " + list);
}

double parseNumber(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || !std::isfinite(v)) throw Error(option, "'" + text + "' is not a number");
    return v;
}

std::optional<double> Args::optionalNumber(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) return std::nullopt;
    return parseNumber("--" + name, it->second);
}

double Args::number(const std::string& name, double fallback) const { return optionalNumber(name).value_or(fallback); }

int Args::integer(const std::string& name, int fallback) const {
    const auto v = optionalNumber(name);
    if (!v) return fallback;
    if (*v != double(int(*v))) throw Error("--" + name, "'" + str(name) + "' is not a whole number");
    return int(*v);
}

std::vector<std::string> Args::list(const std::string& name, const std::string& fallback) const {
    std::vector<std::string> out;
    std::stringstream ss(str(name, fallback));
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

std::vector<double> Args::numbers(const std::string& name) const {
    std::vector<double> out;
    for (const std::string& s : list(name, "")) out.push_back(parseNumber("--" + name, s));
    return out;
}

} // namespace bitfold::cli
