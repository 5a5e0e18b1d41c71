// Parameter packages (docs/formats.md): the input is package.json, a NUL byte, params.bin.
#include "bitfold/params.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string in = bitfold::fuzz::text(data, size);
    const std::size_t nul = in.find('\0');
    bitfold::fuzz::scratchFile("package.json", in.substr(0, nul));
    bitfold::fuzz::scratchFile("params.bin", nul == std::string::npos ? std::string() : in.substr(nul + 1));
    bitfold::fuzz::expectOnlyErrors([&] { bitfold::loadPackage(bitfold::fuzz::scratchDir()); });
    return 0;
}
