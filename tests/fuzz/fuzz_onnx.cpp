// QONNX / FINN-ONNX import (docs/onnx.md): protobuf parse, constant folding on the float
// executor, conversion to a network and package; for quantized graphs also the agreement
// check (golden reference against the float graph) on two zero-valued samples.
#include "bitfold/onnx_import.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bitfold::fuzz::expectOnlyErrors([&] {
        const bitfold::OnnxImport m = bitfold::importOnnxBytes(bitfold::fuzz::text(data, size), "fuzz.onnx");
        if (m.network.layers.empty() || m.precision.size() != m.network.layers.size())
            __builtin_trap(); // an import always has layers and one precision each
        if (!m.params) return;
        const bitfold::Layer& l0 = m.network.layers.front();
        bitfold::ImageSet s;
        s.count = 2;
        s.rows = l0.kind == bitfold::LayerKind::Fc ? 1 : l0.inDim;
        s.cols = l0.kind == bitfold::LayerKind::Fc ? 1 : l0.inDim;
        s.channels = l0.inChannels;
        if (s.imageSize() > (std::size_t(1) << 22)) return; // a large but valid network: not this harness's business
        s.pixels.assign(2 * s.imageSize(), 0);
        bitfold::measureAgreement(m, s, 2);
    });
    return 0;
}
