// Short real training runs: the trainer learns, and the exported integer package computes
// what the float graph computes (golden reference vs float graph on the same images).
#include "fold.h"
#include "topology.h"
#include "trainer.h"

#include "bitfold/dataset.h"
#include "bitfold/error.h"
#include "bitfold/golden.h"
#include "bitfold/params.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace bitfold;
using namespace bitfold::train;

namespace {

struct Run {
    TrainResult result;
    ParamPackage package;
};

Run trainAndExport(const Network& net, int w, int a, const ImageSet& trainSet, const ImageSet& testSet, int epochs = 1,
                   const std::vector<int>& layerWeightBits = {}) {
    TrainConfig cfg;
    cfg.weightBits = w;
    cfg.actBits = a;
    cfg.epochs = epochs;
    cfg.seed = 1;
    cfg.layerWeightBits = layerWeightBits;
    Run run;
    run.result = trainNetwork(net, cfg, trainSet, testSet);
    run.package = foldPackage(net, cfg.inputBits, w, a, run.result.layers, layerWeightBits);
    return run;
}

// Fraction of images on which the integer graph picks the float graph's label.
double agreement(const ParamPackage& pkg, const ImageSet& set, const std::vector<int>& floatLabels) {
    int same = 0;
    for (int i = 0; i < set.count; ++i) same += goldenInfer(pkg, set.image(i)).label == floatLabels[std::size_t(i)];
    return double(same) / set.count;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_train = loadFashionMnist("train", 6000);
        m_test = loadFashionMnist("test", 1000);
    }

    void sfcW2A2LearnsAndExportsFaithfully() {
        const Network net = makeTrainNetwork("mlp", 256, 3);
        const Run run = trainAndExport(net, 2, 2, m_train, m_test);
        QVERIFY2(run.result.floatGraphAccuracy > 0.60, qPrintable(QString::number(run.result.floatGraphAccuracy)));
        const double golden = goldenAccuracy(run.package, m_test);
        QVERIFY2(std::abs(golden - run.result.floatGraphAccuracy) <= 0.005,
                 qPrintable(QString("golden %1, float graph %2").arg(golden).arg(run.result.floatGraphAccuracy)));
        QVERIFY(agreement(run.package, m_test, run.result.predictions) >= 0.995);

        // And the package survives its file format unchanged.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        savePackage(run.package, dir.path().toStdString());
        QCOMPARE(loadPackage(dir.path().toStdString()), run.package);
    }

    void firstAndLastLayersAt8BitsExportFaithfully() {
        // Mixed precision ("-first8"): 8-bit weights in the first and last layers, binary between.
        const Network net = makeTrainNetwork("mlp", 64, 3);
        const Run run = trainAndExport(net, 1, 1, m_train, m_test, 1, {8, 0, 0, 8});
        QCOMPARE(run.package.layers[0].weightBits, 8);
        QCOMPARE(run.package.layers[1].weightBits, 1);
        QCOMPARE(run.package.layers[2].weightBits, 1);
        QCOMPARE(run.package.layers[3].weightBits, 8);
        QCOMPARE(run.package.precision()[0].weightBits, 8);
        QVERIFY(run.result.floatGraphAccuracy > 0.5);
        QVERIFY(agreement(run.package, m_test, run.result.predictions) >= 0.995);
    }

    void aResumedRunEqualsAnUninterruptedOne() {
        const Network net = makeTrainNetwork("mlp", 64, 3);
        const ImageSet small = loadFashionMnist("train", 1000);
        QTemporaryDir dir;
        const std::string ckpt = dir.filePath("run.ckpt").toStdString(), mid = dir.filePath("mid.ckpt").toStdString();
        TrainConfig cfg;
        cfg.weightBits = cfg.actBits = 2;
        cfg.epochs = 2;
        cfg.checkpoint = ckpt;
        // While epoch 2 reports, the checkpoint still holds epoch 1: keep it as an interrupted run.
        const TrainResult whole = trainNetwork(net, cfg, small, m_test, [&](const EpochLog& e) {
            if (e.epoch == 2) std::filesystem::copy_file(ckpt, mid);
        });
        cfg.checkpoint = mid;
        int reported = 0;
        const TrainResult resumed = trainNetwork(net, cfg, small, m_test, [&](const EpochLog&) { ++reported; });
        QCOMPARE(reported, 2);
        QCOMPARE(resumed.log.size(), std::size_t(2));
        QCOMPARE(resumed.log[0].loss, whole.log[0].loss);
        QCOMPARE(resumed.log[1].loss, whole.log[1].loss); // bit-identical continuation
        QCOMPARE(resumed.predictions, whole.predictions);
        QCOMPARE(foldPackage(net, 8, 2, 2, resumed.layers), foldPackage(net, 8, 2, 2, whole.layers));
        // A checkpoint of another recipe is ignored: a 1-epoch run starts from scratch.
        cfg.epochs = 1;
        QCOMPARE(trainNetwork(net, cfg, small, m_test).log.size(), std::size_t(1));
    }

