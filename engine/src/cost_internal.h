#pragma once
// Shared between the two cost models: the stage cycle arithmetic (from cycles.h) and the
// assembly of per-layer figures into an Estimate.
#include "bitfold/cost_model.h"
#include "bitfold/device.h"
#include "bitfold/finn_estimate.h"
#include "bitfold/network.h"

namespace bitfold::detail {

/// Fills name, kind, pe, simd and every cycle field of each layer (the same for both models:
/// the cycle formulas are the architecture's, not a model's choice).
std::vector<LayerEstimate> stageCycles(const Network& net, const std::vector<LayerPrecision>& prec,
                                       const Folding& folding);

/// Bits per cycle on the stream a layer emits (PE * output bits) and consumes.
int outStreamBits(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int layer);
int inStreamBits(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding, int layer);

/// RAMB18 primitives for a depth x width memory on the RAMB18 aspect ratios (16Kx1, 8Kx2,
/// 4Kx4, 2Kx9, 1Kx18, 512x36): the fewest primitives, or, for memories deeper than
/// `depthFirstAbove` words, the deepest aspect not deeper than the memory (cascading).
double ramb18For(std::int64_t depth, std::int64_t width, std::int64_t depthFirstAbove = 1LL << 62);
/// URAM blocks (4K x 72) for a depth x width memory.
double uramFor(std::int64_t depth, std::int64_t width);
/// Bitfold model: one SIMD lane of a matrix layer (product and its adder-tree share).
Resources bitfoldLane(const LayerPrecision& p);

/// LUTs of a depth x width distributed RAM (64 x 1 per LUT6).
double lutramFor(std::int64_t depth, std::int64_t width);

/// Model-specific resources of each layer, and accelerator-level infrastructure.
void finnRResources(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                    const Device& device, std::vector<LayerEstimate>& layers, Estimate& e);
void finnResources(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                   const Device& device, std::vector<LayerEstimate>& layers, Estimate& e);
void bitfoldResources(const Network& net, const std::vector<LayerPrecision>& prec, const Folding& folding,
                      const Device& device, std::vector<LayerEstimate>& layers, Estimate& e);

/// Latency of one frame through overlapping stages, cycles.
double overlappedLatency(const Network& net, const std::vector<LayerEstimate>& layers);

} // namespace bitfold::detail
