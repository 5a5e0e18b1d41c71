// The simulation runner trusts nothing (docs/reliability.md): a child that lies about image
// indices, counts or lengths gets a clear Error; the images file's sizes cannot wrap on either
// side; two builds of one design share the cache; a design too big for the machine is refused
// up front with a message instead of ending in std::bad_alloc.
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/hls_config.h"
#include "bitfold/images_file.h"
#include "bitfold/sim_protocol.h"
#include "bitfold/sim_runner.h"
#include "test_dirs.h"

#include <QtTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>

using namespace bitfold;
namespace fs = std::filesystem;

namespace {

/// A batch line for images [first, first + labels.size()) with `outputs` zeros per image.
std::string batchLine(int first, const std::vector<std::string>& labels, std::size_t outputs, int imagesDone) {
    std::string l = "{\"event\":\"batch\",\"first\":" + std::to_string(first) + ",\"labels\":[";
    std::string o = "\"outputs\":[";
    for (std::size_t k = 0; k < labels.size(); ++k) {
        l += (k ? "," : "") + labels[k];
        o += k ? ",[" : "[";
        for (std::size_t i = 0; i < outputs; ++i) o += i ? ",0" : "0";
        o += "]";
    }
    return l + "]," + o + "],\"images_done\":" + std::to_string(imagesDone) + ",\"stages\":[]}";
}

/// The message of the Error `f` throws; fails the test when it throws nothing or something else.
template <class F>
std::string errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not a bitfold::Error: ") + e.what();
    }
    return "no error";
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
}

std::string imagesHeader(std::uint32_t count, std::uint32_t rows, std::uint32_t cols, std::uint32_t channels,
                         std::uint32_t labelled) {
    std::string h = "BFIMAGES";
    for (std::uint32_t v : {1u, count, rows, cols, channels, labelled})
        for (int b = 0; b < 4; ++b) h += char((v >> (8 * b)) & 0xff);
    return h;
}

struct Tfc {
    Network net = Catalog::shipped().network("tfc");
    std::vector<LayerPrecision> prec = resolvePrecision(net, PrecisionSpec{});
    ParamPackage pkg = randomPackage(net, prec, 1);
};

} // namespace

class TestSimTrust : public QObject {
    Q_OBJECT

    fs::path m_tmp;

private slots:
    void initTestCase() {
        m_tmp = testdirs::scratch("trust");
        fs::create_directories(m_tmp);
    }
    void cleanupTestCase() { fs::remove_all(m_tmp); }

