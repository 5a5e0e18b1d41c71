// The trained models' manifest (resources/models/manifest.json, app/train/manifest.cpp).
#include "fuzz_util.h"
#include "manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = bitfold::fuzz::scratchFile("manifest.json", bitfold::fuzz::text(data, size));
    bitfold::fuzz::expectOnlyErrors([&] { bitfold::train::readManifest(path); });
    return 0;
}
