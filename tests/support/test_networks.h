#pragma once
// Small networks and inputs for the accelerator and engine tests, built in code so the tests
// need no resources.
#include "bitfold/dataset.h"
#include "bitfold/folding.h"
#include "bitfold/network.h"
#include "bitfold/precision.h"

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace testnets {

inline bitfold::Layer fc(const std::string& name, int in, int out, bool activation = true) {
    bitfold::Layer l;
    l.name = name;
    l.kind = bitfold::LayerKind::Fc;
    l.inChannels = in;
    l.outChannels = out;
    l.activation = activation;
    return l;
}

inline bitfold::Layer conv(const std::string& name, int in, int out, int dim, int kernel, int stride = 1,
                           int padTotal = 0, int groups = 1, bool activation = true) {
    bitfold::Layer l = fc(name, in, out, activation);
    l.kind = bitfold::LayerKind::Conv;
    l.inDim = dim;
    l.kernel = kernel;
    l.stride = stride;
    l.padTotal = padTotal;
    l.groups = groups;
    return l;
}

inline bitfold::Layer pool(const std::string& name, int channels, int dim, int kernel, int stride, int padTotal = 0) {
    bitfold::Layer l = conv(name, channels, channels, dim, kernel, stride, padTotal);
    l.kind = bitfold::LayerKind::MaxPool;
    return l;
}

/// The layer with hardware padding of its inputs and outputs (0: none).
inline bitfold::Layer padded(bitfold::Layer l, int paddedIn, int paddedOut = 0) {
    l.paddedIn = paddedIn;
    l.paddedOut = paddedOut;
    return l;
}

inline bitfold::Network network(const std::string& id, const std::string& name, const std::string& dataset,
                                std::vector<bitfold::Layer> layers) {
    bitfold::Network n;
    n.id = id;
    n.name = name;
    n.dataset = dataset;
    n.layers = std::move(layers);
    return n;
}

/// FINN's SFC topology: 784-256-256-256-10, last layer without activation.
inline bitfold::Network sfc() {
    return network("sfc-test", "SFC (test)", "mnist",
                   {fc("fc0", 784, 256), fc("fc1", 256, 256), fc("fc2", 256, 256), fc("fc3", 256, 10, false)});
}

/// 8x8x3 input: padded conv, max-pool, grouped strided conv, FC classifier.
inline bitfold::Network smallConv() {
    return network("small-conv", "Small conv (test)", "cifar10",
                   {conv("conv0", 3, 8, 8, 3, 1, 2), pool("pool0", 8, 8, 2, 2), conv("conv1", 8, 16, 4, 3, 2, 1, 2),
                    fc("fc0", 64, 10, false)});
}

/// A validated network of these layers, named `id`.
inline bitfold::Network custom(const std::string& id, int inputBits, std::vector<bitfold::Layer> layers) {
    bitfold::Network n = network(id, id, "", std::move(layers));
    n.inputBits = inputBits;
    bitfold::validate(n);
    return n;
}

/// Spatial padding, strides, padded pooling, hardware padding of intermediate layers (crop and
/// pad adapters), an odd number of padded 1-bit inputs before a raw-accumulator layer.
inline bitfold::Network paddedConv(int inputBits) {
    return custom("padded-conv", inputBits,
                  {padded(conv("conv0", 3, 6, 9, 3, 1, 2), 4, 8), pool("pool0", 6, 9, 3, 2, 2),
                   padded(conv("conv1", 6, 10, 5, 3, 2, 1), 7), pool("pool1", 10, 2, 2, 1, 1),
                   padded(fc("fc0", 40, 12), 0, 16), padded(fc("fc1", 12, 5, false), 13, 8)});
}

/// `count` random images of the network's first layer's input shape.
inline bitfold::ImageSet imagesFor(const bitfold::Network& net, int count, std::uint64_t seed) {
    const bitfold::Layer& l0 = net.layers.front();
    const int side = l0.kind == bitfold::LayerKind::Fc ? 1 : l0.inDim;
    return bitfold::randomImages(count, side, side, l0.inChannels, seed);
}

/// A random valid folding (seeded), for the width converters' odd ratios.
inline bitfold::Folding randomFolding(const bitfold::Network& net, const std::vector<bitfold::LayerPrecision>& prec,
                                      std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    bitfold::Folding f = bitfold::minimalFolding(net);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        if (!net.layers[i].isMatrix()) continue;
        const auto s = bitfold::validSimd(net, prec, int(i));
        const auto p = bitfold::validPe(net, prec, int(i));
        f.layers[i].simd = s[rng() % s.size()];
        f.layers[i].pe = p[rng() % p.size()];
    }
    return f;
}

} // namespace testnets
