#pragma once
// The accelerator's ends: images from an AXI master port (64-bit words, bytes little-endian,
// each image starting on a word) to a pixel stream, and labels plus logical outputs back
// (one 32-bit word each: label first, then the outputs).
#include "types.hpp"

namespace bitfold::hw {

/// ImageBytes pixels per frame, one per cycle; an image occupies ceil(ImageBytes / 8) words.
template <unsigned ImageBytes>
void readImages(const ap_uint<64>* images, hls::stream<ap_uint<8>>& out, unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(ImageBytes >= 1, "readImages: ImageBytes must be positive");
    constexpr unsigned WORDS = (ImageBytes + 7) / 8;
    ap_uint<64> word = 0;
    unsigned byte = 0, w = 0;
    unsigned long long base = 0;
    const unsigned long long total = (unsigned long long)ImageBytes * frames;
read_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        if ((byte & 7) == 0)
            word = images[base + w++];
        out.write(ap_uint<8>(word.range((byte & 7) * 8 + 7, (byte & 7) * 8)));
        if (++byte == ImageBytes) {
            byte = 0;
            w = 0;
            base += WORDS;
        }
        BITFOLD_COUNT();
    }
}

/// Writes Outputs + 1 words per frame: the label, then the logical outputs.
template <unsigned Outputs>
void writeResults(hls::stream<ap_uint<32>>& values, hls::stream<ap_uint<32>>& labels, ap_uint<32>* results,
                  unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(Outputs >= 1, "writeResults: Outputs must be positive");
    unsigned j = 0;
    const unsigned long long total = (unsigned long long)(Outputs + 1) * frames;
write_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        results[i] = j == 0 ? labels.read() : values.read();
        j = j == Outputs ? 0 : j + 1;
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
