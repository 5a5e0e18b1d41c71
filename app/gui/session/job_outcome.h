#pragma once
// How a background job reports its end, the same for every job: busy off, then exactly one of
// cancelled, failed (with the error's text) or finished (with the result).
#include <QObject>
#include <QString>

namespace bitfold::gui {

template <class Job, class Result>
void emitOutcome(Job* job, bool cancelled, const QString& error, const Result& result) {
    Q_EMIT job->busyChanged(false);
    if (cancelled)
        Q_EMIT job->cancelled();
    else if (!error.isEmpty())
        Q_EMIT job->failed(error);
    else
        Q_EMIT job->finished(result);
}

} // namespace bitfold::gui
