#pragma once
// The accelerator's images file (docs/accelerator.md): "BFIMAGES", then little-endian u32
// version 1, count, rows, cols, channels, has-labels; the pixels (count * rows * cols *
// channels bytes); the labels (count bytes) when present. Header-only and free of the engine,
// so the engine (readImagesFile), the C-simulation harness (hls/top/sim_main.cpp, compiled
// at run time) and the XRT host read it with the same checks. Every size is computed in 64
// bits with overflow checks and compared with the file's length before anything is allocated.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace bitfold::images_file {

constexpr std::size_t kHeaderBytes = 32;
/// Largest image accepted, in bytes (as for IDX files): 256 MiB.
constexpr std::uint64_t kMaxImageBytes = std::uint64_t(1) << 28;

struct Header {
    std::uint32_t count = 0, rows = 0, cols = 0, channels = 0;
    bool labelled = false;
    std::uint64_t imageBytes = 0; ///< rows * cols * channels
    std::uint64_t pixelBytes = 0; ///< count * imageBytes
    std::uint64_t fileBytes = 0; ///< header, pixels and labels
};

inline std::uint32_t u32At(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

/// Checks the first kHeaderBytes of a file of `fileBytes` bytes (`n`: how many of them are at
/// `data`). Returns "" and fills `h`, or what is wrong (without the file's name).
inline std::string parseHeader(const void* data, std::size_t n, std::uint64_t fileBytes, Header& h) {
    const auto* p = static_cast<const unsigned char*>(data);
    if (n < 8 || std::memcmp(p, "BFIMAGES", 8) != 0) return "not a Bitfold images file (magic BFIMAGES)";
    if (n < kHeaderBytes)
        return "truncated header (" + std::to_string(n) + " of " + std::to_string(kHeaderBytes) + " bytes)";
    if (const std::uint32_t v = u32At(p + 8); v != 1) return "unsupported images file version " + std::to_string(v);
    h.count = u32At(p + 12);
    h.rows = u32At(p + 16);
    h.cols = u32At(p + 20);
    h.channels = u32At(p + 24);
    const std::uint32_t labels = u32At(p + 28);
    if (labels > 1) return "has-labels flag " + std::to_string(labels) + " is neither 0 nor 1";
    h.labelled = labels == 1;
    if (h.count > std::uint32_t(std::numeric_limits<int>::max()))
        return "implausible image count " + std::to_string(h.count);
    const std::string shape = std::to_string(h.rows) + "x" + std::to_string(h.cols) + "x" + std::to_string(h.channels);
    if (h.rows == 0 || h.cols == 0 || h.channels == 0) return "empty image shape " + shape;
    // Each factor is below 2^32, so the first product fits; the second is checked.
    std::uint64_t image = std::uint64_t(h.rows) * h.cols;
    if (__builtin_mul_overflow(image, std::uint64_t(h.channels), &image) || image > kMaxImageBytes)
        return "implausible image shape " + shape + " (more than " + std::to_string(kMaxImageBytes) + " bytes)";
    h.imageBytes = image;
    h.pixelBytes = std::uint64_t(h.count) * image; // < 2^31 * 2^28
    h.fileBytes = kHeaderBytes + h.pixelBytes + (h.labelled ? h.count : 0);
    if (h.fileBytes > fileBytes)
        return "truncated: " + std::to_string(h.count) + " images of " + std::to_string(image) + " bytes" +
            (h.labelled ? " and their labels" : "") + " need " + std::to_string(h.fileBytes) + " bytes, the file has " +
            std::to_string(fileBytes);
    return {};
}

} // namespace bitfold::images_file
