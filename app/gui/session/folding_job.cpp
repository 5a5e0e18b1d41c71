#include "session/folding_job.h"

#include "bitfold/error.h"
#include "metatypes.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace bitfold::gui {

namespace {
struct Outcome {
    FoldingResult result;
    QString error;
    double ms = 0;
};
} // namespace

FoldingJob::FoldingJob(QObject* parent) : QObject(parent) {}

FoldingJob::~FoldingJob() = default; // watchers are children; the pool finishes the search

void FoldingJob::start(FoldingJobInput input) {
    m_latest = input.generation;
    if (m_running) {
        m_pending = std::move(input); // replaces an older pending request
        return;
    }
    launch(std::move(input));
}

void FoldingJob::launch(FoldingJobInput input) {
    m_running = true;
    Q_EMIT busyChanged(true);
    const int generation = input.generation;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, generation] {
        const Outcome out = watcher->result();
        watcher->deleteLater();
        m_running = false;
        if (m_pending) {
            FoldingJobInput next = std::move(*m_pending);
            m_pending.reset();
            launch(std::move(next));
        } else {
            Q_EMIT busyChanged(false);
        }
        if (generation != m_latest) return; // superseded
        if (out.error.isEmpty())
            Q_EMIT finished(generation, out.result, out.ms);
        else
            Q_EMIT failed(generation, out.error);
    });
    watcher->setFuture(QtConcurrent::run([in = std::move(input)] {
        Outcome out;
        QElapsedTimer timer;
        timer.start();
        try {
            out.result = optimizeFolding(in.network, in.precision, in.device, in.request);
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
        }
        out.ms = timer.nsecsElapsed() / 1e6;
        return out;
    }));
}

} // namespace bitfold::gui
