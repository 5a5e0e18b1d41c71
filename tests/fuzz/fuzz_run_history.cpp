// The run history (runs.json) of the desktop explorer, read as RunHistory::load does: every
// std::exception means a damaged file (moved aside), so only sanitizer findings and foreign
// exceptions are crashes here.
#include "fuzz_util.h"
#include "session/run_record.h"

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto j = nlohmann::json::parse(bitfold::fuzz::text(data, size));
        for (const auto& r : j.at("runs")) bitfold::gui::toJson(bitfold::gui::runRecordFromJson(r));
    } catch (const std::exception&) {
    }
    return 0;
}
