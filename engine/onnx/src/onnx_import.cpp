// Public import API (bitfold/onnx_import.h): file -> graph -> conversion, and the agreement
// check of the integer model against the float graph.
#include "bitfold/onnx_import.h"

#include "bitfold/error.h"
#include "bitfold/golden.h"
#include "float_ops.h"
#include "onnx_convert.h"

#include <algorithm>
#include <filesystem>
#include <new>
#include <stdexcept>

namespace bitfold {

using namespace onnx_import;

const char* toString(InputEncoding e) {
    switch (e) {
    case InputEncoding::Auto: return "auto";
    case InputEncoding::Unit: return "unit";
    case InputEncoding::Byte: return "byte";
    case InputEncoding::Binary: return "binary";
    case InputEncoding::Bipolar: return "bipolar";
    }
    return "?";
}

InputEncoding inputEncodingFromString(const std::string& s) {
    for (auto e :
         {InputEncoding::Auto, InputEncoding::Unit, InputEncoding::Byte, InputEncoding::Binary, InputEncoding::Bipolar})
        if (s == toString(e)) return e;
    throw Error("--input-encoding", "'" + s + "' is not one of auto, unit, byte, binary, bipolar");
}

namespace {

/// Runs an import step so that every failure is an Error naming the file: the executor's and
/// the shape checks' own Errors get it prepended; running out of memory and a bounds check
/// failing on a malformed graph become one too.
template <typename F>
OnnxImport naming(const std::string& where, F&& step) {
    try {
        return step();
    } catch (const Error& e) {
        if (std::string(e.what()).rfind(where, 0) == 0) throw;
        throw Error(where, e.what());
    } catch (const std::bad_alloc&) {
        throw Error(where, "too large to import (its tensors do not fit in memory)");
    } catch (const std::length_error&) {
        throw Error(where, "too large to import (a tensor larger than memory can address)");
    } catch (const std::out_of_range& e) {
        // The executor reads inputs, attributes and shapes with bounds checks (.at()): a node
        // missing one of them is a malformed file.
        throw Error(where,
                    std::string("malformed graph: a node lacks an input, attribute or dimension it needs (") +
                        e.what() + ")");
    }
}

std::string idOf(const std::string& where) {
    std::string id = std::filesystem::path(where).stem().string();
    std::replace(id.begin(), id.end(), '_', '-');
    return id;
}

} // namespace

OnnxImport importOnnxBytes(const std::string& bytes, const std::string& where, const OnnxImportOptions& options) {
    return naming(where, [&] { return convertGraph(parseOnnx(bytes, where), idOf(where), options.encoding); });
}

OnnxImport importOnnx(const std::string& path, const OnnxImportOptions& options) {
    return naming(path, [&] { return convertGraph(readOnnxFile(path), idOf(path), options.encoding); });
}

int floatDecision(const OnnxImport& model, const std::uint8_t* values) {
    const Graph& g = model.graph->graph;
    // `values` holds what the network's first layer takes: the graph must read exactly that many.
    const Layer& first = model.network.layers.at(0);
    const std::int64_t takes = std::int64_t(first.inChannels) * first.inDim * first.inDim;
    const std::int64_t reads = Tensor{g.inputShape, {}}.size();
    if (reads != takes)
        throw Error(g.where,
                    "the graph's input " + g.input + " has " + std::to_string(reads) + " values but its first layer " +
                        first.name + " takes " + std::to_string(takes) +
                        ": the float graph cannot be run on the network's samples");
    std::vector<Node> nodes;
    for (const Node& n : g.nodes)
        if (!isOutputOp(n.op)) nodes.push_back(n);
    std::map<std::string, Tensor> v{{g.input, encodeInput(g, values, model.encoding)}};
    runNodes(g, nodes, v);
    const Tensor& out = v.at(nodes.empty() ? g.input : nodes.back().outputs.at(0));
    if (out.size() == 1) return out.data[0] > 0 ? 1 : 0;
    return int(std::max_element(out.data.begin(), out.data.end()) - out.data.begin());
}

int integerDecision(const GoldenResult& r) {
    if (r.outputs.size() == 1) return r.outputs[0] > 0 ? 1 : 0;
    return r.label;
}

Agreement measureAgreement(const OnnxImport& model, const ImageSet& set, int count) {
    if (!model.params) throw Error("agreement", "a float import has no integer model to compare");
    GoldenRunner golden(*model.params);
    if (set.imageSize() != golden.inputSize())
        throw Error("agreement",
                    "samples have " + std::to_string(set.imageSize()) + " values, the network takes " +
                        std::to_string(golden.inputSize()));
    Agreement a;
    a.images = std::min(count, set.count);
    for (int i = 0; i < a.images; ++i)
        a.agreed += integerDecision(golden.infer(set.image(i))) == floatDecision(model, set.image(i));
    return a;
}

} // namespace bitfold
