#pragma once
// The golden integer reference: plain C++ inference with exactly the semantics of
// docs/semantics.md. The C simulation of the accelerator is checked against it bit for bit,
// and the trainer's export reports the accuracy it measures.
#include "bitfold/dataset.h"
#include "bitfold/params.h"

#include <cstdint>
#include <memory>
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
/// One image (the first layer's input size, 8-bit pixels). Prepares the package on every
/// call; use GoldenRunner for many images.
GoldenResult goldenInfer(const ParamPackage& pkg, const std::uint8_t* pixels);

/// A package prepared once (weights widened, buffers allocated) for many images; keeps its
/// own copy of the parameters. Not thread-safe: one per thread. Throws Error when the
/// package does not fit its network.
class GoldenRunner {
public:
    explicit GoldenRunner(const ParamPackage& pkg);
    ~GoldenRunner();
    GoldenRunner(const GoldenRunner&) = delete;
    GoldenRunner& operator=(const GoldenRunner&) = delete;

    GoldenResult infer(const std::uint8_t* pixels);
    int classify(const std::uint8_t* pixels); ///< the label only; allocates nothing
    std::size_t inputSize() const; ///< pixels per image the first layer takes

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Top-1 accuracy over a labelled set (multi-threaded); labels must exist.
double goldenAccuracy(const ParamPackage& pkg, const ImageSet& set);

} // namespace bitfold
