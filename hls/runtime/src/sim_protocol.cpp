// Checks every event the C simulation sends (see sim_protocol.h).
#include "bitfold/sim_protocol.h"

#include "bitfold/stage_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace bitfold {

using json = nlohmann::json;

namespace {

constexpr const char* kWhere = "C simulation";

std::string excerpt(const std::string& line) { return line.size() <= 200 ? line : line.substr(0, 200) + "..."; }

/// Thrown inside read() and turned into one Error carrying the line.
struct Violation {
    std::string what;
};

const json& field(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) throw Violation{std::string("no \"") + key + "\""};
    return *it;
}

std::int64_t integer(const json& j, const char* what, std::int64_t lo, std::int64_t hi) {
    if (!j.is_number_integer()) throw Violation{std::string(what) + " is not an integer"};
    bool inside;
    if (j.is_number_unsigned()) {
        const std::uint64_t u = j.get<std::uint64_t>();
        inside = hi >= 0 && u <= std::uint64_t(hi) && (lo <= 0 || u >= std::uint64_t(lo));
    } else {
        const std::int64_t v = j.get<std::int64_t>();
        inside = v >= lo && v <= hi;
    }
    if (!inside)
        throw Violation{std::string(what) + " " + j.dump() + " outside " + std::to_string(lo) + ".." +
                        std::to_string(hi)};
    return j.get<std::int64_t>();
}

std::int64_t intField(const json& j, const char* key, std::int64_t lo, std::int64_t hi) {
    return integer(field(j, key), key, lo, hi);
}

double seconds(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) return 0;
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0)
        throw Violation{std::string("\"") + key + "\" is not a non-negative number"};
    return it->get<double>();
}

std::string text(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) return {};
    if (!it->is_string()) throw Violation{std::string("\"") + key + "\" is not a string"};
    return it->get<std::string>();
}

std::vector<SimStage> parseStages(const json& j) {
    const json& list = field(j, "stages");
    if (!list.is_array()) throw Violation{"\"stages\" is not a list"};
    std::vector<SimStage> v;
    for (const json& s : list) {
        try {
            v.push_back(stageFromJson(s));
        } catch (const Error& e) {
            throw Violation{e.what()};
        }
    }
    return v;
}

} // namespace

SimProtocol::Event SimProtocol::read(const std::string& line) {
    try {
        if (line.size() > kMaxSimLineBytes) throw Violation{"a line of " + std::to_string(line.size()) + " bytes"};
        const json j = json::parse(line);
        if (!j.is_object()) throw Violation{"not a JSON object"};
        if (m_finished) throw Violation{"a line after \"done\""};
        const std::string event = text(j, "event");
        if (event == "error") {
            m_error = text(j, "message");
            if (m_error.empty()) m_error = "unknown error";
            return Event::Error;
        }
        if (event == "start") {
            m_stages = parseStages(j);
            return Event::Start;
        }
        if (event == "batch") {
            SimBatch b;
            b.first = int(intField(j, "first", 0, m_images));
            if (b.first != m_done)
                throw Violation{"batch starts at image " + std::to_string(b.first) + ", expected " +
                                std::to_string(m_done)};
            const json& labels = field(j, "labels");
            const json& outs = field(j, "outputs");
            if (!labels.is_array() || !outs.is_array() || labels.size() != outs.size())
                throw Violation{"\"labels\" and \"outputs\" are not lists of the same length"};
            if (labels.empty() || labels.size() > std::size_t(m_images - b.first))
                throw Violation{std::to_string(labels.size()) + " results from image " + std::to_string(b.first) +
                                " of " + std::to_string(m_images)};
            const auto maxLabel = std::int64_t(m_outputs) - 1;
            for (std::size_t k = 0; k < labels.size(); ++k) {
                b.labels.push_back(int(integer(labels[k], "label", 0, maxLabel)));
                const json& o = outs[k];
                if (!o.is_array() || o.size() != m_outputs)
                    throw Violation{"image " + std::to_string(b.first + int(k)) + " has " +
                                    std::to_string(o.is_array() ? o.size() : 0) + " outputs, expected " +
                                    std::to_string(m_outputs)};
                auto& values = b.outputs.emplace_back();
                for (const json& v : o)
                    values.push_back(integer(v, "output", std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max()));
            }
            b.imagesDone = int(intField(j, "images_done", 0, m_images));
            if (b.imagesDone != b.first + int(b.labels.size()))
                throw Violation{"\"images_done\" " + std::to_string(b.imagesDone) + " after images " +
                                std::to_string(b.first) + ".." + std::to_string(b.first + int(b.labels.size()) - 1)};
            b.elapsedSeconds = seconds(j, "elapsed_s");
            b.stages = parseStages(j);
            m_done = b.imagesDone;
            m_stages = b.stages;
            m_batch = std::move(b);
            return Event::Batch;
        }
        if (event == "done") {
            const auto images = intField(j, "images", 0, m_images);
            if (images != m_images || m_done != m_images)
                throw Violation{"done after " + std::to_string(m_done) + " of " + std::to_string(m_images) +
                                " images (it says " + std::to_string(images) + ")"};
            m_elapsed = seconds(j, "elapsed_s");
            m_rate = seconds(j, "images_per_s");
            m_cpu = seconds(j, "cpu_s");
            m_stages = parseStages(j);
            m_finished = true;
            return Event::Done;
        }
        return Event::Other;
    } catch (const Violation& v) {
        throw Error(kWhere, "the simulation broke the protocol: " + v.what + ": " + excerpt(line));
    } catch (const json::exception&) {
        throw Error(kWhere, "the simulation wrote an unreadable line: " + excerpt(line));
    }
}

} // namespace bitfold
