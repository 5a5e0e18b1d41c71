#include "bitfold/json_io.h"

#include "bitfold/error.h"
#include "bitfold/precision.h"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>

namespace bitfold {

using nlohmann::json;

json parseJson(const std::string& text, const std::string& origin) {
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        // Turn nlohmann's byte offset into line:column, which editors understand.
        const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        int line = 1, col = 1;
        for (std::size_t i = 0; i < at; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        std::string msg = e.what();
        if (const auto p = msg.find("parse error"); p != std::string::npos) msg = msg.substr(p);
        throw Error(origin + ":" + std::to_string(line) + ":" + std::to_string(col), "malformed JSON: " + msg);
    } catch (const json::exception& e) {
        // A number too large for a double ("1e999"): nlohmann reports it as out_of_range.
        throw Error(origin, std::string("malformed JSON: ") + e.what());
    }
}

json readJsonFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "cannot open file");
    std::stringstream ss;
    ss << in.rdbuf();
    return parseJson(ss.str(), path);
}

namespace {

// Typed field access with errors that say where.
template <class T>
T field(const json& j, const char* key, const std::string& where) {
    const auto it = j.find(key);
    if (it == j.end()) throw Error(where, std::string("missing \"") + key + "\"");
    try {
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            // nlohmann converts with a plain cast: 1e300 or 2^40 would become any int.
            using Limits = std::numeric_limits<T>;
            const bool inRange = it->is_number_float()
                ? std::trunc(it->template get<double>()) == it->template get<double>() &&
                    it->template get<double>() >= double(Limits::min()) &&
                    it->template get<double>() < -double(Limits::min())
                : it->is_number_unsigned() ? it->template get<std::uint64_t>() <= std::uint64_t(Limits::max())
                : it->is_number_integer()  ? it->template get<std::int64_t>() >= std::int64_t(Limits::min()) &&
                    it->template get<std::int64_t>() <= std::int64_t(Limits::max())
                                          : true; // other types: get() reports the wrong type
            if (!inRange)
                throw Error(where,
                            std::string("\"") + key + "\" is " + it->dump() + ", not an integer in " +
                                std::to_string(Limits::min()) + ".." + std::to_string(Limits::max()));
        }
        return it->get<T>();
    } catch (const json::exception&) {
        throw Error(where, std::string("\"") + key + "\" has the wrong type (" + it->type_name() + ")");
    }
}

template <class T>
T field(const json& j, const char* key, const std::string& where, T fallback) {
    return j.contains(key) ? field<T>(j, key, where) : fallback;
}

std::string stem(const std::string& path) {
    std::string s = path.substr(path.find_last_of('/') + 1);
    const auto dot = s.rfind('.');
    return dot == std::string::npos ? s : s.substr(0, dot);
}

int bitsField(const json& j, const char* key, const std::string& where) {
    const auto it = j.is_object() ? j.find(key) : j.end();
    if (it == j.end()) throw Error(where, std::string("missing \"") + key + "\"");
    const json& v = *it;
    if (v.is_string()) return bitsFromString(v.get<std::string>(), where);
    return bitsFromString(std::to_string(field<int>(j, key, where)), where);
}

