#pragma once
// The one exception type for errors a user can cause (bad files, unknown names,
// invalid foldings). Programming errors are assertions, not Errors.
#include <stdexcept>
#include <string>

namespace bitfold {

class Error : public std::runtime_error {
public:
    /// `where` names the file, layer or option at fault ("cnv.json:12:5", "layer conv1",
    /// "--weights"); `what` says what is wrong and, where it helps, what would be valid.
    Error(std::string where, const std::string& what)
        : std::runtime_error(where.empty() ? what : where + ": " + what), m_where(std::move(where)) {}
    const std::string& where() const noexcept { return m_where; }

private:
    std::string m_where;
};

} // namespace bitfold
