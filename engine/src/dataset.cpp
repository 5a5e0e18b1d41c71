// IDX files (LeCun's MNIST format), gzipped or plain, and Fashion-MNIST.
#include "bitfold/dataset.h"

#include "bitfold/error.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <random>

namespace bitfold {

namespace {

constexpr std::uint32_t kLabelMagic = 0x00000801; // unsigned bytes, 1 dimension
constexpr std::uint32_t kImageMagic = 0x00000803; // unsigned bytes, 3 dimensions (count, rows, cols)
constexpr std::uint32_t kImageMagic4 = 0x00000804; // unsigned bytes, 4 dimensions (count, rows, cols, channels)

std::string hex(std::uint32_t v) {
    static const char digits[] = "0123456789abcdef";
    std::string s = "0x";
    for (int shift = 28; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xf];
    return s;
}

/// A gzip stream that also reads plain files (zlib's transparent mode).
class GzFile {
public:
    explicit GzFile(const std::string& path) : m_path(path), m_file(gzopen(path.c_str(), "rb")) {
        if (!m_file) throw Error(path, std::filesystem::exists(path) ? "cannot open for reading" : "no such file");
    }
    ~GzFile() { gzclose(m_file); }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;

    /// Reads up to `n` bytes; returns how many came (fewer only at the end of the data).
    std::size_t read(std::uint8_t* dst, std::size_t n) {
        std::size_t done = 0;
        while (done < n) {
            const unsigned chunk = unsigned(std::min<std::size_t>(n - done, 1u << 30));
            const int got = gzread(m_file, dst + done, chunk);
            if (got < 0) {
                int code = 0;
                const char* msg = gzerror(m_file, &code);
                throw Error(m_path, std::string("read error: ") + (msg ? msg : "unknown"));
            }
            if (got == 0) break;
            done += std::size_t(got);
        }
        return done;
    }

    std::uint32_t readBigEndian32(const char* what) {
        std::uint8_t b[4];
        if (read(b, 4) != 4) throw Error(m_path, std::string("truncated header: no ") + what);
        return std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | b[3];
    }

    void readExactly(std::uint8_t* dst, std::size_t n, const char* what) {
        const std::size_t got = read(dst, n);
        if (got != n)
            throw Error(m_path,
                        std::string("truncated: ") + what + " need " + std::to_string(n) + " bytes, found " +
                            std::to_string(got));
    }

private:
    std::string m_path;
    gzFile m_file;
};

int checkedDim(std::uint32_t v, const std::string& path, const char* what) {
    if (v == 0 || v > std::uint32_t(std::numeric_limits<int>::max()))
        throw Error(path, std::string("implausible ") + what + " " + std::to_string(v));
    return int(v);
}

} // namespace

std::string fashionMnistDir() {
    if (const char* env = std::getenv("BITFOLD_FASHION_MNIST"); env && *env) return env;
    return "/usr/share/datasets/fashion-mnist";
}

ImageSet readIdx(const std::string& imagesPath, const std::string& labelsPath, int limit) {
    ImageSet set;
    GzFile images(imagesPath);
    const std::uint32_t magic = images.readBigEndian32("magic number");
    if (magic != kImageMagic && magic != kImageMagic4)
        throw Error(imagesPath,
                    "not an IDX image file: magic number " + hex(magic) + ", expected " + hex(kImageMagic) + " (or " +
                        hex(kImageMagic4) + " with channels)");
    const int count = checkedDim(images.readBigEndian32("image count"), imagesPath, "image count");
    set.rows = checkedDim(images.readBigEndian32("row count"), imagesPath, "row count");
    set.cols = checkedDim(images.readBigEndian32("column count"), imagesPath, "column count");
    if (magic == kImageMagic4)
        set.channels = checkedDim(images.readBigEndian32("channel count"), imagesPath, "channel count");
    if (set.imageSize() > (std::size_t(1) << 28))
        throw Error(imagesPath, "implausible image size " + std::to_string(set.imageSize()) + " bytes");
    set.count = limit > 0 && limit < count ? limit : count;

    std::unique_ptr<GzFile> labels;
    if (!labelsPath.empty()) {
        labels = std::make_unique<GzFile>(labelsPath);
        const std::uint32_t lmagic = labels->readBigEndian32("magic number");
        if (lmagic != kLabelMagic)
            throw Error(labelsPath,
                        "not an IDX label file: magic number " + hex(lmagic) + ", expected " + hex(kLabelMagic));
        const std::uint32_t labelCount = labels->readBigEndian32("label count");
        if (labelCount != std::uint32_t(count))
            throw Error(labelsPath,
                        std::to_string(labelCount) + " labels for " + std::to_string(count) + " images in " +
                            imagesPath);
    }

    set.pixels.resize(std::size_t(set.count) * set.imageSize());
    images.readExactly(
        set.pixels.data(), set.pixels.size(),
        (std::to_string(set.count) + " images of " + std::to_string(set.imageSize()) + " bytes").c_str());
    if (labels) {
        set.labels.resize(std::size_t(set.count));
        labels->readExactly(set.labels.data(), set.labels.size(), (std::to_string(set.count) + " labels").c_str());
    }
    return set;
}

ImageSet loadFashionMnist(const std::string& split, int limit) {
    std::string prefix;
    if (split == "test")
        prefix = "t10k";
    else if (split == "train")
        prefix = "train";
    else
        throw Error("fashion-mnist", "unknown split \"" + split + "\" (valid: train, test)");
    const std::filesystem::path dir = fashionMnistDir();
    const std::string images = (dir / (prefix + "-images-idx3-ubyte.gz")).string();
    const std::string labels = (dir / (prefix + "-labels-idx1-ubyte.gz")).string();
    for (const auto& path : {images, labels})
        if (!std::filesystem::exists(path))
            throw Error(path,
                        "no such file: install Fashion-MNIST with `apt-get install dataset-fashion-mnist`, "
                        "or point $BITFOLD_FASHION_MNIST at a directory holding its IDX files");
    return readIdx(images, labels, limit);
}

ImageSet randomImages(int count, int rows, int cols, int channels, std::uint64_t seed) {
    ImageSet set;
    set.count = count;
    set.rows = rows;
    set.cols = cols;
    set.channels = channels;
    set.pixels.resize(std::size_t(count) * set.imageSize());
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < set.pixels.size(); i += 8) {
        std::uint64_t r = rng();
        for (std::size_t b = i; b < i + 8 && b < set.pixels.size(); ++b, r >>= 8) set.pixels[b] = std::uint8_t(r);
    }
    return set;
}

ImageSet randomBinaryVectors(int count, int size, std::uint32_t seed) {
    ImageSet s;
    s.count = count;
    s.rows = 1;
    s.cols = size;
    std::mt19937 rng(seed);
    for (std::int64_t k = 0; k < std::int64_t(count) * size; ++k) s.pixels.push_back(rng() % 2 ? 255 : 0);
    return s;
}

} // namespace bitfold
