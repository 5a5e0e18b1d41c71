#pragma once
// Image data sets: Fashion-MNIST from Debian's dataset-fashion-mnist (gzipped IDX files).
#include <cstdint>
#include <string>
#include <vector>

namespace bitfold {

struct ImageSet {
    int count = 0;
    int rows = 0, cols = 0, channels = 1;
    std::vector<std::uint8_t> pixels; ///< count*rows*cols*channels, row-major, channel fastest
    std::vector<std::uint8_t> labels; ///< count, or empty when unlabelled
    const std::uint8_t* image(int i) const { return pixels.data() + std::size_t(i) * rows * cols * channels; }
    std::size_t imageSize() const { return std::size_t(rows) * cols * channels; }
};

/// Directory of the Debian package's files, or $BITFOLD_FASHION_MNIST if set.
std::string fashionMnistDir();
/// Reads an IDX image file and its label file (gzipped or plain); `limit` > 0 keeps the first
/// `limit` images. Throws Error naming the file on a bad magic number, size or truncation.
ImageSet readIdx(const std::string& imagesPath, const std::string& labelsPath, int limit = 0);
/// "train" (60k) or "test" (10k) split of Fashion-MNIST.
ImageSet loadFashionMnist(const std::string& split, int limit = 0);
/// `count` uniformly random images of the given shape, unlabelled.
ImageSet randomImages(int count, int rows, int cols, int channels, std::uint64_t seed);
/// `count` random feature vectors of `size` values, each 0 or 255 (1 x size images, unlabelled):
/// the inputs of feature-vector models (UNSW-NB15). The same vectors for the same seed everywhere.
ImageSet randomBinaryVectors(int count, int size, std::uint32_t seed = 7);

} // namespace bitfold
