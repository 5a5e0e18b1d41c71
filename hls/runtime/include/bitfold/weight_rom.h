#pragma once
// A matrix layer's parameters as the MVTU reads them (docs/semantics.md): the weight ROM,
// [PE][tile][64-bit word] with lane i of a tile at bits [i*W, (i+1)*W), and the thresholds,
// [PE][neuron fold][2^A - 1]. Pure functions of the layer, its parameters and its folding.
#include "bitfold/folding.h"
#include "bitfold/layer.h"
#include "bitfold/params.h"

#include <cstdint>
#include <vector>

namespace bitfold {

struct WeightRom {
    std::int64_t pe = 0; ///< processing elements (first index)
    std::int64_t tiles = 0; ///< neuron folds x synapse folds (second index)
    std::int64_t words = 0; ///< 64-bit words per tile: ceil(SIMD * W / 64)
    std::vector<std::uint64_t> bits; ///< pe * tiles * words, row-major
    /// Known contribution of the hardware-padded inputs to every accumulator: -1 when 1-bit
    /// weights meet an odd number of padded 1-bit inputs per row, else 0.
    int paddingContribution = 0;
    bool operator==(const WeightRom&) const = default;
};

/// Packs a matrix layer's logical weights (p.mh x p.mw) into the ROM of its hardware matrix
/// (l.matrixHeight() x l.matrixWidth(), padded rows and inputs included). Padded entries are
/// 0 for W >= 2; for 1-bit weights padded rows are +1 and padded inputs alternate +1/-1 on
/// 1-bit inputs (+1 otherwise). `inputBits`: bits of the layer's input elements (1..8).
/// Preconditions (checked by the generator): the folding divides the matrix, p matches l.
WeightRom packWeightRom(const Layer& l, const LayerParams& p, const LayerFolding& f, int inputBits);

/// The layer's thresholds, [PE][neuron fold][2^A - 1] flattened: padded rows 0, every
/// threshold shifted by `paddingContribution` and clamped to 32 bits. Empty without activation.
std::vector<std::int64_t> packThresholds(const Layer& l, const LayerParams& p, const LayerFolding& f,
                                         int paddingContribution);

} // namespace bitfold
