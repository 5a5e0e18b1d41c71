#include "session/run_targets.h"

#include <QSettings>

#include <nlohmann/json.hpp>

namespace bitfold::gui {

namespace {
constexpr const char* kKey = "runs/targets";
}

std::vector<remote::RemoteTarget> loadRunTargets() {
    std::vector<remote::RemoteTarget> v;
    const QByteArray text = QSettings().value(QLatin1String(kKey)).toByteArray();
    const auto j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (j.is_array())
        for (const auto& t : j)
            if (t.is_object()) v.push_back(remote::targetFromJson(t));
    return v;
}

void saveRunTargets(const std::vector<remote::RemoteTarget>& targets) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : targets) j.push_back(remote::toJson(t));
    QSettings().setValue(QLatin1String(kKey), QByteArray::fromStdString(j.dump()));
}

} // namespace bitfold::gui