    void warmupTrainsThenSwitchesToTheTarget() {
        // Progressive quantization: epoch 1 at W1A2 (or float latent weights with binary
        // activations), epoch 2 at W1A1; the package is the target's, and a run resumed at the
        // phase boundary continues bit-identically.
        const Network net = makeTrainNetwork("mlp", 64, 3);
        QTemporaryDir dir;
        const std::string ckpt = dir.filePath("run.ckpt").toStdString(), mid = dir.filePath("mid.ckpt").toStdString();
        TrainConfig cfg;
        cfg.weightBits = cfg.actBits = 1;
        cfg.epochs = 2;
        const TrainResult plain = trainNetwork(net, cfg, m_train, m_test);
        cfg.warmupEpochs = 1;
        cfg.warmupActBits = 2;
        cfg.checkpoint = ckpt;
        const TrainResult warm = trainNetwork(net, cfg, m_train, m_test, [&](const EpochLog& e) {
            if (e.epoch == 2) std::filesystem::copy_file(ckpt, mid);
        });
        QVERIFY(warm.log[0].loss != plain.log[0].loss); // epoch 1 trained 2-bit activations
        const ParamPackage pkg = foldPackage(net, 8, 1, 1, warm.layers);
        QCOMPARE(pkg.layers[1].actBits, 1);
        QVERIFY2(warm.floatGraphAccuracy > 0.5, qPrintable(QString::number(warm.floatGraphAccuracy)));
        QVERIFY(agreement(pkg, m_test, warm.predictions) >= 0.995);
        cfg.checkpoint = mid;
        const TrainResult resumed = trainNetwork(net, cfg, m_train, m_test);
        QCOMPARE(resumed.log[1].loss, warm.log[1].loss);
        QCOMPARE(resumed.predictions, warm.predictions);

        cfg.checkpoint.clear();
        cfg.warmupActBits = 0;
        cfg.warmupWeightBits = 32; // float latent weights, binary activations
        const TrainResult real = trainNetwork(net, cfg, m_train, m_test);
        QVERIFY(real.log[0].loss != plain.log[0].loss);
        QVERIFY(agreement(foldPackage(net, 8, 1, 1, real.layers), m_test, real.predictions) >= 0.995);
    }

    void distilledRunTrainsItsFloatTeacherFirst() {
        const Network net = makeTrainNetwork("mlp", 64, 3);
        QTemporaryDir dir;
        TrainConfig cfg;
        cfg.weightBits = cfg.actBits = 1;
        cfg.epochs = 2;
        const TrainResult plain = trainNetwork(net, cfg, m_train, m_test);
        cfg.distill = true;
        cfg.checkpoint = dir.filePath("run.ckpt").toStdString();
        int teacherEpochs = 0, studentEpochs = 0;
        const TrainResult kd = trainNetwork(net, cfg, m_train, m_test, [&](const EpochLog& e) {
            ++(e.teacher ? teacherEpochs : studentEpochs);
        });
        QCOMPARE(teacherEpochs, 2);
        QCOMPARE(studentEpochs, 2);
        QCOMPARE(kd.log.size(), std::size_t(2)); // the student's epochs only
        QVERIFY2(kd.teacherAccuracy > 0.7, qPrintable(QString::number(kd.teacherAccuracy)));
        QVERIFY(kd.log[0].loss != plain.log[0].loss); // same initialisation, another objective
        QVERIFY(kd.floatGraphAccuracy > 0.5);
        QVERIFY(agreement(foldPackage(net, 8, 1, 1, kd.layers), m_test, kd.predictions) >= 0.995);
        // The teacher's checkpoint is kept beside the student's: a rerun resumes both.
        QVERIFY(std::filesystem::exists(teacherCheckpoint(cfg)));
        const TrainResult again = trainNetwork(net, cfg, m_train, m_test);
        QCOMPARE(again.predictions, kd.predictions);
    }

