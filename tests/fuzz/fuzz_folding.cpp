// Folding JSON (docs/formats.md) against a shipped network (CNV: convolutions, pooling, FC).
#include "bitfold/catalog.h"
#include "bitfold/json_io.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bitfold::Network net =
        bitfold::networkFromJson(bitfold::readJsonFile(bitfold::resourceDir() + "/networks/cnv.json"), "cnv.json");
    bitfold::fuzz::expectOnlyErrors([&] {
        const bitfold::Folding f =
            bitfold::foldingFromJson(bitfold::parseJson(bitfold::fuzz::text(data, size), "fuzz"), net, "fuzz");
        bitfold::toJson(f, net);
    });
    return 0;
}
