#include "session/analysis_jobs.h"

#include "models/precision_map_model.h"
#include "models/scaling_model.h"
#include "models/sweep_model.h"
#include "session/background_job.h"

namespace bitfold::gui {

namespace {

FoldingRequest requestFor(const DesignConfig& c) {
    DesignConfig x = c;
    if (x.mode == FoldingMode::Manual) x.mode = FoldingMode::MaxFps; // a hand folding fits one precision only
    return x.foldingRequest();
}

} // namespace

AnalysisKey analysisKey(const DesignState& s, const DesignConfig& c, bool withDevice, bool withPrecision) {
    AnalysisKey k{c, s.network.layers};
    k.config.manualFolding = {};
    k.config.compareModels = false;
    k.config.userAccuracies.clear(); // the map and the scaling show no user-supplied figures
    k.config.precision.overrides.clear();
    if (k.config.mode == FoldingMode::Manual) k.config.mode = FoldingMode::MaxFps; // as requestFor folds it
    if (!withDevice) k.config.device.clear();
    if (!withPrecision) k.config.precision.weightBits = k.config.precision.actBits = 0;
    return k;
}

AnalysisJobs::AnalysisJobs(SweepModel* sweep, PrecisionMapModel* map, ScalingModel* scaling, QObject* parent)
    : QObject(parent), m_sweepModel(sweep), m_mapModel(map), m_scalingModel(scaling), m_sweep(new BackgroundJob(this)),
      m_map(new BackgroundJob(this)), m_scaling(new BackgroundJob(this)) {
    connect(m_sweep, &BackgroundJob::finished, this, [this](const QVariant& v) {
        auto points = v.value<std::vector<DesignPoint>>();
        const int n = int(points.size());
        m_sweepModel->setPoints(std::move(points), m_sweepCostModel);
        Q_EMIT statusMessage(tr("Sweep finished: %1 design points").arg(n), 5000);
    });
    connect(m_sweep, &BackgroundJob::cancelled, this, [this] { Q_EMIT statusMessage(tr("Sweep cancelled"), 5000); });
    connect(m_sweep, &BackgroundJob::failed, this,
            [this](const QString& e) { Q_EMIT statusMessage(tr("Sweep failed: %1").arg(e), 8000); });
    connect(m_map, &BackgroundJob::finished, this, [this](const QVariant& v) {
        m_mapModel->setGrid(mapBits(), mapBits(), v.value<std::vector<DesignPoint>>());
    });
    connect(m_scaling, &BackgroundJob::finished, this,
            [this](const QVariant& v) { m_scalingModel->setSeries(v.value<std::vector<ScalingSeries>>()); });
    for (BackgroundJob* j : {m_map, m_scaling})
        connect(j, &BackgroundJob::failed, this,
                [this](const QString& e) { Q_EMIT statusMessage(tr("Analysis failed: %1").arg(e), 8000); });
}

std::vector<int> AnalysisJobs::mapBits() { return {1, 2, 3, 4, 5, 6, 7, 8, 16, kFloatBits}; }

std::vector<std::pair<int, int>> AnalysisJobs::scalingPrecisions(int w, int a) {
    std::vector<std::pair<int, int>> out{{w, a}};
    for (int b : {1, 2, 4, 8})
        if (!(w == b && a == b)) out.emplace_back(b, b);
    return out;
}

bool AnalysisJobs::idle() const { return !m_sweep->busy() && !m_map->busy() && !m_scaling->busy(); }

void AnalysisJobs::startSweep(const SweepSpec& spec, const QString& costModel) {
    m_sweepCostModel = costModel;
    m_sweep->start([spec](BackgroundJob::Control& control) {
        auto points = runSweep(
            spec, [&control](std::size_t d, std::size_t t) { control.progress(d, t); }, &control.cancel);
        return QVariant::fromValue(std::move(points));
    });
}

void AnalysisJobs::cancelSweep() { m_sweep->cancel(); }

void AnalysisJobs::refreshMap(const DesignState& s, const DesignConfig& c) {
    if (!s.valid) return;
    const FoldingRequest request = requestFor(c);
    const AnalysisKey mapKey = analysisKey(s, c, true, false);
    if (mapKey != m_mapKey) {
        m_mapKey = mapKey;
        m_map->start([net = s.network, dev = s.device, request,
                      inputBits = c.precision.inputBits](BackgroundJob::Control& control) {
            const auto bits = mapBits();
            std::vector<DesignPoint> points;
            for (int w : bits)
                for (int a : bits) {
                    if (control.cancel) return QVariant();
                    PrecisionSpec spec;
                    spec.weightBits = w;
                    spec.actBits = a;
                    spec.inputBits = inputBits;
                    FoldingResult r;
                    try {
                        r = optimizeFolding(net, resolvePrecision(net, spec), dev, request);
                    } catch (const std::exception& e) {
                        r.fits = false;
                        r.limitingResource = e.what(); // this precision is not buildable
                    }
                    points.push_back(makeDesignPoint(net.id, 1.0, w, a, dev.id, r.estimate, r.folding, r.fits,
                                                     r.limitingResource, lookupAccuracy(net, w, a)));
                    control.progress(points.size(), bits.size() * bits.size());
                }
            return QVariant::fromValue(std::move(points));
        });
    }
}

void AnalysisJobs::refreshScaling(const DesignState& s, const DesignConfig& c) {
    if (!s.valid) return;
    const FoldingRequest request = requestFor(c);
    const AnalysisKey scalingKey = analysisKey(s, c, false, true);
    if (scalingKey != m_scalingKey) {
        m_scalingKey = scalingKey;
        m_scaling->start([net = s.network, request, c](BackgroundJob::Control& control) {
            std::vector<ScalingSeries> out;
            const auto precisions = scalingPrecisions(c.precision.weightBits, c.precision.actBits);
            for (auto [w, a] : precisions) {
                if (control.cancel) return QVariant();
                PrecisionSpec spec;
                spec.weightBits = w;
                spec.actBits = a;
                spec.inputBits = c.precision.inputBits;
                out.push_back({w, a, deviceScaling(net, resolvePrecision(net, spec), request)});
                control.progress(out.size(), precisions.size());
            }
            return QVariant::fromValue(std::move(out));
        });
    }
}

} // namespace bitfold::gui
