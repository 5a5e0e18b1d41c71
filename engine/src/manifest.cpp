// The trained models' manifest, read strictly, and which trained model is a design.
#include "bitfold/manifest.h"

#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"

#include <climits>
#include <filesystem>
#include <mutex>
#include <set>

namespace bitfold {

namespace {

using nlohmann::json;

/// One entry's fields, each under exactly one key; errors name the file, the entry and the key.
class EntryReader {
public:
    EntryReader(const json& e, const std::string& path, std::size_t index) : m_e(e), m_path(path) {
        m_tag = "models[" + std::to_string(index) + "]";
        if (!e.is_object()) fail("is not an object");
        if (e.contains("id") && e["id"].is_string()) m_tag += " (" + e["id"].get<std::string>() + ")";
    }

    [[noreturn]] void fail(const std::string& what) const { throw Error(m_path, m_tag + ": " + what); }

    bool has(const char* key) const { return m_e.contains(key) && !m_e[key].is_null(); }

    std::string text(const char* key) const {
        if (!has(key)) fail(std::string("\"") + key + "\" is missing");
        if (!m_e[key].is_string()) fail(std::string("\"") + key + "\" is not a string");
        return m_e[key].get<std::string>();
    }

    int integer(const char* key, int min) const {
        if (!has(key)) fail(std::string("\"") + key + "\" is missing");
        if (!m_e[key].is_number_integer()) fail(std::string("\"") + key + "\" is not an integer");
        const json& v = m_e[key];
        if (v.is_number_unsigned() ? v.get<unsigned long long>() > unsigned(INT_MAX)
                                   : v.get<long long>() < min || v.get<long long>() > INT_MAX)
            fail(std::string("\"") + key + "\" is out of range (" + std::to_string(min) + " or more)");
        return v.get<int>();
    }

    int bits(const json& v, const std::string& key) const {
        if (!v.is_number_integer() || !isValidBits(v.get<int>()))
            fail("\"" + key + "\" is not a precision in bits (1..8, 16, 32 = float32)");
        return v.get<int>();
    }
    int bits(const char* key) const {
        if (!has(key)) fail(std::string("\"") + key + "\" is missing");
        return bits(m_e[key], key);
    }

    double fraction(const char* key) const {
        if (!has(key)) fail(std::string("\"") + key + "\" is missing");
        if (!m_e[key].is_number()) fail(std::string("\"") + key + "\" is not a number");
        const double v = m_e[key].get<double>();
        if (!(v >= 0 && v <= 1))
            fail(std::string("\"") + key + "\" " + std::to_string(v) + " is not a fraction (0..1)");
        return v;
    }