Layer layerFromJson(const json& j, const Layer* prev, std::size_t index, const std::string& origin) {
    if (!j.is_object()) throw Error(origin + ", layer #" + std::to_string(index), "must be an object");
    Layer l;
    l.name = field<std::string>(j, "name", origin + ", layer #" + std::to_string(index), "");
    const std::string where = origin + ", layer " + (l.name.empty() ? "#" + std::to_string(index) : l.name);
    try {
        l.kind = layerKindFromString(field<std::string>(j, "kind", where));
    } catch (const Error& e) {
        throw Error(where, e.what());
    }
    const int prevChannels = prev ? prev->outChannels : 0;
    const int prevDim = prev ? prev->outDim() : 0;
    if (l.kind == LayerKind::Fc) {
        std::int64_t prevFeatures = 0;
        if (prev &&
            (__builtin_mul_overflow(std::int64_t(prev->outChannels), prev->outPixels(), &prevFeatures) ||
             prevFeatures > std::numeric_limits<int>::max()))
            prevFeatures = -1;
        const char* inKey = j.contains("in_features") ? "in_features" : "in_channels";
        if (prevFeatures < 0 && !j.contains(inKey))
            throw Error(where,
                        "\"in_features\" not given, and " + prev->name + " produces more than " +
                            std::to_string(std::numeric_limits<int>::max()) + " values");
        l.inChannels = field<int>(j, inKey, where, int(prevFeatures));
        l.outChannels = field<int>(j, j.contains("out_features") ? "out_features" : "out_channels", where);
    } else if (l.kind == LayerKind::Conv) {
        l.inChannels = field<int>(j, "in_channels", where, prevChannels);
        l.outChannels = field<int>(j, "out_channels", where);
        l.inDim = field<int>(j, "in_dim", where, prevDim);
        l.groups = field<int>(j, "groups", where, 1);
    } else {
        l.inChannels = field<int>(j, j.contains("channels") ? "channels" : "in_channels", where, prevChannels);
        l.outChannels = l.inChannels;
        l.inDim = field<int>(j, "in_dim", where, prevDim);
    }
    if (l.kind != LayerKind::Fc) {
        l.kernel = field<int>(j, "kernel", where);
        l.stride = field<int>(j, "stride", where, l.kind == LayerKind::MaxPool ? l.kernel : 1);
        if (j.contains("padding_total")) {
            l.padTotal = field<int>(j, "padding_total", where);
        } else {
            const int padding = field<int>(j, "padding", where, 0);
            if (padding < 0 || padding > std::numeric_limits<int>::max() / 2)
                throw Error(where,
                            "\"padding\" is " + std::to_string(padding) + ", out of range (0.." +
                                std::to_string(std::numeric_limits<int>::max() / 2) + ")");
            l.padTotal = 2 * padding;
        }
    }
    l.paddedIn = field<int>(j, "padded_in", where, 0);
    l.paddedOut = field<int>(j, "padded_out", where, 0);
    l.activation = field<bool>(j, "activation", where, true);
    if (j.contains("out_dim") && l.kind != LayerKind::Fc) {
        const int expected = field<int>(j, "out_dim", where);
        if (std::int64_t(l.inDim) + l.padTotal >= l.kernel && l.stride > 0 && expected != l.outDim())
            throw Error(where,
                        "out_dim " + std::to_string(expected) + " disagrees with the computed " +
                            std::to_string(l.outDim()));
    }
    return l;
}

} // namespace

Network networkFromJson(const json& j, const std::string& origin) {
    if (!j.is_object()) throw Error(origin, "a network file must hold a JSON object");
    Network net;
    net.id = field<std::string>(j, "id", origin, stem(origin));
    net.name = field<std::string>(j, "name", origin, net.id);
    net.description = field<std::string>(j, "description", origin, "");
    net.dataset = field<std::string>(j, "dataset", origin, "");
    net.inputBits = field<int>(j, "input_bits", origin, 8);
    net.widthScale = field<double>(j, "width_scale", origin, 1.0);
    const json layers = field<json>(j, "layers", origin);
    if (!layers.is_array()) throw Error(origin, "\"layers\" must be an array");
    for (std::size_t i = 0; i < layers.size(); ++i)
        net.layers.push_back(layerFromJson(layers[i], net.layers.empty() ? nullptr : &net.layers.back(), i, origin));
    if (j.contains("published_accuracy")) {
        for (const json& a : j.at("published_accuracy")) {
            const std::string where = origin + ", published_accuracy";
            PublishedAccuracy p;
            p.weightBits = bitsField(a, "weights", where);
            p.actBits = bitsField(a, "acts", where);
            p.top1 = field<double>(a, "top1", where);
            p.dataset = field<std::string>(a, "dataset", where, net.dataset);
            p.source = field<std::string>(a, "source", where);
            net.published.push_back(p);
        }
    }
    try {
        validate(net);
    } catch (const Error& e) {
        throw Error(origin, e.what());
    }
    return net;
}

