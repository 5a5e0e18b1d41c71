// The accelerator's top function: AXI master ports of BITFOLD_PORT_BITS-wide words for images
// and results, AXI-lite control, one DATAFLOW region holding the generated pipeline of
// bitfold_config.h. v++ builds define BITFOLD_PARAMS_INLINE so this one translation unit also
// holds the weight ROMs; C simulation compiles bitfold_params.h in its own unit
// (params_unit.cpp), cached apart from this one.
#include "bitfold_config.h"

#ifdef BITFOLD_PARAMS_INLINE
#include "bitfold_params.h"
#endif

#ifndef __SYNTHESIS__
#include "sim_interface.hpp"

#include <algorithm>
#include <vector>

namespace {
bitfold::hw::StageCounter g_counters[BITFOLD_STAGE_COUNT];
}
#endif

/// `count` images from `images` (cycles::reader(image bytes, port) words each, bytes
/// little-endian), their result slots to `results` (cycles::writer(outputs + 1, port) words
/// each: the logical outputs, then the label, 32 bits a slot; docs/accelerator.md).
extern "C" void bitfold_top(const ap_uint<BITFOLD_PORT_BITS>* images, ap_uint<BITFOLD_PORT_BITS>* results,
                            unsigned count) {
#pragma HLS INTERFACE m_axi port = images offset = slave bundle = gmem0 max_read_burst_length = 64
#pragma HLS INTERFACE m_axi port = results offset = slave bundle = gmem1 max_write_burst_length = 64
#pragma HLS INTERFACE s_axilite port = images
#pragma HLS INTERFACE s_axilite port = results
#pragma HLS INTERFACE s_axilite port = count
#pragma HLS INTERFACE s_axilite port = return
#pragma HLS DATAFLOW
#ifndef __SYNTHESIS__
    bitfold_net::pipeline(images, results, count, g_counters);
#else
    bitfold_net::pipeline(images, results, count);
#endif
}

#ifndef __SYNTHESIS__
namespace bitfold::sim {

unsigned stageCount() { return BITFOLD_STAGE_COUNT; }

StageReport stage(unsigned i) {
    const bitfold_net::StageInfo& s = bitfold_net::kStages[i];
    return {s.name, s.layer, s.kind, s.cyclesPredicted, g_counters[i].cycles};
}

unsigned imageBytes() { return BITFOLD_IMAGE_BYTES; }
unsigned outputs() { return BITFOLD_OUTPUTS; }
unsigned portBits() { return BITFOLD_PORT_BITS; }

void runBatch(const std::uint8_t* pixels, unsigned count, std::uint32_t* slots) {
    using Word = ap_uint<BITFOLD_PORT_BITS>;
    constexpr unsigned kPortBytes = BITFOLD_PORT_BITS / 8, kPerWord = BITFOLD_PORT_BITS / 32;
    constexpr unsigned kSlots = BITFOLD_OUTPUTS + 1;
    constexpr unsigned kImageWords = unsigned(bitfold::cycles::reader(BITFOLD_IMAGE_BYTES, BITFOLD_PORT_BITS));
    constexpr unsigned kResultWords = unsigned(bitfold::cycles::writer(kSlots, BITFOLD_PORT_BITS));
    // Each image zero-padded to whole words, then moved 64 bits at a time.
    std::vector<std::uint8_t> bytes(std::size_t(count) * kImageWords * kPortBytes, 0);
    for (unsigned k = 0; k < count; ++k)
        std::copy_n(pixels + std::size_t(k) * BITFOLD_IMAGE_BYTES, BITFOLD_IMAGE_BYTES,
                    bytes.begin() + std::size_t(k) * kImageWords * kPortBytes);
    std::vector<Word> images(std::size_t(count) * kImageWords, Word(0));
    for (std::size_t w = 0; w < images.size(); ++w)
        for (unsigned lo = 0; lo < kPortBytes; lo += 8) {
            const unsigned n = kPortBytes - lo < 8 ? kPortBytes - lo : 8;
            unsigned long long chunk = 0;
            for (unsigned i = 0; i < n; ++i) chunk |= (unsigned long long)bytes[w * kPortBytes + lo + i] << (8 * i);
            images[w].range(8 * (lo + n) - 1, 8 * lo) = chunk;
        }
    std::vector<Word> results(std::size_t(count) * kResultWords, Word(0));
    bitfold_top(images.data(), results.data(), count);
    for (unsigned k = 0; k < count; ++k)
        for (unsigned s = 0; s < kSlots; ++s)
            slots[std::size_t(k) * kSlots + s] = std::uint32_t(results[std::size_t(k) * kResultWords + s / kPerWord]
                                                                   .range(32 * (s % kPerWord) + 31, 32 * (s % kPerWord))
                                                                   .to_uint());
}

} // namespace bitfold::sim
#endif
