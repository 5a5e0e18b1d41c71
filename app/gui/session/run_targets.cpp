#include "session/run_targets.h"

#include "session/saved_state.h"

#include <QCoreApplication>
#include <QSettings>

#include <nlohmann/json.hpp>

namespace bitfold::gui {

namespace {
constexpr const char* kKey = "runs/targets";
}

std::vector<remote::RemoteTarget> loadRunTargets(QString* problem) {
    QSettings settings;
    if (!settings.contains(QLatin1String(kKey))) return {};
    const QByteArray text = settings.value(QLatin1String(kKey)).toByteArray();
    std::vector<remote::RemoteTarget> v;
    try {
        const auto j = nlohmann::json::parse(text.toStdString());
        if (!j.is_array()) throw std::runtime_error("not a list");
        for (const auto& t : j) {
            if (!t.is_object()) throw std::runtime_error("an entry is not an object");
            v.push_back(remote::targetFromJson(t));
        }
    } catch (const std::exception& e) {
        const QString message =
            moveSettingAside(QLatin1String(kKey), QCoreApplication::translate("bitfold::gui", "list of run targets"),
                             QString::fromUtf8(e.what()));
        if (problem) *problem = message;
        return {};
    }
    return v;
}

void saveRunTargets(const std::vector<remote::RemoteTarget>& targets) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : targets) j.push_back(remote::toJson(t));
    QSettings().setValue(QLatin1String(kKey), QByteArray::fromStdString(j.dump()));
}

} // namespace bitfold::gui
