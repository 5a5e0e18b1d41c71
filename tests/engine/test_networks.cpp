// Shapes of the shipped networks: derived sizes, ops and weights against the reference.
#include "bitfold/catalog.h"
#include "bitfold/error.h"
#include "bitfold/json_io.h"
#include "bitfold/sweep.h"
#include "published.h"

#include <QTest>

using namespace bitfold;

class TestNetworks : public QObject {
    Q_OBJECT
private slots:
    /// Inputs the fuzzers found (docs/reliability.md): each must end in bitfold::Error naming
    /// the problem, not in nlohmann's exceptions ("internal error") or undefined behaviour.
    void fuzzFindingsAreErrors_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        const QString layer = R"({"name":"fc0","kind":"fc","in_features":784,"out_features":10,"activation":false})";
        QTest::newRow("number overflow (fuzz_device)") << R"({"lut": 1326e720})"
                                                       << "fuzz: malformed JSON: ";
        QTest::newRow("published entry without weights (fuzz_network)")
            << R"({"name":"n","layers":[)" + layer + R"(],"published_accuracy":[{"acts":1,"top1":0.9,"source":"x"}]})"
            << "published_accuracy: missing \"weights\"";
        QTest::newRow("integer field 1e300")
            << R"({"name":"n","layers":[{"name":"fc0","kind":"fc","in_features":1e300,"out_features":10}]})"
            << "\"in_features\" is 1e+300, not an integer in ";
        QTest::newRow("integer field 2^40")
            << R"({"name":"n","layers":[{"name":"fc0","kind":"fc","in_features":1099511627776,"out_features":10}]})"
            << "\"in_features\" is 1099511627776, not an integer in ";
        // fuzz_network, 2 Dec 2026: a layer's output side was computed for the next layer's
        // defaults before validation (division by zero), and sizes multiplied in int.
        const QString conv = R"({"name":"c0","kind":"conv","in_channels":1,"out_channels":8,"in_dim":10,"kernel":3,)";
        QTest::newRow("stride 0 before another layer (fuzz_network)")
            << R"({"name":"n","layers":[)" + conv + R"("stride":0},
                  {"name":"c1","kind":"conv","out_channels":8,"kernel":1},)" +
                layer + "]}"
            << "layer c0: kernel and stride must be positive";
        QTest::newRow("padding 2^30 doubles past int")
            << R"({"name":"n","layers":[)" + conv + R"("padding":1500000000},)" + layer + "]}"
            << "\"padding\" is 1500000000, out of range";
        QTest::newRow("fc after an output of 2^63 and more")
            << R"({"name":"n","layers":[{"name":"c0","kind":"conv","in_channels":1,"out_channels":2000000000,
                  "in_dim":2000000000,"kernel":1},{"name":"fc0","kind":"fc","out_features":10,"activation":false}]})"
            << "layer fc0: \"in_features\" not given, and c0 produces more than 2147483647 values";
        QTest::newRow("fc given 10 inputs after 2^63 and more")
            << R"({"name":"n","layers":[{"name":"c0","kind":"conv","in_channels":1,"out_channels":2000000000,
                  "in_dim":2000000000,"kernel":1},)" +
                QString(layer).replace("784", "10") + "]}"
            << "takes 10 inputs but c0 produces more than 2^63";
    }
    void fuzzFindingsAreErrors() {
        QFETCH(QString, json);
        QFETCH(QString, message);
        try {
            validate(networkFromJson(parseJson(json.toStdString(), "fuzz"), "fuzz"));
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(message.toStdString()) != std::string::npos, e.what());
        } catch (const std::exception& e) {
            QFAIL((std::string("not a bitfold::Error: ") + e.what()).c_str());
        }
    }

    void everyShippedNetworkLoadsAndValidates() {
        const auto& nets = Catalog::shipped().networks();
        QVERIFY(nets.size() >= 13);
        for (const char* id : {"tfc", "sfc", "lfc", "cnv", "dorefanet", "tincy-yolo", "cnv-w12", "cnv-w25", "cnv-w50",
                               "cnv-w100", "mlp-w25", "mlp-w50", "mlp-w100"})
            QVERIFY2(Catalog::shipped().findNetwork(id), id);
        for (const Network& n : nets) validate(n); // throws on any inconsistency
    }

    void oneNetworkOneName() {
        // Two ids for the same layers list every design twice in sweeps and Pareto fronts
        // (QuTiBench's "MLP 12%" is SFC: one network, named sfc).
        const auto& nets = Catalog::shipped().networks();
        auto shape = [](Network n) {
            for (Layer& l : n.layers) l.name.clear();
            return n.layers;
        };
        for (std::size_t i = 0; i < nets.size(); ++i)
            for (std::size_t j = i + 1; j < nets.size(); ++j)
                QVERIFY2(!(shape(nets[i]) == shape(nets[j]) && nets[i].inputBits == nets[j].inputBits),
                         (nets[i].id + " and " + nets[j].id + " are the same network").c_str());
        QVERIFY(!Catalog::shipped().findNetwork("mlp-w12"));
        QCOMPARE(int(lookupAccuracy(*Catalog::shipped().findNetwork("sfc"), 16, 16).kind),
                 int(AccuracyKind::Published));
    }

    void mlpWeightCounts() {
        // 784-N-N-N-10: 784N + 2N^2 + 10N weights, 2 ops per weight per frame.
        for (auto [id, n] : {std::pair{"tfc", 64LL}, {"sfc", 256LL}, {"lfc", 1024LL}, {"mlp-w100", 2048LL}}) {
            const Network& net = *Catalog::shipped().findNetwork(id);
            QCOMPARE(net.weights(), 784 * n + 2 * n * n + 10 * n);
            QCOMPARE(net.ops(), 2 * net.weights());
        }
    }

    void lfcAndCnvUseBnnPynqHardwareSizes() {
        // shared/reference: LFC pads its input to 832 and its output to 64; CNV's last layer to 64.
        const Network& lfc = *Catalog::shipped().findNetwork("lfc");
        QCOMPARE(lfc.layers[0].matrixWidth(), 832);
        QCOMPARE(lfc.layers[0].inChannels, 784);
        QCOMPARE(lfc.layers[3].matrixHeight(), 64);
        QCOMPARE(lfc.inputBits, 1);
        QVERIFY(!lfc.layers[3].activation);
        const Network& cnv = *Catalog::shipped().findNetwork("cnv");
        QCOMPARE(cnv.layers.back().matrixHeight(), 64);
        QCOMPARE(cnv.layers.back().outChannels, 10);
        QCOMPARE(cnv.inputBits, 8);
        // Logical sizes drive ops and weights, padded sizes drive hardware.
        QCOMPARE(lfc.weights(), 784LL * 1024 + 2 * 1024 * 1024 + 10240);
    }

    void cnvMatchesThePublishedLayerList() {
        const PublishedDesign d = publishedDesign("bnn-pynq/cnv-w1a1/pynq-z1");
        const auto& layers = d.json.at("layers");
        QCOMPARE(int(layers.size()), int(d.network.layers.size()));
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const Layer& l = d.network.layers[i];
            QCOMPARE(QString::fromStdString(l.name), QString::fromStdString(layers[i].at("name")));
            QCOMPARE(l.inChannels, layers[i].at("in_channels").get<int>());
            QCOMPARE(l.outDim(), layers[i].at("out_dim").get<int>());
        }
        // CNV: 1,542,848 weights and 118.9 MOp per frame (sum over the layer list above).
        QCOMPARE(d.network.weights(), 1542848LL);
        QCOMPARE(d.network.ops(), 2LL * 59461376);
    }

    void largeNetworksMatchTheReference() {
        // shared/reference README: DoReFa-Net/PF ~60 M weights and ~2.2 G ops per frame;
        // Tincy YOLO ~4.4 G ops per frame.
        const Network& dorefa = *Catalog::shipped().findNetwork("dorefanet");
        QVERIFY(std::abs(dorefa.weights() / 60e6 - 1) < 0.05);
        QVERIFY(std::abs(dorefa.ops() / 2.2e9 - 1) < 0.05);
        QCOMPARE(dorefa.layers[dorefa.indexOf("fc0")].inChannels, 9216); // 256 x 6 x 6
        QCOMPARE(dorefa.layers[dorefa.indexOf("conv1")].groups, 2);
        const Network& yolo = *Catalog::shipped().findNetwork("tincy-yolo");
        QVERIFY(std::abs(yolo.ops() / 4.4e9 - 1) < 0.03);
        QCOMPARE(yolo.layers.back().outDim(), 13);
        QCOMPARE(yolo.layers.back().outChannels, 125);
    }

    void widthScalingReproducesTheFamily() {
        const Network& cnv = *Catalog::shipped().findNetwork("cnv-w50");
        const Network& big = *Catalog::shipped().findNetwork("cnv-w100");
        const Network scaled = scaleWidth(cnv, 2.0);
        QCOMPARE(scaled.layers.size(), big.layers.size());
        for (std::size_t i = 0; i < big.layers.size(); ++i) {
            QCOMPARE(scaled.layers[i].inChannels, big.layers[i].inChannels);
            QCOMPARE(scaled.layers[i].outChannels, big.layers[i].outChannels);
        }
        QCOMPARE(scaled.weights(), big.weights());
        validate(scaled);
        QVERIFY(scaled.published.empty()); // accuracies do not carry over to another width
    }

    void publishedAccuraciesCarrySources() {
        for (const Network& n : Catalog::shipped().networks())
            for (const PublishedAccuracy& a : n.published) {
                QVERIFY(!a.source.empty());
                QVERIFY(a.top1 > 0.5 && a.top1 < 1.0);
            }
        QVERIFY(!Catalog::shipped().findNetwork("cnv")->published.empty());
    }

    void devicesAndAliases() {
        const auto& cat = Catalog::shipped();
        QCOMPARE(cat.devices().size(), std::size_t(8));
        QCOMPARE(cat.device("pynq-z1").id, std::string("xc7z020"));
        QCOMPARE(cat.device("AWS-F1").id, std::string("xcvu9p"));
        QCOMPARE(cat.device("u250").total.lut, 1728000.0);
        QCOMPARE(cat.device("xc7z020").total.bram36(), 140.0);
        for (std::size_t i = 1; i < cat.devices().size(); ++i)
            QVERIFY(cat.devices()[i - 1].total.lut <= cat.devices()[i].total.lut);
    }

    void badNetworkFilesNameTheProblem() {
        auto expectError = [](const std::string& text, const char* needle) {
            try {
                networkFromJson(parseJson(text, "my.json"), "my.json");
                QFAIL("no error");
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
                QVERIFY2(std::string(e.what()).find("my.json") != std::string::npos, e.what());
            }
        };
        expectError("{\"layers\": [", "my.json:1:");
        expectError(R"({"layers": [{"name":"a","kind":"fc","in_features":4,"out_features":8},
                                    {"name":"b","kind":"fc","in_features":5,"out_features":2}]})",
                    "layer b");
        expectError(R"({"layers": [{"name":"a","kind":"dense","in_features":4,"out_features":8}]})", "dense");
        expectError(
            R"({"layers": [{"name":"a","kind":"conv","in_channels":3,"out_channels":8,"in_dim":2,"kernel":3}]})",
            "kernel 3");
        expectError(R"({"layers": [{"name":"a","kind":"fc","in_features":"x","out_features":8}]})", "wrong type");
        expectError(R"({"layers": [{"name":"a","kind":"fc","in_features":4,"out_features":8,"activation":false},
                                    {"name":"b","kind":"fc","in_features":8,"out_features":2}]})",
                    "no activation");
        expectError(R"({"layers": [{"name":"a","kind":"fc","in_features":4,"out_features":4},
                                    {"name":"a","kind":"fc","in_features":4,"out_features":2}]})",
                    "name is used twice");
    }

    /// Names are looked up through an index (issue 13: linear in layers; bench/layers_bench).
    void deepNetworksFindLayersByName() {
        Network net;
        net.id = "deep";
        for (int i = 0; i < 10000; ++i)
            net.layers.push_back({.name = "fc" + std::to_string(i), .inChannels = 8, .outChannels = 8});
        net.layers.back().activation = false;
        validate(net);
        nlohmann::json entries = nlohmann::json::array();
        for (int i = 9999; i >= 0; i -= 3)
            entries.push_back({{"name", "fc" + std::to_string(i)}, {"pe", i % 2 ? 2 : 4}});
        const Folding f = foldingFromJson({{"layers", entries}}, net, "deep.json");
        QCOMPARE(f.layers[9999].pe, 2);
        QCOMPARE(f.layers[9996].pe, 4);
        QCOMPARE(f.layers[9998].pe, 1);
        QCOMPARE(f.layers[0].pe, 4);
        QCOMPARE(f.layers[3].pe, 2);
        PrecisionSpec spec;
        spec.overrides = {{.layer = "fc9998", .weightBits = 4}};
        QCOMPARE(resolvePrecision(net, spec)[9998].weightBits, 4);
        QCOMPARE(resolvePrecision(net, spec)[9999].weightBits, 1);
        spec.overrides = {{.layer = "fc10000", .weightBits = 4}};
        QVERIFY_THROWS_EXCEPTION(Error, resolvePrecision(net, spec));
        entries.push_back({{"name", "fc10000"}});
        QVERIFY_THROWS_EXCEPTION(Error, foldingFromJson({{"layers", entries}}, net, "deep.json"));
    }
};

QTEST_APPLESS_MAIN(TestNetworks)
#include "test_networks.moc"
