// Model equals simulation (issue 9): for the shipped MLPs and CNV at W1A1, W2A2 and W4A4,
// folded by the optimizer for the fastest design on a PYNQ-Z1 and on the VU9P, every block's
// cycles counted in C simulation equal the pipeline plan's, and estimate()'s frame rate equals
// the simulation's cycle-bound frame rate. One ctest entry per network (data tag), so ctest
// runs them side by side; the builds go to the simulation cache under the build tree.
#include "bitfold/catalog.h"
#include "bitfold/cost_model.h"
#include "bitfold/golden.h"
#include "bitfold/optimizer.h"
#include "bitfold/sim_runner.h"
#include "test_dirs.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace bitfold;

class TestPlanVsSim : public QObject {
    Q_OBJECT
private slots:
    void modelEqualsSimulation_data() {
        QTest::addColumn<QString>("network");
        for (const char* id : {"tfc", "sfc", "lfc", "mlp-w25", "mlp-w50", "mlp-w100", "cnv"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }

    void modelEqualsSimulation() {
        QFETCH(QString, network);
        const Catalog& cat = Catalog::shipped();
        const Network net = cat.network(network.toStdString());
        SimOptions options;
        options.cacheDir = testdirs::simCache();
        options.batch = 2;
        for (const char* deviceId : {"xc7z020", "xcvu9p"}) {
            const Device& device = cat.device(deviceId);
            options.portBits = device.port.bits;
            for (int bits : {1, 2, 4}) {
                const std::string what =
                    net.id + " W" + std::to_string(bits) + "A" + std::to_string(bits) + " on " + device.id;
                const auto prec = resolvePrecision(net, {bits, bits, 0, {}});
                // Designs that do not fit (CNV W4A4, LFC W2A2 on a PYNQ-Z1) keep the optimizer's smallest
                // folding: the plan must time any valid design, fitting or not.
                const FoldingResult r = optimizeFolding(net, prec, device, {});
                Folding folding = r.folding;
                folding.computeUnits = 1; // every unit runs this kernel
                const Estimate e = estimate(net, prec, folding, device, 0);
                const ParamPackage pkg = randomPackage(net, prec, 7);
                const ImageSet images = randomImages(2, net.layers[0].kind == LayerKind::Fc ? 1 : net.layers[0].inDim,
                                                     net.layers[0].kind == LayerKind::Fc ? 1 : net.layers[0].inDim,
                                                     net.layers[0].inChannels, 11);
                const SimResult sim = simulate(pkg, folding, images, options);
                QVERIFY2(sim.bitExact, (what + ": " + sim.firstMismatch).c_str());
                QCOMPARE(sim.stages.size(), e.stages.size());
                std::uint64_t slowest = 0;
                for (std::size_t k = 0; k < sim.stages.size(); ++k) {
                    const std::string block = what + ", block " + sim.stages[k].name;
                    QVERIFY2(sim.stages[k].name == e.stages[k].name, block.c_str());
                    QVERIFY2(sim.stages[k].cyclesCounted == std::uint64_t(e.stages[k].cycles), block.c_str());
                    slowest = std::max(slowest, sim.stages[k].cyclesCounted);
                }
                const double simFps = e.clockMhz * 1e6 / double(slowest);
                QVERIFY2(std::abs(e.fpsPerUnit - simFps) <= 0.005 * simFps, what.c_str());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPlanVsSim)
#include "test_plan_vs_sim.moc"
