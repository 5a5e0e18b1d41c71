#pragma once
// Internals of the folding search, shared by the optimizer, its baselines, the sweeps and the
// device scaling.
//
// The search needs the cost of one layer under many foldings. estimate() is additive over
// stages (a matrix layer plus the max-pools that inherit its PE), so the cost of a stage is
// computed on its own by a fast transcription of the cost models (optimizer_cost.cpp) and
// summed; the only coupling between stages is the width converter on a stage's input, which
// depends on the producer's PE and is added exactly when a whole folding is totalled.
// tests/explore/test_stage_cost.cpp checks the transcription against estimate() on every
// shipped network; every result the optimizer returns is re-estimated with estimate().
#include "bitfold/optimizer.h"
#include "cost_internal.h"

#include <array>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace bitfold::detail {

/// "Unbounded" in the search: an over-used resource's weight, an empty column's least cost.
inline constexpr double kHuge = 1e30;
inline constexpr int kResourceCount = 5; ///< LUT, FF, BRAM18, URAM, DSP (kAllResources order)
using ResVec = std::array<double, kResourceCount>;

inline ResVec toVec(const Resources& r) { return {r.lut, r.ff, r.bram18, r.uram, r.dsp}; }

/// Resources estimate() reports for matrix layer `i` (its layers[i].res) under `f`, without the
/// width converter on its input (see converterCost in cost_internal.h).
Resources matrixLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i, const LayerFolding& f,
                          const Device& device, CostModel model);
/// The cost model's per-layer pricing (MatrixCostModel), summed as the search needs it.
class MatrixLayerCost {
public:
    MatrixLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i, const Device& device,
                    CostModel model)
        : m_cost(net.layers[i], prec[i], device, model) {}
    /// Everything but the weight memory: datapath, thresholds, window, control, input FIFO.
    Resources base(int pe, int simd, int mmv = 1, ProductResource product = ProductResource::Lut,
                   ThresholdUnit thresholds = ThresholdUnit::Parallel) const {
        return m_cost.base(pe, simd, mmv, product, thresholds).sum();
    }
    /// The product and threshold choices that change this layer's cost (the first is the default).
    std::vector<ProductResource> products() const;
    std::vector<ThresholdUnit> thresholdUnits() const;
    /// The weight memory.
    Resources weights(int pe, int simd, MemoryStyle memory) const { return m_cost.weights(pe, simd, memory).sum(); }

private:
    MatrixCostModel m_cost;
};

/// Resources of max-pool layer `i` whose matrix producer emits `producerPerWord` elements per
/// word (PE * MMV; 1 when none).
Resources poolLayerCost(const Network& net, const std::vector<LayerPrecision>& prec, int i, int producerPerWord,
                        CostModel model);

/// Cycles per frame of pool `i` fed `producerPerWord` elements per word (pipeline plan).
std::int64_t poolCycles(const Layer& pool, int producerPerWord);

/// One way to fold a stage.
struct StageOption {
    int pe = 1, simd = 1, mmv = 1;
    MemoryStyle memory = MemoryStyle::Auto;
    ProductResource product = ProductResource::Lut;
    ThresholdUnit thresholds = ThresholdUnit::Parallel;
    std::int64_t cycles = 0; ///< slowest block of the stage (MVTU, window, pools)
    ResVec res{}; ///< the layer and its pools, without the input converter
    double lutram = 0;
};

/// A stage's foldings, priced: the same for every stage of the same layers and precisions, so
/// identical stages (the hidden layers of an MLP, a deep network's repeated blocks) share one.
struct StageChoices {
    std::vector<StageOption> options; ///< cycles ascending; dominated options removed
    std::vector<int> pes, simds; ///< valid values, ascending
    /// The options' search data column by column (select and repair scan thousands per step).
    struct Columns {
        std::vector<std::int64_t> cycles;
        std::array<std::vector<double>, kResourceCount> res; ///< padded to a multiple of 8 options
        std::vector<double> inBits; ///< input stream bits (SIMD x bits per lane)
        std::vector<double> perWord; ///< output elements per word (PE x MMV)
        std::vector<char> uram; ///< weights in URAM
        /// Least of each resource over options 0..o, over all and over those without URAM.
        std::array<std::vector<double>, kResourceCount> least, leastNoUram;
        /// One past the last option of at most `ii` cycles.
        int end(std::int64_t ii) const;
    } col;
};

