#pragma once
// Shared by the package reader/writer (params.cpp) and the random-parameter generator
// (params_random.cpp).
#include "bitfold/geometry.h"
#include "bitfold/network.h"

#include <cstdint>
#include <string>

namespace bitfold::detail {

inline std::string layerTag(const Layer& l) { return "layer " + l.name + ": "; }

/// Thresholds per output row of an A-bit activation: 2^A - 1; none without activation.
inline std::int64_t thresholdCount(int actBits) { return actBits > 0 ? (std::int64_t(1) << actBits) - 1 : 0; }

/// Narrow symmetric range of a W-bit weight (1..8 bits); 1 bit is {-1, +1}.
inline int weightMax(int w) { return int(geometry::weightMagnitude(w)); }

/// A matrix layer without activation feeds raw accumulators on: only allowed at the end.
/// Throws Error at `where` otherwise.
void checkChain(const Network& net, const std::string& where);

} // namespace bitfold::detail
