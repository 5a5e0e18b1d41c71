#pragma once
// One block's cycles as JSON, the one reader and writer of it: the simulation's protocol
// lines (sim_protocol.h), the CLI's results and the GUI's run history all carry
// {"name", "layer", "kind", "cycles_predicted", "cycles_counted"}.
#include "bitfold/sim_runner.h"

#include <nlohmann/json.hpp>

namespace bitfold {

/// Reads a stage object; missing keys read as "" and 0. Throws Error (no location; the caller
/// knows the file or line) when it is not an object, a text is not a string or a cycle count
/// is not a non-negative integer.
SimStage stageFromJson(const nlohmann::json& j);
nlohmann::json toJson(const SimStage& s);

} // namespace bitfold
