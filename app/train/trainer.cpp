// One of the two sources that include libtorch (each costs ~20 s to compile; checkpoint.cpp).
#include "trainer.h"

#include "checkpoint.h"

#include "bitfold/error.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace bitfold::train {
namespace {

constexpr int kFloat = 32;

// Rounds half up, so that `round(v) >= k` is exactly `v >= k - 0.5` (what the thresholds encode).
torch::Tensor roundHalfUp(const torch::Tensor& v) { return torch::floor(v + 0.5); }
// Straight-through: forward rounds, backward passes the gradient unchanged.
torch::Tensor roundSte(const torch::Tensor& v) { return v + (roundHalfUp(v) - v).detach(); }
// +1 where x >= 0 (the `acc >= t` convention), -1 elsewhere.
torch::Tensor binarize(const torch::Tensor& x) { return (x >= 0).to(x.scalar_type()) * 2 - 1; }
// Sign with the straight-through estimator clipped to [-1, 1] (hardtanh gradient).
torch::Tensor signSte(const torch::Tensor& x) {
    auto c = x.clamp(-1, 1);
    return c + (binarize(x) - c).detach();
}
// Value s, gradient scaled by g: the LSQ step-size gradient scale.
torch::Tensor gradScale(const torch::Tensor& s, double g) {
    auto sg = s * g;
    return (s - sg).detach() + sg;
}

struct Block {
    Layer layer;
    bool last = false;
    bool flattenBefore = false; ///< NCHW -> NHWC flatten, the semantics' (y, x, c) order
    torch::Tensor weight; ///< fc [O, I], conv [O, C, K, K]
    torch::Tensor weightScale; ///< W >= 2: learned step, [O, 1(, 1, 1)] or [1] for the last layer
    double weightGrad = 1.0;
    torch::nn::BatchNorm1d bn1{nullptr};
    torch::nn::BatchNorm2d bn2{nullptr};
    torch::Tensor actStep; ///< A >= 2: learned step, [1]
    double actGrad = 1.0;
    int wb = 0; ///< this layer's weight bits (TrainConfig::layerWeightBits)
};

class QNetImpl : public torch::nn::Module {
public:
    QNetImpl(const Network& net, const TrainConfig& cfg) : m_cfg(cfg), m_actBits(cfg.actBits) {
        bool spatial = !net.layers.empty() && net.layers.front().kind != LayerKind::Fc;
        m_spatialInput = spatial;
        for (std::size_t i = 0; i < net.layers.size(); ++i) {
            const Layer& l = net.layers[i];
            Block b;
            b.layer = l;
            b.last = i + 1 == net.layers.size();
            if (!l.isMatrix()) {
                m_blocks.push_back(b);
                continue;
            }
            if (l.kind == LayerKind::Fc && spatial) {
                b.flattenBefore = true;
                spatial = false;
            }
            const std::int64_t out = l.outChannels;
            const double fanIn = double(l.matrixWidth());
            auto w = l.kind == LayerKind::Fc ? torch::empty({out, std::int64_t(l.inChannels)})
                                             : torch::empty({out, std::int64_t(l.inChannels), l.kernel, l.kernel});
            const double bound = 1.0 / std::sqrt(fanIn); // torch's default Linear/Conv init range
            w.uniform_(-bound, bound);
            b.weight = register_parameter(l.name + "_weight", w);
            w = w.detach();
            const int wb = b.wb = weightBitsOf(cfg, i);
            if (wb >= 2 && wb <= 8) {
                const double q = (1 << (wb - 1)) - 1;
                // LSQ init 2*mean|w|/sqrt(Q): per output row, one scale for the last layer
                // (a per-row scale there would change the argmax of the integer scores).
                torch::Tensor init;
                if (b.last) {
                    init = (2 * w.abs().mean() / std::sqrt(q)).reshape({1});
                    b.weightGrad = 1.0 / std::sqrt(double(w.numel()) * q);
                } else {
                    std::vector<std::int64_t> shape(std::size_t(w.dim()), 1);
                    shape[0] = out;
                    init = (2 * w.abs().reshape({out, -1}).mean(1) / std::sqrt(q)).reshape(shape);
                    b.weightGrad = 1.0 / std::sqrt(fanIn * q);
                }
                b.weightScale = register_parameter(l.name + "_wstep", init);
            }
            if (!b.last) {
                if (l.kind == LayerKind::Fc)
                    b.bn1 = register_module(l.name + "_bn", torch::nn::BatchNorm1d(out));
                else
                    b.bn2 = register_module(l.name + "_bn", torch::nn::BatchNorm2d(out));
                // The step serves the warm-up's activations too (then initialised for them).
                const auto quantised = [](int bits) { return bits >= 2 && bits <= 8; };
                const int warm = cfg.warmupEpochs > 0 ? warmupActBitsOf(cfg) : cfg.actBits;
                const int ab = quantised(warm) ? warm : cfg.actBits;
                if (quantised(ab)) {
                    const double levels = (1 << ab) - 1;
                    // Batch norm output is roughly N(0, 1): LSQ's 2*E|x|/sqrt(L), at most 4 sigma.
                    const double init = std::min(1.6 / std::sqrt(levels), 4.0 / levels);
                    b.actStep = register_parameter(l.name + "_astep", torch::full({1}, init));
                    const double features = double(out) * double(l.outPixels());
                    b.actGrad = 1.0 / std::sqrt(features * levels);
                }
            }
            m_blocks.push_back(b);
        }
        const Layer& lastLayer = net.layers.back();
        const double tau = m_blocks.back().wb == 1 ? 1.0 / std::sqrt(double(lastLayer.matrixWidth())) : 1.0;
        m_logTau = register_parameter("log_tau", torch::full({1}, std::log(tau)));
    }

