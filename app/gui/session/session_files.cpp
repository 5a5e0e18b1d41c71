#include "session/session_files.h"

#include "bitfold/error.h"
#include "bitfold/json_io.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace bitfold::gui {

namespace {
const char* kRecentKey = "session/recent";
constexpr int kMaxRecent = 8;
} // namespace

SessionFiles::SessionFiles(QObject* parent) : QObject(parent) {}

DesignConfig SessionFiles::read(const QString& path) {
    const std::string p = path.toStdString();
    return designConfigFromJson(readJsonFile(p), p);
}

QString SessionFiles::write(const QString& path, const DesignConfig& config) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return tr("cannot write %1: %2").arg(path, f.errorString());
    const std::string text = toJson(config).dump(1) + "\n";
    f.write(text.data(), qint64(text.size()));
    if (!f.commit()) return tr("cannot write %1: %2").arg(path, f.errorString());
    setCurrentPath(path);
    addRecent(path);
    return {};
}

void SessionFiles::setCurrentPath(const QString& path) {
    if (path == m_current) return;
    m_current = path;
    Q_EMIT currentPathChanged(path);
}

QStringList SessionFiles::recent() const { return QSettings().value(QLatin1String(kRecentKey)).toStringList(); }

void SessionFiles::addRecent(const QString& path) {
    QStringList r = recent();
    const QString abs = QFileInfo(path).absoluteFilePath();
    r.removeAll(abs);
    r.prepend(abs);
    while (r.size() > kMaxRecent) r.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), r);
    Q_EMIT recentChanged(r);
}

void SessionFiles::clearRecent() {
    QSettings().remove(QLatin1String(kRecentKey));
    Q_EMIT recentChanged({});
}

} // namespace bitfold::gui
