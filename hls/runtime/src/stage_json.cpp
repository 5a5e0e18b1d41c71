// Stage objects as JSON (see bitfold/stage_json.h).
#include "bitfold/stage_json.h"

namespace bitfold {

namespace {

std::string text(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) return {};
    if (!it->is_string()) throw Error("", std::string("\"") + key + "\" is not a string");
    return it->get<std::string>();
}

std::uint64_t cycles(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) return 0;
    if (!it->is_number_unsigned()) throw Error("", std::string("\"") + key + "\" is not a cycle count");
    return it->get<std::uint64_t>();
}

} // namespace

SimStage stageFromJson(const nlohmann::json& j) {
    if (!j.is_object()) throw Error("", "a stage is not an object");
    SimStage st;
    st.name = text(j, "name");
    st.layer = text(j, "layer");
    st.kind = text(j, "kind");
    st.cyclesPredicted = cycles(j, "cycles_predicted");
    st.cyclesCounted = cycles(j, "cycles_counted");
    return st;
}

nlohmann::json toJson(const SimStage& s) {
    return {{"name", s.name},
            {"layer", s.layer},
            {"kind", s.kind},
            {"cycles_predicted", s.cyclesPredicted},
            {"cycles_counted", s.cyclesCounted}};
}

} // namespace bitfold
