// Session files of the desktop explorer (app/gui/session/design_config.cpp, Qt-free), read
// as SessionFiles::read does.
#include "bitfold/json_io.h"
#include "fuzz_util.h"
#include "session/design_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bitfold::fuzz::expectOnlyErrors([&] {
        const auto c =
            bitfold::gui::designConfigFromJson(bitfold::parseJson(bitfold::fuzz::text(data, size), "fuzz"), "fuzz");
        bitfold::gui::toJson(c);
    });
    return 0;
}
