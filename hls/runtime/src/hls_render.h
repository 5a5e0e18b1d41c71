#pragma once
// Text of the generated headers, from the design as data (hls_config.h). Internal to the
// runtime: hls_config.cpp builds the data, these functions only print it.
#include "bitfold/hls_config.h"
#include "bitfold/network.h"
#include "bitfold/weight_rom.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitfold {

/// A matrix layer's packed parameters and the C identifier they are declared under.
struct MatrixParams {
    std::string id; ///< "l_fc0": arrays id_weights and id_thresholds
    std::string layer; ///< the network layer's name
    WeightRom rom;
    std::int64_t neuronFolds = 0;
    int thresholdsPerRow = 0; ///< 2^A - 1, 0 without activation
    std::vector<std::int64_t> thresholds; ///< packThresholds's
};

/// bitfold_config.h: the stage table, the blocks' configuration structs and the pipeline.
std::string renderConfigHeader(const HlsDesign& design, const Network& net, int inputBits,
                               const std::vector<MatrixParams>& params);
/// bitfold_params.h: the weight ROMs and thresholds as C arrays.
std::string renderParamsHeader(const Network& net, const std::vector<MatrixParams>& params);

/// A C identifier made of `text`'s letters and digits, others as '_'.
std::string cIdentifier(const std::string& text);

} // namespace bitfold
