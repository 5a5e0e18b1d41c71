#pragma once
// A network: an ordered chain of layers plus what the data and publications say about it.
#include "bitfold/layer.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bitfold {

/// A published top-1 accuracy, with its source. Never mixed with measured ones.
struct PublishedAccuracy {
    int weightBits = 0; ///< 32 = float32
    int actBits = 0;
    double top1 = 0.0; ///< fraction, 0..1
    std::string dataset; ///< "mnist", "cifar10", ...
    std::string source;
    bool operator==(const PublishedAccuracy&) const = default;
};

struct Network {
    std::string id; ///< file stem, "cnv"
    std::string name; ///< display name
    std::string description;
    std::string dataset; ///< what it was designed for ("cifar10", "mnist", "imagenet", "voc")
    int inputBits = 8; ///< bits of the first layer's input pixels (1 = binarised)
    double widthScale = 1.0; ///< 1 unless derived by scaling a base network
    std::vector<Layer> layers;
    std::vector<PublishedAccuracy> published;
    bool operator==(const Network&) const = default;

    std::int64_t macs() const;
    std::int64_t ops() const { return 2 * macs(); }
    std::int64_t weights() const;
    int indexOf(const std::string& layerName) const; ///< -1 if absent; a scan: see layerIndexByName
    int matrixLayerCount() const;
};

/// Layer index by name (the first of equal names), for looking up many: O(layers) once, where
/// indexOf() per name would make loading a folding quadratic in layers. Views into `net`.
std::unordered_map<std::string_view, int> layerIndexByName(const Network& net);

/// Checks shapes chain (channels and sides of consecutive layers agree, divisions are
/// exact, padded sizes are not smaller than logical ones); throws Error naming the layer.
void validate(const Network& net);

/// Scales every hidden width (conv channels, FC features) by `factor`, rounding to a
/// multiple of `multiple`; the input and the classifier outputs stay. Result id gets a suffix.
Network scaleWidth(const Network& net, double factor, int multiple = 8);

} // namespace bitfold
