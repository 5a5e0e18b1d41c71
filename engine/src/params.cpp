// Parameter packages: package.json + params.bin, format in docs/semantics.md.
#include "bitfold/params.h"
#include "params_internal.h"

#include "bitfold/error.h"
#include "bitfold/json_io.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace bitfold {

using namespace detail;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFormat = "bitfold-params";
constexpr int kVersion = 1;

std::int64_t weightBytes(std::int64_t count, int w) { return (count * w + 7) / 8; }

/// Checks one layer's unpacked parameters against its network layer; `where` is the file.
void checkLayer(const Layer& l, const LayerParams& p, const std::string& where) {
    const std::string tag = layerTag(l);
    if (!l.isMatrix()) {
        if (!p.weights.empty() || !p.thresholds.empty()) throw Error(where, tag + "a max-pool layer has no parameters");
        return;
    }
    if (p.weightBits < 1 || p.weightBits > 8)
        throw Error(where, tag + "weight bits " + std::to_string(p.weightBits) + " outside 1..8");
    if (l.activation && (p.actBits < 1 || p.actBits > 8))
        throw Error(where, tag + "activation bits " + std::to_string(p.actBits) + " outside 1..8");
    if (!l.activation && p.actBits != 0)
        throw Error(where, tag + "the layer has no activation but activation bits " + std::to_string(p.actBits));
    if (p.mh != l.outChannels || p.mw != l.logicalMatrixWidth())
        throw Error(where,
                    tag + "matrix " + std::to_string(p.mh) + "x" + std::to_string(p.mw) +
                        " does not match the network's " + std::to_string(l.outChannels) + "x" +
                        std::to_string(l.logicalMatrixWidth()) + " (MH x MW, logical)");
    if (std::int64_t(p.weights.size()) != p.mh * p.mw)
        throw Error(where,
                    tag + std::to_string(p.weights.size()) +
                        " weights, expected MH*MW = " + std::to_string(p.mh * p.mw));
    const int wmax = weightMax(p.weightBits);
    for (std::size_t n = 0; n < p.weights.size(); ++n) {
        const int v = p.weights[n];
        if (v < -wmax || v > wmax || (p.weightBits == 1 && v == 0))
            throw Error(
                where,
                tag + "weight " + std::to_string(n) + " (row " + std::to_string(n / p.mw) + ") = " + std::to_string(v) +
                    " outside the " + std::to_string(p.weightBits) + "-bit range " +
                    (p.weightBits == 1 ? "{-1, +1}" : "[" + std::to_string(-wmax) + ", " + std::to_string(wmax) + "]"));
    }
    const std::int64_t t = thresholdCount(p.actBits);
    if (std::int64_t(p.thresholds.size()) != p.mh * t)
        throw Error(where,
                    tag + std::to_string(p.thresholds.size()) +
                        " thresholds, expected MH*(2^A-1) = " + std::to_string(p.mh * t));
    for (std::int64_t o = 0; o < p.mh; ++o)
        for (std::int64_t k = 0; k + 1 < t; ++k) {
            const std::int32_t a = p.thresholds[o * t + k], b = p.thresholds[o * t + k + 1];
            if (a > b)
                throw Error(where,
                            tag + "thresholds of output channel " + std::to_string(o) + " do not ascend (t[" +
                                std::to_string(k) + "] = " + std::to_string(a) + " > t[" + std::to_string(k + 1) +
                                "] = " + std::to_string(b) + ")");
        }
}

// --- packing -------------------------------------------------------------------------

std::vector<std::uint8_t> packWeights(const std::vector<std::int8_t>& w, int bits) {
    std::vector<std::uint8_t> out(weightBytes(std::int64_t(w.size()), bits), 0);
    const unsigned mask = (1u << bits) - 1;
    for (std::size_t n = 0; n < w.size(); ++n) {
        const unsigned code = bits == 1 ? (w[n] > 0 ? 1u : 0u) : unsigned(w[n]) & mask;
        const std::size_t bit = n * bits;
        const unsigned shifted = code << (bit % 8);
        out[bit / 8] |= std::uint8_t(shifted);
        if (shifted >> 8) out[bit / 8 + 1] |= std::uint8_t(shifted >> 8);
    }
    return out;
}

