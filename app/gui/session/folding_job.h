#pragma once
// Runs the folding optimizer off the GUI thread. Latest request wins: at most one search
// runs; requests arriving meanwhile replace the single pending one, and a superseded
// result is dropped, never shown.
#include "metatypes.h"
#include "bitfold/optimizer.h"

#include <QObject>
#include <optional>

namespace bitfold::gui {

struct FoldingJobInput {
    Network network;
    std::vector<LayerPrecision> precision;
    Device device;
    FoldingRequest request;
    int generation = 0; ///< echoed back, so the caller knows what a result belongs to
};

class FoldingJob : public QObject {
    Q_OBJECT
public:
    explicit FoldingJob(QObject* parent = nullptr);
    ~FoldingJob() override;

    void start(FoldingJobInput input);
    bool busy() const { return m_running; }

Q_SIGNALS:
    /// `elapsedMs` is the search's wall time.
    void finished(int generation, const bitfold::FoldingResult& result, double elapsedMs);
    void failed(int generation, const QString& message);
    void busyChanged(bool busy);

private:
    void launch(FoldingJobInput input);

    bool m_running = false;
    std::optional<FoldingJobInput> m_pending;
    int m_latest = 0;
};

} // namespace bitfold::gui