    /// Raw 8-bit images [N, H, W, C] -> class scores [N, 10].
    torch::Tensor forward(const torch::Tensor& pixels) {
        auto x = input(pixels);
        for (Block& b : m_blocks) {
            const Layer& l = b.layer;
            if (!l.isMatrix()) {
                x = torch::max_pool2d(x, {l.kernel, l.kernel}, {l.stride, l.stride});
                continue;
            }
            if (b.flattenBefore) x = x.permute({0, 2, 3, 1}).flatten(1);
            auto w = quantWeight(b);
            x = l.kind == LayerKind::Fc ? torch::linear(x, w) : torch::conv2d(x, w, {}, l.stride, l.padTotal / 2);
            if (b.last) return x * torch::exp(m_logTau);
            x = b.bn1 ? b.bn1->forward(x) : b.bn2->forward(x);
            x = activate(b, x);
        }
        return x;
    }

    /// The precision the next steps train: the warm-up's (float latent weights where
    /// `floatWeights`) or the target's.
    void setPhase(bool floatWeights, int actBits) {
        m_floatWeights = floatWeights;
        m_actBits = actBits;
    }

    /// Batch norm's running statistics as the cumulative average over `x`'s batches.
    void recalibrateBatchNorm(const torch::Tensor& x, std::int64_t batch) {
        torch::NoGradGuard guard;
        std::vector<std::pair<torch::nn::BatchNormOptions*, c10::optional<double>>> momenta; // to restore
        for (Block& b : m_blocks) {
            if (b.bn1) b.bn1->reset_running_stats(), momenta.emplace_back(&b.bn1->options, b.bn1->options.momentum());
            if (b.bn2) b.bn2->reset_running_stats(), momenta.emplace_back(&b.bn2->options, b.bn2->options.momentum());
        }
        for (auto& [o, m] : momenta) o->momentum(c10::nullopt); // nullopt: cumulative average
        train();
        for (std::int64_t i = 0; i + batch <= x.size(0); i += batch) forward(x.slice(0, i, i + batch));
        for (auto& [o, m] : momenta) o->momentum(m);
        eval();
    }