std::vector<std::int8_t> unpackWeights(const std::uint8_t* data, std::size_t bytes, std::int64_t count, int bits) {
    std::vector<std::int8_t> out(count);
    const unsigned mask = (1u << bits) - 1;
    for (std::int64_t n = 0; n < count; ++n) {
        const std::size_t bit = std::size_t(n) * bits;
        const std::size_t byte = bit / 8;
        unsigned word = data[byte];
        if (byte + 1 < bytes) word |= unsigned(data[byte + 1]) << 8;
        const unsigned code = (word >> (bit % 8)) & mask;
        if (bits == 1)
            out[n] = code ? 1 : -1;
        else
            out[n] = std::int8_t(code & (1u << (bits - 1)) ? int(code) - (1 << bits) : int(code));
    }
    return out;
}

void appendInt32(std::vector<std::uint8_t>& out, std::int32_t v) {
    const auto u = std::uint32_t(v);
    for (int b = 0; b < 4; ++b) out.push_back(std::uint8_t(u >> (8 * b)));
}

std::int32_t readInt32(const std::uint8_t* p) {
    return std::int32_t(std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
                        std::uint32_t(p[3]) << 24);
}

// --- JSON helpers that turn type errors into Errors ------------------------------------

const json& member(const json& obj, const char* key, const std::string& where, const std::string& ctx) {
    if (!obj.is_object() || !obj.contains(key)) throw Error(where, ctx + "missing \"" + key + "\"");
    return obj.at(key);
}

std::int64_t intMember(const json& obj, const char* key, const std::string& where, const std::string& ctx) {
    const json& v = member(obj, key, where, ctx);
    if (!v.is_number_integer()) throw Error(where, ctx + "\"" + key + "\" must be an integer, not " + v.dump());
    return v.get<std::int64_t>();
}

struct Section {
    std::int64_t offset = 0, bytes = 0;
};

Section sectionMember(const json& obj, const char* key, const std::string& where, const std::string& ctx) {
    const json& s = member(obj, key, where, ctx);
    const std::string sctx = ctx + key + ": ";
    if (!s.is_object()) throw Error(where, sctx + "must be an object {\"offset\", \"bytes\"}");
    Section sec{intMember(s, "offset", where, sctx), intMember(s, "bytes", where, sctx)};
    if (sec.offset < 0 || sec.bytes < 0) throw Error(where, sctx + "negative offset or size");
    return sec;
}

/// Checks a section lies inside params.bin and has the size its shape requires.
void checkSection(const Section& s, std::int64_t expected, std::int64_t fileSize, const std::string& binPath,
                  const std::string& ctx) {
    if (s.offset + s.bytes > fileSize)
        throw Error(binPath,
                    ctx + "section [" + std::to_string(s.offset) + ", +" + std::to_string(s.bytes) +
                        ") extends past the end of the file (" + std::to_string(fileSize) + " bytes): truncated?");
    if (s.bytes != expected)
        throw Error(binPath,
                    ctx + "section has " + std::to_string(s.bytes) + " bytes, its shape and bits need " +
                        std::to_string(expected));
}

std::vector<std::uint8_t> readBinary(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "cannot open the parameter payload");
    std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(path, "read error");
    return data;
}

LayerParams readLayer(const Layer& l, const json& e, const std::vector<std::uint8_t>& bin, const std::string& jsonPath,
                      const std::string& binPath) {
    const std::string tag = layerTag(l);
    LayerParams p;
    if (!l.isMatrix()) {
        for (const char* key : {"weights", "thresholds"})
            if (e.contains(key) && !e.at(key).is_null())
                throw Error(jsonPath, tag + "a max-pool layer has no \"" + key + "\"");
        return p;
    }
    p.weightBits = int(intMember(e, "weight_bits", jsonPath, tag));
    const bool hasAct = e.contains("act_bits") && !e.at("act_bits").is_null();
    p.actBits = hasAct ? int(intMember(e, "act_bits", jsonPath, tag)) : 0;
    p.mh = intMember(e, "mh", jsonPath, tag);
    p.mw = intMember(e, "mw", jsonPath, tag);
    if (p.weightBits < 1 || p.weightBits > 8)
        throw Error(jsonPath, tag + "weight_bits " + std::to_string(p.weightBits) + " outside 1..8");
    if (l.activation && (p.actBits < 1 || p.actBits > 8))
        throw Error(jsonPath, tag + "act_bits must be 1..8 for a layer with activation");
    if (!l.activation && p.actBits != 0)
        throw Error(jsonPath, tag + "act_bits must be 0 or null: the network says the layer has no activation");
    if (p.mh != l.outChannels || p.mw != l.logicalMatrixWidth())
        throw Error(jsonPath,
                    tag + "mh x mw = " + std::to_string(p.mh) + "x" + std::to_string(p.mw) + " but the network gives " +
                        std::to_string(l.outChannels) + "x" + std::to_string(l.logicalMatrixWidth()));

    const auto fileSize = std::int64_t(bin.size());
    const Section ws = sectionMember(e, "weights", jsonPath, tag);
    checkSection(ws, weightBytes(p.mh * p.mw, p.weightBits), fileSize, binPath, tag + "weights ");
    p.weights = unpackWeights(bin.data() + ws.offset, std::size_t(ws.bytes), p.mh * p.mw, p.weightBits);

    const bool hasThresholds = e.contains("thresholds") && !e.at("thresholds").is_null();
    if (l.activation != hasThresholds)
        throw Error(jsonPath,
                    tag +
                        (l.activation ? "missing \"thresholds\" for a layer with activation"
                                      : "\"thresholds\" must be null for a layer without activation"));
    if (hasThresholds) {
        const Section ts = sectionMember(e, "thresholds", jsonPath, tag);
        const std::int64_t count = p.mh * thresholdCount(p.actBits);
        checkSection(ts, 4 * count, fileSize, binPath, tag + "thresholds ");
        p.thresholds.resize(count);
        for (std::int64_t k = 0; k < count; ++k) p.thresholds[k] = readInt32(bin.data() + ts.offset + 4 * k);
    }
    checkLayer(l, p, binPath);
    return p;
}

} // namespace