/// A matrix layer and the pools that follow it.
struct Stage {
    using Columns = StageChoices::Columns;
    int layer = 0; ///< the matrix layer
    int end = 0; ///< one past its last pool
    int inBitsPerSimd = 0; ///< input stream bits per SIMD lane
    int fromBitsPerPe = 0; ///< producer's output bits per PE (0: no converter possible)
    bool fromFixed = false; ///< producer is not a stage (leading pools): its PE is 1
    std::shared_ptr<const StageChoices> choices; ///< shared between identical stages
    const std::vector<StageOption>& options() const { return choices->options; }
    const Columns& col() const { return choices->col; }
};

/// Every stage's options under one network, precision and cost model: what does not depend
/// on the device (a sweep shares one across devices and clocks).
struct StageTable {
    const Network* net = nullptr;
    const std::vector<LayerPrecision>* prec = nullptr;
    CostModel model = CostModel::Bitfold;
    bool exact = false; ///< priced by estimate() (for one device) rather than the fast costs
    std::vector<Stage> stages;
    ResVec fixed{}; ///< infrastructure + leading pools (no shell)
    std::int64_t fixedCycles = 0; ///< leading pools
    std::int64_t minCycles = 0; ///< fastest achievable initiation interval (fully unfolded)
    std::int64_t maxCycles = 0; ///< initiation interval of the all-ones folding
    std::vector<std::int64_t> cycleValues; ///< sorted distinct stage cycles in [minCycles, maxCycles]
    int evaluations = 0; ///< stage options priced
    bool anyDevice = false; ///< built with the defaults below: usable on every device
};

/// Priced stages shared between the stage tables of one sweep, so that a stage met again in
/// another network or group (CNV and CNV 50%, LFC's hidden layers and MLP 50%'s) is priced
/// once. Thread-safe; keeps the most recently used stages up to `capacityOptions` options
/// (about 240 bytes each).
class StageCache {
public:
    explicit StageCache(std::size_t capacityOptions = 16384);
    std::shared_ptr<const StageChoices> find(const std::string& key);
    void insert(const std::string& key, std::shared_ptr<const StageChoices> choices);
    std::size_t hits() const;

private:
    using Entry = std::pair<std::string, std::shared_ptr<const StageChoices>>;
    mutable std::mutex m_mutex;
    std::list<Entry> m_recent; ///< most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
    std::size_t m_capacity, m_options = 0, m_hits = 0;
};

/// `memoryOptions`: also consider LUTRAM and (`uram`) URAM weight memories (the bitfold model
/// only; URAM options are skipped on devices without URAM). `exactFor`: price every option
/// with estimate() on its stage alone, on that device, instead of the fast costs. `cache`:
/// take and leave priced stages there (fast tables only).
std::shared_ptr<const StageTable> buildStageTable(const Network& net, const std::vector<LayerPrecision>& prec,
                                                  CostModel model, bool memoryOptions = true,
                                                  const Device* exactFor = nullptr, bool uram = true,
                                                  StageCache* cache = nullptr);

/// A stage table on one device under limits: the search's view.
class FoldingProblem {
public:
    FoldingProblem(std::shared_ptr<const StageTable> table, const Device& device, const ResourceLimits& limits);
    /// Builds its own table.
    FoldingProblem(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device, CostModel model,
                   const ResourceLimits& limits, bool memoryOptions = true, bool exact = false);

    const StageTable& table() const { return *m_table; }
    const std::shared_ptr<const StageTable>& sharedTable() const { return m_table; }
    const Network& net() const { return *m_table->net; }
    const std::vector<LayerPrecision>& prec() const { return *m_table->prec; }
    const Device& device() const { return m_device; }
    CostModel model() const { return m_table->model; }
    const ResourceLimits& limits() const { return m_limits; }
    const std::vector<Stage>& stages() const { return m_table->stages; }

    /// Fastest and slowest achievable initiation intervals on this device: the table's, never
    /// below the folding-independent blocks (memory interface, quantizer, adapters, label).
    std::int64_t minCycles() const { return m_cycleValues.front(); }
    std::int64_t maxCycles() const { return std::max(m_table->maxCycles, m_ioCycles); }
    const std::vector<std::int64_t>& cycleValues() const { return m_cycleValues; }
    /// Cycles of the folding-independent blocks on this device's memory port, and whether the
    /// slowest of them is the memory reader or writer.
    std::int64_t ioCycles() const { return m_ioCycles; }
    bool ioIsMemory() const { return m_ioIsMemory; }

