#pragma once
// The few free parameters of the bitfold cost model, and their fit to published designs.
// Everything else in the model is structure (product, adder-tree and accumulator widths,
// memory aspect ratios); these parameters carry what structure cannot know: how many LUTs
// Vivado spends per structural bit, how many of those bits it registers, and the control and
// I/O logic around the datapath. docs/cost-model.md derives the priors and reports the
// leave-one-design-out check.
#include "bitfold/cost_model.h"
#include "bitfold/device.h"
#include "bitfold/network.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

namespace bitfold {

struct CostCalibration {
    double datapathLut = 1.0; ///< LUTs per structural datapath bit (carry-chain adder or product bit)
    double datapathFf = 0.5; ///< pipeline registers per structural datapath bit
    double mvtuControlLut = 600; ///< loop counters, handshakes, weight-loading path of one MVTU
    double mvtuControlFf = 1200;
    double ioLut = 2500; ///< accelerator I/O: AXI masters, DMA, input/output converters
    double ioFf = 3500;
    /// Implementation flow, a design-entry parameter rather than a fitted one: FINN's compiler
    /// keeps all PEs' weights in one memory of PE x SIMD x W bits; BNN-PYNQ's 2018 HLS
    /// partitions them into one memory per PE (the default, as Bitfold's kernels do).
    bool weightsOneMemory = false;
    static constexpr int kCount = 6; ///< the fitted parameters
    std::array<double, kCount> values() const;
    static CostCalibration fromValues(const std::array<double, kCount>& v);
    static const std::array<const char*, kCount>& names();
};

/// The calibration every estimate uses: the fit to all published designs
/// (docs/cost-model.md; regenerate with `bitfold-cli calibrate`).
const CostCalibration& defaultCalibration();
/// The physical priors the fit starts from and is regularised towards.
const CostCalibration& priorCalibration();

/// estimate() with a given calibration (bitfold model only; the others ignore it).
Estimate estimateWith(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                      const Device& device, double clockMhz, CostModel model, const CostCalibration& cal);

/// A published implementation with utilisation, as the engine sees it. `includesIo` is the
/// design entry's scope: BNN-PYNQ whole designs carry DMA/AXI infrastructure, FINN's
/// out-of-context or no-shell builds do not (the entry's "scope" text says so).
struct PublishedDesign {
    std::string id;
    nlohmann::json json; ///< the entry as published
    Network network;
    Device device;
    std::vector<LayerPrecision> precision;
    Folding folding;
    double clockMhz = 0;
    bool includesIo = true;
    bool finnFlow = false; ///< built by the FINN compiler (the entry's "scope"), not BNN-PYNQ's HLS flow
    double lut = 0, ff = 0, bram36 = 0, fps = 0; ///< measured; 0 where not published
};

/// The designs of a published.json (shared/reference format) that carry utilisation.
/// Networks resolve through the shipped catalog. Throws Error naming the design.
std::vector<PublishedDesign> loadPublishedDesigns(const std::string& path);

/// The model's figure comparable to a design's measurement (totals, less the accelerator
/// I/O where the design's scope has none).
Resources comparable(const PublishedDesign& d, const Estimate& e);

/// Least-squares fit of the calibration on relative errors (LUT for the LUT parameters, FF
/// for the FF ones), regularised towards the priors so that few designs cannot pull a
/// parameter far from its physical value.
CostCalibration fitCalibration(const std::vector<PublishedDesign>& designs);

struct LeaveOneOutRow {
    std::string id;
    Resources measured, fitAll, leftOut; ///< lut, ff, bram18 (= 2 x BRAM36)
};
/// For every design: fit without it, predict it (and, beside it, the fit on all).
std::vector<LeaveOneOutRow> leaveOneDesignOut(const std::vector<PublishedDesign>& designs);

} // namespace bitfold
