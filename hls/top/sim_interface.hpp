#pragma once
// What the C-simulation harness (sim_main.cpp) sees of a generated design. Only C simulation
// builds define these (bitfold_top.cpp); the harness is compiled once and linked with any
// design, so nothing here depends on the design's port width: images go in as bytes and
// results come back as 32-bit slots.
#include <cstdint>

namespace bitfold::sim {

struct StageReport {
    const char* name;
    const char* layer;
    const char* kind;
    unsigned long long cyclesPredicted; ///< per frame
    unsigned long long cyclesCounted; ///< summed over every frame since the start
};

unsigned stageCount();
StageReport stage(unsigned i);
unsigned imageBytes(); ///< 8-bit pixels per image
unsigned outputs(); ///< logical outputs per image
unsigned portBits(); ///< width of the accelerator's memory port words (bits)

/// Runs the accelerator (bitfold_top) over `count` images, `pixels` holding imageBytes() bytes
/// each, back to back: they are packed into port words (each image starting on a word), and
/// the results unpacked to `slots`, outputs() + 1 per image: the logical outputs (int32 two's
/// complement), then the label.
void runBatch(const std::uint8_t* pixels, unsigned count, std::uint32_t* slots);

} // namespace bitfold::sim
