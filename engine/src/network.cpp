#include "bitfold/network.h"

#include "bitfold/error.h"

#include <cmath>
#include <unordered_set>

namespace bitfold {

std::int64_t Network::macs() const {
    std::int64_t n = 0;
    for (const Layer& l : layers) n += l.macs();
    return n;
}

std::int64_t Network::weights() const {
    std::int64_t n = 0;
    for (const Layer& l : layers) n += l.weights();
    return n;
}

int Network::indexOf(const std::string& layerName) const {
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].name == layerName) return int(i);
    return -1;
}

std::unordered_map<std::string_view, int> layerIndexByName(const Network& net) {
    std::unordered_map<std::string_view, int> index;
    index.reserve(net.layers.size());
    for (std::size_t i = 0; i < net.layers.size(); ++i) index.emplace(net.layers[i].name, int(i));
    return index;
}

int Network::matrixLayerCount() const {
    int n = 0;
    for (const Layer& l : layers) n += l.isMatrix();
    return n;
}

namespace {

void check(bool ok, const std::string& where, const std::string& what) {
    if (!ok) throw Error(where, what);
}

} // namespace

void validate(const Network& net) {
    const std::string origin = net.id.empty() ? std::string("network") : "network " + net.id;
    check(!net.layers.empty(), origin, "has no layers");
    check(net.inputBits >= 1 && net.inputBits <= 8, origin,
          "input_bits " + std::to_string(net.inputBits) + " is out of range (1..8)");
    // Linear in layers (issue 13): names seen so far, and the first matrix layer without an activation.
    std::unordered_set<std::string_view> names;
    names.reserve(net.layers.size());
    const Layer* inactive = nullptr;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const std::string where = origin + ", layer " + (l.name.empty() ? "#" + std::to_string(i) : l.name);
        check(!l.name.empty(), where, "has no name");
        check(names.insert(l.name).second, where, "name is used twice");
        check(l.inChannels > 0, where, "in_channels must be positive");
        check(l.outChannels > 0, where, "out_channels must be positive");
        check(l.inDim > 0, where, "in_dim must be positive");
        check(l.kernel > 0 && l.stride > 0, where, "kernel and stride must be positive");
        check(l.padTotal >= 0, where, "padding must not be negative");
        check(l.groups > 0, where, "groups must be positive");
        check(l.paddedIn == 0 || l.paddedIn >= l.inChannels, where,
              "padded_in " + std::to_string(l.paddedIn) + " is smaller than " + std::to_string(l.inChannels));
        check(l.paddedOut == 0 || l.paddedOut >= l.outChannels, where,
              "padded_out " + std::to_string(l.paddedOut) + " is smaller than " + std::to_string(l.outChannels));
        if (l.kind == LayerKind::Fc) {
            check(l.inDim == 1 && l.kernel == 1 && l.stride == 1 && l.padTotal == 0 && l.groups == 1, where,
                  "an fc layer has no spatial shape (in_dim, kernel, stride, padding, groups must be 1/0)");
        } else {
            const std::int64_t side = std::int64_t(l.inDim) + l.padTotal;
            check(side >= l.kernel, where,
                  "kernel " + std::to_string(l.kernel) + " is larger than the padded input side " +
                      std::to_string(side));
        }
        if (l.kind == LayerKind::Conv) {
            check(l.inChannels % l.groups == 0 && l.outChannels % l.groups == 0, where,
                  "groups " + std::to_string(l.groups) + " must divide in and out channels");
        }
        if (l.kind == LayerKind::MaxPool) {
            check(l.outChannels == l.inChannels, where, "max-pool keeps the channel count");
            check(l.paddedIn == 0 && l.paddedOut == 0 && l.groups == 1, where,
                  "max-pool takes no padded sizes or groups");
        }
        if (inactive)
            throw Error(where,
                        "follows layer " + inactive->name +
                            ", which has no activation (only the last layer may omit it)");
        if (l.isMatrix() && !l.activation) inactive = &l;
        if (i == 0) continue;
        const Layer& p = net.layers[i - 1];
        if (l.kind == LayerKind::Fc) {
            std::int64_t produced = 0;
            const bool wraps =
                __builtin_mul_overflow(std::int64_t(p.outChannels), std::int64_t(p.outPixels()), &produced);
            check(!wraps && produced == l.inChannels, where,
                  "takes " + std::to_string(l.inChannels) + " inputs but " + p.name + " produces " +
                      (wraps ? "more than 2^63" : std::to_string(produced)));
        } else {
            check(p.kind != LayerKind::Fc || p.outChannels == l.inChannels, where, "follows an fc layer");
            check(p.outChannels == l.inChannels, where,
                  "takes " + std::to_string(l.inChannels) + " channels but " + p.name + " produces " +
                      std::to_string(p.outChannels));
            check(p.outDim() == l.inDim, where,
                  "takes a " + std::to_string(l.inDim) + "-pixel side but " + p.name + " produces " +
                      std::to_string(p.outDim()));
        }
    }
    const Layer& last = net.layers.back();
    check(last.isMatrix(), origin, "must end with a matrix (fc or conv) layer");
}

Network scaleWidth(const Network& net, double factor, int multiple) {
    if (!(factor > 0)) throw Error("width scale", "must be positive, got " + std::to_string(factor));
    auto scale = [&](int c) {
        const int s = int(std::lround(c * factor / multiple)) * multiple;
        return s < multiple ? multiple : s;
    };
    Network out = net;
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "@%g", factor);
    out.id = net.id + suffix;
    out.name = net.name + " ×" + std::string(suffix + 1);
    out.widthScale = net.widthScale * factor;
    out.published.clear(); // published accuracies belong to the unscaled topology
    for (std::size_t i = 0; i < out.layers.size(); ++i) {
        Layer& l = out.layers[i];
        const bool last = i + 1 == out.layers.size();
        if (i > 0) {
            const Layer& p = out.layers[i - 1];
            l.inChannels = l.kind == LayerKind::Fc ? p.outChannels * p.outDim() * p.outDim() : p.outChannels;
        }
        if (l.kind == LayerKind::MaxPool)
            l.outChannels = l.inChannels;
        else if (!last)
            l.outChannels = scale(l.outChannels);
        // Hardware padding only kept where it still pads.
        if (l.paddedIn && l.paddedIn < l.inChannels) l.paddedIn = 0;
        if (l.paddedOut && l.paddedOut < l.outChannels) l.paddedOut = 0;
        if (l.groups > 1 && (l.inChannels % l.groups || l.outChannels % l.groups)) l.groups = 1;
    }
    return out;
}

} // namespace bitfold
