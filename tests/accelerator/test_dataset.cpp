// IDX reading: the real Fashion-MNIST test set and hand-made broken files.
#include "bitfold/dataset.h"
#include "bitfold/error.h"
#include "test_errors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace bitfold;
using testerrors::errorOf;

namespace {

std::vector<std::uint8_t> idxHeader(std::uint32_t magic, std::initializer_list<std::uint32_t> dims) {
    std::vector<std::uint8_t> out;
    auto put = [&out](std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8) out.push_back(std::uint8_t(v >> shift));
    };
    put(magic);
    for (auto d : dims) put(d);
    return out;
}

void writePlain(const std::string& path, const std::vector<std::uint8_t>& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
}

void writeGzip(const std::string& path, const std::vector<std::uint8_t>& data) {
    gzFile f = gzopen(path.c_str(), "wb");
    QVERIFY(f);
    QCOMPARE(gzwrite(f, data.data(), unsigned(data.size())), int(data.size()));
    gzclose(f);
}

/// `count` images of rows x cols, pixel value = image index + offset, labels = index % 10.
void writeSet(const std::string& images, const std::string& labels, int count, int rows, int cols, bool gzip) {
    auto img = idxHeader(0x803, {std::uint32_t(count), std::uint32_t(rows), std::uint32_t(cols)});
    auto lab = idxHeader(0x801, {std::uint32_t(count)});
    for (int i = 0; i < count; ++i) {
        for (int p = 0; p < rows * cols; ++p) img.push_back(std::uint8_t(i + p));
        lab.push_back(std::uint8_t(i % 10));
    }
    if (gzip) {
        writeGzip(images, img);
        writeGzip(labels, lab);
    } else {
        writePlain(images, img);
        writePlain(labels, lab);
    }
}

} // namespace

class TestDataset : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::string path(const char* name) const { return (m_tmp.path() + "/" + name).toStdString(); }

