#pragma once
// Checkpoints of a training run (TrainConfig::checkpoint): model, optimizer, random generator
// and epoch log, so that a resumed run ends exactly as an uninterrupted one.
#include "trainer.h"

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bitfold::train {

/// Everything that must match for a checkpoint to continue a run.
std::string recipeKey(const Network& net, const TrainConfig& cfg, std::int64_t trainImages);

/// Saves the run after its last epoch (atomically: a temporary file, then rename).
void saveCheckpoint(const std::string& path, const std::string& recipe, torch::nn::Module& model,
                    torch::optim::Adam& opt, const std::vector<EpochLog>& log);

/// The epochs done by a checkpoint of this recipe at `path` (restored into model, optimizer
/// and the random generator), or an empty log when there is none.
std::vector<EpochLog> loadCheckpoint(const std::string& path, const std::string& recipe, torch::nn::Module& model,
                                     torch::optim::Adam& opt);

} // namespace bitfold::train
