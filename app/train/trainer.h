#pragma once
// Quantization-aware training of the trainer's networks (libtorch behind a torch-free
// interface, so only trainer.cpp pays torch's compile time). Recipe: docs/training.md.
#include "fold.h"

#include "bitfold/dataset.h"
#include "bitfold/network.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bitfold::train {

struct TrainConfig {
    int weightBits = 1; ///< 1..8, or 32 = float32 (no quantizer)
    /// Per network layer (index as in Network::layers) weight bits overriding weightBits
    /// where > 0 (e.g. first and last matrix layers at 8: the "-first8" models); empty = none.
    std::vector<int> layerWeightBits;
    int actBits = 1; ///< 1..8, or 32 = float32 (ReLU)
    int inputBits = 8; ///< first layer's input pixels (docs/semantics.md)
    int epochs = 10;
    int batch = 100;
    double lr = 1e-3; ///< Adam, cosine decay to 0 over all steps
    std::uint64_t seed = 1;
    /// Progressive quantization: the first `warmupEpochs` of `epochs` train at
    /// warmupWeightBits (32 = float latent weights, 0 = weightBits) and warmupActBits
    /// (0 = actBits), each phase with its own cosine decay from `lr`; the rest trains the
    /// target precision starting from the warm-up's weights (docs/training.md).
    int warmupEpochs = 0;
    int warmupWeightBits = 0;
    int warmupActBits = 0;
    /// Knowledge distillation (Hinton et al. 2015): a float32 teacher of the same network,
    /// seed and schedule trains first; the model then minimises
    ///   (1 - distillWeight) * CE(labels) + distillWeight * T^2 * KL(teacher_T || model_T)
    /// with both score vectors softened by T = distillTemperature.
    bool distill = false;
    double distillWeight = 0.7;
    double distillTemperature = 4.0;
    /// After the last epoch, batch norm's running statistics are recomputed over the whole
    /// training set (a cumulative average over its batches, the weights fixed) instead of
    /// the exponential average of the last steps.
    bool bnRecalibrate = false;
    int threads = 1; ///< torch intra-op threads
    /// Non-empty: after every epoch the model, optimizer, random generator and log are saved
    /// there, and a run finding a checkpoint of the same recipe resumes after its last epoch
    /// (bit-identical to an uninterrupted run); one of another recipe is ignored.
    std::string checkpoint;
};

struct EpochLog {
    int epoch = 0; ///< 1-based
    double loss = 0.0; ///< mean training cross entropy
    double seconds = 0.0; ///< training time of this epoch (evaluation excluded)
    double testAccuracy = 0.0; ///< the float graph (with its quantizers) on the test set
    bool teacher = false; ///< an epoch of a distilled run's float32 teacher
};

struct TrainResult {
    std::vector<EpochLog> log;
    double trainSeconds = 0.0; ///< a distilled run's teacher included
    double teacherAccuracy = 0.0; ///< distilled runs: the teacher's last test accuracy
    double accuracyBeforeRecalibration = 0.0; ///< bnRecalibrate: the float graph's, same weights
    double floatGraphAccuracy = 0.0; ///< final model, test set
    std::vector<int> predictions; ///< float graph's label per test image
    std::vector<TrainedLayer> layers; ///< one per network layer; empty for float32 models
};

bool isFloat(const TrainConfig& cfg);
/// The warm-up phase's weight and activation bits (TrainConfig::warmup*, 0 = the target's).
int warmupWeightBitsOf(const TrainConfig& cfg);
int warmupActBitsOf(const TrainConfig& cfg);
/// Throws Error naming the option when the warm-up cannot precede the target precision.
void checkWarmup(const TrainConfig& cfg);
/// Weight bits of network layer `layer` (layerWeightBits, else weightBits).
int weightBitsOf(const TrainConfig& cfg, std::size_t layer);

/// Where a distilled run keeps its teacher's checkpoint ("" when it keeps none).
std::string teacherCheckpoint(const TrainConfig& cfg);

/// Trains `net` (from makeTrainNetwork) on `train`, evaluating on `test` after each epoch.
TrainResult trainNetwork(const Network& net, const TrainConfig& cfg, const ImageSet& train, const ImageSet& test,
                         const std::function<void(const EpochLog&)>& progress = {});

} // namespace bitfold::train