    /// BinaryConnect: keep latent binary weights inside the STE's pass band.
    void clipLatentWeights() {
        torch::NoGradGuard guard;
        for (Block& b : m_blocks)
            if (b.weight.defined() && b.wb == 1) b.weight.clamp_(-1, 1);
    }

    std::vector<TrainedLayer> exportLayers() {
        torch::NoGradGuard guard;
        std::vector<TrainedLayer> out;
        double inScale = inputScale();
        for (const Block& b : m_blocks) {
            TrainedLayer t;
            if (!b.layer.isMatrix()) {
                out.push_back(t);
                continue;
            }
            const std::int64_t rows = b.layer.outChannels;
            auto wi = integerWeights(b);
            if (b.layer.kind == LayerKind::Conv)
                wi = wi.permute({0, 2, 3, 1}); // [O, ky, kx, c]: the semantics' patch order
            wi = wi.contiguous().to(torch::kInt8);
            t.weights.assign(wi.data_ptr<std::int8_t>(), wi.data_ptr<std::int8_t>() + wi.numel());
            if (b.weightScale.defined()) {
                auto s = weightStep(b).to(torch::kFloat64).reshape({-1}).expand({rows}).contiguous();
                t.weightScale.assign(s.data_ptr<double>(), s.data_ptr<double>() + rows);
            } else {
                t.weightScale.assign(std::size_t(rows), 1.0);
            }
            t.inputScale = inScale;
            if (!b.last) {
                auto get = [](const torch::Tensor& v) {
                    auto d = v.to(torch::kFloat64).contiguous();
                    return std::vector<double>(d.data_ptr<double>(), d.data_ptr<double>() + d.numel());
                };
                if (b.bn1) {
                    t.gamma = get(b.bn1->weight), t.beta = get(b.bn1->bias);
                    t.mean = get(b.bn1->running_mean), t.var = get(b.bn1->running_var);
                    t.eps = b.bn1->options.eps();
                } else {
                    t.gamma = get(b.bn2->weight), t.beta = get(b.bn2->bias);
                    t.mean = get(b.bn2->running_mean), t.var = get(b.bn2->running_var);
                    t.eps = b.bn2->options.eps();
                }
                if (m_cfg.actBits == 1) {
                    inScale = 1.0;
                } else {
                    t.actStep = actStepValue(b).item<double>();
                    inScale = t.actStep;
                }
            }
            out.push_back(std::move(t));
        }
        return out;
    }

private:
    /// The float value of integer input 1 (docs/semantics.md input quantisation).
    double inputScale() const {
        const int bits = m_cfg.inputBits;
        if (bits >= 8) return 1.0 / 255.0;
        return bits == 1 ? 1.0 : 1.0 / ((1 << bits) - 1);
    }

    torch::Tensor input(const torch::Tensor& pixels) const {
        auto p = pixels.to(m_logTau.scalar_type());
        const int bits = m_cfg.inputBits;
        torch::Tensor x;
        if (bits >= 8)
            x = p / 255.0;
        else if (bits == 1)
            x = binarize(p - 128);
        else
            x = torch::floor(p / double(1 << (8 - bits))) / double((1 << bits) - 1);
        return m_spatialInput ? x.permute({0, 3, 1, 2}) : x.flatten(1);
    }

    // Forward and export both use these, so the exported integers are the forward's integers.
    torch::Tensor weightStep(const Block& b) const {
        return gradScale(b.weightScale.abs().clamp_min(1e-8), b.weightGrad);
    }
    torch::Tensor actStepValue(const Block& b) const { return gradScale(b.actStep.abs().clamp_min(1e-8), b.actGrad); }

    torch::Tensor quantWeight(const Block& b) const {
        const int wb = b.wb;
        if (wb == kFloat || m_floatWeights) return b.weight;
        if (wb == 1) return signSte(b.weight);
        const double q = (1 << (wb - 1)) - 1;
        auto s = weightStep(b);
        return roundSte((b.weight / s).clamp(-q, q)) * s;
    }

