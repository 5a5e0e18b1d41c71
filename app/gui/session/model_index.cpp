#include "session/model_index.h"

#include "bitfold/catalog.h"
#include "bitfold/manifest.h"
#include "session/background_job.h"

#include <filesystem>

namespace bitfold::gui {

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
        m_imported.push_back(
            {p.network.id, dir, p.dataset, p.network, p.precision(), p.accuracy, p.accuracyImages, true});
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

const TrainedModel* ModelIndex::find(const Network& net, const std::vector<LayerPrecision>& prec) const {
    for (const TrainedModel& m : m_imported)
        if (m.network.id == net.id && isTrainedDesign(m.network, m.precision, net, prec)) return &m;
    for (const TrainedModel& m : m_models)
        if (isTrainedDesign(m.network, m.precision, net, prec)) return &m;
    return nullptr;
}

} // namespace bitfold::gui
