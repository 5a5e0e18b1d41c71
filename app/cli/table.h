#pragma once
// A plain-text table with right-aligned numeric columns, and CSV of the same rows.
#include <ostream>
#include <string>
#include <vector>

namespace bitfold::cli {

class Table {
public:
    explicit Table(std::vector<std::string> header) : m_header(std::move(header)) {}
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
    void print(std::ostream& out) const;
    void printCsv(std::ostream& out) const;

private:
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
};

/// Fixed-point formatting ("12,345" style grouping is not used: CSV must stay parseable).
std::string fmt(double v, int decimals = 0);

} // namespace bitfold::cli