private slots:
    void init() { qunsetenv("BITFOLD_FASHION_MNIST"); }

    /// The Fashion-MNIST test split has 10,000 28x28 images, 1,000 of each of the 10 classes
    /// (Xiao, Rasul, Vollgraf 2017, "Fashion-MNIST: a Novel Image Dataset for Benchmarking
    /// Machine Learning Algorithms", arXiv:1708.07747, Table 1 and section 3).
    void fashionMnistTestSet() {
        const std::string dir = fashionMnistDir();
        if (!std::filesystem::exists(dir + "/t10k-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        const ImageSet set = loadFashionMnist("test");
        QCOMPARE(set.count, 10000);
        QCOMPARE(set.rows, 28);
        QCOMPARE(set.cols, 28);
        QCOMPARE(set.channels, 1);
        QCOMPARE(set.pixels.size(), std::size_t(10000 * 784));
        QCOMPARE(set.labels.size(), std::size_t(10000));
        std::vector<int> histogram(10, 0);
        for (auto label : set.labels) {
            QVERIFY(label < 10);
            ++histogram[label];
        }
        QCOMPARE(histogram, std::vector<int>(10, 1000));
        // Images are not blank: every image has both background and bright pixels.
        for (int i = 0; i < set.count; i += 997) {
            const auto* img = set.image(i);
            QVERIFY(*std::min_element(img, img + 784) == 0);
            QVERIFY(*std::max_element(img, img + 784) > 128);
        }
        const ImageSet first = loadFashionMnist("test", 5);
        QCOMPARE(first.count, 5);
        QVERIFY(std::equal(first.pixels.begin(), first.pixels.end(), set.pixels.begin()));
        QVERIFY(std::equal(first.labels.begin(), first.labels.end(), set.labels.begin()));
    }

    void environmentOverride() {
        writeSet(path("t10k-images-idx3-ubyte.gz"), path("t10k-labels-idx1-ubyte.gz"), 12, 3, 2, true);
        qputenv("BITFOLD_FASHION_MNIST", m_tmp.path().toUtf8());
        QCOMPARE(fashionMnistDir(), m_tmp.path().toStdString());
        const ImageSet set = loadFashionMnist("test");
        QCOMPARE(set.count, 12);
        QCOMPARE(set.rows, 3);
        QCOMPARE(set.cols, 2);
        QCOMPARE(int(set.image(4)[5]), 4 + 5);
        QCOMPARE(int(set.labels[11]), 1);
        EXPECT_ERROR_MENTIONS(errorOf([] { loadFashionMnist("train"); }), "train-images-idx3-ubyte.gz",
                              "apt-get install dataset-fashion-mnist", "BITFOLD_FASHION_MNIST");
        EXPECT_ERROR_MENTIONS(errorOf([] { loadFashionMnist("validation"); }), "validation", "train, test");
    }

    void plainAndGzipAgree() {
        writeSet(path("p-img"), path("p-lab"), 7, 4, 5, false);
        writeSet(path("g-img.gz"), path("g-lab.gz"), 7, 4, 5, true);
        const ImageSet plain = readIdx(path("p-img"), path("p-lab"));
        const ImageSet gz = readIdx(path("g-img.gz"), path("g-lab.gz"));
        QCOMPARE(plain.count, 7);
        QCOMPARE(plain.pixels, gz.pixels);
        QCOMPARE(plain.labels, gz.labels);
        QCOMPARE(readIdx(path("p-img"), path("p-lab"), 3).count, 3);
        QCOMPARE(readIdx(path("p-img"), path("p-lab"), 3).labels.size(), std::size_t(3));
        const ImageSet unlabelled = readIdx(path("p-img"), "");
        QVERIFY(unlabelled.labels.empty());
        QCOMPARE(unlabelled.pixels, plain.pixels);
    }

    void badFiles() {
        writeSet(path("ok-img"), path("ok-lab"), 4, 2, 2, false);
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("nope-img"), path("ok-lab")); }), "nope-img", "no such file");

        // Swapped files: wrong magic numbers.
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("ok-lab"), path("ok-lab")); }), "ok-lab",
                              "not an IDX image file", "0x00000801");
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("ok-img"), path("ok-img")); }), "ok-img",
                              "not an IDX label file", "0x00000803");

        // Truncated pixels and labels, and a truncated header.
        auto img = idxHeader(0x803, {4, 2, 2});
        img.resize(img.size() + 15);
        writePlain(path("short-img"), img);
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("short-img"), path("ok-lab")); }), "short-img", "truncated",
                              "16 bytes", "found 15");
        auto lab = idxHeader(0x801, {4});
        lab.resize(lab.size() + 3);
        writeGzip(path("short-lab.gz"), lab);
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("ok-img"), path("short-lab.gz")); }), "short-lab.gz",
                              "truncated", "4 labels");
        writePlain(path("stub"), {0, 0, 8});
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("stub"), ""); }), "stub", "truncated header");

        // Five labels for four images.
        writePlain(path("five-lab"), idxHeader(0x801, {5}));
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("ok-img"), path("five-lab")); }), "five-lab", "5 labels",
                              "4 images", "ok-img");

        // Absurd dimensions.
        writePlain(path("zero-img"), idxHeader(0x803, {4, 0, 2}));
        EXPECT_ERROR_MENTIONS(errorOf([&] { readIdx(path("zero-img"), ""); }), "zero-img", "row count");
    }

    void randomImagesAreReproducible() {
        const ImageSet a = randomImages(3, 5, 5, 3, 42), b = randomImages(3, 5, 5, 3, 42);
        QCOMPARE(a.count, 3);
        QCOMPARE(a.imageSize(), std::size_t(75));
        QCOMPARE(a.pixels.size(), std::size_t(225));
        QVERIFY(a.labels.empty());
        QCOMPARE(a.pixels, b.pixels);
        QVERIFY(a.pixels != randomImages(3, 5, 5, 3, 43).pixels);
        const ImageSet big = randomImages(100, 10, 10, 1, 1);
        std::vector<int> histogram(256, 0);
        for (auto p : big.pixels) ++histogram[p];
        QVERIFY(*std::min_element(histogram.begin(), histogram.end()) > 10); // ~39 each
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "test_dataset.moc"
