#pragma once
// The options that pick one design: network, precisions, device, clock, folding, model.
// Shared by estimate, fold, simulate and the sweep commands.
#include "args.h"
#include "bitfold/cost_model.h"
#include "bitfold/device.h"
#include "bitfold/folding.h"
#include "bitfold/network.h"
#include "bitfold/precision.h"

#include <optional>
#include <set>

namespace bitfold::cli {

struct DesignArgs {
    Network network;
    PrecisionSpec spec;
    std::vector<LayerPrecision> precision;
    Device device;
    double clockMhz = 0;
    std::optional<Folding> folding; ///< from --folding FILE, validated
    CostModel model = CostModel::Bitfold;
};

/// --network --weights --acts --input-bits --device --clock --folding --model
std::set<std::string> designOptionNames();
DesignArgs parseDesign(const Args& args);

/// Prints an estimate as a table (header, per-layer rows, totals, utilisation).
void printEstimateTable(std::ostream& out, const DesignArgs& d, const Folding& folding, const Estimate& e);
void printEstimateCsv(std::ostream& out, const Estimate& e);

} // namespace bitfold::cli
