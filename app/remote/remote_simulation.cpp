#include "remote_simulation.h"

#include "bitfold/child_process.h"

#include "bitfold/json_io.h"
#include "bitfold/stage_json.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace bitfold::remote {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::vector<SimStage> stagesFromJson(const json& a) {
    std::vector<SimStage> v;
    for (const json& s : a) v.push_back(stageFromJson(s));
    return v;
}

/// The remote CLI's message ("bitfold-cli: where: what") without its prefix.
std::string cliMessage(const std::string& stderrText) {
    std::string m = lastLine(stderrText);
    const std::string prefix = "bitfold-cli: ";
    if (m.rfind(prefix, 0) == 0) m.erase(0, prefix.size());
    return m.empty() ? std::string("the remote simulation failed without a message") : m;
}

} // namespace

SimResult simResultFromJson(const json& j) {
    SimResult r;
    r.images = j.at("images").get<int>();
    r.bitExact = j.value("bit_exact", false);
    r.goldenChecked = true; // the CLI always checks against the golden reference
    r.mismatches = j.value("mismatches", 0);
    r.firstMismatch = j.value("first_mismatch", "");
    r.imagesPerSecond = j.value("images_per_s", 0.0);
    r.elapsedSeconds = j.value("sim_seconds", 0.0);
    r.compileSeconds = j.value("compile_seconds", 0.0);
    r.cached = j.value("cached", false);
    if (j.contains("accuracy")) r.accuracy = j.at("accuracy").get<double>();
    r.stages = stagesFromJson(j.value("stages", json::array()));
    return r;
}

SimResult simulateRemotely(const SshHost& host, const RemoteSimRequest& req, const SimProgressFn& progress,
                           const std::atomic<bool>* cancel, RemoteSimInfo* info) {
    const RemoteTarget& t = host.target();
    if (info) {
        const SshHost::Output v = host.run({t.remoteCli, "version"});
        if (v.exitCode != 0) throw Error(t.label(), missingProgramMessage(t, t.remoteCli, v.err));
        info->bitfoldVersion = lastLine(v.out);
        if (const std::size_t sp = info->bitfoldVersion.rfind(' '); sp != std::string::npos)
            info->bitfoldVersion.erase(0, sp + 1);
    }
    // The folding travels as the CLI's folding file.
    std::string tmpl = (fs::temp_directory_path() / "bitfold-remote-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw Error("remote run", "cannot create a temporary directory");
    struct LocalCleanup {
        std::string dir;
        ~LocalCleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } localCleanup{tmpl};
    const std::string foldingFile = tmpl + "/folding.json";
    std::ofstream(foldingFile) << toJson(req.folding, req.network).dump(2) << '\n';

    const std::string dir = host.makeRunDir();
    struct RemoteCleanup {
        const SshHost& host;
        std::string dir;
        ~RemoteCleanup() { host.removeDir(dir); }
    } remoteCleanup{host, dir};
    host.upload(req.packageDir, dir + "/params");
    host.upload(foldingFile, dir + "/folding.json");

    std::vector<std::string> argv = {t.remoteCli, "simulate",
                                     "--params",  dir + "/params",
                                     "--folding", dir + "/folding.json",
                                     "--images",  std::to_string(req.images),
                                     "--batch",   std::to_string(req.batch),
                                     "--format",  "json"};
    if (req.fashionMnist)
        argv.insert(argv.end(), {"--dataset", "fashion-mnist"});
    else
        argv.insert(argv.end(), {"--seed", std::to_string(req.seed)});
    std::optional<json> result;
    SimProgress p;
    p.images = req.images;
    const RemoteExit exit = host.stream(
        argv,
        [&](const std::string& line) {
            json j;
            try {
                j = json::parse(line);
            } catch (const json::exception&) {
                return; // not protocol (a banner): ignored
            }
            if (j.value("event", "") == "progress") {
                p.imagesDone = j.value("images_done", 0);
                p.images = j.value("images", req.images);
                p.mismatches = j.value("mismatches", 0);
                p.elapsedSeconds = j.value("elapsed_s", 0.0);
                if (j.contains("accuracy")) p.accuracy = j.at("accuracy").get<double>();
                if (progress) progress(p);
            } else if (j.contains("bit_exact")) {
                result = j;
            }
        },
        cancel);
    if (exit.cancelled) {
        SimResult r;
        r.cancelled = true;
        r.images = p.imagesDone;
        return r;
    }
    if (exit.exitCode == 126 || exit.exitCode == 127)
        throw Error(t.label(), missingProgramMessage(t, t.remoteCli, exit.stderrText));
    if (!result) throw Error(t.label(), cliMessage(exit.stderrText));
    return simResultFromJson(*result);
}

} // namespace bitfold::remote