    void batchNormRecalibrationKeepsTheWeights() {
        // Recalibration runs after training: the run before it is the plain run, and the
        // package after it still computes what the float graph computes.
        const Network net = makeTrainNetwork("mlp", 64, 3);
        TrainConfig cfg;
        cfg.weightBits = cfg.actBits = 1;
        cfg.epochs = 1;
        const TrainResult plain = trainNetwork(net, cfg, m_train, m_test);
        cfg.bnRecalibrate = true;
        const TrainResult recal = trainNetwork(net, cfg, m_train, m_test);
        QCOMPARE(recal.accuracyBeforeRecalibration, plain.floatGraphAccuracy);
        QCOMPARE(recal.log[0].loss, plain.log[0].loss);
        QVERIFY(recal.floatGraphAccuracy > 0.5);
        QVERIFY(agreement(foldPackage(net, 8, 1, 1, recal.layers), m_test, recal.predictions) >= 0.995);
    }

    void impossibleWarmupsAreRefusedByName() {
        TrainConfig cfg;
        cfg.weightBits = cfg.actBits = 1;
        cfg.epochs = 10;
        const auto refused = [&](const char* option) {
            try {
                checkWarmup(cfg);
            } catch (const Error& e) {
                return std::string(e.what()).find(option) != std::string::npos;
            }
            return false;
        };
        cfg.warmupEpochs = 10; // no epoch left for the target
        cfg.warmupActBits = 2;
        QVERIFY(refused("--warmup-epochs"));
        cfg.warmupEpochs = 5;
        cfg.warmupWeightBits = 4; // latent binary weights have no 4-bit step to learn
        QVERIFY(refused("--warmup-weights"));
        cfg.warmupWeightBits = 0;
        cfg.warmupActBits = 1; // the same precision: nothing to warm up
        QVERIFY(refused("--warmup-epochs"));
        cfg.warmupActBits = 2;
        checkWarmup(cfg); // W1A2 for 5 epochs, then W1A1
        cfg.warmupEpochs = 0; // a warm-up precision without epochs
        QVERIFY(refused("--warmup-epochs"));
    }

    void binaryMlpExportsFaithfully() {
        const Network net = makeTrainNetwork("mlp", 64, 3);
        const Run run = trainAndExport(net, 1, 1, m_train, m_test);
        QVERIFY(run.result.floatGraphAccuracy > 0.5);
        QVERIFY(agreement(run.package, m_test, run.result.predictions) >= 0.995);
    }

    void convNetExportsFaithfully() {
        // Conv weight order (ky, kx, c), NHWC flattening before the FC and max-pool on
        // activations: any layout slip would drop the agreement to chance.
        const Network net = makeTrainNetwork("cnv-fm", 8, 0);
        const ImageSet few = loadFashionMnist("train", 2000);
        const ImageSet fewTest = loadFashionMnist("test", 300);
        for (int bits : {1, 2}) {
            const Run run = trainAndExport(net, bits, bits, few, fewTest, 2);
            QVERIFY2(run.result.floatGraphAccuracy > 0.3, qPrintable(QString::number(run.result.floatGraphAccuracy)));
            QVERIFY2(agreement(run.package, fewTest, run.result.predictions) >= 0.995,
                     qPrintable(QString("W%1A%1").arg(bits)));
        }
    }

    void floatBaselineHasNoPackage() {
        const Network net = makeTrainNetwork("mlp", 64, 1);
        TrainConfig cfg;
        cfg.weightBits = cfg.actBits = 32;
        cfg.epochs = 1;
        const ImageSet few = loadFashionMnist("train", 2000);
        const TrainResult r = trainNetwork(net, cfg, few, m_test);
        QVERIFY(isFloat(cfg));
        QVERIFY(r.layers.empty());
        QVERIFY(r.floatGraphAccuracy > 0.6);
        QCOMPARE(r.log.size(), std::size_t(1));
    }

private:
    ImageSet m_train, m_test;
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
