// Device scaling (Blott et al. 2017): the frame rate a network reaches as the device grows,
// across the shipped parts and along a continuous "fraction of a VU9P" axis.
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/sweep.h"
#include "optimizer_internal.h"

#include <cstdio>

namespace bitfold {

namespace {

ScalingPoint scalingPoint(const Network& net, const std::vector<LayerPrecision>& prec, const Device& d,
                          const FoldingRequest& request, double fraction,
                          const std::shared_ptr<const detail::StageTable>& table) {
    const FoldingResult r = detail::optimize(net, prec, d, request, false, table);
    ScalingPoint p;
    p.device = d.id;
    p.fraction = fraction;
    p.fits = r.fits;
    p.fps = r.fits ? r.estimate.fps : 0; // a design that does not fit runs at no rate at all
    p.limitingResource = r.limitingResource;
    p.utilisation = r.estimate.utilisation;
    p.computeUnits = r.folding.computeUnits;
    p.why = scalingLimitText(r, d);
    return p;
}

} // namespace

std::string scalingLimitText(const FoldingResult& r, const Device& d) {
    const Estimate& e = r.estimate;
    const std::string units =
        e.computeUnits > 1 ? std::to_string(e.computeUnits) + " copies of the accelerator, " : std::string();
    if (!r.fits) return "does not fit: even the smallest design needs more " + r.limitingResource + " than allowed";
    if (r.limitingResource == "memory" || e.bound == Bound::Memory)
        return units + "each limited by its memory port: " + std::to_string(d.port.bits) +
            "-bit words move one image in " +
            std::to_string(e.slowestStage >= 0 ? e.stages[e.slowestStage].cycles : e.cycles) +
            " cycles, and no amount of logic reads images faster";
    if (r.limitingResource == "folding")
        return units +
            "every layer computes all it can at once (PE, SIMD and MMV at their largest): more logic "
            "would sit idle" +
            (d.maxComputeUnits > e.computeUnits ? "" : "; the platform places no more copies");
    return units + "the device runs out of " + r.limitingResource + " within the allowed share";
}

std::vector<ScalingPoint> deviceScaling(const Network& net, const std::vector<LayerPrecision>& prec,
                                        const FoldingRequest& request, const std::vector<double>& vu9pFractions) {
    const Catalog& cat = Catalog::shipped();
    const Device* vu9p = cat.findDevice("xcvu9p");
    if (!vu9p) throw Error("xcvu9p", "the device scaling axis needs the shipped XCVU9P device file");
    // The stage options do not depend on the device: priced once for the whole axis.
    const auto table =
        request.strategy == FoldingStrategy::Bitfold ? detail::buildStageTable(net, prec, request.model) : nullptr;
    std::vector<ScalingPoint> out;
    for (const Device& d : cat.devices())
        out.push_back(scalingPoint(net, prec, d, request, d.total.lut / vu9p->total.lut, table));

    static const std::vector<double> kDefaultFractions = {1.0 / 64, 1.0 / 32, 1.0 / 16, 1.0 / 8, 0.25,
                                                          0.375,    0.5,      0.75,     1.0};
    for (double f : vu9pFractions.empty() ? kDefaultFractions : vu9pFractions) {
        if (!(f > 0 && f <= 1))
            throw Error("fraction", std::to_string(f) + " is not a fraction of a VU9P (0 < f <= 1)");
        // The whole part shrinks, its platform shell with it.
        Device d = *vu9p;
        char id[48];
        std::snprintf(id, sizeof id, "xcvu9p@%g", f);
        d.id = id;
        d.name = vu9p->name + " x" + (id + 7);
        d.total = vu9p->total * f;
        d.shell = vu9p->shell * f;
        d.aliases.clear();
        out.push_back(scalingPoint(net, prec, d, request, f, table));
    }
    return out;
}

} // namespace bitfold
