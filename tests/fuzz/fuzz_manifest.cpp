// The trained models' manifest (resources/models/manifest.json): the trainer's reader
// (app/train/manifest.cpp) and the engine's strict one (bitfold/manifest.h).
#include "fuzz_util.h"
#include "bitfold/manifest.h"
#include "manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = bitfold::fuzz::scratchFile("manifest.json", bitfold::fuzz::text(data, size));
    bitfold::fuzz::expectOnlyErrors([&] { bitfold::train::readManifest(path); });
    bitfold::fuzz::expectOnlyErrors([&] { bitfold::loadManifest(path); });
    return 0;
}