/// A matrix layer without activation feeds raw accumulators on: only allowed at the end.
void detail::checkChain(const Network& net, const std::string& where) {
    for (std::size_t i = 0; i + 1 < net.layers.size(); ++i)
        if (net.layers[i].isMatrix() && !net.layers[i].activation)
            throw Error(where,
                        layerTag(net.layers[i]) +
                            "only the last layer may have no activation (the accelerator streams activations)");
}

std::vector<LayerPrecision> ParamPackage::precision() const {
    std::vector<LayerPrecision> out;
    int bits = inputBits;
    for (std::size_t i = 0; i < network.layers.size() && i < layers.size(); ++i) {
        const Layer& l = network.layers[i];
        LayerPrecision lp;
        lp.inputBits = bits;
        if (!l.isMatrix()) {
            lp.outputBits = bits;
        } else {
            lp.weightBits = layers[i].weightBits;
            lp.outputBits = l.activation ? layers[i].actBits : accumulatorBits(l.matrixWidth(), lp.weightBits, bits);
        }
        bits = lp.outputBits;
        out.push_back(lp);
    }
    return out;
}

ParamPackage loadPackage(const std::string& dir) {
    const std::string jsonPath = (fs::path(dir) / "package.json").string();
    const std::string binPath = (fs::path(dir) / "params.bin").string();
    if (!fs::exists(jsonPath)) throw Error(jsonPath, "no such file: " + dir + " is not a parameter package");
    const json j = readJsonFile(jsonPath);
    ParamPackage pkg;
    try {
        if (!j.is_object()) throw Error(jsonPath, "top level must be an object");
        const json& format = member(j, "format", jsonPath, "");
        if (!format.is_string() || format.get<std::string>() != kFormat)
            throw Error(jsonPath, "format " + format.dump() + " is not \"" + kFormat + "\"");
        const std::int64_t version = intMember(j, "version", jsonPath, "");
        if (version != kVersion)
            throw Error(jsonPath,
                        "unsupported version " + std::to_string(version) + " (this build reads version " +
                            std::to_string(kVersion) + ")");
        pkg.network = networkFromJson(member(j, "network", jsonPath, ""), jsonPath + ": network");
        validate(pkg.network);
        checkChain(pkg.network, jsonPath);
        pkg.inputBits = int(intMember(j, "input_bits", jsonPath, ""));
        if (pkg.inputBits < 1 || pkg.inputBits > 8)
            throw Error(jsonPath, "input_bits " + std::to_string(pkg.inputBits) + " outside 1..8");
        if (j.contains("dataset") && !j.at("dataset").is_null()) {
            if (!j.at("dataset").is_string()) throw Error(jsonPath, "\"dataset\" must be a string");
            pkg.dataset = j.at("dataset").get<std::string>();
        }
        if (j.contains("training") && !j.at("training").is_null()) pkg.trainingJson = j.at("training").dump();
        if (j.contains("accuracy") && !j.at("accuracy").is_null()) {
            const json& acc = j.at("accuracy");
            const json& top1 = member(acc, "top1", jsonPath, "accuracy: ");
            if (!top1.is_number() || top1.get<double>() < 0 || top1.get<double>() > 1)
                throw Error(jsonPath, "accuracy: \"top1\" must be a fraction in [0, 1]");
            pkg.accuracy = top1.get<double>();
            pkg.accuracyImages = int(intMember(acc, "images", jsonPath, "accuracy: "));
        }

        const json& layers = member(j, "layers", jsonPath, "");
        const auto& netLayers = pkg.network.layers;
        if (!layers.is_array() || layers.size() != netLayers.size())
            throw Error(jsonPath,
                        "\"layers\" lists " + std::to_string(layers.is_array() ? layers.size() : 0) +
                            " entries, the network has " + std::to_string(netLayers.size()) + " layers");
        for (std::size_t i = 0; i < netLayers.size(); ++i) {
            const json& e = layers[i];
            const json& name = member(e, "name", jsonPath, "layers[" + std::to_string(i) + "]: ");
            if (!name.is_string() || name.get<std::string>() != netLayers[i].name)
                throw Error(jsonPath,
                            "layers[" + std::to_string(i) + "] is " + name.dump() + " but the network's layer " +
                                std::to_string(i) + " is layer " + netLayers[i].name);
        }
        if (!fs::exists(binPath)) throw Error(binPath, "no such file: the package's payload is missing");
        const std::vector<std::uint8_t> bin = readBinary(binPath);
        for (std::size_t i = 0; i < netLayers.size(); ++i)
            pkg.layers.push_back(readLayer(netLayers[i], layers[i], bin, jsonPath, binPath));
    } catch (const json::exception& e) {
        throw Error(jsonPath, e.what());
    }
    return pkg;
}

