#pragma once
// Long work (sweeps, precision maps, device scaling) on the global thread pool. Latest job
// wins: starting one cancels the previous through its atomic flag and drops its result.
// Progress is read from atomics by a GUI-side timer, so the worker never touches Qt objects.
#include <QObject>
#include <QVariant>
#include <atomic>
#include <functional>
#include <memory>

class QTimer;

namespace bitfold::gui {

class BackgroundJob : public QObject {
    Q_OBJECT
public:
    /// Shared between the GUI and one run of the work.
    struct Control {
        std::atomic<bool> cancel{false};
        std::atomic<std::size_t> done{0}, total{0};
        void progress(std::size_t d, std::size_t t) {
            total.store(t);
            done.store(d);
        }
    };
    /// Runs on a worker thread; returns the result (or anything when cancelled). May throw.
    using Work = std::function<QVariant(Control& control)>;

    explicit BackgroundJob(QObject* parent = nullptr);
    ~BackgroundJob() override;

    void start(Work work);
    void cancel();
    bool busy() const { return m_control != nullptr; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const QVariant& result);
    void cancelled();
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    void poll();

    std::shared_ptr<Control> m_control; ///< the running job's, null when idle
    int m_generation = 0;
    QTimer* m_timer;
};

} // namespace bitfold::gui
