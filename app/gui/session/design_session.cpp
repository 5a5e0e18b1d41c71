#include "session/design_session.h"

#include "bitfold/fit.h"
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "metatypes.h"
#include "session/config_command.h"
#include "session/folding_job.h"
#include "util/strings.h"

#include <QElapsedTimer>

namespace bitfold::gui {

DesignSession::DesignSession(QObject* parent) : QObject(parent), m_job(new FoldingJob(this)) {
    registerMetaTypes();
    connect(m_job, &FoldingJob::busyChanged, this, &DesignSession::busyChanged);
    connect(m_job, &FoldingJob::finished, this, [this](int gen, const FoldingResult& r, double ms) {
        if (gen != m_generation) return;
        DesignState s = m_pending;
        s.folding = r.folding;
        s.estimate = r.estimate;
        s.fromOptimizer = true;
        s.fits = r.fits;
        s.targetMet = r.targetMet;
        s.limitingResource = qs(r.limitingResource);
        s.optimizerMessage = qs(r.message);
        s.optimizerEvaluations = r.evaluations;
        s.evaluationMs = ms;
        finishEvaluation(std::move(s));
    });
    connect(m_job, &FoldingJob::failed, this, [this](int gen, const QString& msg) {
        if (gen == m_generation) setNotice({Notice::Level::Error, tr("Folding search failed: %1").arg(msg)});
    });
    m_undo.setUndoLimit(200);
}

bool DesignSession::busy() const { return m_job->busy(); }

Network DesignSession::resolveNetwork(const std::string& ref) {
    if (const Network* n = Catalog::shipped().findNetwork(ref)) return *n;
    auto it = m_fileNetworks.find(ref);
    if (it != m_fileNetworks.end()) return it->second;
    Network n = loadNetworkFile(ref);
    m_fileNetworks[ref] = n;
    return n;
}

DesignConfig DesignSession::seededForManual(DesignConfig next) {
    if (next.mode != FoldingMode::Manual) return next;
    try {
        const Network net = resolveNetwork(next.network);
        const auto prec = resolvePrecision(net, next.precision);
        auto fitsNet = [&](const Folding& f) {
            try {
                validate(net, prec, f);
                return true;
            } catch (const Error&) {
                return false;
            }
        };
        const bool sameNetwork = next.network == m_config.network;
        if (next.manualFolding.layers.size() == net.layers.size() && (sameNetwork || fitsNet(next.manualFolding)))
            return next;
        if (m_state.valid && m_state.network == net && fitsNet(m_state.folding))
            next.manualFolding = m_state.folding;
        else
            next.manualFolding = minimalFolding(net);
    } catch (const Error&) {
        // evaluate() reports it
    }
    return next;
}

void DesignSession::setConfig(DesignConfig next, const QString& what) {
    next = seededForManual(std::move(next));
    if (next == m_config) return;
    m_undo.push(new ConfigCommand(this, m_config, next, what)); // push() calls redo() -> applyConfig
}

void DesignSession::applyConfig(const DesignConfig& next) {
    const bool changed = !(next == m_config);
    m_config = next;
    if (changed || !m_state.valid) Q_EMIT configChanged(m_config);
    evaluate();
}

bool DesignSession::openNetworkFile(const QString& path) {
    try {
        const std::string p = path.toStdString();
        m_fileNetworks[p] = loadNetworkFile(p); // re-read: the user may have edited it
    } catch (const std::exception& e) {
        setNotice({Notice::Level::Error, tr("Cannot open network: %1").arg(qs(e.what()))});
        return false;
    }
    DesignConfig next = m_config;
    next.network = path.toStdString();
    next.precision.overrides.clear();
    setConfig(next, tr("Open network"));
    return true;
}

void DesignSession::setLayerFolding(int layer, const LayerFolding& folding) {
    DesignConfig next = m_config;
    if (next.mode != FoldingMode::Manual) {
        next.mode = FoldingMode::Manual;
        next = seededForManual(next);
    }
    if (layer < 0 || layer >= int(next.manualFolding.layers.size())) return;
    next.manualFolding.layers[layer] = folding;
    setConfig(next, tr("Edit folding"));
}

void DesignSession::loadDesignPoint(const DesignPoint& p) {
    DesignConfig next = m_config;
    next.network = p.network;
    if (!Catalog::shipped().findNetwork(p.network)) // an opened file's network (an imported model): its path
        for (const auto& [path, net] : m_fileNetworks)
            if (net.id == p.network) next.network = path;
    next.precision.weightBits = p.weightBits;
    next.precision.actBits = p.actBits;
    next.precision.overrides.clear();
    next.device = p.device;
    if (p.clockMhz > 0) next.clockMhz = p.clockMhz;
    if (next.mode == FoldingMode::Manual && !p.folding.layers.empty()) next.manualFolding = p.folding;
    setConfig(next, tr("Load design point"));
}

void DesignSession::setPrecision(int weightBits, int actBits) {
    DesignConfig next = m_config;
    next.precision.weightBits = weightBits;
    next.precision.actBits = actBits;
    setConfig(next, tr("Change precision"));
}

void DesignSession::evaluate() {
    const int gen = ++m_generation;
    DesignState s;
    s.valid = true;
    try {
        s.network = resolveNetwork(m_config.network);
        s.device = Catalog::shipped().device(m_config.device);
        s.precision = resolvePrecision(s.network, m_config.precision);
        if (!(m_config.clockMhz > 0 && m_config.clockMhz <= 1000)) throw Error("clock", "must be in (0, 1000] MHz");
    } catch (const std::exception& e) {
        setNotice({Notice::Level::Error, tr("Configuration not usable: %1").arg(qs(e.what()))});
        return;
    }
    if (m_config.mode != FoldingMode::Manual) {
        m_pending = std::move(s);
        m_job->start({m_pending.network, m_pending.precision, m_pending.device, m_config.foldingRequest(), gen});
        return;
    }
    s.folding = m_config.manualFolding;
    if (s.folding.layers.size() != s.network.layers.size()) s.folding = minimalFolding(s.network);
    try {
        validate(s.network, s.precision, s.folding);
    } catch (const Error& e) {
        setNotice({Notice::Level::Error, tr("Manual folding rejected: %1").arg(qs(e.what()))});
        return;
    }
    QElapsedTimer timer;
    timer.start();
    s.estimate = estimate(s.network, s.precision, s.folding, s.device, m_config.clockMhz, m_config.model);
    const FitReport fit = fitReport(s.estimate, s.device, m_config.limits); // the engine's rule, tolerance included
    s.fits = fit.fits;
    s.limitingResource = QString::fromLatin1(toString(fit.tightest));
    s.evaluationMs = timer.nsecsElapsed() / 1e6;
    if (!s.fits)
        s.optimizerMessage = tr("%1 at %2% of the device, above its %3% limit")
                                 .arg(s.limitingResource)
                                 .arg(100 * fit.share, 0, 'f', 1)
                                 .arg(100 * fit.limit, 0, 'f', 0);
    finishEvaluation(std::move(s));
}

void DesignSession::finishEvaluation(DesignState next) {
    if (!next.fits)
        next.fitReason = qs(fitReason(next.network, next.precision, next.estimate, next.device, m_config.limits));
    if (m_config.compareModels)
        for (CostModel m : allCostModels())
            if (m != m_config.model)
                next.comparisons.push_back(
                    estimate(next.network, next.precision, next.folding, next.device, m_config.clockMhz, m));
    m_state = std::move(next);
    if (!m_state.fits)
        setNotice({Notice::Level::Warning, tr("Does not fit: %1").arg(m_state.optimizerMessage)});
    else if (!m_state.targetMet)
        setNotice({Notice::Level::Warning, tr("Target not reached: %1").arg(m_state.optimizerMessage)});
    else
        setNotice({});
    Q_EMIT stateChanged();
}

void DesignSession::setNotice(Notice n) {
    if (n == m_notice) return;
    m_notice = std::move(n);
    Q_EMIT noticeChanged(m_notice);
}

} // namespace bitfold::gui
