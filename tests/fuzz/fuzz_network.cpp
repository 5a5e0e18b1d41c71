// Network JSON (docs/formats.md): parse, read, validate.
#include "bitfold/json_io.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bitfold::fuzz::expectOnlyErrors([&] {
        const bitfold::Network net =
            bitfold::networkFromJson(bitfold::parseJson(bitfold::fuzz::text(data, size), "fuzz"), "fuzz");
        bitfold::validate(net);
        bitfold::toJson(net);
    });
    return 0;
}