    void protocolRejectsLies_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        const std::string ok = batchLine(0, {"1", "2"}, 3, 2);
        QTest::newRow("index past the images")
            << QString::fromStdString(batchLine(1000, {"1"}, 3, 1001)) << "first 1000 outside 0..4";
        QTest::newRow("batch skips images")
            << QString::fromStdString(batchLine(2, {"1"}, 3, 3)) << "batch starts at image 2, expected 0";
        QTest::newRow("negative index") << QString::fromStdString(batchLine(-5, {"1"}, 3, -4))
                                        << "first -5 outside 0..4";
        QTest::newRow("more results than images")
            << QString::fromStdString(batchLine(0, {"0", "0", "0", "0", "0", "0"}, 3, 6))
            << "6 results from image 0 of 4";
        QTest::newRow("label not an output")
            << QString::fromStdString(batchLine(0, {"3"}, 3, 1)) << "label 3 outside 0..2";
        QTest::newRow("label of the wrong type")
            << QString::fromStdString(batchLine(0, {"\"x\""}, 3, 1)) << "label is not an integer";
        QTest::newRow("too few outputs") << QString::fromStdString(batchLine(0, {"1"}, 2, 1))
                                         << "image 0 has 2 outputs, expected 3";
        QTest::newRow("count disagrees") << QString::fromStdString(batchLine(0, {"1", "2"}, 3, 3))
                                         << "\"images_done\" 3 after images 0..1";
        QTest::newRow("no index") << QString::fromStdString(std::string(ok).replace(ok.find("\"first\":0,"), 10, ""))
                                  << "no \"first\"";
        QTest::newRow("done too early") << "{\"event\":\"done\",\"images\":4,\"stages\":[]}"
                                        << "done after 0 of 4 images";
        QTest::newRow("not an object") << "[1,2]"
                                       << "not a JSON object";
        QTest::newRow("not JSON") << "{\"event\":"
                                  << "unreadable line";
        QTest::newRow("stage cycles negative") << "{\"event\":\"start\",\"stages\":[{\"cycles_predicted\":-1}]}"
                                               << "\"cycles_predicted\" is not a cycle count";
    }
    void protocolRejectsLies() {
        QFETCH(QString, line);
        QFETCH(QString, message);
        SimProtocol p(4, 3);
        const std::string what = errorOf([&] { p.read(line.toStdString()); });
        QVERIFY2(what.find("C simulation: ") == 0, what.c_str());
        QVERIFY2(what.find(message.toStdString()) != std::string::npos, what.c_str());
    }

    void protocolAcceptsTheRealSequence() {
        SimProtocol p(3, 2);
        QCOMPARE(p.read("{\"event\":\"start\",\"stages\":[{\"name\":\"mvtu0\",\"cycles_predicted\":7}]}"),
                 SimProtocol::Event::Start);
        QCOMPARE(p.stages().at(0).cyclesPredicted, std::uint64_t(7));
        QCOMPARE(p.read(batchLine(0, {"1", "0"}, 2, 2)), SimProtocol::Event::Batch);
        QCOMPARE(p.batch().labels, (std::vector<int>{1, 0}));
        QCOMPARE(p.read(batchLine(2, {"1"}, 2, 3)), SimProtocol::Event::Batch);
        QCOMPARE(p.read("{\"event\":\"done\",\"images\":3,\"elapsed_s\":0.5,\"stages\":[]}"), SimProtocol::Event::Done);
        QVERIFY(p.finished());
        QCOMPARE(p.elapsedSeconds(), 0.5);
        QVERIFY(errorOf([&] { p.read(batchLine(3, {"1"}, 2, 4)); }).find("after \"done\"") != std::string::npos);
    }

    /// The runner itself against a lying child: an Error naming the problem, never an index
    /// past the images (which the golden check would read) or "internal error".
    void runnerRejectsALyingChild() {
        const Tfc t;
        SimBuild b;
        b.design = generateHlsDesign(t.pkg, simulationFolding(t.net, t.prec));
        const ImageSet set = randomImages(3, 28, 28, 1, 1);
        const fs::path script = m_tmp / "liar.sh";
        std::ofstream(script) << "#!/bin/sh\necho '{\"event\":\"start\",\"stages\":[]}'\necho '"
                              << batchLine(100000, {"1"}, std::size_t(b.design.outputs), 100001) << "'\n";
        fs::permissions(script, fs::perms::owner_all);
        b.executable = script.string();
        const std::string what = errorOf([&] { runSimulation(b, t.pkg, set); });
        QVERIFY2(what.find("broke the protocol: first 100000 outside 0..3") != std::string::npos, what.c_str());
    }

    void imagesFileSizesCannotWrap_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        // 2^16 images of 2^16 x 2^16 x 2^16 pixels: 2^64 bytes, 0 when the product wraps.
        QTest::newRow("product wraps to zero")
            << QByteArray::fromStdString(imagesHeader(1u << 16, 1u << 16, 1u << 16, 1u << 16, 0))
            << "implausible image shape 65536x65536x65536";
        // 49 x (2^28 + 1) x 16 wraps to 784 in 32 bits: the old harness took it for Fashion-MNIST.
        QTest::newRow("32-bit wrap to 784")
            << QByteArray::fromStdString(imagesHeader(1, 49, (1u << 28) + 1, 16, 0) + std::string(784, '\0'))
            << "implausible image shape";
        QTest::newRow("count over int") << QByteArray::fromStdString(imagesHeader(0x80000001u, 1, 1, 1, 0))
                                        << "implausible image count 2147483649";
        QTest::newRow("empty shape") << QByteArray::fromStdString(imagesHeader(1, 0, 28, 1, 0))
                                     << "empty image shape 0x28x1";
        QTest::newRow("labels flag") << QByteArray::fromStdString(imagesHeader(1, 1, 1, 1, 7) + "xx")
                                     << "has-labels flag 7";
        QTest::newRow("labels missing") << QByteArray::fromStdString(imagesHeader(2, 2, 2, 1, 1) + std::string(8, 'x'))
                                        << "and their labels need 42 bytes, the file has 40";
    }
    void imagesFileSizesCannotWrap() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const std::string path = (m_tmp / "hostile.bin").string();
        writeBytes(path, bytes.toStdString());
        const std::string what = errorOf([&] { readImagesFile(path); });
        QVERIFY2(what.find(path + ": ") == 0 && what.find(message.toStdString()) != std::string::npos, what.c_str());
    }

    /// The simulation program reads the file with the same checks (the shared header).
    void simulationProgramRejectsWrappingSizes() {
        const Tfc t;
        SimOptions o;
        o.cacheDir = (m_tmp / "cache").string();
        const SimBuild b = buildSimulation(t.pkg, simulationFolding(t.net, t.prec), o);
        const std::string path = (m_tmp / "wrap784.bin").string();
        writeBytes(path, imagesHeader(1, 49, (1u << 28) + 1, 16, 0) + std::string(784, '\0'));
        const std::string cmd = b.executable + " " + path + " > " + (m_tmp / "out.txt").string();
        QCOMPARE(WEXITSTATUS(std::system(cmd.c_str())), 2);
        std::ifstream in(m_tmp / "out.txt");
        const std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QVERIFY2(out.find("\"event\":\"error\"") != std::string::npos &&
                     out.find("implausible image shape 49x268435457x16") != std::string::npos,
                 out.c_str());
    }

    /// Two builds of one new design at once (two GUIs, or a GUI and the CLI): one compiles,
    /// the other waits on the cache's lock and finds the result; no shared temporary file.
    void concurrentBuildsShareTheCache() {
        const Tfc t;
        const ParamPackage pkg = randomPackage(t.net, t.prec, 77);
        SimOptions o;
        o.cacheDir = (m_tmp / "cache").string(); // fresh: the design must be new
        auto build = [&] { return buildSimulation(pkg, simulationFolding(t.net, t.prec), o); };
        auto a = std::async(std::launch::async, build), b = std::async(std::launch::async, build);
        const SimBuild ra = a.get(), rb = b.get();
        QCOMPARE(ra.executable, rb.executable);
        QVERIFY2(ra.cached != rb.cached, "both builds compiled the same design");
        for (const auto& e : fs::recursive_directory_iterator(o.cacheDir))
            QVERIFY2(e.path().string().find(".tmp") == std::string::npos, e.path().c_str());
    }

    void hugeDesignsAreRefusedUpFront() {
        // 200,000 x 200,000 weights: 40 GB of parameters alone; nothing may be allocated.
        ParamPackage pkg;
        pkg.network.id = "huge";
        Layer l;
        l.name = "fc0";
        l.kind = LayerKind::Fc;
        l.inChannels = 200000;
        l.outChannels = 200000;
        pkg.network.layers = {l};
        pkg.layers.resize(1);
        SimOptions o;
        o.memoryLimitBytes = std::uint64_t(64) << 30;
        QVERIFY(simulationMemoryBytes(pkg.network, 10, o) > o.memoryLimitBytes);
        const std::string what = errorOf([&] { buildSimulation(pkg, minimalFolding(pkg.network), o); });
        QVERIFY2(what.find("C simulation: network huge with 0 images needs about ") == 0 &&
                     what.find("more than the limit of 65536 MiB") != std::string::npos,
                 what.c_str());
        // A small design against a tiny limit, from the environment.
        const Tfc t;
        ::setenv("BITFOLD_SIM_MEMORY_LIMIT", "1M", 1);
        const ImageSet set = randomImages(10, 28, 28, 1, 1);
        const std::string small = errorOf([&] { simulate(t.pkg, simulationFolding(t.net, t.prec), set); });
        QVERIFY2(small.find("more than the limit of 1 MiB") != std::string::npos, small.c_str());
        ::setenv("BITFOLD_SIM_MEMORY_LIMIT", "lots", 1);
        QVERIFY(errorOf([] { simulationMemoryLimit(); }).find("\"lots\" is not a size") != std::string::npos);
        ::unsetenv("BITFOLD_SIM_MEMORY_LIMIT");
        // The default, half the machine, leaves room for the shipped TFC.
        QVERIFY(simulationMemoryBytes(t.net, 10000) < simulationMemoryLimit());
    }
};

QTEST_GUILESS_MAIN(TestSimTrust)
#include "test_sim_trust.moc"
