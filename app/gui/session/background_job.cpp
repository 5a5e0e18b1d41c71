#include "session/background_job.h"
#include "session/job_outcome.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent>

namespace bitfold::gui {

namespace {
struct Outcome {
    QVariant result;
    QString error;
    bool cancelled = false;
};
} // namespace

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent), m_timer(new QTimer(this)) {
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &BackgroundJob::poll);
}

BackgroundJob::~BackgroundJob() {
    if (m_control) m_control->cancel = true; // the pool finishes it early; nobody listens
}

void BackgroundJob::start(Work work) {
    const bool wasBusy = busy();
    if (m_control) m_control->cancel = true;
    auto control = std::make_shared<Control>();
    m_control = control;
    const int generation = ++m_generation;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, generation] {
        const Outcome out = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation) return; // superseded: a newer job owns the state
        m_control.reset();
        m_timer->stop();
        emitOutcome(this, out.cancelled, out.error, out.result);
    });
    watcher->setFuture(QtConcurrent::run([control, work = std::move(work)] {
        Outcome out;
        try {
            out.result = work(*control);
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
        }
        out.cancelled = control->cancel.load();
        return out;
    }));
    m_timer->start();
    if (!wasBusy) Q_EMIT busyChanged(true);
    Q_EMIT progress(0, 0);
}

void BackgroundJob::cancel() {
    if (m_control) m_control->cancel = true;
}

void BackgroundJob::poll() {
    if (m_control) Q_EMIT progress(int(m_control->done.load()), int(m_control->total.load()));
}

} // namespace bitfold::gui
