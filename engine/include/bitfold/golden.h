#pragma once
// The golden integer reference: plain C++ inference with exactly the semantics of
// docs/semantics.md. The C simulation of the accelerator is checked against it bit for bit,
// and the trainer's export reports the accuracy it measures.
#include "bitfold/dataset.h"
#include "bitfold/params.h"

#include <cstdint>
#include <vector>

namespace bitfold {

/// Output of one image: the last layer's values (accumulators, or activations if it has
/// one), logical size, and the top-1 label.
struct GoldenResult {
    std::vector<std::int32_t> outputs;
    int label = 0;
};

/// Quantises an 8-bit image to the package's input bits (docs/semantics.md).
std::vector<std::int32_t> quantizeInput(const std::uint8_t* pixels, std::size_t n, int inputBits);
GoldenResult goldenInfer(const ParamPackage& pkg, const std::uint8_t* pixels);

/// Top-1 accuracy over a labelled set (multi-threaded); labels must exist.
double goldenAccuracy(const ParamPackage& pkg, const ImageSet& set);

} // namespace bitfold
