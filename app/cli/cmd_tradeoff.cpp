// bitfold-cli tradeoff: for each precision, the cheapest network reaching an accuracy.
#include "args.h"
#include "bitfold/error.h"
#include "bitfold/precision.h"
#include "bitfold/tradeoff.h"
#include "commands.h"
#include "table.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace bitfold::cli {

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
            nlohmann::json o = {{"weights", bitsToString(row.weightBits)}, {"acts", bitsToString(row.actBits)},
                                {"candidates", row.candidates}, {"winner", int(i) == t.winner}};
            if (row.point) {
                const DesignPoint& p = *row.point;
                o["network"] = p.network;
                o["accuracy"] = p.accuracy.top1;
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
        out << nlohmann::json{{"dataset", r.dataset}, {"target_accuracy", r.targetAccuracy}, {"device", r.device},
                               {"target_fps", r.targetFps}, {"criterion", t.criterion}, {"rows", rows}}
                   .dump(1)
            << '\n';
        return 0;
    }
    out << "Cheapest network reaching " << fmt(100 * r.targetAccuracy, 1) << "% top-1 on " << r.dataset << " at "
        << fmt(r.targetFps) << " FPS on " << r.device << " [accuracy measured, hardware predicted]\n"
        << "cheapest = " << t.criterion << "\n\n";
    Table table({"W", "A", "network", "top-1", "LUT", "BRAM36", "DSP", "FPS", "FPS/LUT", "device share", ""});
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const TradeoffRow& row = t.rows[i];
        if (!row.point) {
            table.add({bitsToString(row.weightBits), bitsToString(row.actBits), "none reaches it", "", "", "", "", "",
                       "", "", ""});
            continue;
        }
        const DesignPoint& p = *row.point;
        table.add({bitsToString(row.weightBits), bitsToString(row.actBits), p.network, fmt(100 * p.accuracy.top1, 2) + "%",
                   fmt(p.totals.lut), fmt(p.totals.bram36(), 1), fmt(p.totals.dsp), fmt(p.fps), fmt(p.fpsPerLut, 3),
                   fmt(100 * row.deviceShare, 1) + "%", int(i) == t.winner ? "<- wins" : ""});
    }
    table.print(out);
    if (t.winner < 0) out << "\nno precision reaches the target with these widths\n";
    return 0;
}

} // namespace bitfold::cli
