// The accelerator's images file: the shared header check (bitfold/images_file.h, also used by
// the C-simulation harness) and the engine's reader.
#include "bitfold/images_file.h"
#include "bitfold/sim_runner.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bitfold::images_file::Header h;
    if (bitfold::images_file::parseHeader(data, size, size, h).empty() && h.fileBytes > size)
        __builtin_trap(); // accepted a header whose sizes the file cannot hold
    const std::string path = bitfold::fuzz::scratchFile("images.bin", bitfold::fuzz::text(data, size));
    bitfold::fuzz::expectOnlyErrors([&] {
        const bitfold::ImageSet s = bitfold::readImagesFile(path);
        if (s.pixels.size() != std::size_t(s.count) * s.imageSize()) __builtin_trap();
    });
    return 0;
}
