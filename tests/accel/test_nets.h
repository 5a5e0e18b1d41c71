#pragma once
// Small networks for the accelerator tests, built in code so the tests need no resources.
#include "bitfold/network.h"

#include <string>

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
    bitfold::Layer l;
    l.name = name;
    l.kind = bitfold::LayerKind::Conv;
    l.inChannels = in;
    l.outChannels = out;
    l.inDim = dim;
    l.kernel = kernel;
    l.stride = stride;
    l.padTotal = padTotal;
    l.groups = groups;
    l.activation = activation;
    return l;
}

inline bitfold::Layer pool(const std::string& name, int channels, int dim, int kernel, int stride, int padTotal = 0) {
    bitfold::Layer l;
    l.name = name;
    l.kind = bitfold::LayerKind::MaxPool;
    l.inChannels = channels;
    l.outChannels = channels;
    l.inDim = dim;
    l.kernel = kernel;
    l.stride = stride;
    l.padTotal = padTotal;
    return l;
}

/// FINN's SFC topology: 784-256-256-256-10, last layer without activation.
inline bitfold::Network sfc() {
    bitfold::Network n;
    n.id = "sfc-test";
    n.name = "SFC (test)";
    n.dataset = "mnist";
    n.layers = {fc("fc0", 784, 256), fc("fc1", 256, 256), fc("fc2", 256, 256), fc("fc3", 256, 10, false)};
    return n;
}

/// 8x8x3 input: padded conv, max-pool, grouped strided conv, FC classifier.
inline bitfold::Network smallConv() {
    bitfold::Network n;
    n.id = "small-conv";
    n.name = "Small conv (test)";
    n.dataset = "cifar10";
    n.layers = {conv("conv0", 3, 8, 8, 3, 1, 2), pool("pool0", 8, 8, 2, 2), conv("conv1", 8, 16, 4, 3, 2, 1, 2),
                fc("fc0", 64, 10, false)};
    return n;
}

} // namespace testnets
