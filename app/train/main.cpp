// bitfold-train: quantization-aware training on Fashion-MNIST and export of the result as a
// parameter package whose accuracy is measured by the golden integer reference.
#include "fold.h"
#include "manifest.h"
#include "topology.h"
#include "trainer.h"

#include "bitfold/dataset.h"
#include "bitfold/error.h"
#include "bitfold/golden.h"
#include "bitfold/params.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace fs = std::filesystem;
using namespace bitfold;

namespace {

const char* kUsage = R"(usage: bitfold-train --network tfc|sfc|lfc|mlp|cnv-fm --weights W --acts A --out DIR [options]

  --network NAME     tfc/sfc/lfc: MLP 784-{64,256,1024}x3-10; mlp: needs --width;
                     cnv-fm: CNV shape for 28x28 images, --width = base channels (default 16)
  --width N          hidden width (MLP) or base channel count (cnv-fm); overrides the name's
  --layers L         hidden layers of an MLP (default 3)
  --weights W        weight bits 1..8 or float32
  --acts A           activation bits 1..8 or float32
  --input-bits B     first layer's input bits (default 8: raw pixels)
  --first-last-weights B
                     weight bits of the first and last matrix layers (mixed precision,
                     e.g. 8 for the "-first8" models); the others use --weights
  --epochs E         (default 10)
  --warmup-epochs E  progressive quantization: the first E of the epochs train at the
                     warm-up precision below, the rest at --weights/--acts from there
                     (each phase with its own cosine decay)
  --warmup-weights W the warm-up's weights: float32 (latent weights unquantized) or
                     --weights (default)
  --warmup-acts A    the warm-up's activation bits 1..8 or float32 (default --acts)
  --distill float32  knowledge distillation: train the float32 network of the same shape,
                     seed and schedule first, then this one against its softened scores
  --distill-weight X weight of the teacher's term (default 0.7; labels get 1 - X)
  --distill-temp T   softening temperature (default 4)
  --bn-recalibrate   after the last epoch, recompute batch norm's statistics over the
                     whole training set (the weights fixed)
  --seed S           (default 1)
  --lr X             Adam learning rate (default 0.001, cosine decay to 0)
  --batch N          (default 100)
  --train-limit N    first N training images only (default all 60000)
  --test-limit N     first N test images only (default all 10000)
  --threads T        torch threads (default 1)
  --checkpoint FILE  save the run after every epoch and resume from FILE if it holds
                     this recipe's run (removed when the run completes)
  --out DIR          package directory (float32: DIR/summary.json only)
  --id ID            manifest id (default e.g. mlp256-w2a2)
  --manifest FILE    merge this run (its seed) into the model's entry in FILE
  --skip-done        with --manifest: do nothing when FILE already lists this seed of
                     this id under the same recipe (resuming a grid)
)";

int parseBits(const std::string& s, const std::string& option) {
    if (s == "float32" || s == "float" || s == "32") return 32;
    try {
        std::size_t used = 0;
        const int v = std::stoi(s, &used);
        if (used == s.size() && v >= 1 && v <= 8) return v;
    } catch (const std::exception&) {
    }
    throw Error(option, "'" + s + "' is not 1..8 or float32");
}

int parseInt(const std::string& s, const std::string& option, int min) {
    try {
        std::size_t used = 0;
        const long v = std::stol(s, &used);
        if (used == s.size() && v >= min && v <= 1'000'000'000) return int(v);
    } catch (const std::exception&) {
    }
    throw Error(option, "'" + s + "' is not an integer >= " + std::to_string(min));
}

double parseFraction(const std::string& s, const std::string& option, double max = 1.0) {
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        if (used == s.size() && v >= 0 && v <= max) return v;
    } catch (const std::exception&) {
    }
    throw Error(option, "'" + s + "' is not a number between 0 and " + std::to_string(int(max)));
}

std::string bitsName(int bits) { return bits == 32 ? "float32" : std::to_string(bits); }

std::uintmax_t packageBytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const char* f : {"package.json", "params.bin"})
        if (fs::exists(dir / f)) total += fs::file_size(dir / f);
    return total;
}

