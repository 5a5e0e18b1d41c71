#pragma once
// Does a design fit? The one rule (the optimizer's, with its tolerance) as a report the CLI
// and the GUI show, so neither keeps a fit check of its own.
#include "bitfold/device.h"
#include "bitfold/estimate.h"
#include "bitfold/network.h"
#include "bitfold/optimizer.h"

#include <string>
#include <vector>

namespace bitfold {

struct FitReport {
    bool fits = false; ///< every resource within its limit
    ResourceKind tightest = ResourceKind::Lut; ///< the resource furthest over (or nearest to) its limit
    double ratio = 0; ///< its used / allowed (> 1: over)
    double share = 0; ///< its fraction of the device
    double limit = 0; ///< its limit, a fraction of the device
};

/// The fit of an estimate's totals (shell included) against `limits` of `device`.
FitReport fitReport(const Estimate& estimate, const Device& device, const ResourceLimits& limits);

/// Why a design does not fit, one sentence for users (the Explain page); empty when it fits.
/// Names the resource furthest over its limit and the part of the design that takes most of
/// it (datapath, weights, thresholds, windows, control, I/O, shell). When that part alone
/// exceeds the limit, says so, with what sets its size: for thresholds, 2^A - 1 values of
/// accumulator width per output channel, bits that no folding changes.
std::string fitReason(const Network& net, const std::vector<LayerPrecision>& prec, const Estimate& estimate,
                      const Device& device, const ResourceLimits& limits);

} // namespace bitfold
