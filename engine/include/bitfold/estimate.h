#pragma once
// What a cost model predicts for one design: per layer and in total.
#include "bitfold/device.h"
#include "bitfold/folding.h"
#include "bitfold/layer.h"
#include "bitfold/pipeline.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitfold {

/// Prediction for one layer and the blocks that serve it (its sliding window, FIFOs).
struct LayerEstimate {
    std::string name;
    LayerKind kind = LayerKind::Fc;
    int pe = 1;
    int simd = 1;
    int mmv = 1; ///< output pixels per cycle (conv), 1 otherwise
    std::int64_t cycles = 0; ///< cycles per frame of the slowest block of this stage
    std::int64_t computeCycles = 0; ///< MVTU or pool core
    std::int64_t windowCycles = 0; ///< sliding-window unit (conv only), else 0
    int accumulatorBits = 0;
    MemoryStyle weightMemory = MemoryStyle::Auto; ///< resolved placement
    std::int64_t weightDepth = 0; ///< words per PE memory (Omega = MW*MH/(PE*SIMD))
    int weightWidth = 0; ///< bits per word (SIMD * W)
    // Resource breakdown; `res` is their sum.
    Resources compute; ///< datapath: products, adder tree, accumulators, comparators
    Resources weights; ///< weight memory
    Resources thresholds; ///< threshold memory
    Resources window; ///< sliding window / pool buffers
    Resources glue; ///< control, FIFOs, width converters
    Resources res;
    bool operator==(const LayerEstimate&) const = default;
};

/// What sets a design's frame rate.
enum class Bound {
    Compute, ///< the slowest compute block (MVTU, window, pool, converter)
    Memory, ///< the memory interface: the reader or writer, or the port's own clock
    Launch, ///< at the batch size considered, the host's per-batch launch overhead outweighs the pipeline time
};
const char* toString(Bound b); ///< "compute", "memory", "launch"

/// The batch size `estimate()` judges the launch overhead at: the default batch of the
/// C simulation and of bitfold-f1-host.
inline constexpr std::int64_t kDefaultBatch = 1000;

/// Which figures a model estimates. The others are unknown, not zero: JSON writes null for
/// them and tables show "n/a" (finn-r: no FFs, DSPs or windows; finn: no FFs or windows).
struct Modelled {
    bool ff = true;
    bool dsp = true;
    bool windows = true; ///< sliding windows, pools, FIFOs (the `window` breakdown)
    bool operator==(const Modelled&) const = default;
};

struct Estimate {
    std::string model; ///< "bitfold" or "finn-r"
    double clockMhz = 0;
    std::vector<LayerEstimate> layers;
    Resources layersTotal; ///< sum over layers
    Resources infrastructure; ///< accelerator-level I/O (DMA adapters, input/output converters)
    Resources shell; ///< the platform shell the device reserves
    Resources totals; ///< layers + infrastructure + shell: comparable to whole-design reports
    std::vector<PlanStage> stages; ///< every hardware block in stream order (pipeline.h), one compute unit
    std::int64_t cycles = 0; ///< initiation interval: the slowest block, cycles per frame
    int slowestStage = -1; ///< index into `stages` of that block
    int bottleneck = -1; ///< index of the slowest network layer
    int computeUnits = 1; ///< copies of the accelerator; `layersTotal` and `infrastructure` are per copy
    double fps = 0; ///< steady state, all compute units: min(clock / cycles, port rate) * units
    double fpsPerUnit = 0;
    double memoryFps = 0; ///< what the memory ports alone allow, all units (reader/writer at the port clock)
    double launchUs = 0; ///< per-batch launch overhead of the device (an assumption, see the device file)
    std::int64_t batch = kDefaultBatch; ///< batch size of `fpsAtBatch` and `bound`
    double fpsAtBatch = 0; ///< batch / (launch overhead + batch / fps)
    Bound bound = Bound::Compute;
    double latencyCycles = 0; ///< first input to last output of one frame, stages overlapping
    double latencyUs = 0;
    double opsPerSecond = 0; ///< logical ops per frame * fps
    Resources utilisation; ///< totals / device, fractions (bram18 holds the BRAM fraction)
    ResourceKind mostUsed = ResourceKind::Lut;
    std::vector<std::string> assumptions;
    Modelled modelled;
    bool operator==(const Estimate&) const = default;
};

} // namespace bitfold
