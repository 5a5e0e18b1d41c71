#include "table.h"

#include <algorithm>
#include <cstdio>

namespace bitfold::cli {

std::string fmt(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

namespace {
bool numeric(const std::string& s) {
    return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '.');
}
std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}
} // namespace

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> width(m_header.size());
    for (std::size_t c = 0; c < m_header.size(); ++c) width[c] = m_header[c].size();
    for (const auto& r : m_rows)
        for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], r[c].size());
    auto line = [&](const std::vector<std::string>& r, bool header) {
        for (std::size_t c = 0; c < width.size(); ++c) {
            const std::string cell = c < r.size() ? r[c] : "";
            const std::string pad(width[c] - cell.size(), ' ');
            const bool right = !header && numeric(cell);
            out << (c ? "  " : "") << (right ? pad + cell : cell + (c + 1 < width.size() ? pad : ""));
        }
        out << '\n';
    };
    line(m_header, true);
    std::size_t total = 0;
    for (std::size_t w : width) total += w + 2;
    out << std::string(total > 2 ? total - 2 : 0, '-') << '\n';
    for (const auto& r : m_rows) line(r, false);
}

void Table::printCsv(std::ostream& out) const {
    auto line = [&](const std::vector<std::string>& r) {
        for (std::size_t c = 0; c < r.size(); ++c) out << (c ? "," : "") << csvField(r[c]);
        out << '\n';
    };
    line(m_header);
    for (const auto& r : m_rows) line(r);
}

} // namespace bitfold::cli
