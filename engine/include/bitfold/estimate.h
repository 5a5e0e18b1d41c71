#pragma once
// What a cost model predicts for one design: per layer and in total.
#include "bitfold/device.h"
#include "bitfold/folding.h"
#include "bitfold/layer.h"

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
    std::int64_t cycles = 0;        ///< cycles per frame of the slowest block of this stage
    std::int64_t computeCycles = 0; ///< MVTU or pool core
    std::int64_t windowCycles = 0;  ///< sliding-window unit (conv only), else 0
    int accumulatorBits = 0;
    MemoryStyle weightMemory = MemoryStyle::Auto; ///< resolved placement
    std::int64_t weightDepth = 0;   ///< words per PE memory (Omega = MW*MH/(PE*SIMD))
    int weightWidth = 0;            ///< bits per word (SIMD * W)
    // Resource breakdown; `res` is their sum.
    Resources compute;    ///< datapath: products, adder tree, accumulators, comparators
    Resources weights;    ///< weight memory
    Resources thresholds; ///< threshold memory
    Resources window;     ///< sliding window / pool buffers
    Resources glue;       ///< control, FIFOs, width converters
    Resources res;
    bool operator==(const LayerEstimate&) const = default;
};

/// Which figures a model estimates. The others are unknown, not zero: JSON writes null for
/// them and tables show "n/a" (finn-r: no FFs, DSPs or windows; finn: no FFs or windows).
struct Modelled {
    bool ff = true;
    bool dsp = true;
    bool windows = true; ///< sliding windows, pools, FIFOs (the `window` breakdown)
    bool operator==(const Modelled&) const = default;
};

struct Estimate {
    std::string model;              ///< "bitfold" or "finn-r"
    double clockMhz = 0;
    std::vector<LayerEstimate> layers;
    Resources layersTotal;          ///< sum over layers
    Resources infrastructure;       ///< accelerator-level I/O (DMA adapters, input/output converters)
    Resources shell;                ///< the platform shell the device reserves
    Resources totals;               ///< layers + infrastructure + shell: comparable to whole-design reports
    std::int64_t cycles = 0;        ///< initiation interval: the slowest stage, cycles per frame
    int bottleneck = -1;            ///< index of the slowest layer
    double fps = 0;
    double latencyCycles = 0;       ///< first input to last output of one frame, stages overlapping
    double latencyUs = 0;
    double opsPerSecond = 0;        ///< logical ops per frame * fps
    Resources utilisation;          ///< totals / device, fractions (bram18 holds the BRAM fraction)
    ResourceKind mostUsed = ResourceKind::Lut;
    std::vector<std::string> assumptions;
    Modelled modelled;
    bool operator==(const Estimate&) const = default;
};

} // namespace bitfold
