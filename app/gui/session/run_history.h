#pragma once
// Every run, newest first, persisted as JSON in QStandardPaths::AppDataLocation/runs.json so
// it survives restarts. A damaged file is set aside, never fatal.
#include "session/run_record.h"

#include <QObject>
#include <QString>

namespace bitfold::gui {

class RunHistory : public QObject {
    Q_OBJECT
public:
    /// `path` empty: AppDataLocation/runs.json.
    explicit RunHistory(const QString& path = QString(), QObject* parent = nullptr);

    const std::vector<RunRecord>& runs() const { return m_runs; }
    QString path() const { return m_path; }
    int indexOf(const std::string& id) const;

    void add(RunRecord r); ///< at the front; saved
    void update(const RunRecord& r); ///< replaces the run with the same id; saved
    void remove(int index);
    void clear();
    /// What happened when loading ("" if fine): shown once in the banner.
    QString loadProblem() const { return m_loadProblem; }

Q_SIGNALS:
    void aboutToChange();
    void changed();

private:
    void load();
    void save();

    QString m_path;
    std::vector<RunRecord> m_runs;
    QString m_loadProblem;
};

} // namespace bitfold::gui