json toJson(const Network& net) {
    json layers = json::array();
    for (const Layer& l : net.layers) {
        json o = {{"name", l.name}, {"kind", toString(l.kind)}};
        if (l.kind == LayerKind::Fc) {
            o["in_features"] = l.inChannels;
            o["out_features"] = l.outChannels;
        } else {
            o["in_channels"] = l.inChannels;
            if (l.kind == LayerKind::Conv) o["out_channels"] = l.outChannels;
            o["in_dim"] = l.inDim;
            o["kernel"] = l.kernel;
            o["stride"] = l.stride;
            if (l.padTotal % 2)
                o["padding_total"] = l.padTotal;
            else if (l.padTotal)
                o["padding"] = l.padTotal / 2;
            if (l.groups != 1) o["groups"] = l.groups;
        }
        if (l.paddedIn) o["padded_in"] = l.paddedIn;
        if (l.paddedOut) o["padded_out"] = l.paddedOut;
        if (!l.activation) o["activation"] = false;
        layers.push_back(o);
    }
    json j = {{"id", net.id},
              {"name", net.name},
              {"description", net.description},
              {"dataset", net.dataset},
              {"input_bits", net.inputBits},
              {"layers", layers}};
    if (net.widthScale != 1.0) j["width_scale"] = net.widthScale;
    if (!net.published.empty()) {
        json acc = json::array();
        for (const PublishedAccuracy& a : net.published)
            acc.push_back({{"weights", bitsToString(a.weightBits)},
                           {"acts", bitsToString(a.actBits)},
                           {"top1", a.top1},
                           {"dataset", a.dataset},
                           {"source", a.source}});
        j["published_accuracy"] = acc;
    }
    return j;
}

namespace {

Resources resourcesFromJson(const json& j, const std::string& where) {
    Resources r;
    r.lut = field<double>(j, "lut", where, 0.0);
    r.ff = field<double>(j, "ff", where, 0.0);
    r.bram18 = 2 * field<double>(j, "bram36", where, 0.0);
    r.uram = field<double>(j, "uram", where, 0.0);
    r.dsp = field<double>(j, "dsp", where, 0.0);
    return r;
}

DeviceFamily familyFromString(const std::string& s, const std::string& where) {
    if (s == "7series") return DeviceFamily::Series7;
    if (s == "ultrascale") return DeviceFamily::UltraScale;
    if (s == "ultrascale+") return DeviceFamily::UltraScalePlus;
    throw Error(where, "unknown family '" + s + "' (valid: 7series, ultrascale, ultrascale+)");
}

} // namespace

Device deviceFromJson(const json& j, const std::string& origin) {
    if (!j.is_object()) throw Error(origin, "a device file must hold a JSON object");
    Device d;
    d.id = field<std::string>(j, "id", origin, stem(origin));
    d.name = field<std::string>(j, "name", origin, d.id);
    d.aliases = field<std::vector<std::string>>(j, "aliases", origin, {});
    d.family = familyFromString(field<std::string>(j, "family", origin, "7series"), origin);
    d.total = resourcesFromJson(j, origin);
    d.clockMhz = field<double>(j, "clock_mhz", origin, 100.0);
    d.source = field<std::string>(j, "source", origin, "");
    if (j.contains("shell")) {
        d.shell = resourcesFromJson(j.at("shell"), origin + ", shell");
        d.shellNote = field<std::string>(j.at("shell"), "note", origin + ", shell", "");
    }
    if (j.contains("memory_port")) {
        const json& port = j.at("memory_port");
        const std::string where = origin + ", memory_port";
        if (!port.is_object()) throw Error(where, "must be an object");
        d.port.bits = field<int>(port, "bits", where);
        d.port.clockMhz = field<double>(port, "clock_mhz", where, 0.0);
        d.port.note = field<std::string>(port, "note", where, "");
        if (d.port.bits < 32 || d.port.bits > 4096 || d.port.bits % 32 != 0)
            throw Error(where, "\"bits\" " + std::to_string(d.port.bits) + " must be a multiple of 32 in 32..4096");
        if (!(d.port.clockMhz >= 0) || !std::isfinite(d.port.clockMhz))
            throw Error(where, "\"clock_mhz\" must be 0 (the kernel clock) or positive");
    }
    d.launchOverheadUs = field<double>(j, "launch_overhead_us", origin, 0.0);
    d.launchNote = field<std::string>(j, "launch_note", origin, "");
    d.maxComputeUnits = field<int>(j, "max_compute_units", origin, 1);
    if (!(d.launchOverheadUs >= 0) || !std::isfinite(d.launchOverheadUs))
        throw Error(origin, "\"launch_overhead_us\" must be a non-negative number");
    if (d.maxComputeUnits < 1 || d.maxComputeUnits > 64)
        throw Error(origin, "\"max_compute_units\" " + std::to_string(d.maxComputeUnits) + " is outside 1..64");
    if (!(d.total.lut > 0)) throw Error(origin, "\"lut\" must be positive");
    if (!(d.clockMhz > 0)) throw Error(origin, "\"clock_mhz\" must be positive");
    for (ResourceKind k : kAllResources)
        if (get(d.shell, k) > get(d.total, k))
            throw Error(origin, std::string("the shell reserves more ") + toString(k) + " than the device has");
    return d;
}

