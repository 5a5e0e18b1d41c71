#pragma once
// Session files (JSON) and the recent-files list. Errors come back as text for the banner.
#include "session/design_config.h"

#include <QObject>
#include <QStringList>

namespace bitfold::gui {

class SessionFiles : public QObject {
    Q_OBJECT
public:
    explicit SessionFiles(QObject* parent = nullptr);

    /// Reads a session; throws Error naming the file on failure.
    static DesignConfig read(const QString& path);
    /// Writes a session; returns an error message, empty on success.
    QString write(const QString& path, const DesignConfig& config);

    QString currentPath() const { return m_current; }
    void setCurrentPath(const QString& path);
    QStringList recent() const;
    void addRecent(const QString& path);
    void clearRecent();

Q_SIGNALS:
    void recentChanged(const QStringList& recent);
    void currentPathChanged(const QString& path);

private:
    QString m_current;
};

} // namespace bitfold::gui
