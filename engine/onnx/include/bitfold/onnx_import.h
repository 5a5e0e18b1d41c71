#pragma once
// QONNX / FINN-ONNX import (docs/onnx.md): an ONNX file -> a Bitfold network, its per-layer
// precisions and, for quantized graphs, a parameter package the golden reference and the
// accelerator run. Float graphs import as float32 (no package). Qt-free; links protobuf.
#include "bitfold/dataset.h"
#include "bitfold/folding.h"
#include "bitfold/golden.h"
#include "bitfold/network.h"
#include "bitfold/params.h"
#include "bitfold/precision.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bitfold {

/// How an 8-bit data-set value p becomes the graph's float input.
enum class InputEncoding {
    Auto, ///< Byte if the input is annotated UINT8 (FINN), Bipolar/Binary if so annotated, else Unit
    Unit, ///< p / 255 (images in [0, 1])
    Byte, ///< p (0..255)
    Binary, ///< p >= 128 ? 1 : 0
    Bipolar, ///< p >= 128 ? +1 : -1
};
const char* toString(InputEncoding e);
InputEncoding inputEncodingFromString(const std::string& s); // throws Error

struct OnnxImportOptions {
    InputEncoding encoding = InputEncoding::Auto;
};

/// How the integer model agreed with the float graph.
struct Agreement {
    int images = 0;
    int agreed = 0;
    bool operator==(const Agreement&) const = default;
};

struct FloatGraph; ///< the original graph, kept for the agreement check

struct OnnxImport {
    Network network;
    std::vector<LayerPrecision> precision;
    std::optional<ParamPackage> params; ///< absent for float graphs
    std::optional<Folding> folding; ///< when the graph carried PE/SIMD (FINN HW nodes)
    InputEncoding encoding = InputEncoding::Unit;
    std::vector<std::string> notes; ///< what was folded where (the import report)
    std::shared_ptr<const FloatGraph> graph;

    bool isFloat() const { return !params.has_value(); }
};

/// Imports a file; throws Error naming the file and the node (name and op type) at fault.
/// Nothing is half-imported: either everything converts or the call throws.
OnnxImport importOnnx(const std::string& path, const OnnxImportOptions& options = {});
/// Imports serialized bytes (`where` names them in errors).
OnnxImport importOnnxBytes(const std::string& bytes, const std::string& where, const OnnxImportOptions& options = {});

/// The float graph's decision on one data-set sample (the network's input size, 8-bit values
/// encoded as the import decided): arg-max class, or for one output 1 if it is > 0, else 0.
int floatDecision(const OnnxImport& model, const std::uint8_t* values);
/// The integer model's decision, same convention (golden reference).
int integerDecision(const GoldenResult& r);

/// Runs the integer model (golden reference) and the float graph on `count` samples of
/// `set` and counts equal decisions. Needs params.
Agreement measureAgreement(const OnnxImport& model, const ImageSet& set, int count);

/// Writes a package as FINN-ONNX/QONNX: input quantizer and activations as MultiThreshold,
/// integer weights as constants annotated with their FINN data type, MatMul/Conv/MaxPool,
/// ArgMax at the end. importOnnx of the file gives the identical package.
void exportQonnx(const ParamPackage& pkg, const std::string& path);

} // namespace bitfold
