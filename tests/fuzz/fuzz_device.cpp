// Device JSON (docs/formats.md).
#include "bitfold/json_io.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bitfold::fuzz::expectOnlyErrors([&] {
        const bitfold::Device dev =
            bitfold::deviceFromJson(bitfold::parseJson(bitfold::fuzz::text(data, size), "fuzz"), "fuzz");
        bitfold::toJson(dev);
    });
    return 0;
}