json toJson(const Resources& r) {
    return {{"lut", r.lut},   {"ff", r.ff},   {"bram18", r.bram18}, {"bram36", r.bram36()},
            {"uram", r.uram}, {"dsp", r.dsp}, {"lutram", r.lutram}};
}

json toJson(const Device& d) {
    json shell = toJson(d.shell);
    shell["note"] = d.shellNote;
    return {{"id", d.id},
            {"name", d.name},
            {"aliases", d.aliases},
            {"family", toString(d.family)},
            {"lut", d.total.lut},
            {"ff", d.total.ff},
            {"bram36", d.total.bram36()},
            {"uram", d.total.uram},
            {"dsp", d.total.dsp},
            {"clock_mhz", d.clockMhz},
            {"memory_port", {{"bits", d.port.bits}, {"clock_mhz", d.port.clockMhz}, {"note", d.port.note}}},
            {"launch_overhead_us", d.launchOverheadUs},
            {"launch_note", d.launchNote},
            {"max_compute_units", d.maxComputeUnits},
            {"shell", shell},
            {"source", d.source}};
}

Folding foldingFromJson(const json& j, const Network& net, const std::string& origin) {
    const json layers = j.is_array() ? j : field<json>(j, "layers", origin);
    if (!layers.is_array()) throw Error(origin, "\"layers\" must be an array");
    Folding f = minimalFolding(net);
    if (j.is_object()) f.computeUnits = field<int>(j, "compute_units", origin, 1);
    if (f.computeUnits < 1)
        throw Error(origin, "\"compute_units\" " + std::to_string(f.computeUnits) + " must be at least 1");
    const auto index = layerIndexByName(net);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const json& e = layers[i];
        const std::string name = field<std::string>(e, "name", origin + ", entry #" + std::to_string(i));
        const std::string where = origin + ", layer " + name;
        const auto found = index.find(name);
        if (found == index.end()) throw Error(where, "is not a layer of network " + net.id);
        const int idx = found->second;
        if (!net.layers[idx].isMatrix()) continue; // pooling inherits its producer's stream
        f.layers[idx].pe = field<int>(e, "pe", where, 1);
        f.layers[idx].simd = field<int>(e, "simd", where, 1);
        f.layers[idx].mmv = field<int>(e, "mmv", where, 1);
        try {
            if (e.contains("memory"))
                f.layers[idx].memory = memoryStyleFromString(field<std::string>(e, "memory", where));
            if (e.contains("res_type"))
                f.layers[idx].product = productResourceFromString(field<std::string>(e, "res_type", where));
            if (e.contains("thresholds"))
                f.layers[idx].thresholds = thresholdUnitFromString(field<std::string>(e, "thresholds", where));
        } catch (const Error& err) {
            throw Error(where, err.what());
        }
    }
    return f;
}

Folding loadFoldingFile(const std::string& path, const Network& net) {
    return foldingFromJson(readJsonFile(path), net, path);
}

json toJson(const Folding& folding, const Network& net) {
    json layers = json::array();
    for (std::size_t i = 0; i < net.layers.size() && i < folding.layers.size(); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        json o = {{"name", net.layers[i].name}, {"pe", folding.layers[i].pe}, {"simd", folding.layers[i].simd}};
        if (folding.layers[i].mmv != 1) o["mmv"] = folding.layers[i].mmv;
        if (folding.layers[i].memory != MemoryStyle::Auto) o["memory"] = toString(folding.layers[i].memory);
        if (folding.layers[i].product != ProductResource::Lut) o["res_type"] = toString(folding.layers[i].product);
        if (folding.layers[i].thresholds != ThresholdUnit::Parallel)
            o["thresholds"] = toString(folding.layers[i].thresholds);
        layers.push_back(o);
    }
    json out = {{"layers", layers}};
    if (folding.computeUnits != 1) out["compute_units"] = folding.computeUnits;
    return out;
}

} // namespace bitfold
