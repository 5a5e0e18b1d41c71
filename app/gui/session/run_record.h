#pragma once
// One simulation (or F1) run and its outcome beside the prediction; what the run history
// stores. Plain value with a JSON form.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace bitfold::gui {

struct RunStageRecord {
    std::string name, layer, kind;
    std::uint64_t cyclesPredicted = 0; ///< the generated block's cycles.h figure
    std::uint64_t cyclesCounted = 0; ///< counted in simulation
    std::int64_t modelCycles = -1; ///< the cost model's stage cycles for its layer (-1: no layer)
    bool operator==(const RunStageRecord&) const = default;
};

struct RunRecord {
    enum class Status { Running, Finished, Cancelled, Failed };
    std::string id; ///< unique, time based
    std::string started; ///< ISO 8601, local time
    std::string target = "simulation"; ///< "simulation" or "f1" (F1 figures are measured)
    std::string host; ///< the SSH target it ran on (docs/remote.md); "" = this machine
    std::string hostVersion; ///< the Bitfold version on that host
    Status status = Status::Running;
    // The design.
    std::string network, networkName, precision, device, model;
    double clockMhz = 0;
    std::string folding; ///< "PE×SIMD" per matrix layer, compact
    std::string params; ///< "trained: mlp128-w1a1" or "random (seed 1)"
    std::string images; ///< "1000 Fashion-MNIST test images" or "100 random images"
    double predictedFps = 0; ///< the cost model's, at clockMhz
    std::int64_t predictedCycles = 0;
    // The outcome.
    int imagesDone = 0;
    bool goldenChecked = false, bitExact = false;
    int mismatches = 0;
    std::string firstMismatch;
    std::optional<double> accuracy; ///< simulated top-1 (trained parameters, labelled images)
    std::optional<double> packageAccuracy; ///< what the golden reference measured for the package
    double imagesPerSecond = 0, simSeconds = 0, compileSeconds = 0;
    bool cached = false;
    std::string error;
    std::vector<RunStageRecord> stages;
    std::vector<std::string> log;
    bool operator==(const RunRecord&) const = default;

    /// Counted cycles of the slowest block: the initiation interval the simulation measured.
    std::uint64_t countedInterval() const;
    bool cyclesMatch() const; ///< every block counted what it predicted
    bool measured() const { return target == "f1"; } ///< on hardware, not simulated
};

const char* toString(RunRecord::Status s);
nlohmann::json toJson(const RunRecord& r);
RunRecord runRecordFromJson(const nlohmann::json& j); ///< tolerant: missing keys keep defaults

} // namespace bitfold::gui
