#include "session/model_index.h"

#include "bitfold/catalog.h"
#include "session/background_job.h"

#include <filesystem>

namespace bitfold::gui {

namespace {

bool sameShape(const Network& a, const Network& b) {
    if (a.layers.size() != b.layers.size()) return false;
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
        Layer x = a.layers[i], y = b.layers[i];
        x.name = y.name;
        x.paddedIn = y.paddedIn = 0;
        x.paddedOut = y.paddedOut = 0;
        if (!(x == y)) return false;
    }
    return true;
}

} // namespace

ModelIndex::ModelIndex(QObject* parent) : QObject(parent), m_job(new BackgroundJob(this)) {
    connect(m_job, &BackgroundJob::finished, this, [this](const QVariant& v) {
        m_models = v.value<std::vector<TrainedModel>>();
        m_ready = true;
        Q_EMIT scanned();
    });
    connect(m_job, &BackgroundJob::failed, this, [this] {
        m_ready = true;
        Q_EMIT scanned();
    });
}

void ModelIndex::scan(const QString& dir) {
    const std::string root = dir.isEmpty() ? resourceDir() + "/models" : dir.toStdString();
    m_job->start([root](BackgroundJob::Control& control) {
        namespace fs = std::filesystem;
        std::vector<TrainedModel> out;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(root, ec)) {
            if (control.cancel) break;
            if (!fs::exists(e.path() / "package.json")) continue;
            try {
                const ParamPackage p = loadPackage(e.path().string());
                out.push_back({e.path().filename().string(), e.path().string(), p.dataset, p.network, p.precision(),
                               p.accuracy, p.accuracyImages});
            } catch (const std::exception&) {
                // an unreadable package is simply not offered
            }
        }
        std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
        return QVariant::fromValue(std::move(out));
    });
}

bool ModelIndex::addPackage(const std::string& dir) {
    try {
        const ParamPackage p = loadPackage(dir);
        std::erase_if(m_imported, [&](const TrainedModel& m) { return m.dir == dir; });
        m_imported.push_back({p.network.id, dir, p.dataset, p.network, p.precision(), p.accuracy, p.accuracyImages, true});
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

const TrainedModel* ModelIndex::find(const Network& net, const std::vector<LayerPrecision>& prec) const {
    for (const TrainedModel& m : m_imported)
        if (m.network.id == net.id && m.precision == prec && sameShape(m.network, net)) return &m;
    for (const TrainedModel& m : m_models)
        if (m.precision == prec && sameShape(m.network, net)) return &m;
    return nullptr;
}

} // namespace bitfold::gui
