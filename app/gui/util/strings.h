#pragma once
// Engine strings (std::string, UTF-8) into Qt's: one spelling for every page.
#include <QString>

#include <string>

namespace bitfold::gui {

/// `s` as a QString.
inline QString qs(const std::string& s) { return QString::fromStdString(s); }

/// `s` as a QString for rich text: '<', '>', '&' and '"' escaped.
inline QString htmlQs(const std::string& s) { return qs(s).toHtmlEscaped(); }

} // namespace bitfold::gui
