#pragma once
// Every constant of the bitfold cost model, with where it comes from. Units: LUTs, FFs,
// RAMB18s, DSP slices. See docs/cost-model.md for the derivation.

namespace bitfold::detail::k {

// --- LUT datapath (W, A <= 8): structure in cost_bitfold.cpp (product bits, adder tree,
// accumulator); LUTs and registers per structural bit are calibrated (calibration.h).

// --- DSP datapaths (16-bit fixed point, float32): Xilinx 2017 per-op figures
// (shared/reference published.json cost_per_op; a MAC is two ops).
inline constexpr double kFix16LaneLut = 30, kFix16LaneDsp = 1, kFix16LaneFf = 48;
inline constexpr double kFloatLaneLut = 356, kFloatLaneDsp = 4, kFloatLaneFf = 520;

// --- Per processing element.
inline constexpr double kCmpLutPerBit = 0.655; ///< threshold comparator, per accumulator bit (Yosys)
inline constexpr double kCmpLut = 2.13; ///< per threshold: counting comparator outputs (Yosys)
inline constexpr double kRequantDsp = 1; ///< 16-bit activations: scale multiply instead of thresholds
inline constexpr double kFloatActDsp = 5, kFloatActLut = 300; ///< float32 activation (fmul + fadd)

// --- Memories.
/// Threshold memories stay in LUTRAM up to this many bits per PE (BNN-PYNQ: every
/// threshold memory of CNV and LFC sits in LUTRAM, measured LUTRAM 2,025 and 3,001).
inline constexpr double kThresholdLutramMaxBits = 16384;
/// Memories deeper than this cascade depth-first (Vivado's default decomposition avoids
/// output multiplexers); shallower ones take the widest aspect ratio.
inline constexpr long long kDepthFirstAbove = 1024;

// --- Blocks around the MVTU.
/// The sliding window's address generation (modulo counters over K, IFM, C/SIMD).
inline constexpr double kWindowControlLut = 900, kWindowControlFf = 2000;
/// Address arithmetic of the window multiplies loop counters: Vivado HLS binds those
/// multipliers to DSPs (BNN-PYNQ CNV: 24 DSP, of which 4 are I/O as in LFC, over 6 windows).
inline constexpr double kWindowControlDsp = 3;
inline constexpr double kPoolControlLut = 100, kPoolControlFf = 80;
inline constexpr double kFifoFfPerBit = 2; ///< depth-2 stream FIFO between stages, registers
inline constexpr double kConverterLutPerBit = 1.0, kConverterFfPerBit = 1.0;

// --- Accelerator I/O (memory-mapped AXI masters, input/output width converters).
/// LUTs and FFs are calibrated (calibration.h); block RAM and DSPs by structure.
inline constexpr double kIoBram18 = 4, kIoDsp = 4;

} // namespace bitfold::detail::k
