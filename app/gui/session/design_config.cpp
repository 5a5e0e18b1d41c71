#include "session/design_config.h"

#include "bitfold/error.h"

namespace bitfold::gui {

const char* toString(FoldingMode m) {
    switch (m) {
    case FoldingMode::MaxFps: return "max-fps";
    case FoldingMode::TargetFps: return "target-fps";
    case FoldingMode::Manual: return "manual";
    }
    return "?";
}

FoldingMode foldingModeFromString(const std::string& s) {
    if (s == "max-fps") return FoldingMode::MaxFps;
    if (s == "target-fps") return FoldingMode::TargetFps;
    if (s == "manual") return FoldingMode::Manual;
    throw Error("folding_mode", "unknown folding mode '" + s + "' (valid: max-fps, target-fps, manual)");
}

FoldingRequest DesignConfig::foldingRequest() const {
    FoldingRequest r;
    r.goal = mode == FoldingMode::TargetFps ? FoldingGoal::TargetFps : FoldingGoal::MaxFps;
    r.targetFps = targetFps;
    r.limits = limits;
    r.clockMhz = clockMhz;
    r.model = model;
    return r;
}

const UserAccuracy* DesignConfig::userAccuracy() const {
    for (const UserAccuracy& u : userAccuracies)
        if (u.network == network && u.precision == precision) return &u;
    return nullptr;
}

void DesignConfig::setUserAccuracy(double top1, const std::string& dataset) {
    std::erase_if(userAccuracies,
                  [this](const UserAccuracy& u) { return u.network == network && u.precision == precision; });
    if (top1 >= 0) userAccuracies.push_back({network, precision, top1, dataset});
}

namespace {

nlohmann::json overridesJson(const PrecisionSpec& p) {
    nlohmann::json overrides = nlohmann::json::array();
    for (const auto& o : p.overrides)
        overrides.push_back({{"layer", o.layer}, {"weights", o.weightBits}, {"acts", o.actBits}});
    return overrides;
}

} // namespace

nlohmann::json toJson(const DesignConfig& c) {
    nlohmann::json users = nlohmann::json::array();
    for (const UserAccuracy& u : c.userAccuracies)
        users.push_back({{"network", u.network},
                         {"weights", u.precision.weightBits},
                         {"acts", u.precision.actBits},
                         {"input_bits", u.precision.inputBits},
                         {"overrides", overridesJson(u.precision)},
                         {"top1", u.top1},
                         {"dataset", u.dataset}});
    nlohmann::json folding = nlohmann::json::array();
    for (const auto& f : c.manualFolding.layers)
        folding.push_back({{"pe", f.pe}, {"simd", f.simd}, {"memory", toString(f.memory)}});
    return {{"bitfold_session", 1},
            {"network", c.network},
            {"weights", c.precision.weightBits},
            {"acts", c.precision.actBits},
            {"input_bits", c.precision.inputBits},
            {"overrides", overridesJson(c.precision)},
            {"device", c.device},
            {"clock_mhz", c.clockMhz},
            {"model", toString(c.model)},
            {"compare_models", c.compareModels},
            {"folding_mode", toString(c.mode)},
            {"target_fps", c.targetFps},
            {"limits",
             {{"lut", c.limits.lut},
              {"ff", c.limits.ff},
              {"bram", c.limits.bram},
              {"uram", c.limits.uram},
              {"dsp", c.limits.dsp}}},
            {"manual_folding", folding},
            {"user_accuracies", users}};
}

namespace {

template <typename T>
void read(const nlohmann::json& j, const char* key, T& out, const std::string& origin) {
    if (!j.contains(key)) return;
    try {
        out = j.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(origin, std::string("'") + key + "' has the wrong type");
    }
}

void readPrecision(const nlohmann::json& j, PrecisionSpec& p, const std::string& origin) {
    read(j, "weights", p.weightBits, origin);
    read(j, "acts", p.actBits, origin);
    read(j, "input_bits", p.inputBits, origin);
    if (j.contains("overrides") && j["overrides"].is_array())
        for (const auto& o : j["overrides"]) {
            LayerPrecisionOverride ov;
            read(o, "layer", ov.layer, origin);
            read(o, "weights", ov.weightBits, origin);
            read(o, "acts", ov.actBits, origin);
            p.overrides.push_back(ov);
        }
}

} // namespace

DesignConfig designConfigFromJson(const nlohmann::json& j, const std::string& origin) {
    if (!j.is_object() || !j.contains("bitfold_session"))
        throw Error(origin, "not a Bitfold session (no \"bitfold_session\" key)");
    DesignConfig c;
    read(j, "network", c.network, origin);
    readPrecision(j, c.precision, origin);
    read(j, "device", c.device, origin);
    read(j, "clock_mhz", c.clockMhz, origin);
    read(j, "compare_models", c.compareModels, origin);
    read(j, "target_fps", c.targetFps, origin);
    std::string s;
    read(j, "model", s, origin);
    if (!s.empty()) c.model = costModelFromString(s);
    s.clear();
    read(j, "folding_mode", s, origin);
    if (!s.empty()) c.mode = foldingModeFromString(s);
    if (j.contains("limits") && j["limits"].is_object()) {
        const auto& l = j["limits"];
        read(l, "lut", c.limits.lut, origin);
        read(l, "ff", c.limits.ff, origin);
        read(l, "bram", c.limits.bram, origin);
        read(l, "uram", c.limits.uram, origin);
        read(l, "dsp", c.limits.dsp, origin);
    }
    if (j.contains("manual_folding") && j["manual_folding"].is_array())
        for (const auto& f : j["manual_folding"]) {
            LayerFolding lf;
            read(f, "pe", lf.pe, origin);
            read(f, "simd", lf.simd, origin);
            std::string mem;
            read(f, "memory", mem, origin);
            if (!mem.empty()) lf.memory = memoryStyleFromString(mem);
            c.manualFolding.layers.push_back(lf);
        }
    if (j.contains("user_accuracies") && j["user_accuracies"].is_array())
        for (const auto& u : j["user_accuracies"]) {
            UserAccuracy a;
            read(u, "network", a.network, origin);
            readPrecision(u, a.precision, origin);
            read(u, "top1", a.top1, origin);
            read(u, "dataset", a.dataset, origin);
            if (!(a.top1 >= 0 && a.top1 <= 1))
                throw Error(origin, "user_accuracies: top1 must be a fraction in [0, 1]");
            c.userAccuracies.push_back(a);
        }
    if (!isValidBits(c.precision.weightBits) || !isValidBits(c.precision.actBits))
        throw Error(origin, "weights/acts must be 1..8, 16 or 32 (float32)");
    if (!(c.clockMhz > 0 && c.clockMhz <= 1000)) throw Error(origin, "clock_mhz must be in (0, 1000]");
    return c;
}

} // namespace bitfold::gui
