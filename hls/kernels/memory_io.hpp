#pragma once
// The accelerator's ends on its AXI master ports, one PortBits-wide word per cycle (the
// memory interface of docs/accelerator.md): images in, each image starting on a word with its
// bytes little-endian (pixel byte b of an image is byte b % (PortBits/8) of its word
// b / (PortBits/8)); results out, each frame's 32-bit slots packed the same way
// (label_select.hpp fills the words).
#include "types.hpp"

namespace bitfold::hw {

/// Reader: ImageBytes 8-bit pixels per frame, PortBits (a multiple of 8, at most 4096) per
/// word. Each image occupies cycles::reader(ImageBytes, PortBits) consecutive words of
/// `images`; one word per cycle leaves on `out`, unchanged.
template <unsigned ImageBytes, unsigned PortBits>
void readImages(const ap_uint<PortBits>* images, hls::stream<ap_uint<PortBits>>& out,
                unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(ImageBytes >= 1, "readImages: ImageBytes must be positive");
    static_assert(PortBits >= 8 && PortBits % 8 == 0 && PortBits <= 4096,
                  "readImages: PortBits must be a multiple of 8, at most 4096");
    constexpr unsigned WORDS = ceilDiv((unsigned long long)ImageBytes * 8, PortBits);
    static_assert(WORDS == cycles::reader(ImageBytes, PortBits), "readImages: one port word per cycle");
    const unsigned long long total = (unsigned long long)WORDS * frames;
read_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        out.write(images[i]);
        BITFOLD_COUNT();
    }
}

/// Writer: Slots 32-bit results per frame (the logical outputs, then the label), packed
/// PortBits/32 per word by labelSelect; cycles::writer(Slots, PortBits) words per frame, one
/// per cycle, frame f at results[f * words ...].
template <unsigned Slots, unsigned PortBits>
void writeResults(hls::stream<ap_uint<PortBits>>& in, ap_uint<PortBits>* results,
                  unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(Slots >= 2, "writeResults: at least one output and the label");
    static_assert(PortBits >= 32 && PortBits % 32 == 0 && PortBits <= 4096,
                  "writeResults: PortBits must be a multiple of 32, at most 4096");
    constexpr unsigned WORDS = ceilDiv((unsigned long long)Slots * 32, PortBits);
    static_assert(WORDS == cycles::writer(Slots, PortBits), "writeResults: one port word per cycle");
    const unsigned long long total = (unsigned long long)WORDS * frames;
write_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        results[i] = in.read();
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