    torch::Tensor integerWeights(const Block& b) const {
        const int wb = b.wb;
        if (wb == 1) return binarize(b.weight);
        const double q = (1 << (wb - 1)) - 1;
        return roundHalfUp((b.weight / weightStep(b)).clamp(-q, q));
    }

    torch::Tensor activate(const Block& b, const torch::Tensor& x) const {
        const int ab = m_actBits;
        if (ab == kFloat) return torch::relu(x);
        if (ab == 1) return signSte(x);
        const double levels = (1 << ab) - 1;
        auto s = actStepValue(b);
        return roundSte((x / s).clamp(0, levels)) * s;
    }

    TrainConfig m_cfg;
    int m_actBits; ///< of the current phase (setPhase)
    bool m_floatWeights = false;
    bool m_spatialInput = false;
    std::vector<Block> m_blocks;
    torch::Tensor m_logTau;
};
TORCH_MODULE(QNet);

torch::Tensor imagesTensor(const ImageSet& set) {
    auto t = torch::from_blob(const_cast<std::uint8_t*>(set.pixels.data()),
                              {set.count, set.rows, set.cols, set.channels}, torch::kUInt8);
    return t.clone();
}

torch::Tensor labelsTensor(const ImageSet& set) {
    auto t = torch::from_blob(const_cast<std::uint8_t*>(set.labels.data()), {set.count}, torch::kUInt8);
    return t.to(torch::kLong);
}

/// The model's class scores for every image of `x` (evaluation mode, no gradients).
torch::Tensor scoresOf(QNet& model, const torch::Tensor& x) {
    torch::NoGradGuard guard;
    model->eval();
    const std::int64_t n = x.size(0);
    // Small chunks: a convolution's unfolded input grows with the chunk (a 1,000-image chunk of
    // the CNV took hundreds of MB per layer); 25 images keep every buffer, in double precision
    // too, under the 32 MB that glibc serves from its heap (main.cpp).
    constexpr std::int64_t kChunk = 25;
    std::vector<torch::Tensor> parts;
    for (std::int64_t i = 0; i < n; i += kChunk)
        parts.push_back(model->forward(x.slice(0, i, std::min(n, i + kChunk))));
    return torch::cat(parts);
}

double evaluate(QNet& model, const torch::Tensor& x, const torch::Tensor& y, std::vector<int>* predictions) {
    if (predictions) predictions->clear();
    const std::int64_t n = x.size(0);
    if (n == 0) return 0.0;
    const auto pred = scoresOf(model, x).argmax(1);
    if (predictions) {
        auto p = pred.to(torch::kInt32).contiguous();
        predictions->assign(p.data_ptr<std::int32_t>(), p.data_ptr<std::int32_t>() + p.numel());
    }
    return double(pred.eq(y).sum().item<std::int64_t>()) / double(n);
}

} // namespace

bool isFloat(const TrainConfig& cfg) { return cfg.weightBits == kFloat || cfg.actBits == kFloat; }

int warmupWeightBitsOf(const TrainConfig& cfg) {
    return cfg.warmupWeightBits > 0 ? cfg.warmupWeightBits : cfg.weightBits;
}
int warmupActBitsOf(const TrainConfig& cfg) { return cfg.warmupActBits > 0 ? cfg.warmupActBits : cfg.actBits; }

