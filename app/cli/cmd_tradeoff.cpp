// bitfold-cli tradeoff: for each precision, the cheapest network reaching an accuracy.
#include "args.h"
#include "bitfold/error.h"
#include "bitfold/precision.h"
#include "bitfold/tradeoff.h"
#include "commands.h"
#include "table.h"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <ostream>

namespace bitfold::cli {

namespace {

/// "88.61%", or "88.61 ± 0.12%" for a mean over several seeds.
std::string accuracyText(const AccuracyInfo& a) {
    if (a.seeds > 1) return fmt(100 * a.top1, 2) + " ± " + fmt(100 * a.sd, 2) + "%";
    return fmt(100 * a.top1, 2) + "%";
}

bool isTied(const Tradeoff& t, std::size_t row) {
    return std::find(t.tied.begin(), t.tied.end(), int(row)) != t.tied.end();
}

} // namespace

int tradeoffCommand(const Argv& argv, std::ostream& out) {
    const Args args(argv, {"dataset", "target-accuracy", "device", "clock", "target-fps", "format"});
    TradeoffRequest r;
    r.dataset = args.str("dataset", r.dataset);
    r.targetAccuracy = args.number("target-accuracy", r.targetAccuracy);
    if (r.targetAccuracy > 1 && r.targetAccuracy <= 100) r.targetAccuracy /= 100; // "88" means 88%
    r.device = args.str("device", r.device);
    r.clockMhz = args.number("clock", 0);
    r.targetFps = args.number("target-fps", r.targetFps);
    const std::string format = args.choice("format", {"table", "json"});
    const Tradeoff t = tradeoff(r);
    if (t.rows.empty())
        throw Error("--dataset", "no design has a " + r.dataset + " accuracy (trained models: resources/models)");

    if (format == "json") {
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const TradeoffRow& row = t.rows[i];
            nlohmann::json o = {{"weights", bitsToString(row.weightBits)},
                                {"acts", bitsToString(row.actBits)},
                                {"candidates", row.candidates},
                                {"winner", int(i) == t.winner},
                                {"tied", isTied(t, i)}};
            if (row.rival)
                o["rival"] = {{"network", row.rival->network},
                              {"accuracy", row.rival->accuracy.top1},
                              {"accuracy_sd", row.rival->accuracy.sd},
                              {"lut", row.rival->totals.lut}};
            if (row.point) {
                const DesignPoint& p = *row.point;
                o["network"] = p.network;
                o["accuracy"] = p.accuracy.top1;
                o["accuracy_sd"] = p.accuracy.sd;
                o["seeds"] = p.accuracy.seeds;
                o["accuracy_kind"] = toString(p.accuracy.kind);
                o["accuracy_source"] = p.accuracy.source;
                o["lut"] = p.totals.lut;
                o["dsp"] = p.totals.dsp;
                o["bram36"] = p.totals.bram36();
                o["fps"] = p.fps;
                o["fps_per_lut"] = p.fpsPerLut;
                o["device_share"] = row.deviceShare;
            }
            rows.push_back(o);
        }
        out << nlohmann::json{{"dataset", r.dataset},
                              {"target_accuracy", r.targetAccuracy},
                              {"device", r.device},
                              {"target_fps", r.targetFps},
                              {"criterion", t.criterion},
                              {"decided", t.decided()},
                              {"rows", rows}}
                   .dump(1)
            << '\n';
        return 0;
    }
    out << "Cheapest network reaching " << fmt(100 * r.targetAccuracy, 1) << "% top-1 on " << r.dataset << " at "
        << fmt(r.targetFps) << " FPS on " << r.device << " [accuracy measured, hardware predicted]\n"
        << "cheapest = " << t.criterion << "\n"
        << "top-1 = mean ± sample sd over seeds; a winner leading a cheaper design below the target by no more than\n"
        << "their combined sd is a tie\n\n";
    Table table({"W", "A", "network", "top-1", "LUT", "BRAM36", "DSP", "FPS", "FPS/LUT", "device share", ""});
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const TradeoffRow& row = t.rows[i];
        std::string verdict;
        if (int(i) == t.winner) verdict = t.tied.empty() ? "<- wins" : "<- wins, not established";
        if (row.rival)
            verdict = "ties: " + row.rival->network + " at " + accuracyText(row.rival->accuracy) + ", " +
                fmt(row.rival->totals.lut) + " LUT";
        if (!row.point) {
            table.add({bitsToString(row.weightBits), bitsToString(row.actBits), "none reaches it", "", "", "", "", "",
                       "", "", verdict});
            continue;
        }
        const DesignPoint& p = *row.point;
        table.add({bitsToString(row.weightBits), bitsToString(row.actBits), p.network, accuracyText(p.accuracy),
                   fmt(p.totals.lut), fmt(p.totals.bram36(), 1), fmt(p.totals.dsp), fmt(p.fps), fmt(p.fpsPerLut, 3),
                   fmt(100 * row.deviceShare, 1) + "%", verdict});
    }
    table.print(out);
    if (t.winner < 0) out << "\nno precision reaches the target with these widths\n";
    return 0;
}

} // namespace bitfold::cli
