#pragma once
// Every constant of the bitfold cost model, with where it comes from. Units: LUTs, FFs,
// RAMB18s, DSP slices. See docs/cost-model.md for the derivation.

namespace bitfold::detail::k {

// --- Datapath per SIMD lane (one weight x activation product and its share of the adder
// tree), LUT fabric. Shape from Yosys synth_xilinx -nowidelut of one PE over W, A and SIMD
// (docs/calibration-yosys.md); scaled to Vivado by kVivadoLutFactor.
inline constexpr double kXnorLaneLut = 2.3;      ///< W1A1: XNOR + popcount tree, per lane
inline constexpr double kSignLaneLutPerBit = 1.1;///< 1-bit weight x A-bit input: conditional negate/add, per bit
inline constexpr double kMulLaneLutPerBit2 = 2.2;///< W x A integer product, per W*A partial-product bit
inline constexpr double kMulLaneLutPerBit = 1.0; ///< W x A product: adder-tree share, per operand bit (W + A)
inline constexpr double kLaneFfPerBit = 1.0;     ///< pipeline registers per operand bit (W + A) of a lane
/// Vivado vs Yosys -nowidelut, by operand product W*A: 1.25 for XNOR/popcount (CNV and LFC
/// whole designs, below), 1.0 up to 4x4, falling log-linearly to 0.64 at 8x8 where Vivado's
/// LUT6 packing of wide multipliers beats Yosys (Xilinx 2017 deck: 90 LUT per 8-bit MAC
/// against Yosys's 141).
inline constexpr double kXnorVivadoFactor = 1.25;
inline constexpr double kWideMulVivadoFactor = 0.64;

// --- DSP datapaths (16-bit fixed point, float32): Xilinx 2017 per-op figures
// (shared/reference published.json cost_per_op; a MAC is two ops).
inline constexpr double kFix16LaneLut = 30, kFix16LaneDsp = 1, kFix16LaneFf = 48;
inline constexpr double kFloatLaneLut = 356, kFloatLaneDsp = 4, kFloatLaneFf = 520;

// --- Per processing element.
inline constexpr double kAccLutPerBit = 1.0;     ///< accumulator adder, per accumulator bit
inline constexpr double kAccFfPerBit = 1.0;      ///< accumulator register
inline constexpr double kCmpLutPerBit = 0.5;     ///< threshold comparator, per accumulator bit (carry chain)
inline constexpr double kRequantDsp = 1;         ///< 16-bit activations: scale multiply instead of thresholds
inline constexpr double kFloatActDsp = 5, kFloatActLut = 300; ///< float32 activation (fmul + fadd)

// --- Memories.
/// Threshold memories stay in LUTRAM up to this many bits per PE (BNN-PYNQ: every
/// threshold memory of CNV and LFC sits in LUTRAM, measured LUTRAM 2,025 and 3,001).
inline constexpr double kThresholdLutramMaxBits = 16384;
/// Memories deeper than this cascade depth-first (Vivado's default decomposition avoids
/// output multiplexers); shallower ones take the widest aspect ratio.
inline constexpr long long kDepthFirstAbove = 1024;

// --- Blocks around the MVTU.
/// Loop counters, handshakes and the run-time weight-loading path of one MVTU. With the
/// window control below, set so that BNN-PYNQ's CNV and LFC (9 and 4 MVTUs, 6 and 0
/// windows) both come within about 6% of their measured LUTs: docs/cost-model.md.
inline constexpr double kMvtuControlLut = 600, kMvtuControlFf = 1200;
/// The sliding window's address generation (modulo counters over K, IFM, C/SIMD).
inline constexpr double kWindowControlLut = 900, kWindowControlFf = 2000;
/// Address arithmetic of the window multiplies loop counters: Vivado HLS binds those
/// multipliers to DSPs (BNN-PYNQ CNV: 24 DSP, of which 4 are I/O as in LFC, over 6 windows).
inline constexpr double kWindowControlDsp = 3;
inline constexpr double kPoolControlLut = 100, kPoolControlFf = 80;
inline constexpr double kFifoFfPerBit = 2;       ///< depth-2 stream FIFO between stages, registers
inline constexpr double kConverterLutPerBit = 1.0, kConverterFfPerBit = 1.0;

// --- Accelerator I/O (memory-mapped AXI masters, input/output width converters).
inline constexpr double kIoLut = 2500, kIoFf = 3500, kIoBram18 = 4, kIoDsp = 4;

} // namespace bitfold::detail::k
