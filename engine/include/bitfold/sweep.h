#pragma once
// Sweeps of the design space, Pareto fronts and device scaling.
#include "bitfold/device.h"
#include "bitfold/estimate.h"
#include "bitfold/network.h"
#include "bitfold/optimizer.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bitfold {

/// Where an accuracy figure comes from; never mixed silently. UserSupplied: typed in by the
/// user (their own data set, e.g. for an imported model); Bitfold did not measure it.
enum class AccuracyKind { None, Published, Measured, Simulated, UserSupplied };
const char* toString(AccuracyKind k);

struct AccuracyInfo {
    AccuracyKind kind = AccuracyKind::None;
    double top1 = 0; ///< fraction; the mean over seeds when several were trained
    std::string dataset;
    std::string source;
    double sd = 0; ///< sample standard deviation over seeds (fraction); 0 if one seed or published
    int seeds = 0; ///< trained seeds behind `top1` (measured only; 0 = not known)
    bool operator==(const AccuracyInfo&) const = default;
};

/// A design outside the catalog grid (an imported network at its file's precisions, or one
/// whose accuracy the user typed in), swept on every device and clock of the spec.
struct SweepDesign {
    Network network;
    PrecisionSpec precision;
    AccuracyInfo accuracy; ///< kind None: the accuracy known for it (lookupAccuracy)
    bool operator==(const SweepDesign&) const = default;
};

struct SweepSpec {
    std::vector<std::string> networks; ///< ids from the catalog
    std::vector<int> weightBits{1, 2, 4, 8};
    std::vector<int> actBits{1, 2, 4, 8};
    std::vector<double> widthScales{1.0};
    /// Weight bits of the first and last matrix layers, one variant each; 0 = the same as the
    /// other layers (mixed precision: 8 gives the "-first8" designs).
    std::vector<int> edgeWeightBits{0};
    std::vector<std::string> devices; ///< ids; empty = every shipped device
    std::vector<double> clocksMhz; ///< empty = each device's default
    FoldingRequest folding; ///< how each point is folded
    std::vector<SweepDesign> designs; ///< swept beside the grid, each at its own precision
    int threads = 0; ///< 0 = hardware concurrency
};

struct DesignPoint {
    std::string network; ///< id (with width suffix when scaled)
    double widthScale = 1;
    int weightBits = 0, actBits = 0;
    int edgeWeightBits = 0; ///< first and last matrix layers' weight bits, 0 = weightBits
    std::string device;
    double clockMhz = 0;
    double fps = 0, latencyUs = 0, opsPerSecond = 0;
    Resources totals;
    Resources utilisation;
    double fpsPerLut = 0;
    bool fits = false;
    std::string limitingResource;
    AccuracyInfo accuracy;
    Folding folding;
    bool operator==(const DesignPoint&) const = default;
};

/// The one place a DesignPoint is filled: a design's estimate, how it was folded and what is
/// known of its accuracy (the sweep, the precision map and simulated runs all call it).
DesignPoint makeDesignPoint(const std::string& networkId, double widthScale, int weightBits, int actBits,
                            const std::string& deviceId, const Estimate& estimate, const Folding& folding, bool fits,
                            const std::string& limitingResource, AccuracyInfo accuracy);

using Progress = std::function<void(std::size_t done, std::size_t total)>;

/// Evaluates every combination (multi-threaded, deterministic order). Stops early, returning
/// what is done, when `cancel` becomes true. `progress` is called from worker threads.
std::vector<DesignPoint> runSweep(const SweepSpec& spec, const Progress& progress = {},
                                  const std::atomic<bool>* cancel = nullptr);

/// Accuracy known for a design: measured (shipped trained models) before published.
/// `edgeWeightBits` > 0: the first and last matrix layers have that many weight bits.
AccuracyInfo lookupAccuracy(const Network& net, int weightBits, int actBits, int edgeWeightBits = 0);

/// An objective for Pareto fronts.
enum class Objective { Accuracy, Fps, Lut, Bram, Dsp, LatencyUs, FpsPerLut };
const char* toString(Objective o);
Objective objectiveFromString(const std::string& s); // throws Error
bool maximised(Objective o);
double valueOf(const DesignPoint& p, Objective o);

/// Indices of the non-dominated points (duplicates all kept), in input order. Points
/// without accuracy are skipped when Accuracy is an objective.
std::vector<std::size_t> paretoFront(const std::vector<DesignPoint>& points, const std::vector<Objective>& objectives);

/// A front among the points whose accuracy is on `dataset` (empty: no accuracy objective).
struct ParetoFront {
    std::string dataset;
    std::vector<std::size_t> points; ///< indices into the input, ascending
    std::size_t candidates = 0; ///< points the front was chosen from
};

/// Accuracies on different data sets (CIFAR-10 published, Fashion-MNIST measured) are not one
/// axis: with Accuracy among the objectives there is one front per data set (sorted by name),
/// points without accuracy left out; otherwise a single front over every point.
std::vector<ParetoFront> paretoFronts(const std::vector<DesignPoint>& points, const std::vector<Objective>& objectives);

/// Cheapest (fewest LUTs among those that fit) design reaching `minAccuracy`, per
/// weight/activation precision pair; nullopt entries where none reaches it.
struct CheapestAtAccuracy {
    int weightBits = 0, actBits = 0;
    std::optional<DesignPoint> point;
};
std::vector<CheapestAtAccuracy> cheapestReaching(const std::vector<DesignPoint>& points, double minAccuracy);

/// Predicted FPS across the device list (smallest first) and along a continuous
/// "fraction of a VU9P" axis.
struct ScalingPoint {
    std::string device; ///< id, or "xcvu9p@0.25" on the fraction axis
    double fraction = 0; ///< device LUTs / VU9P LUTs
    double fps = 0;
    bool fits = false;
    std::string limitingResource; ///< "LUT", "BRAM", "DSP", ..., "memory", or "folding"
    Resources utilisation;
    int computeUnits = 1; ///< copies of the accelerator the optimizer placed
    std::string why; ///< what stops the frame rate growing here, in words a newcomer understands
};
/// The words of ScalingPoint::why for an optimizer result.
std::string scalingLimitText(const FoldingResult& r, const Device& d);
std::vector<ScalingPoint> deviceScaling(const Network& net, const std::vector<LayerPrecision>& prec,
                                        const FoldingRequest& request, const std::vector<double>& vu9pFractions = {});

} // namespace bitfold
