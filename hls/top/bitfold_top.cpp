// The accelerator's top function: AXI master ports for images and results, AXI-lite control,
// one DATAFLOW region holding the generated pipeline of bitfold_config.h. v++ builds define
// BITFOLD_PARAMS_INLINE so this one translation unit also holds the weight ROMs; C simulation
// compiles bitfold_params.h in its own unit (params_unit.cpp), cached apart from this one.
#include "bitfold_config.h"

#ifdef BITFOLD_PARAMS_INLINE
#include "bitfold_params.h"
#endif

#ifndef __SYNTHESIS__
#include "sim_interface.hpp"

namespace {
bitfold::hw::StageCounter g_counters[BITFOLD_STAGE_COUNT];
}
#endif

extern "C" void bitfold_top(const ap_uint<64>* images, ap_uint<32>* results, unsigned count) {
#pragma HLS INTERFACE m_axi port = images offset = slave bundle = gmem0 max_read_burst_length = 64
#pragma HLS INTERFACE m_axi port = results offset = slave bundle = gmem1 max_write_burst_length = 64
#pragma HLS INTERFACE s_axilite port = images
#pragma HLS INTERFACE s_axilite port = results
#pragma HLS INTERFACE s_axilite port = count
#pragma HLS INTERFACE s_axilite port = return
#pragma HLS DATAFLOW
#ifndef __SYNTHESIS__
    bitfold_net::pipeline(images, results, count, g_counters);
#else
    bitfold_net::pipeline(images, results, count);
#endif
}

#ifndef __SYNTHESIS__
namespace bitfold::sim {

unsigned stageCount() { return BITFOLD_STAGE_COUNT; }

StageReport stage(unsigned i) {
    const bitfold_net::StageInfo& s = bitfold_net::kStages[i];
    return {s.name, s.layer, s.kind, s.cyclesPredicted, g_counters[i].cycles};
}

unsigned imageBytes() { return BITFOLD_IMAGE_BYTES; }
unsigned outputs() { return BITFOLD_OUTPUTS; }

} // namespace bitfold::sim
#endif