    const json& at(const char* key) const { return m_e[key]; }

private:
    const json& m_e;
    const std::string& m_path;
    std::string m_tag;
};

ManifestEntry readEntry(const EntryReader& r, const std::string& dataset, const std::string& source) {
    ManifestEntry m;
    m.id = r.text("id");
    m.network = r.text("network");
    if (m.network != "mlp" && m.network != "cnv-fm")
        r.fail("\"network\" '" + m.network + "' is not one bitfold-train trains (mlp, cnv-fm)");
    m.width = r.integer("width", 1);
    m.layers = r.integer("layers", 0);
    if (m.network == "mlp" && m.layers < 1) r.fail("\"layers\" must be 1 or more for an mlp");
    if (m.network != "mlp" && m.layers != 0) r.fail("\"layers\" must be 0 for a " + m.network);
    m.weightBits = r.bits("weight_bits");
    m.actBits = r.bits("act_bits");
    if (r.has("input_bits")) m.inputBits = r.bits("input_bits");
    if (r.has("layer_bits")) {
        const json& lb = r.at("layer_bits");
        if (!lb.is_array() || lb.empty()) r.fail("\"layer_bits\" is not a list of layers");
        for (const json& l : lb)
            if (!l.is_object() || !l.contains("weight_bits")) r.fail("\"layer_bits\" entries need \"weight_bits\"");
        const int first = r.bits(lb.front()["weight_bits"], "layer_bits[0].weight_bits");
        const int last = r.bits(lb.back()["weight_bits"], "layer_bits[-1].weight_bits");
        // Sweeps name only the first/last-layer form ("-first8"); any other mix is no sweep design.
        m.edgeWeightBits = first != last ? -1 : first != m.weightBits ? first : 0;
    }
    if (r.has("package")) m.package = r.text("package");
    if (r.has("dataset"))
        m.accuracy.dataset = r.text("dataset");
    else
        m.accuracy.dataset = dataset;

    m.accuracy.kind = AccuracyKind::Measured;
    m.accuracy.top1 = r.fraction("accuracy");
    if (r.has("accuracy_sd")) m.accuracy.sd = r.fraction("accuracy_sd");
    m.accuracy.seeds = 1;
    if (r.has("seeds")) {
        const json& seeds = r.at("seeds");
        if (!seeds.is_array() || seeds.empty()) r.fail("\"seeds\" is not a list of seeds");
        for (const json& s : seeds)
            if (!s.is_number_integer()) r.fail("\"seeds\" holds a value that is not an integer");
        m.accuracy.seeds = int(seeds.size());
    }
    std::string text = "bitfold-train " + m.id + " (" + source;
    if (r.has("measured_by")) text += ", " + r.text("measured_by");
    if (r.has("test_images")) text += ", " + std::to_string(r.integer("test_images", 0)) + " test images";
    if (m.accuracy.seeds > 1) text += ", mean of " + std::to_string(m.accuracy.seeds) + " seeds";
    m.accuracy.source = text + ")";
    return m;
}

/// `path` names the file in errors, `source` in the accuracies' provenance.
Manifest parseAs(const json& j, const std::string& path, const std::string& source) {
    if (!j.is_object()) throw Error(path, "not a models manifest (not a JSON object)");
    if (j.contains("format") && j["format"] != "bitfold-models")
        throw Error(path, "not a models manifest (\"format\" is not \"bitfold-models\")");
    if (!j.contains("models") || !j["models"].is_array())
        throw Error(path, "not a models manifest (no \"models\" list)");
    Manifest out;
    out.path = path;
    out.dataset = "fashion-mnist";
    if (j.contains("dataset")) {
        if (!j["dataset"].is_string()) throw Error(path, "\"dataset\" is not a string");
        out.dataset = j["dataset"].get<std::string>();
    }
    std::set<std::string> ids;
    const json& models = j["models"];
    for (std::size_t i = 0; i < models.size(); ++i) {
        const EntryReader r(models[i], path, i);
        out.models.push_back(readEntry(r, out.dataset, source));
        if (!ids.insert(out.models.back().id).second) r.fail("the id is listed twice");
    }
    return out;
}

/// Hidden width and depth of an MLP 784 -> N x H -> 10, or {0, 0}.
std::pair<int, int> mlpShape(const Network& net) {
    if (net.layers.size() < 2) return {0, 0};
    const int hidden = net.layers.front().outChannels;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const bool last = i + 1 == net.layers.size();
        if (l.kind != LayerKind::Fc || (!last && l.outChannels != hidden)) return {0, 0};
    }
    if (net.layers.front().inChannels != 784 || net.layers.back().outChannels != 10) return {0, 0};
    return {hidden, int(net.layers.size()) - 1};
}

} // namespace

Manifest parseManifest(const nlohmann::json& j, const std::string& path) { return parseAs(j, path, path); }

Manifest loadManifest(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        Manifest empty;
        empty.path = path;
        return empty;
    }
    return parseManifest(readJsonFile(path), path);
}

std::shared_ptr<const Manifest> shippedManifest() {
    static std::mutex mutex;
    static std::shared_ptr<const Manifest> cached;
    static std::filesystem::file_time_type cachedStamp{};
    const std::string path = (std::filesystem::path(resourceDir()) / "models" / "manifest.json").string();
    std::error_code ec;
    const auto stamp = std::filesystem::last_write_time(path, ec);
    std::lock_guard<std::mutex> lock(mutex);
    if (cached && cached->path == path && (ec ? cached->models.empty() : cachedStamp == stamp)) return cached;
    auto m = std::make_shared<Manifest>();
    if (!ec) *m = parseAs(readJsonFile(path), path, "resources/models/manifest.json");
    m->path = path;
    cached = m;
    cachedStamp = ec ? std::filesystem::file_time_type{} : stamp;
    return cached;
}

bool isTrainedShape(const ManifestEntry& entry, const Network& net) {
    if (entry.network == "mlp") {
        const auto [hidden, layers] = mlpShape(net);
        return hidden > 0 && entry.width == hidden && entry.layers == layers;
    }
    const std::string id = entry.network + std::to_string(entry.width); // "cnv-fm16"
    return net.id == id && Catalog::shipped().findNetwork(id) != nullptr;
}

const ManifestEntry* findTrainedModel(const Manifest& manifest, const Network& net, int weightBits, int actBits,
                                      int edgeWeightBits) {
    for (const ManifestEntry& m : manifest.models)
        if (m.weightBits == weightBits && m.actBits == actBits && m.edgeWeightBits == edgeWeightBits &&
            isTrainedShape(m, net))
            return &m;
    return nullptr;
}

bool isTrainedDesign(const Network& trained, const std::vector<LayerPrecision>& trainedPrec, const Network& net,
                     const std::vector<LayerPrecision>& prec) {
    if (trainedPrec != prec || trained.layers.size() != net.layers.size()) return false;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        Layer x = trained.layers[i], y = net.layers[i];
        x.name = y.name;
        x.paddedIn = y.paddedIn = 0;
        x.paddedOut = y.paddedOut = 0;
        if (!(x == y)) return false;
    }
    return true;
}

} // namespace bitfold
