// Design-space sweeps: every network x width x precision x device x clock, each folded and
// estimated, on a pool of threads, in a fixed order; and the accuracy known for each design.
#include "bitfold/sweep.h"
#include "optimizer_internal.h"

#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace bitfold {

const char* toString(AccuracyKind k) {
    switch (k) {
    case AccuracyKind::None: return "none";
    case AccuracyKind::Published: return "published";
    case AccuracyKind::Measured: return "measured";
    case AccuracyKind::Simulated: return "simulated";
    case AccuracyKind::UserSupplied: return "user-supplied";
    }
    return "?";
}

namespace {

// --- Measured accuracies: resources/models/manifest.json, written by bitfold-train.

struct MeasuredModel {
    int hidden = 0, layers = 3; ///< MLP 784 -> layers x hidden -> 10
    std::string networkId;      ///< a convolutional model: the shipped network of its shape ("cnv-fm16")
    int weightBits = 0, actBits = 0;
    int edgeWeightBits = 0; ///< first and last layers' weight bits when they differ ("-first8"), else 0
    AccuracyInfo info;
};

struct Manifest {
    std::string path;
    std::filesystem::file_time_type stamp{};
    std::vector<MeasuredModel> models;
};

int bitsOf(const nlohmann::json& v) {
    if (v.is_number_integer()) return v.get<int>();
    if (v.is_string()) {
        try {
            return bitsFromString(v.get<std::string>(), "");
        } catch (const Error&) {
        }
    }
    return 0;
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

/// Reads entries defensively: anything unreadable is skipped, never fatal to a sweep.
std::vector<MeasuredModel> parseManifest(const nlohmann::json& j, const std::string& path) {
    std::vector<MeasuredModel> out;
    const nlohmann::json* list = nullptr;
    if (j.is_array()) list = &j;
    else if (j.is_object() && j.contains("models") && j["models"].is_array()) list = &j["models"];
    else if (j.is_object() && j.contains("entries") && j["entries"].is_array()) list = &j["entries"];
    if (!list) return out;
    const std::string defaultDataset = j.is_object() ? j.value("dataset", "fashion-mnist") : "fashion-mnist";
    for (const nlohmann::json& e : *list) {
        try {
            if (!e.is_object()) continue;
            MeasuredModel m;
            const std::string kind = e.value("network", e.value("shape", e.value("id", "")));
            int hidden = 0;
            if (e.contains("hidden") && e["hidden"].is_number()) hidden = e["hidden"].get<int>();
            else if (e.contains("width") && e["width"].is_number_integer()) hidden = e["width"].get<int>();
            if (!hidden) {
                if (const Network* n = Catalog::shipped().findNetwork(kind)) {
                    const auto shape = mlpShape(*n);
                    hidden = shape.first;
                    m.layers = shape.second;
                }
            } else if (kind.rfind("mlp", 0) != 0 && kind != "tfc" && kind != "sfc" && kind != "lfc") {
                // A convolutional model (cnv-fm, width 16): its network ships as "cnv-fm16".
                m.networkId = kind + std::to_string(hidden);
                if (!Catalog::shipped().findNetwork(m.networkId)) continue;
            }
            if (e.contains("layers") && e["layers"].is_number_integer() && e["layers"].get<int>() > 0)
                m.layers = e["layers"].get<int>();
            m.hidden = hidden;
            m.weightBits = bitsOf(e.value("weight_bits", nlohmann::json()));
            m.actBits = bitsOf(e.value("act_bits", nlohmann::json()));
            if (!m.hidden || !isValidBits(m.weightBits) || !isValidBits(m.actBits)) continue;
            if (e.contains("layer_bits") && e["layer_bits"].is_array() && !e["layer_bits"].empty()) {
                // per-layer precision: only the first/last-layer form is matched by sweeps
                const auto& lb = e["layer_bits"];
                const int first = bitsOf(lb.front().value("weight_bits", nlohmann::json()));
                if (first != bitsOf(lb.back().value("weight_bits", nlohmann::json())) || !isValidBits(first)) continue;
                if (first != m.weightBits) m.edgeWeightBits = first;
            }
            if (!e.contains("accuracy") || !e["accuracy"].is_number()) continue;
            double top1 = e["accuracy"].get<double>();
            if (top1 > 1) top1 /= 100; // a percentage
            if (!(top1 >= 0 && top1 <= 1)) continue;
            m.info.kind = AccuracyKind::Measured;
            m.info.top1 = top1;
            if (e.contains("accuracy_sd") && e["accuracy_sd"].is_number()) {
                const double sd = e["accuracy_sd"].get<double>();
                if (sd >= 0 && sd <= 1) m.info.sd = sd;
            }
            m.info.seeds = e.contains("seeds") && e["seeds"].is_array() ? int(e["seeds"].size()) : 1;
            m.info.dataset = e.value("dataset", defaultDataset);
            std::string source = "bitfold-train " + e.value("id", kind) + " (" + path;
            if (e.contains("measured_by") && e["measured_by"].is_string())
                source += ", " + e["measured_by"].get<std::string>();
            if (e.contains("test_images") && e["test_images"].is_number_integer())
                source += ", " + std::to_string(e["test_images"].get<long long>()) + " test images";
            if (m.info.seeds > 1) source += ", mean of " + std::to_string(m.info.seeds) + " seeds";
            m.info.source = source + ")";
            out.push_back(std::move(m));
        } catch (const std::exception&) {
            // a malformed entry: skipped
        }
    }
    return out;
}

/// The manifest, re-read when the file changes (the trainer may add models while the GUI runs).
std::shared_ptr<const Manifest> manifest() {
    static std::mutex mutex;
    static std::shared_ptr<const Manifest> cached;
    const std::string path = (std::filesystem::path(resourceDir()) / "models" / "manifest.json").string();
    std::error_code ec;
    const auto stamp = std::filesystem::last_write_time(path, ec);
    std::lock_guard<std::mutex> lock(mutex);
    if (cached && cached->path == path && (ec ? cached->models.empty() : cached->stamp == stamp)) return cached;
    auto m = std::make_shared<Manifest>();
    m->path = path;
    if (!ec) {
        m->stamp = stamp;
        try {
            m->models = parseManifest(readJsonFile(path), "resources/models/manifest.json");
        } catch (const std::exception&) {
            // unreadable or being rewritten: no measured accuracies this time
        }
    }
    cached = m;
    return cached;
}

AccuracyInfo lookup(const Manifest& measured, const Network& net, int weightBits, int actBits, int edgeWeightBits = 0) {
    const auto [hidden, layers] = mlpShape(net);
    for (const MeasuredModel& m : measured.models) {
        if (m.weightBits != weightBits || m.actBits != actBits || m.edgeWeightBits != edgeWeightBits) continue;
        if (m.networkId.empty() ? hidden > 0 && m.hidden == hidden && m.layers == layers : m.networkId == net.id)
            return m.info;
    }
    if (edgeWeightBits) return {}; // published figures are for one precision throughout
    // Published: the best figure reported for exactly this precision.
    AccuracyInfo best;
    for (const PublishedAccuracy& p : net.published) {
        if (p.weightBits != weightBits || p.actBits != actBits) continue;
        if (best.kind == AccuracyKind::None || p.top1 > best.top1)
            best = {AccuracyKind::Published, p.top1, p.dataset, p.source, 0, 0};
    }
    return best;
}

// --- The sweep.

/// The first and last matrix layers at `bits` weight bits.
std::vector<LayerPrecisionOverride> edgeOverrides(const Network& net, int bits) {
    std::vector<LayerPrecisionOverride> out;
    for (const Layer& l : net.layers)
        if (l.isMatrix()) {
            out.push_back({l.name, bits, 0});
            break;
        }
    for (auto l = net.layers.rbegin(); l != net.layers.rend(); ++l)
        if (l->isMatrix()) {
            if (out.empty() || out.front().layer != l->name) out.push_back({l->name, bits, 0});
            break;
        }
    return out;
}

struct Group {
    Network net;
    double width = 1;
    int weightBits = 0, actBits = 0, edgeWeightBits = 0;
    std::vector<LayerPrecision> prec;
    AccuracyInfo accuracy;
};

DesignPoint pointFrom(const Group& g, const Device& d, const Estimate& e, const FoldingResult& r) {
    DesignPoint p = makeDesignPoint(g.net.id, g.width, g.weightBits, g.actBits, d.id, e, r.folding, r.fits,
                                    r.limitingResource, g.accuracy);
    p.edgeWeightBits = g.edgeWeightBits;
    return p;
}

} // namespace

DesignPoint makeDesignPoint(const std::string& networkId, double widthScale, int weightBits, int actBits,
                            const std::string& deviceId, const Estimate& e, const Folding& folding, bool fits,
                            const std::string& limitingResource, AccuracyInfo accuracy) {
    DesignPoint p;
    p.network = networkId;
    p.widthScale = widthScale;
    p.weightBits = weightBits;
    p.actBits = actBits;
    p.device = deviceId;
    p.clockMhz = e.clockMhz;
    p.fps = e.fps;
    p.latencyUs = e.latencyUs;
    p.opsPerSecond = e.opsPerSecond;
    p.totals = e.totals;
    p.utilisation = e.utilisation;
    p.fpsPerLut = e.totals.lut > 0 ? e.fps / e.totals.lut : 0;
    p.fits = fits;
    p.limitingResource = limitingResource;
    p.accuracy = std::move(accuracy);
    p.folding = folding;
    return p;
}

AccuracyInfo lookupAccuracy(const Network& net, int weightBits, int actBits, int edgeWeightBits) {
    return lookup(*manifest(), net, weightBits, actBits, edgeWeightBits);
}

std::vector<DesignPoint> runSweep(const SweepSpec& spec, const Progress& progress, const std::atomic<bool>* cancel) {
    const Catalog& cat = Catalog::shipped();
    // Everything a user can get wrong is checked before any work starts.
    for (int b : spec.weightBits)
        if (!isValidBits(b)) throw Error("weights", std::to_string(b) + " bits is not supported (valid: 1..8, 16, float32)");
    for (int b : spec.actBits)
        if (!isValidBits(b)) throw Error("acts", std::to_string(b) + " bits is not supported (valid: 1..8, 16, float32)");
    for (int b : spec.edgeWeightBits)
        if (b != 0 && !isValidBits(b))
            throw Error("first/last weights", std::to_string(b) + " bits is not supported (valid: 0 = same, 1..8, 16, float32)");
    for (double w : spec.widthScales)
        if (!(w > 0 && w <= 64)) throw Error("width", std::to_string(w) + " is not a width scale (0 < scale <= 64)");
    for (double c : spec.clocksMhz)
        if (!(c > 0 && c <= 1000)) throw Error("clock", std::to_string(c) + " MHz is out of range (0 < clock <= 1000)");
    std::vector<Device> devices;
    if (spec.devices.empty()) devices = cat.devices();
    for (const std::string& d : spec.devices) devices.push_back(cat.device(d));
    const auto measured = manifest();

    std::vector<Group> groups;
    for (const std::string& id : spec.networks) {
        const Network base = cat.network(id);
        for (double w : spec.widthScales) {
            const Network net = w == 1.0 ? base : scaleWidth(base, w);
            for (int wb : spec.weightBits) {
                for (int ab : spec.actBits) {
                    for (int edge : spec.edgeWeightBits) {
                        if (edge && (edge == wb || wb == kFloatBits || ab == kFloatBits))
                            continue; // the uniform design (swept as edge 0), or a float one
                        PrecisionSpec ps;
                        ps.weightBits = wb;
                        ps.actBits = ab;
                        if (edge) ps.overrides = edgeOverrides(net, edge);
                        groups.push_back({net, w, wb, ab, edge, resolvePrecision(net, ps),
                                          lookup(*measured, net, wb, ab, edge)});
                    }
                }
            }
        }
    }
    for (const SweepDesign& d : spec.designs) {
        validate(d.network);
        const PrecisionSpec& ps = d.precision;
        groups.push_back({d.network, 1.0, ps.weightBits, ps.actBits, 0, resolvePrecision(d.network, ps),
                          d.accuracy.kind != AccuracyKind::None || !ps.overrides.empty()
                              ? d.accuracy // published and measured figures are for one precision throughout
                              : lookup(*measured, d.network, ps.weightBits, ps.actBits)});
    }

    // One unit of work = one group (network, width, precision) on every device and clock: the
    // bitfold search's stage table is built once and shared by them.
    const std::size_t clocks = spec.clocksMhz.empty() ? 1 : spec.clocksMhz.size();
    const std::size_t perGroup = devices.size() * clocks;
    const std::size_t units = groups.size();
    const std::size_t total = units * perGroup;
    std::vector<DesignPoint> points(total);
    std::vector<char> done(total, 0);
    std::atomic<std::size_t> next{0}, finished{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    // A fitting folding does not depend on the clock unless a frame rate is the target.
    const bool clockFree = spec.folding.goal == FoldingGoal::MaxFps;
    const bool shareTable = spec.folding.strategy == FoldingStrategy::Bitfold;
    auto cancelled = [&] {
        return (cancel && cancel->load(std::memory_order_relaxed)) || failed.load(std::memory_order_relaxed);
    };

    auto work = [&] {
        while (!cancelled()) {
            const std::size_t u = next.fetch_add(1);
            if (u >= units) return;
            const Group& g = groups[u];
            try {
                const auto table =
                    shareTable ? detail::buildStageTable(g.net, g.prec, spec.folding.model) : nullptr;
                for (std::size_t di = 0; di < devices.size(); ++di) {
                    const Device& d = devices[di];
                    FoldingResult r;
                    for (std::size_t c = 0; c < clocks; ++c) {
                        if (cancelled()) return;
                        const std::size_t at = u * perGroup + di * clocks + c;
                        FoldingRequest req = spec.folding;
                        req.clockMhz = spec.clocksMhz.empty() ? d.clockMhz : spec.clocksMhz[c];
                        if (c == 0 || !clockFree) {
                            r = detail::optimize(g.net, g.prec, d, req, false, table);
                            points[at] = pointFrom(g, d, r.estimate, r);
                        } else {
                            const Estimate e = estimate(g.net, g.prec, r.folding, d, req.clockMhz, req.model);
                            points[at] = pointFrom(g, d, e, r);
                        }
                        done[at] = 1;
                        const std::size_t n = finished.fetch_add(1) + 1;
                        if (progress) progress(n, total);
                    }
                }
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!error) error = std::current_exception();
                failed = true;
                return;
            }
        }
    };

    std::size_t threads = spec.threads > 0 ? std::size_t(spec.threads) : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, std::max<std::size_t>(units, 1));
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads);
        for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
        for (std::thread& t : pool) t.join();
    }
    if (error) std::rethrow_exception(error);

    std::vector<DesignPoint> out;
    out.reserve(finished.load());
    for (std::size_t i = 0; i < total; ++i)
        if (done[i]) out.push_back(std::move(points[i]));
    return out;
}

} // namespace bitfold