    /// Room left for the stages: limit * device - shell - infrastructure - leading pools.
    const ResVec& room() const { return m_room; }
    /// Resources of a choice (an option index per stage), shell and infrastructure included.
    ResVec totals(const std::vector<int>& choice) const;
    /// Stage resources (converters included) of a choice, to compare with room().
    ResVec used(const std::vector<int>& choice) const;
    /// Largest used/room ratio over the resources, and which one.
    double worstRatio(const ResVec& used, int* which = nullptr) const;
    Folding folding(const std::vector<int>& choice) const;
    /// True when estimate() of folding(choice) agrees with the tables (totals and cycles).
    bool agrees(const std::vector<int>& choice, const Estimate& e) const;
    std::int64_t cycles(const std::vector<int>& choice) const;

    /// Cheapest choice with every stage at most `ii` cycles: weighted option costs, the
    /// weights re-balanced towards over-used resources, then a greedy repair. Returns true
    /// and fills `choice` when it fits; otherwise `choice` is an over-used attempt, stopped as
    /// soon as a Lagrangian bound shows that nothing fits, or (`leastOver`, for reporting the
    /// smallest folding) repaired towards the least over-use.
    bool cheapestWithin(std::int64_t ii, std::vector<int>& choice, int* evaluations = nullptr,
                        bool leastOver = false) const;

    int tableEvaluations() const { return m_table->evaluations; }

private:
    /// Cheapest usable option per stage s among its first ends[s] (those within the interval)
    /// under `weights`; returns the summed cost. `warm`: `choice` holds usable options (the
    /// previous round's), which only shorten the scan.
    double select(const std::vector<int>& ends, const ResVec& weights, std::vector<int>& choice,
                  bool warm = false) const;
    bool repair(const std::vector<int>& ends, std::vector<int>& choice, int* evaluations) const;
    ResVec converter(const std::vector<int>& choice, std::size_t s) const;
    /// The prefix minima of the options this device can use (URAM ones only where it has URAM).
    const auto& leastOf(const Stage::Columns& col) const { return m_uram ? col.least : col.leastNoUram; }
    /// The converter on stage s's input with `option` there and `producer` in stage s - 1.
    ResVec converter(std::size_t s, int option, int producer) const;

    std::shared_ptr<const StageTable> m_table;
    Device m_device;
    ResourceLimits m_limits;
    bool m_uram = false;
    ResVec m_fixed{}; ///< shell + table's fixed
    ResVec m_room{};
    std::int64_t m_ioCycles = 0;
    bool m_ioIsMemory = false;
    std::vector<std::int64_t> m_cycleValues;
};

/// True when an estimate's totals are within the limits of the device.
bool withinLimits(const Estimate& e, const Device& device, const ResourceLimits& limits);
/// The resource furthest over (or nearest to) its limit, and its used/allowed ratio.
ResourceKind tightestResource(const Estimate& e, const Device& device, const ResourceLimits& limits,
                              double* ratio = nullptr);
/// Throws Error for limits outside [0, 1].
void checkLimits(const ResourceLimits& limits);

/// The baselines. `targetCycles`: FINN's target_cycles_per_frame (a stage meets it when its
/// cycles are strictly below it).
Folding finnSetFolding(const Network& net, const std::vector<LayerPrecision>& prec, std::int64_t targetCycles,
                       int wwidthMax = 36);
FoldingResult runSetFolding(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                            const FoldingRequest& request, double clockMhz, bool explain);
FoldingResult runFinnRGreedy(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                             const FoldingRequest& request, double clockMhz, bool explain);

/// optimizeFolding(); `explain` = false leaves `message` empty, skipping the search for a
/// device that fits (sweeps and scaling do not show messages and run many designs).
/// `table`: a stage table of the same network, precisions and model to reuse (bitfold only).
FoldingResult optimize(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                       const FoldingRequest& request, bool explain,
                       const std::shared_ptr<const StageTable>& table = nullptr);

/// Fills estimate, fits and (when empty) limitingResource of a result from its folding.
void finishResult(FoldingResult& r, const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                  const FoldingRequest& request, double clockMhz);
/// "does not fit" message naming the resource and the smallest shipped device that fits.
/// `table`, when given and usable on any device (StageTable::anyDevice), spares building it again.
std::string noFitMessage(const Network& net, const std::vector<LayerPrecision>& prec, const Device& device,
                         const FoldingRequest& request, const Estimate& cheapest,
                         const std::shared_ptr<const StageTable>& table = nullptr);

} // namespace bitfold::detail