void savePackage(const ParamPackage& pkg, const std::string& dir) {
    const std::string binPath = (fs::path(dir) / "params.bin").string();
    const std::string jsonPath = (fs::path(dir) / "package.json").string();
    const auto& netLayers = pkg.network.layers;
    if (pkg.layers.size() != netLayers.size())
        throw Error(dir,
                    "the package has " + std::to_string(pkg.layers.size()) + " layer entries, its network " +
                        std::to_string(netLayers.size()) + " layers");
    if (pkg.inputBits < 1 || pkg.inputBits > 8)
        throw Error(dir, "input bits " + std::to_string(pkg.inputBits) + " outside 1..8");
    checkChain(pkg.network, dir);

    std::vector<std::uint8_t> bin;
    json layers = json::array();
    auto align = [&bin] {
        while (bin.size() % 4) bin.push_back(0);
    };
    for (std::size_t i = 0; i < netLayers.size(); ++i) {
        const Layer& l = netLayers[i];
        const LayerParams& p = pkg.layers[i];
        checkLayer(l, p, dir);
        json e = {{"name", l.name}};
        if (l.isMatrix()) {
            e["weight_bits"] = p.weightBits;
            e["act_bits"] = p.actBits;
            e["mh"] = p.mh;
            e["mw"] = p.mw;
            align();
            const auto packed = packWeights(p.weights, p.weightBits);
            e["weights"] = {{"offset", bin.size()}, {"bytes", packed.size()}};
            bin.insert(bin.end(), packed.begin(), packed.end());
            if (l.activation) {
                align();
                e["thresholds"] = {{"offset", bin.size()}, {"bytes", 4 * p.thresholds.size()}};
                for (std::int32_t t : p.thresholds) appendInt32(bin, t);
            } else {
                e["thresholds"] = nullptr;
            }
        }
        layers.push_back(std::move(e));
    }

    json j = {{"format", kFormat},           {"version", kVersion},    {"network", toJson(pkg.network)},
              {"input_bits", pkg.inputBits}, {"dataset", pkg.dataset}, {"layers", std::move(layers)}};
    if (!pkg.trainingJson.empty()) j["training"] = parseJson(pkg.trainingJson, "training");
    if (pkg.accuracy)
        j["accuracy"] = {
            {"top1", *pkg.accuracy}, {"images", pkg.accuracyImages}, {"measured_by", "golden-integer-reference"}};

    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(dir, "cannot create the package directory: " + ec.message());
    {
        std::ofstream out(binPath, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bin.data()), std::streamsize(bin.size()));
        if (!out.flush()) throw Error(binPath, "cannot write");
    }
    std::ofstream out(jsonPath, std::ios::trunc);
    out << j.dump(2) << '\n';
    if (!out.flush()) throw Error(jsonPath, "cannot write");
}

} // namespace bitfold
