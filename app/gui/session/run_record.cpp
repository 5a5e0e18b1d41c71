#include "session/run_record.h"

#include "bitfold/stage_json.h"

#include <algorithm>

namespace bitfold::gui {

std::uint64_t RunRecord::countedInterval() const {
    std::uint64_t m = 0;
    for (const auto& s : stages) m = std::max(m, s.cyclesCounted);
    return m;
}

bool RunRecord::cyclesMatch() const {
    return !stages.empty() && std::all_of(stages.begin(), stages.end(), [](const auto& s) {
        return s.cyclesCounted == s.cyclesPredicted &&
            (s.modelCycles < 0 || s.modelCycles == std::int64_t(s.cyclesCounted));
    });
}

const char* toString(RunRecord::Status s) {
    switch (s) {
    case RunRecord::Status::Running: return "running";
    case RunRecord::Status::Finished: return "finished";
    case RunRecord::Status::Cancelled: return "cancelled";
    case RunRecord::Status::Failed: return "failed";
    }
    return "?";
}

nlohmann::json toJson(const RunRecord& r) {
    nlohmann::json stages = nlohmann::json::array();
    for (const auto& s : r.stages) {
        nlohmann::json st = toJson(SimStage{s.name, s.layer, s.kind, s.cyclesPredicted, s.cyclesCounted});
        st["model_cycles"] = s.modelCycles;
        stages.push_back(std::move(st));
    }
    nlohmann::json j = {{"id", r.id},
                        {"started", r.started},
                        {"target", r.target},
                        {"host", r.host},
                        {"host_version", r.hostVersion},
                        {"status", toString(r.status)},
                        {"network", r.network},
                        {"network_name", r.networkName},
                        {"precision", r.precision},
                        {"device", r.device},
                        {"model", r.model},
                        {"clock_mhz", r.clockMhz},
                        {"folding", r.folding},
                        {"params", r.params},
                        {"images", r.images},
                        {"predicted_fps", r.predictedFps},
                        {"predicted_cycles", r.predictedCycles},
                        {"images_done", r.imagesDone},
                        {"golden_checked", r.goldenChecked},
                        {"bit_exact", r.bitExact},
                        {"mismatches", r.mismatches},
                        {"first_mismatch", r.firstMismatch},
                        {"images_per_s", r.imagesPerSecond},
                        {"sim_seconds", r.simSeconds},
                        {"compile_seconds", r.compileSeconds},
                        {"cached", r.cached},
                        {"error", r.error},
                        {"stages", stages},
                        {"log", r.log}};
    if (r.accuracy) j["accuracy"] = *r.accuracy;
    if (r.packageAccuracy) j["package_accuracy"] = *r.packageAccuracy;
    return j;
}

RunRecord runRecordFromJson(const nlohmann::json& j) {
    RunRecord r;
    auto get = [&](const char* k, auto& out) {
        if (j.contains(k)) {
            try {
                out = j.at(k).get<std::decay_t<decltype(out)>>();
            } catch (const nlohmann::json::exception&) {
            }
        }
    };
    get("id", r.id);
    get("started", r.started);
    get("target", r.target);
    get("host", r.host);
    get("host_version", r.hostVersion);
    std::string status;
    get("status", status);
    for (auto s : {RunRecord::Status::Running, RunRecord::Status::Finished, RunRecord::Status::Cancelled,
                   RunRecord::Status::Failed})
        if (status == toString(s)) r.status = s;
    // A run that was still going when the program ended did not finish.
    if (r.status == RunRecord::Status::Running) r.status = RunRecord::Status::Cancelled;
    get("network", r.network);
    get("network_name", r.networkName);
    get("precision", r.precision);
    get("device", r.device);
    get("model", r.model);
    get("clock_mhz", r.clockMhz);
    get("folding", r.folding);
    get("params", r.params);
    get("images", r.images);
    get("predicted_fps", r.predictedFps);
    get("predicted_cycles", r.predictedCycles);
    get("images_done", r.imagesDone);
    get("golden_checked", r.goldenChecked);
    get("bit_exact", r.bitExact);
    get("mismatches", r.mismatches);
    get("first_mismatch", r.firstMismatch);
    get("images_per_s", r.imagesPerSecond);
    get("sim_seconds", r.simSeconds);
    get("compile_seconds", r.compileSeconds);
    get("cached", r.cached);
    get("error", r.error);
    get("log", r.log);
    if (j.contains("accuracy") && j["accuracy"].is_number()) r.accuracy = j["accuracy"].get<double>();
    if (j.contains("package_accuracy") && j["package_accuracy"].is_number())
        r.packageAccuracy = j["package_accuracy"].get<double>();
    if (j.contains("stages") && j["stages"].is_array())
        for (const auto& s : j["stages"]) {
            SimStage sim;
            try {
                sim = stageFromJson(s);
            } catch (const Error&) {
                continue; // a damaged stage of an old run: the others still show
            }
            RunStageRecord st{sim.name, sim.layer, sim.kind, sim.cyclesPredicted, sim.cyclesCounted, -1};
            if (const auto m = s.find("model_cycles"); m != s.end() && m->is_number_integer())
                st.modelCycles = m->get<std::int64_t>();
            r.stages.push_back(st);
        }
    return r;
}

} // namespace bitfold::gui
