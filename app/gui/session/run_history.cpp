#include "session/run_history.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace bitfold::gui {

namespace {
constexpr int kMaxRuns = 200;
}

RunHistory::RunHistory(const QString& path, QObject* parent) : QObject(parent), m_path(path) {
    if (m_path.isEmpty())
        m_path = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                     .filePath(QStringLiteral("runs.json"));
    load();
}

int RunHistory::indexOf(const std::string& id) const {
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == id) return int(i);
    return -1;
}

void RunHistory::load() {
    QFile f(m_path);
    if (!f.exists()) return;
    if (!f.open(QIODevice::ReadOnly)) {
        m_loadProblem = tr("cannot read the run history %1").arg(m_path);
        return;
    }
    const QByteArray text = f.readAll();
    try {
        const auto j = nlohmann::json::parse(text.toStdString());
        for (const auto& r : j.at("runs")) m_runs.push_back(runRecordFromJson(r));
    } catch (const std::exception& e) {
        // Keep the damaged file for the user, start afresh.
        const QString aside = m_path + QStringLiteral(".damaged");
        QFile::remove(aside);
        QFile::rename(m_path, aside);
        m_runs.clear();
        m_loadProblem =
            tr("the run history was damaged (%1); it was moved to %2").arg(QString::fromUtf8(e.what()), aside);
    }
}

void RunHistory::save() {
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    nlohmann::json runs = nlohmann::json::array();
    for (const RunRecord& r : m_runs) runs.push_back(toJson(r));
    const std::string text = nlohmann::json{{"bitfold_runs", 1}, {"runs", runs}}.dump(1);
    QSaveFile f(m_path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(text.data(), qint64(text.size()));
        f.commit();
    }
}

void RunHistory::add(RunRecord r) {
    Q_EMIT aboutToChange();
    m_runs.insert(m_runs.begin(), std::move(r));
    if (m_runs.size() > kMaxRuns) m_runs.resize(kMaxRuns);
    save();
    Q_EMIT changed();
}

void RunHistory::update(const RunRecord& r) {
    const int i = indexOf(r.id);
    if (i < 0) return add(r);
    Q_EMIT aboutToChange();
    m_runs[std::size_t(i)] = r;
    save();
    Q_EMIT changed();
}

void RunHistory::remove(int index) {
    if (index < 0 || index >= int(m_runs.size())) return;
    Q_EMIT aboutToChange();
    m_runs.erase(m_runs.begin() + index);
    save();
    Q_EMIT changed();
}

void RunHistory::clear() {
    Q_EMIT aboutToChange();
    m_runs.clear();
    save();
    Q_EMIT changed();
}

} // namespace bitfold::gui