void checkWarmup(const TrainConfig& cfg) {
    if (cfg.warmupEpochs == 0) {
        if (cfg.warmupWeightBits != 0 || cfg.warmupActBits != 0)
            throw Error("--warmup-epochs", "a warm-up precision needs warm-up epochs");
        return;
    }
    if (cfg.warmupEpochs < 0 || cfg.warmupEpochs >= cfg.epochs)
        throw Error("--warmup-epochs",
                    std::to_string(cfg.warmupEpochs) + " is not between 1 and --epochs - 1 (" +
                        std::to_string(cfg.epochs - 1) + ")");
    if (isFloat(cfg)) throw Error("--warmup-epochs", "a float32 model has nothing to warm up to");
    if (warmupWeightBitsOf(cfg) != kFloat && warmupWeightBitsOf(cfg) != cfg.weightBits)
        throw Error("--warmup-weights",
                    std::to_string(cfg.warmupWeightBits) +
                        ": the warm-up keeps the target's weight "
                        "bits or trains float32 latent weights");
    if (warmupWeightBitsOf(cfg) == cfg.weightBits && warmupActBitsOf(cfg) == cfg.actBits)
        throw Error("--warmup-epochs",
                    "the warm-up precision equals the target's (set --warmup-weights or --warmup-acts)");
}

int weightBitsOf(const TrainConfig& cfg, std::size_t layer) {
    if (isFloat(cfg)) return cfg.weightBits;
    return layer < cfg.layerWeightBits.size() && cfg.layerWeightBits[layer] > 0 ? cfg.layerWeightBits[layer]
                                                                                : cfg.weightBits;
}

namespace {

struct Data {
    torch::Tensor trainX, trainY, testX, testY;
};

/// Trains `model` as `cfg` says (resuming from cfg.checkpoint), appending its epochs to
/// result.log. `teacher` ([images, classes] logits of the training set) adds distillation.
void fit(QNet& model, const Network& net, const TrainConfig& cfg, const Data& d, const torch::Tensor& teacher,
         TrainResult& result, const std::function<void(const EpochLog&)>& progress) {
    using Clock = std::chrono::steady_clock;
    torch::optim::Adam opt(model->parameters(), torch::optim::AdamOptions(cfg.lr));
    const std::int64_t n = d.trainX.size(0);
    const std::int64_t steps = std::max<std::int64_t>(1, n / cfg.batch); // drops a partial batch
    // Each phase (warm-up, then target) decays from cfg.lr to 0 over its own steps.
    const std::int64_t warmSteps = steps * cfg.warmupEpochs;
    const auto learningRate = [&](std::int64_t step) {
        const bool warm = step < warmSteps;
        const double done = double(warm ? step : step - warmSteps);
        const double total = double(warm ? warmSteps : steps * (cfg.epochs - cfg.warmupEpochs));
        return cfg.lr * 0.5 * (1.0 + std::cos(M_PI * done / total));
    };
    const double temperature = cfg.distillTemperature, alpha = cfg.distillWeight;
    const std::string recipe = recipeKey(net, cfg, n);
    for (const EpochLog& done : loadCheckpoint(cfg.checkpoint, recipe, *model, opt)) {
        result.trainSeconds += done.seconds;
        result.log.push_back(done);
        if (progress) progress(done);
    }
    std::int64_t step = std::int64_t(result.log.size()) * steps;
    for (int epoch = int(result.log.size()) + 1; epoch <= cfg.epochs; ++epoch) {
        model->train();
        if (epoch <= cfg.warmupEpochs)
            model->setPhase(warmupWeightBitsOf(cfg) == kFloat, warmupActBitsOf(cfg));
        else
            model->setPhase(false, cfg.actBits);
        const auto start = Clock::now();
        auto perm = torch::randperm(n, torch::kLong);
        double lossSum = 0.0;
        for (std::int64_t s = 0; s < steps; ++s, ++step) {
            const double lr = learningRate(step);
            for (auto& group : opt.param_groups()) group.options().set_lr(lr);
            auto idx = perm.slice(0, s * cfg.batch, std::min(n, (s + 1) * cfg.batch));
            auto scores = model->forward(d.trainX.index_select(0, idx));
            auto crossEntropy = torch::nn::functional::cross_entropy(scores, d.trainY.index_select(0, idx));
            auto loss = crossEntropy;
            if (teacher.defined()) { // Hinton et al. 2015: softened teacher targets, T^2-scaled
                namespace F = torch::nn::functional;
                auto target = torch::softmax(teacher.index_select(0, idx) / temperature, 1);
                auto kd = F::kl_div(torch::log_softmax(scores / temperature, 1), target,
                                    F::KLDivFuncOptions().reduction(torch::kBatchMean));
                loss = (1 - alpha) * crossEntropy + alpha * temperature * temperature * kd;
            }
            opt.zero_grad();
            loss.backward();
            opt.step();
            model->clipLatentWeights();
            lossSum += crossEntropy.item<double>();
        }
        EpochLog entry;
        entry.epoch = epoch;
        entry.loss = lossSum / double(steps);
        entry.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        entry.testAccuracy = evaluate(model, d.testX, d.testY, nullptr);
        result.trainSeconds += entry.seconds;
        result.log.push_back(entry);
        if (progress) progress(entry);
        if (!cfg.checkpoint.empty()) saveCheckpoint(cfg.checkpoint, recipe, *model, opt, result.log);
    }
}

/// The teacher of a distilled run: the float32 network of the same shape, seed and schedule,
/// trained first (checkpointed at teacherCheckpoint(cfg)), and its logits on every training
/// image.
torch::Tensor teacherLogits(const Network& net, const TrainConfig& cfg, const Data& d, TrainResult& result,
                            const std::function<void(const EpochLog&)>& progress) {
    TrainConfig t = cfg;
    t.weightBits = t.actBits = kFloat;
    t.layerWeightBits.clear();
    t.warmupEpochs = t.warmupWeightBits = t.warmupActBits = 0;
    t.distill = false;
    t.checkpoint = teacherCheckpoint(cfg);
    torch::manual_seed(cfg.seed);
    QNet teacher(net, t);
    TrainResult taught;
    fit(teacher, net, t, d, {}, taught, [&](EpochLog e) {
        e.teacher = true;
        if (progress) progress(e);
    });
    result.trainSeconds += taught.trainSeconds;
    result.teacherAccuracy = taught.log.empty() ? 0.0 : taught.log.back().testAccuracy;
    return scoresOf(teacher, d.trainX);
}

} // namespace

