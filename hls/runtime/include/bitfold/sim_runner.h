#pragma once
// C simulation of the accelerator (the runtime library, hls/runtime). buildSimulation()
// generates the design (hls_config.h) and compiles it with the host compiler (hls/kernels,
// hls/top, the C-simulation headers) into a cache keyed by a hash of every input;
// runSimulation() runs it as a separate process that streams the accelerator protocol as JSON
// lines (docs/accelerator.md), checks every image against goldenInfer and reports progress. A crash of the simulation is an Error, never the
// caller's crash; a cancel kills the child process.
#include "bitfold/dataset.h"
#include "bitfold/error.h"
#include "bitfold/hls_config.h"
#include "bitfold/params.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bitfold {

struct SimOptions {
    std::string cacheDir; ///< "" = $BITFOLD_SIM_CACHE, else ~/.cache/bitfold/sim
    std::string compiler; ///< "" = $CXX, else g++
    /// The accelerator sources compiled at run time (kernels/, top/, sim/include/ and the
    /// bitfold/ headers they include); "" = $BITFOLD_HLS_DIR, else share/bitfold/hls beside
    /// the executable's bin/ (an install), else this build's source tree.
    std::string hlsDir;
    std::string
        simIncludeDir; ///< ap_int.h, hls_stream.h; "" = $BITFOLD_VITIS_INCLUDE, the CMake option, else hlsDir/sim/include
    std::vector<std::string> defines; ///< extra -D macros for the design, e.g. BITFOLD_SIM_LANEWISE (simulate the
        ///< synthesizable lane loops instead of the fast paths)
    int batch = 64; ///< images per call of the top function
    int portBits = 64; ///< the memory port the accelerator is generated for (Device::port.bits)
    bool checkGolden = true; ///< compare every image's outputs with goldenInfer
    /// Refuse simulations estimated to need more memory (bytes); 0 = $BITFOLD_SIM_MEMORY_LIMIT
    /// (bytes, or with a K, M or G suffix), else half of this machine's memory.
    std::uint64_t memoryLimitBytes = 0;
};

/// Cycles of one block of the pipeline, per frame.
struct SimStage {
    std::string name, layer, kind;
    std::uint64_t cyclesPredicted = 0;
    std::uint64_t cyclesCounted = 0; ///< iterations of its II=1 loop, measured in simulation
    bool operator==(const SimStage&) const = default;
};

struct SimBuild {
    std::string executable; ///< the simulation program: `executable IMAGES_FILE --batch N`
    std::string key; ///< cache key, a hash of every input
    bool cached = false; ///< found complete in the cache: nothing was compiled
    double compileSeconds = 0;
    HlsDesign design;
};

struct SimProgress {
    int imagesDone = 0;
    int images = 0;
    std::optional<double> accuracy; ///< running top-1 (labelled images and trained parameters)
    int mismatches = 0; ///< images whose outputs differ from the golden reference so far
    double elapsedSeconds = 0; ///< simulation time so far (measured by the child)
    std::vector<SimStage> stages; ///< cycles counted so far
};

struct SimResult {
    int images = 0;
    bool cancelled = false;
    std::optional<double> accuracy; ///< labelled images and trained parameters (package has a data set)
    bool goldenChecked = false;
    bool bitExact = false; ///< every image's outputs equal goldenInfer's
    int mismatches = 0;
    std::string firstMismatch; ///< "image 17: output 3 is 5, golden 4"
    double imagesPerSecond = 0; ///< the simulation's own rate (wall clock), one core
    double elapsedSeconds = 0; ///< simulation wall time (compilation and golden checks excluded)
    double cpuSeconds = 0; ///< the simulation process's CPU time: robust on a loaded machine
    double compileSeconds = 0;
    bool cached = false;
    std::vector<SimStage> stages;
    std::vector<int> labels; ///< per image
};

using SimProgressFn = std::function<void(const SimProgress&)>;

/// Thrown by buildSimulation when the cancel flag was raised while compiling.
class SimCancelled : public Error {
public:
    SimCancelled() : Error("C simulation", "cancelled") {}
};

/// Generates and compiles the simulation (or finds it in the cache). Throws Error naming the
/// layer for designs the accelerator cannot build, Error carrying the compiler's message when
/// compilation fails, SimCancelled on cancel (the compiler is killed).
SimBuild buildSimulation(const ParamPackage& pkg, const Folding& folding, const SimOptions& options = {},
                         const std::atomic<bool>* cancel = nullptr);

/// Runs a build over the images (each the first layer's input size, 8-bit pixels) in a child
/// process. `progress` is called after every batch, on this thread. Returns with cancelled set
/// when `cancel` was raised (the child is killed). Throws Error when the simulation reports an
/// error or crashes (the signal and its last stderr lines in the message).
SimResult runSimulation(const SimBuild& build, const ParamPackage& pkg, const ImageSet& images,
                        const SimOptions& options = {}, const SimProgressFn& progress = {},
                        const std::atomic<bool>* cancel = nullptr);

/// buildSimulation then runSimulation; a cancel during compilation returns cancelled too.
SimResult simulate(const ParamPackage& pkg, const Folding& folding, const ImageSet& images,
                   const SimOptions& options = {}, const SimProgressFn& progress = {},
                   const std::atomic<bool>* cancel = nullptr);

/// Memory a simulation of `images` images is estimated to need at its peak, in bytes, from the
/// network's shapes alone (nothing is allocated): the generated parameter header and its
/// compilation, the simulation process (parameters, images, a batch of activations in the
/// streams) and the golden reference beside it. Saturates instead of overflowing.
std::uint64_t simulationMemoryBytes(const Network& net, int images, const SimOptions& options = {});
/// The limit simulationMemoryBytes is held to (see SimOptions::memoryLimitBytes); throws Error
/// on a malformed $BITFOLD_SIM_MEMORY_LIMIT.
std::uint64_t simulationMemoryLimit(const SimOptions& options = {});
/// Throws Error ("C simulation", the estimate and the limit) when the estimate exceeds it.
void checkSimulationMemory(const Network& net, int images, const SimOptions& options = {});

/// Writes images in the accelerator's images file format (docs/accelerator.md), which the
/// simulation and the XRT host read.
void writeImagesFile(const ImageSet& images, const std::string& path);
/// Reads one; throws Error naming the file.
ImageSet readImagesFile(const std::string& path);

} // namespace bitfold
