// `bitfold-cli calibrate`: fits the bitfold model's free parameters on published designs and
// prints the leave-one-design-out table (Markdown, as docs/cost-model.md carries it).
#include "bitfold/calibration.h"
#include "bitfold/catalog.h"
#include "args.h"
#include "commands.h"
#include "table.h"

#include <cmath>
#include <ostream>

namespace bitfold::cli {

namespace {
std::string signedPercent(double predicted, double measured) {
    if (measured <= 0) return "n/a";
    const double e = 100 * (predicted - measured) / measured;
    return (e >= 0 ? "+" : "") + fmt(e, 1) + "%";
}
} // namespace

int calibrateCommand(const Argv& argv, std::ostream& out) {
    const Args args(argv, {"published"});
    const auto designs = loadPublishedDesigns(args.str("published", resourceDir() + "/published/published.json"));
    const CostCalibration fit = fitCalibration(designs);
    out << "Fit on all " << designs.size() << " designs (prior in parentheses):\n\n";
    for (int j = 0; j < CostCalibration::kCount; ++j)
        out << "- `" << CostCalibration::names()[j] << "` = " << fmt(fit.values()[j], 3) << " ("
            << fmt(priorCalibration().values()[j], 3) << ")\n";
    out << "\n| design | figure | measured | fit on all | left out: predicted | left out: error |\n"
           "|---|---|---:|---:|---:|---:|\n";
    double sum[3] = {0, 0, 0};
    int n[3] = {0, 0, 0};
    for (const LeaveOneOutRow& r : leaveOneDesignOut(designs)) {
        const struct {
            const char* name;
            double m, all, out;
        } figs[3] = {{"LUT", r.measured.lut, r.fitAll.lut, r.leftOut.lut},
                     {"FF", r.measured.ff, r.fitAll.ff, r.leftOut.ff},
                     {"BRAM36", r.measured.bram36(), r.fitAll.bram36(), r.leftOut.bram36()}};
        for (int k = 0; k < 3; ++k) {
            if (figs[k].m <= 0) continue;
            out << "| " << r.id << " | " << figs[k].name << " | " << fmt(figs[k].m, k == 2 ? 1 : 0) << " | "
                << fmt(figs[k].all, k == 2 ? 1 : 0) << " | " << fmt(figs[k].out, k == 2 ? 1 : 0) << " | "
                << signedPercent(figs[k].out, figs[k].m) << " |\n";
            sum[k] += std::abs(figs[k].out - figs[k].m) / figs[k].m;
            ++n[k];
        }
    }
    out << "\nLeft-out mean absolute error: LUT " << fmt(100 * sum[0] / std::max(1, n[0]), 1) << "%, FF "
        << fmt(100 * sum[1] / std::max(1, n[1]), 1) << "%, BRAM36 " << fmt(100 * sum[2] / std::max(1, n[2]), 1)
        << "%\n";
    return 0;
}

} // namespace bitfold::cli