int run(int argc, char** argv) {
    std::map<std::string, std::string> opt;
    std::string command = "bitfold-train";
    bool skipDone = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-h" || a == "--help") {
            std::cout << kUsage;
            return 0;
        }
        if (a == "--skip-done") {
            skipDone = true;
            continue;
        }
        if (a == "--bn-recalibrate") {
            opt["bn-recalibrate"] = "1";
            command += " " + a;
            continue;
        }
        if (a.rfind("--", 0) != 0 || i + 1 >= argc)
            throw Error(a, "expected an option with a value\n" + std::string(kUsage));
        opt[a.substr(2)] = argv[++i];
        if (a != "--checkpoint") // where a run is saved does not change what it computes
            command += " " + a + " " + argv[i];
    }
    static const char* known[] = {"network",
                                  "width",
                                  "layers",
                                  "weights",
                                  "acts",
                                  "input-bits",
                                  "epochs",
                                  "seed",
                                  "lr",
                                  "batch",
                                  "train-limit",
                                  "test-limit",
                                  "threads",
                                  "out",
                                  "id",
                                  "manifest",
                                  "first-last-weights",
                                  "warmup-epochs",
                                  "warmup-weights",
                                  "warmup-acts",
                                  "distill",
                                  "distill-weight",
                                  "distill-temp",
                                  "bn-recalibrate",
                                  "checkpoint"};
    for (const auto& [k, v] : opt)
        if (std::find(std::begin(known), std::end(known), k) == std::end(known))
            throw Error("--" + k, "unknown option\n" + std::string(kUsage));
    for (const char* required : {"network", "weights", "acts", "out"})
        if (!opt.count(required)) throw Error(std::string("--") + required, "missing\n" + std::string(kUsage));

    std::string kind = opt["network"];
    int width = 0;
    if (kind == "tfc" || kind == "sfc" || kind == "lfc")
        width = kind == "tfc" ? 64 : kind == "sfc" ? 256 : 1024, kind = "mlp";
    else if (kind == "cnv-fm")
        width = 16;
    if (opt.count("width")) width = parseInt(opt["width"], "--width", 1);
    if (width == 0) throw Error("--width", "required for --network mlp");
    const int layers = opt.count("layers") ? parseInt(opt["layers"], "--layers", 1) : 3;
    const Network net = train::makeTrainNetwork(kind, width, layers);

    train::TrainConfig cfg;
    cfg.weightBits = parseBits(opt["weights"], "--weights");
    cfg.actBits = parseBits(opt["acts"], "--acts");
    if (opt.count("input-bits")) cfg.inputBits = parseBits(opt["input-bits"], "--input-bits");
    if (cfg.inputBits == 32) cfg.inputBits = 8;
    if (opt.count("epochs")) cfg.epochs = parseInt(opt["epochs"], "--epochs", 0);
    if (opt.count("seed")) cfg.seed = std::uint64_t(parseInt(opt["seed"], "--seed", 0));
    if (opt.count("lr")) cfg.lr = std::stod(opt["lr"]);
    if (opt.count("batch")) cfg.batch = parseInt(opt["batch"], "--batch", 2);
    if (opt.count("threads")) cfg.threads = parseInt(opt["threads"], "--threads", 1);
    if (opt.count("checkpoint")) cfg.checkpoint = opt["checkpoint"];
    if (opt.count("warmup-epochs")) cfg.warmupEpochs = parseInt(opt["warmup-epochs"], "--warmup-epochs", 0);
    if (opt.count("warmup-weights")) cfg.warmupWeightBits = parseBits(opt["warmup-weights"], "--warmup-weights");
    if (opt.count("warmup-acts")) cfg.warmupActBits = parseBits(opt["warmup-acts"], "--warmup-acts");
    train::checkWarmup(cfg);
    if (opt.count("distill")) {
        if (parseBits(opt["distill"], "--distill") != 32) throw Error("--distill", "the teacher is float32");
        cfg.distill = true;
    }
    cfg.bnRecalibrate = opt.count("bn-recalibrate") > 0;
    if (opt.count("distill-weight")) cfg.distillWeight = parseFraction(opt["distill-weight"], "--distill-weight");
    if (opt.count("distill-temp")) {
        cfg.distillTemperature = parseFraction(opt["distill-temp"], "--distill-temp", 100.0);
        if (cfg.distillTemperature <= 0) throw Error("--distill-temp", "must be positive");
    }
    if (!cfg.distill && (opt.count("distill-weight") || opt.count("distill-temp")))
        throw Error("--distill", "--distill-weight and --distill-temp need --distill float32");
    const bool isFloat = train::isFloat(cfg);
    nlohmann::json layerBits; // null: one precision for every layer
    if (opt.count("first-last-weights")) {
        const int edge = parseBits(opt["first-last-weights"], "--first-last-weights");
        if (isFloat || edge == 32) throw Error("--first-last-weights", "needs integer weights (1..8) everywhere");
        cfg.layerWeightBits.assign(net.layers.size(), 0);
        std::size_t first = net.layers.size(), last = 0;
        for (std::size_t i = 0; i < net.layers.size(); ++i)
            if (net.layers[i].isMatrix()) first = std::min(first, i), last = i;
        cfg.layerWeightBits[first] = cfg.layerWeightBits[last] = edge;
        layerBits = nlohmann::json::array();
        for (std::size_t i = 0; i < net.layers.size(); ++i)
            if (net.layers[i].isMatrix())
                layerBits.push_back({{"layer", net.layers[i].name},
                                     {"weight_bits", train::weightBitsOf(cfg, i)},
                                     {"act_bits", net.layers[i].activation ? cfg.actBits : 0}});
    }
    const std::string id = opt.count("id") ? opt["id"]
        : isFloat                          ? net.id + "-float32"
                  : net.id + "-w" + std::to_string(cfg.weightBits) + "a" + std::to_string(cfg.actBits) +
            (opt.count("first-last-weights") ? "-first" + opt["first-last-weights"] : "");

    const ImageSet trainSet =
        loadFashionMnist("train", opt.count("train-limit") ? parseInt(opt["train-limit"], "--train-limit", 1) : 0);
    const ImageSet testSet =
        loadFashionMnist("test", opt.count("test-limit") ? parseInt(opt["test-limit"], "--test-limit", 1) : 0);
    const fs::path out(opt["out"]);
    const fs::path manifest(opt.count("manifest") ? opt["manifest"] : "");
    const fs::path base = manifest.has_parent_path() ? manifest.parent_path() : fs::path(".");
    nlohmann::json entry = {{"id", id},
                            {"network", kind},
                            {"shape", net.name},
                            {"width", width},
                            {"layers", kind == "mlp" ? layers : 0},
                            {"weight_bits", cfg.weightBits},
                            {"act_bits", cfg.actBits},
                            {"input_bits", cfg.inputBits},
                            {"measured_by", isFloat ? "float32-graph" : "golden-integer-reference"},
                            {"test_images", testSet.count},
                            {"train_images", trainSet.count},
                            {"seed", cfg.seed},
                            {"epochs", cfg.epochs},
                            {"lr", cfg.lr},
                            {"batch", cfg.batch},
                            {"command", command}};
    if (!layerBits.is_null()) entry["layer_bits"] = layerBits;
    if (cfg.bnRecalibrate) entry["bn_recalibrate"] = true;
    if (cfg.distill)
        entry["distill"] = {
            {"teacher", "float32"}, {"weight", cfg.distillWeight}, {"temperature", cfg.distillTemperature}};
    if (cfg.warmupEpochs > 0)
        entry["warmup"] = {{"epochs", cfg.warmupEpochs},
                           {"weight_bits", train::warmupWeightBitsOf(cfg)},
                           {"act_bits", train::warmupActBitsOf(cfg)}};
    if (skipDone && opt.count("manifest") && train::manifestHasRun(manifest.string(), entry)) {
        std::printf("%s: seed %llu already in %s, skipped\n", id.c_str(), static_cast<unsigned long long>(cfg.seed),
                    manifest.string().c_str());
        return 0;
    }
    std::printf("%s: %s, W%s A%s, %d training / %d test images, %d epochs, seed %llu, %d thread(s)\n", id.c_str(),
                net.name.c_str(), bitsName(cfg.weightBits).c_str(), bitsName(cfg.actBits).c_str(), trainSet.count,
                testSet.count, cfg.epochs, static_cast<unsigned long long>(cfg.seed), cfg.threads);
    std::fflush(stdout);

    nlohmann::json epochLog = nlohmann::json::array();
    const auto result = train::trainNetwork(net, cfg, trainSet, testSet, [&](const train::EpochLog& e) {
        std::printf("  %sepoch %2d  loss %.4f  float-graph test %.2f%%  %.1f s\n", e.teacher ? "teacher " : "", e.epoch,
                    e.loss, 100 * e.testAccuracy, e.seconds);
        std::fflush(stdout);
        if (e.teacher) return;
        epochLog.push_back(
            {{"epoch", e.epoch}, {"loss", e.loss}, {"test_accuracy", e.testAccuracy}, {"seconds", e.seconds}});
    });

    nlohmann::json training = {
        {"seed", cfg.seed},
        {"epochs", cfg.epochs},
        {"batch", cfg.batch},
        {"lr", cfg.lr},
        {"train_images", trainSet.count},
        {"warmup", entry.value("warmup", nlohmann::json())},
        {"distill", entry.value("distill", nlohmann::json())},
        {"bn_recalibrate", cfg.bnRecalibrate},
        {"recipe", "QAT with STE (docs/training.md): Adam, cosine decay, batch norm folded into thresholds"},
        {"float_graph_accuracy", result.floatGraphAccuracy},
        {"teacher_accuracy", cfg.distill ? nlohmann::json(result.teacherAccuracy) : nlohmann::json()},
        {"train_seconds", result.trainSeconds},
        {"log", epochLog}};
    fs::create_directories(out);
    double accuracy = result.floatGraphAccuracy;
    if (cfg.bnRecalibrate)
        std::printf("  batch norm recalibrated: float graph %.2f%% before, %.2f%% after\n",
                    100 * result.accuracyBeforeRecalibration, 100 * result.floatGraphAccuracy);
    if (!isFloat) {
        ParamPackage pkg =
            train::foldPackage(net, cfg.inputBits, cfg.weightBits, cfg.actBits, result.layers, cfg.layerWeightBits);
        pkg.trainingJson = training.dump();
        accuracy = goldenAccuracy(pkg, testSet);
        pkg.accuracy = accuracy;
        pkg.accuracyImages = testSet.count;
        savePackage(pkg, out.string());
        std::printf("  golden integer reference %.2f%%  (float graph %.2f%%), package %s (%ju bytes)\n", 100 * accuracy,
                    100 * result.floatGraphAccuracy, out.string().c_str(), packageBytes(out));
    } else {
        nlohmann::json summary = {
            {"format", "bitfold-float-baseline"},
            {"network", net.name},
            {"training", training},
            {"accuracy", {{"top1", accuracy}, {"images", testSet.count}, {"measured_by", "float32-graph"}}}};
        std::ofstream(out / "summary.json") << summary.dump(2) << '\n';
        std::printf("  float32 baseline %.2f%%, summary %s\n", 100 * accuracy, (out / "summary.json").string().c_str());
    }

    if (opt.count("manifest")) {
        entry["accuracy"] = accuracy;
        if (cfg.distill) entry["teacher_accuracy"] = result.teacherAccuracy;
        if (cfg.bnRecalibrate) entry["accuracy_before_recalibration"] = result.accuracyBeforeRecalibration;
        entry["float_graph_accuracy"] = result.floatGraphAccuracy;
        entry["train_seconds"] = std::round(result.trainSeconds * 10) / 10;
        entry["package"] = isFloat ? nlohmann::json(nullptr) : nlohmann::json(fs::relative(out, base).generic_string());
        entry["package_bytes"] = isFloat ? 0 : packageBytes(out);
        train::upsertManifestEntry(manifest.string(), entry);
    }
    if (!cfg.checkpoint.empty()) fs::remove(cfg.checkpoint);
    if (!train::teacherCheckpoint(cfg).empty()) fs::remove(train::teacherCheckpoint(cfg));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // libtorch allocates and frees its activation buffers (megabytes for a convolution's
    // unfolded input) on every step. By default glibc maps each from the kernel and unmaps it
    // again, and the page faults took two thirds of a CNV epoch: keep them in the heap (32 MB
    // is the largest threshold glibc accepts) and never trim it.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bitfold-train: %s\n", e.what());
        return 1;
    }
}
