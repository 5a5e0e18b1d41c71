#pragma once
// Crash-safe state (docs/reliability.md): what the explorer keeps between runs is written
// through a temporary, fsync and a rename (QSaveFile; QSettings does the same), and read back
// tolerant of damage: a settings file Qt cannot parse is moved aside before anything reads or
// rewrites it, a damaged value in it (the last session, the run targets) is moved to a key
// beside it. Either way the user gets a message naming the file; nothing is lost or crashes.
#include <QString>

namespace bitfold::gui {

/// Checks the settings file (QSettings' default one). One Qt cannot parse is moved to
/// FILE.damaged and the settings start from their defaults. Returns the message, empty if fine.
QString checkSettingsFile();

/// Moves a damaged settings value from `key` to `key-damaged` (replacing an older one there)
/// and returns the message: `what` it was, `why` it could not be read, the file it is in.
QString moveSettingAside(const QString& key, const QString& what, const QString& why);

} // namespace bitfold::gui
