#include "session/saved_state.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

namespace bitfold::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("bitfold::gui::SavedState", text); }
} // namespace

QString checkSettingsFile() {
    const QString path = QSettings().fileName();
    if (!QFile::exists(path)) return {};
    // Parsed from a copy: QSettings keeps the files it has read and does not read an unchanged one again.
    const QTemporaryDir scratch;
    const QString copy = scratch.filePath(QStringLiteral("settings.conf"));
    if (!QFile::copy(path, copy) || QSettings(copy, QSettings::IniFormat).status() != QSettings::FormatError) return {};
    const QString aside = path + QStringLiteral(".damaged");
    QFile::remove(aside);
    if (!QFile::rename(path, aside))
        return tr("The settings file %1 is damaged and could not be moved aside; settings it no longer holds "
                  "may be lost when they are next saved.")
            .arg(path);
    return tr("The settings file %1 was damaged; it was moved to %2 and the settings start from their defaults.")
        .arg(path, aside);
}

QString moveSettingAside(const QString& key, const QString& what, const QString& why) {
    QSettings s;
    const QString aside = key + QStringLiteral("-damaged");
    s.setValue(aside, s.value(key));
    s.remove(key);
    s.sync();
    return tr("The %1 in the settings file %2 could not be read (%3); it was kept there as \"%4\".")
        .arg(what, s.fileName(), why, aside);
}

} // namespace bitfold::gui
