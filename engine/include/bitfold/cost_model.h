#pragma once
// The cost models: config in, Estimate out. Pure functions, safe to run on many threads.
#include "bitfold/estimate.h"

#include <string>
#include <vector>

namespace bitfold {

struct Network;
struct Device;

enum class CostModel {
    Bitfold, ///< ours: every block, XNOR vs LUT vs DSP datapaths, RAMB18 packing, FIFOs, shell
    FinnR, ///< the group's 2018 model as published, for comparison
    Finn, ///< today's FINN compiler per-MVAU analytical estimate, for comparison
};
const char* toString(CostModel m);
CostModel costModelFromString(const std::string& s); // throws Error
std::vector<CostModel> allCostModels();

/// Predicts cycles, FPS, latency and resources of a design. `clockMhz` <= 0 uses the
/// device's default. Precisions come from resolvePrecision(); the folding must be valid
/// (validate() it first for user input; this asserts).
Estimate estimate(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                  const Device& device, double clockMhz, CostModel model = CostModel::Bitfold);

/// Re-judges an estimate at another batch size: fpsAtBatch and bound (launch overhead vs the
/// pipeline's time for the batch). Throws Error for batch < 1.
void applyBatch(Estimate& e, std::int64_t batch);

} // namespace bitfold
