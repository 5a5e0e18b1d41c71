#pragma once
// Every constant of the bitfold cost model, with where it comes from. Units: LUTs, FFs,
// RAMB18s, DSP slices. See docs/cost-model.md for the derivation.

namespace bitfold::detail::k {

// --- Datapath per SIMD lane (one weight x activation product and its share of the adder
// tree), LUT fabric. Fitted to 179 Yosys 0.23 synth_xilinx -nowidelut runs of one PE over
// W, A in {1..8} and SIMD 1..64, 3.8% mean error (resources/calibration/yosys_fit.json,
// docs/calibration-yosys.md).
inline constexpr double kXnorLaneLut = 1.93;      ///< W1A1: XNOR + popcount share
inline constexpr double kSignLaneLutPerBit = 3.70;///< one 1-bit operand, the other B bits: 3.70*B + 3.23
inline constexpr double kSignLaneLut = 3.23;
inline constexpr double kMulLaneLutPerBit2 = 2.196;///< W, A >= 2: 2.196*W*A - 0.783*(W+A) + 5.90
inline constexpr double kMulLaneLutPerBit = -0.783;
inline constexpr double kMulLaneLut = 5.90;
inline constexpr double kLaneFfPerBit = 1.0;      ///< input registers per operand bit (W + A): exact in Yosys
/// Vivado vs Yosys. XNOR lanes: 1.49, set with the control overheads below so that BNN-PYNQ's
/// CNV and LFC both land within about 10% of their measured LUTs. Multipliers: the published
/// per-MAC LUTs (Xilinx 2017: 32 at 4 bits, 90 at 8 bits) over the Yosys lanes give 0.92 at
/// W*A = 16 and 0.67 at 64; log-linear between the knots (1.0 at W*A <= 4).
inline constexpr double kXnorVivadoFactor = 1.49;
inline constexpr double kMul16VivadoFactor = 0.92;
inline constexpr double kMul64VivadoFactor = 0.67;

// --- DSP datapaths (16-bit fixed point, float32): Xilinx 2017 per-op figures
// (shared/reference published.json cost_per_op; a MAC is two ops).
inline constexpr double kFix16LaneLut = 30, kFix16LaneDsp = 1, kFix16LaneFf = 48;
inline constexpr double kFloatLaneLut = 356, kFloatLaneDsp = 4, kFloatLaneFf = 520;

// --- Per processing element.
inline constexpr double kAccLutPerBit = 1.0;     ///< accumulator adder, per accumulator bit (Yosys: ACC - 3.1)
inline constexpr double kAccLut = -3.1;
inline constexpr double kAccFfPerBit = 1.0;      ///< accumulator register (Yosys FF = ACC + 1 + A)
inline constexpr double kCmpLutPerBit = 0.655;   ///< threshold comparator, per accumulator bit (Yosys)
inline constexpr double kCmpLut = 2.13;          ///< per threshold: counting comparator outputs (Yosys)
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
