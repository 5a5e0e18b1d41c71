#include "bitfold/fit.h"

#include "optimizer_internal.h"

namespace bitfold {

FitReport fitReport(const Estimate& e, const Device& device, const ResourceLimits& limits) {
    FitReport r;
    r.fits = detail::withinLimits(e, device, limits);
    r.tightest = detail::tightestResource(e, device, limits, &r.ratio);
    r.share = get(e.utilisation, r.tightest);
    r.limit = limitOf(limits, r.tightest);
    return r;
}

} // namespace bitfold
