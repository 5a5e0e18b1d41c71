#pragma once
// The trained parameter packages shipped in resources/models, read once in the background,
// so the Runs page can tell whether the current design has one (and so an accuracy).
#include "bitfold/params.h"

#include <QObject>
#include <optional>

namespace bitfold::gui {

class BackgroundJob;

struct TrainedModel {
    std::string id, dir, dataset;
    Network network;
    std::vector<LayerPrecision> precision;
    std::optional<double> accuracy;
    int accuracyImages = 0;
    bool imported = false; ///< beside an opened network file (an imported model), not shipped
};

class ModelIndex : public QObject {
    Q_OBJECT
public:
    explicit ModelIndex(QObject* parent = nullptr);
    /// Starts reading resourceDir()/models (or `dir`).
    void scan(const QString& dir = QString());
    bool ready() const { return m_ready; }
    const std::vector<TrainedModel>& models() const { return m_models; }
    /// A package for exactly this network shape (layer names and hardware padding aside) and precision.
    /// Imported packages first (same network id too), then the shipped ones.
    const TrainedModel* find(const Network& net, const std::vector<LayerPrecision>& prec) const;
    /// Offers the package in `dir` (an imported model's params/, beside its network file) for
    /// its network; replaces one read from the same folder. Returns false when unreadable.
    bool addPackage(const std::string& dir);

Q_SIGNALS:
    void scanned();

private:
    BackgroundJob* m_job;
    std::vector<TrainedModel> m_models;
    std::vector<TrainedModel> m_imported;
    bool m_ready = false;
};

} // namespace bitfold::gui

Q_DECLARE_METATYPE(std::vector<bitfold::gui::TrainedModel>)
