// The MVTU's weight ROM and thresholds (see bitfold/weight_rom.h).
#include "bitfold/weight_rom.h"

#include <algorithm>
#include <limits>

namespace bitfold {

WeightRom packWeightRom(const Layer& l, const LayerParams& p, const LayerFolding& f, int inputBits) {
    const int w = p.weightBits;
    const bool binaryIn = inputBits == 1;
    // Hardware (padded) and logical matrix shapes: the package holds the logical one (bitfold/geometry.h).
    const std::int64_t mw = l.matrixWidth(), mh = l.matrixHeight();
    const std::int64_t lmw = p.mw, lmh = p.mh;
    const std::int64_t sf = mw / f.simd, nf = mh / f.pe;
    const std::int64_t hwIn = l.hwIn(), cin = l.inChannels;
    WeightRom rom;
    rom.pe = f.pe;
    rom.tiles = nf * sf;
    rom.words = (std::int64_t(f.simd) * w + 63) / 64;
    rom.paddingContribution = (w == 1 && binaryIn && (mw - lmw) % 2) ? -1 : 0;
    rom.bits.assign(std::size_t(rom.pe * rom.tiles * rom.words), 0);
    for (std::int64_t r = 0; r < mh; ++r) {
        const std::int64_t pe = r % f.pe, rowFold = r / f.pe;
        for (std::int64_t c = 0; c < mw; ++c) {
            // The logical column of hardware column c, or -1 and its index among the padded ones.
            std::int64_t lc = -1, padIndex = 0;
            if (l.kind == LayerKind::Fc) {
                if (c < lmw)
                    lc = c;
                else
                    padIndex = c - lmw;
            } else {
                const std::int64_t k = c / hwIn, ch = c % hwIn;
                if (ch < cin)
                    lc = k * cin + ch;
                else
                    padIndex = k * (hwIn - cin) + ch - cin;
            }
            int v;
            if (r >= lmh)
                v = w == 1 ? 1 : 0;
            else if (lc >= 0)
                v = p.weights[std::size_t(r * lmw + lc)];
            else
                v = w == 1 ? (binaryIn && padIndex % 2 ? -1 : 1) : 0;
            const std::uint64_t raw = w == 1 ? (v > 0 ? 1u : 0u) : std::uint64_t(std::uint32_t(v)) & ((1u << w) - 1);
            const std::int64_t tile = rowFold * sf + c / f.simd, bit = (c % f.simd) * w;
            std::uint64_t* entry = &rom.bits[std::size_t((pe * rom.tiles + tile) * rom.words)];
            entry[bit / 64] |= raw << (bit % 64);
            if (bit % 64 + w > 64) entry[bit / 64 + 1] |= raw >> (64 - bit % 64);
        }
    }
    return rom;
}

std::vector<std::int64_t> packThresholds(const Layer& l, const LayerParams& p, const LayerFolding& f,
                                         int paddingContribution) {
    std::vector<std::int64_t> out;
    if (!l.activation) return out;
    const int nt = (1 << p.actBits) - 1;
    const std::int64_t nf = l.matrixHeight() / f.pe;
    out.reserve(std::size_t(f.pe * nf * nt));
    for (std::int64_t pe = 0; pe < f.pe; ++pe)
        for (std::int64_t rf = 0; rf < nf; ++rf) {
            const std::int64_t r = rf * f.pe + pe;
            for (int k = 0; k < nt; ++k) {
                const std::int64_t t =
                    r < p.mh ? std::int64_t(p.thresholds[std::size_t(r * nt + k)]) + paddingContribution : 0;
                out.push_back(std::clamp<std::int64_t>(t, std::numeric_limits<std::int32_t>::min(),
                                                       std::numeric_limits<std::int32_t>::max()));
            }
        }
    return out;
}

} // namespace bitfold
