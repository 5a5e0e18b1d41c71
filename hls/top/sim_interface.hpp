#pragma once
// What the C-simulation harness (sim_main.cpp) sees of a generated design. Only C simulation
// builds define these; the harness is compiled once and linked with any design.
#include <ap_int.h>

/// The accelerator: `count` images from `images` (ceil(image bytes / 8) words each), label and
/// logical outputs to `results` (1 + outputs words each).
extern "C" void bitfold_top(const ap_uint<64>* images, ap_uint<32>* results, unsigned count);

namespace bitfold::sim {

struct StageReport {
    const char* name;
    const char* layer;
    const char* kind;
    unsigned long long cyclesPredicted; ///< per frame
    unsigned long long cyclesCounted;   ///< summed over every frame since the start
};

unsigned stageCount();
StageReport stage(unsigned i);
unsigned imageBytes(); ///< 8-bit pixels per image
unsigned outputs();    ///< logical outputs per image

} // namespace bitfold::sim
