#include "topology.h"

#include "bitfold/error.h"

namespace bitfold::train {
namespace {

Layer fc(std::string name, int in, int out, bool activation = true) {
    return {
        .name = std::move(name), .kind = LayerKind::Fc, .inChannels = in, .outChannels = out, .activation = activation};
}

Layer conv(std::string name, int in, int out, int inDim) {
    return {.name = std::move(name),
            .kind = LayerKind::Conv,
            .inChannels = in,
            .outChannels = out,
            .inDim = inDim,
            .kernel = 3};
}

Layer pool(std::string name, int channels, int inDim) {
    return {.name = std::move(name),
            .kind = LayerKind::MaxPool,
            .inChannels = channels,
            .outChannels = channels,
            .inDim = inDim,
            .kernel = 2,
            .stride = 2};
}

} // namespace

Network makeTrainNetwork(const std::string& kind, int width, int layers) {
    if (width < 1) throw Error("--width", "must be at least 1");
    Network net;
    net.dataset = "fashion-mnist";
    net.inputBits = 8;
    if (kind == "mlp") {
        if (layers < 1) throw Error("--layers", "must be at least 1");
        net.id = "mlp" + std::to_string(width) + (layers == 3 ? "" : "l" + std::to_string(layers));
        net.name = "MLP 784-" + std::to_string(width) + "x" + std::to_string(layers) + "-10";
        net.description = "Fully connected, " + std::to_string(layers) + " hidden layers of " + std::to_string(width) +
            " (TFC/SFC/LFC shape at 64/256/1024), for 28x28 grey images.";
        int in = 28 * 28;
        for (int i = 0; i < layers; ++i) {
            net.layers.push_back(fc("fc" + std::to_string(i), in, width));
            in = width;
        }
        net.layers.push_back(fc("fc" + std::to_string(layers), in, 10, false));
        return net;
    }
    if (kind == "cnv-fm") {
        const int c = width;
        net.id = "cnv-fm" + std::to_string(c);
        net.name = "CNV-FM C=" + std::to_string(c);
        net.description = "CNV's shape for 28x28 grey images (no padding): conv " + std::to_string(c) + ", " +
            std::to_string(c) + ", pool, conv " + std::to_string(2 * c) + ", " + std::to_string(2 * c) + ", pool, FC " +
            std::to_string(8 * c) + ", FC 10.";
        net.layers = {conv("conv0", 1, c, 28),         conv("conv1", c, c, 26),         pool("pool0", c, 24),
                      conv("conv2", c, 2 * c, 12),     conv("conv3", 2 * c, 2 * c, 10), pool("pool1", 2 * c, 8),
                      fc("fc0", 4 * 4 * 2 * c, 8 * c), fc("fc1", 8 * c, 10, false)};
        return net;
    }
    throw Error("--network", "unknown network '" + kind + "' (valid: tfc, sfc, lfc, mlp, cnv-fm)");
}

} // namespace bitfold::train
