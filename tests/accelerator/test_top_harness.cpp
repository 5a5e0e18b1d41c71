// The top function and the C-simulation harness on a hand-written design
// (top_design/bitfold_config.h: 128-bit port, images of 6.25 port words, a convolution at
// MMV 2 with an input multiplier of 2, 49 result slots in 13 words), independent of the
// configuration generator: the harness packs images into port words (runBatch), the labels
// and outputs it prints equal a plain C++ convolution, and every block's counted cycles
// equal its cycles.h prediction.
#include "bitfold_config.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <random>
#include <vector>

namespace {

constexpr int kImages = 7, kSide = 5, kChannels = 4, kOut = 4, kK = 2, kRows = 5, kKeep = 3;

void putU32(std::ofstream& f, std::uint32_t v) {
    const char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    f.write(b, 4);
}

/// Logical outputs of one image: per output pixel, the first kKeep of the kRows channels of
/// the 2 x 2 convolution of the 2-bit pixels (pixel >> 6).
std::vector<long long> reference(const std::uint8_t* image) {
    std::vector<long long> outs;
    for (int oy = 0; oy < kOut; ++oy)
        for (int ox = 0; ox < kOut; ++ox)
            for (int row = 0; row < kKeep; ++row) {
                long long acc = 0;
                int col = 0;
                for (int ky = 0; ky < kK; ++ky)
                    for (int kx = 0; kx < kK; ++kx)
                        for (int c = 0; c < kChannels; ++c, ++col) {
                            const unsigned long long rom = bitfold_net::kConvWeights[row][col / 2][0];
                            const int w = bitfold::hw::Signed<2>::value(rom >> (2 * (col % 2)));
                            acc += w * (image[((oy + ky) * kSide + ox + kx) * kChannels + c] >> 6);
                        }
                outs.push_back(acc);
            }
    return outs;
}

} // namespace

class TestTopHarness : public QObject {
    Q_OBJECT

private slots:
    void handWrittenDesign() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("images.bin");
        std::mt19937 rng(21);
        std::vector<std::uint8_t> pixels(std::size_t(kImages) * BITFOLD_IMAGE_BYTES);
        for (auto& p : pixels) p = std::uint8_t(rng());
        {
            std::ofstream f(path.toStdString(), std::ios::binary);
            f.write("BFIMAGES", 8);
            for (std::uint32_t v : {1u, std::uint32_t(kImages), 5u, 5u, 4u, 0u}) putU32(f, v);
            f.write(reinterpret_cast<const char*>(pixels.data()), std::streamsize(pixels.size()));
        }
        QProcess p;
        p.start(BITFOLD_TOP_CHECK, {path, "--batch", "3"}); // batches of 3, 3 and 1 images
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        std::vector<long long> labels;
        std::vector<std::vector<long long>> outputs;
        nlohmann::json done;
        for (const QByteArray& line : p.readAllStandardOutput().trimmed().split('\n')) {
            const auto j = nlohmann::json::parse(line.toStdString());
            if (j.at("event") == "batch") {
                for (const auto& l : j.at("labels")) labels.push_back(l.get<long long>());
                for (const auto& o : j.at("outputs")) outputs.push_back(o.get<std::vector<long long>>());
            } else if (j.at("event") == "done") {
                done = j;
            }
        }
        QCOMPARE(int(labels.size()), kImages);
        QCOMPARE(int(outputs.size()), kImages);
        for (int i = 0; i < kImages; ++i) {
            const std::vector<long long> expect = reference(&pixels[std::size_t(i) * BITFOLD_IMAGE_BYTES]);
            QCOMPARE(outputs[std::size_t(i)], expect);
            long long best = 0;
            for (std::size_t k = 1; k < expect.size(); ++k)
                if (expect[k] > expect[std::size_t(best)]) best = (long long)k;
            QCOMPARE(labels[std::size_t(i)], best);
        }
        const auto& stages = done.at("stages");
        QCOMPARE(int(stages.size()), BITFOLD_STAGE_COUNT);
        for (const auto& s : stages) QVERIFY2(s.at("cycles_counted") == s.at("cycles_predicted"), s.dump().c_str());
        QCOMPARE(stages[0].at("cycles_counted").get<int>(), 7); // ceil(800 / 128) port words
        QCOMPARE(stages[6].at("cycles_counted").get<int>(), 13); // ceil(49 * 32 / 128)
    }
};

QTEST_GUILESS_MAIN(TestTopHarness)
#include "test_top_harness.moc"