std::string teacherCheckpoint(const TrainConfig& cfg) {
    return cfg.distill && !cfg.checkpoint.empty() ? cfg.checkpoint + ".teacher" : std::string();
}

TrainResult trainNetwork(const Network& net, const TrainConfig& cfg, const ImageSet& train, const ImageSet& test,
                         const std::function<void(const EpochLog&)>& progress) {
    torch::set_num_threads(std::max(1, cfg.threads));
    checkWarmup(cfg);
    if (cfg.distill && isFloat(cfg)) throw Error("--distill", "a float32 model is its own teacher");
    const Data d{imagesTensor(train), labelsTensor(train), imagesTensor(test), labelsTensor(test)};
    TrainResult result;
    torch::Tensor teacher;
    if (cfg.distill) teacher = teacherLogits(net, cfg, d, result, progress);
    torch::manual_seed(cfg.seed);
    QNet model(net, cfg);
    fit(model, net, cfg, d, teacher, result, progress);
    // The final measurement and the export run in double precision: float32 accumulation
    // error (~1e-6 relative, i.e. hundredths of an accumulator step for 8-bit inputs) would
    // otherwise flip activations that sit near a threshold, and the float graph would
    // disagree with the exact integer graph on a few images in a thousand.
    model->to(torch::kFloat64);
    if (cfg.bnRecalibrate) {
        result.accuracyBeforeRecalibration = evaluate(model, d.testX, d.testY, nullptr);
        model->recalibrateBatchNorm(d.trainX, cfg.batch);
    }
    result.floatGraphAccuracy = evaluate(model, d.testX, d.testY, &result.predictions);
    if (!isFloat(cfg)) result.layers = model->exportLayers();
    return result;
}

} // namespace bitfold::train
