// The second source that includes libtorch (see trainer.cpp).
#include "checkpoint.h"

#include <filesystem>
#include <mutex>
#include <sstream>

namespace bitfold::train {

std::string recipeKey(const Network& net, const TrainConfig& cfg, std::int64_t trainImages) {
    std::ostringstream k;
    k << net.id << " W" << cfg.weightBits << " A" << cfg.actBits << " in" << cfg.inputBits << " e" << cfg.epochs << " b"
      << cfg.batch << " lr" << cfg.lr << " s" << cfg.seed << " n" << trainImages << " layers";
    for (int b : cfg.layerWeightBits) k << ' ' << b;
    if (cfg.bnRecalibrate) k << " bn-recalibrate";
    if (cfg.distill) k << " distill T" << cfg.distillTemperature << " a" << cfg.distillWeight;
    if (cfg.warmupEpochs > 0)
        k << " warmup " << cfg.warmupEpochs << " W" << cfg.warmupWeightBits << " A" << cfg.warmupActBits;
    return k.str();
}

void saveCheckpoint(const std::string& path, const std::string& recipe, torch::nn::Module& model,
                    torch::optim::Adam& opt, const std::vector<EpochLog>& log) {
    torch::serialize::OutputArchive out, m, o;
    model.save(m);
    opt.save(o);
    out.write("recipe", c10::IValue(recipe));
    out.write("model", m);
    out.write("optimizer", o);
    auto gen = at::detail::getDefaultCPUGenerator();
    {
        std::lock_guard<std::mutex> lock(gen.mutex());
        out.write("rng", gen.get_state());
    }
    auto t = torch::empty({std::int64_t(log.size()), 3}, torch::kFloat64);
    for (std::size_t i = 0; i < log.size(); ++i) {
        t[std::int64_t(i)][0] = log[i].loss;
        t[std::int64_t(i)][1] = log[i].seconds;
        t[std::int64_t(i)][2] = log[i].testAccuracy;
    }
    out.write("log", t);
    out.save_to(path + ".tmp");
    std::filesystem::rename(path + ".tmp", path);
}

std::vector<EpochLog> loadCheckpoint(const std::string& path, const std::string& recipe, torch::nn::Module& model,
                                     torch::optim::Adam& opt) {
    if (path.empty() || !std::filesystem::exists(path)) return {};
    torch::serialize::InputArchive in;
    in.load_from(path);
    c10::IValue saved;
    in.read("recipe", saved);
    if (!saved.isString() || saved.toStringRef() != recipe) return {};
    torch::serialize::InputArchive m, o;
    in.read("model", m);
    model.load(m);
    in.read("optimizer", o);
    opt.load(o);
    torch::Tensor rng, t;
    in.read("rng", rng);
    in.read("log", t);
    auto gen = at::detail::getDefaultCPUGenerator();
    {
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_state(rng);
    }
    std::vector<EpochLog> log;
    for (std::int64_t i = 0; i < t.size(0); ++i)
        log.push_back({int(i) + 1, t[i][0].item<double>(), t[i][1].item<double>(), t[i][2].item<double>()});
    return log;
}

} // namespace bitfold::train
