#pragma once
// Multi-threshold activation (docs/semantics.md): y = #{k : acc >= t[row][k]} for 2^A - 1
// ascending int32 thresholds per output row; for Binary outputs the single threshold gives
// bit acc >= t. Two units compute it: ThresholdActivation (2^A - 1 parallel comparators) and
// ThresholdSearchActivation (a binary search, A comparisons). The activation objects plug
// into the matrix-vector-threshold unit; the stream block `multiThreshold` applies one to a
// stream of accumulators on its own.
#include "types.hpp"

namespace bitfold::hw {

/// Thresholds of NF*PE output rows: row r = nf*PE + pe at t[pe][nf][*], NumT = 2^bits - 1
/// ascending values each. TO: the output type (Binary or Unsigned<A>).
template <unsigned NF, unsigned PE, unsigned NumT, class TO>
class ThresholdActivation {
    static_assert(!TO::isSigned, "ThresholdActivation: outputs are activations (Binary or Unsigned<A>)");
    static_assert(NumT == (1u << TO::bits) - 1, "ThresholdActivation: NumT must be 2^bits - 1 thresholds per row");
    static_assert(NF >= 1 && PE >= 1, "ThresholdActivation: NF and PE must be positive");

public:
    using Table = int[PE][NF][NumT];
    explicit ThresholdActivation(const Table& t) : m_t(t) {}

    /// Activation of accumulator `acc` of row nf*PE + pe, as TO's raw bits.
    ap_uint<TO::bits> activate(unsigned nf, unsigned pe, int acc) const {
#ifdef BITFOLD_FAST_SIM
        // Ascending thresholds: the count of t <= acc is an upper bound, found by bisection.
        const int* t = m_t[pe][nf];
        unsigned lo = 0, hi = NumT;
        while (lo < hi) {
            const unsigned mid = (lo + hi) / 2;
            if (t[mid] <= acc)
                lo = mid + 1;
            else
                hi = mid;
        }
        return ap_uint<TO::bits>(lo);
#else
        ap_uint<TO::bits> count = 0;
    threshold_compare:
        for (unsigned k = 0; k < NumT; ++k) {
#pragma HLS UNROLL
            count += acc >= m_t[pe][nf][k] ? 1 : 0;
        }
        return count;
#endif
    }

private:
    const Table& m_t;
};

/// The same activation found by binary search (FINN's RTL thresholding): A comparisons, one per
/// pipeline stage, instead of 2^A - 1 at once. Stage s (s = 0 .. A-1) compares with one of the
/// 2^s thresholds at depth s of the search tree over the row, t[j*2^(A-s) + 2^(A-1-s) - 1] for
/// the j its earlier stages chose, so each stage reads its own memory of 2^s values per row
/// (the cost model's threshold memories). Same table layout as ThresholdActivation; for
/// ascending thresholds (ties included) the same count: after stage s the index holds the
/// count's top s + 1 bits, because acc >= t[k] is monotone in k.
template <unsigned NF, unsigned PE, unsigned NumT, class TO>
class ThresholdSearchActivation {
    static_assert(!TO::isSigned, "ThresholdSearchActivation: outputs are activations (Binary or Unsigned<A>)");
    static_assert(NumT == (1u << TO::bits) - 1,
                  "ThresholdSearchActivation: NumT must be 2^bits - 1 thresholds per row");
    static_assert(NF >= 1 && PE >= 1, "ThresholdSearchActivation: NF and PE must be positive");
    static_assert(cycles::thresholdSteps(NumT, true) == TO::bits,
                  "ThresholdSearchActivation: the search must take cycles::thresholdSteps comparisons");

public:
    using Table = int[PE][NF][NumT];
    explicit ThresholdSearchActivation(const Table& t) : m_t(t) {}

    /// Activation of accumulator `acc` of row nf*PE + pe, as TO's raw bits.
    ap_uint<TO::bits> activate(unsigned nf, unsigned pe, int acc) const {
        unsigned index = 0; // thresholds found <= acc so far, a multiple of 2^(A-s) before stage s
    threshold_search:
        for (unsigned s = 0; s < TO::bits; ++s) {
#pragma HLS UNROLL
            const unsigned step = 1u << (TO::bits - 1 - s);
            if (acc >= m_t[pe][nf][index + step - 1]) index += step;
        }
        return ap_uint<TO::bits>(index);
    }

private:
    const Table& m_t;
};

/// No activation: the accumulator leaves as a TO = Accumulator<B> value, minus a constant
/// `offset` (the known contribution of hardware-padded Binary inputs, see hls_config.cpp).
template <class TO>
class PassThroughActivation {
    static_assert(TO::isSigned && !TO::isBinary, "PassThroughActivation: outputs are raw Accumulator<B> values");

public:
    explicit PassThroughActivation(int offset = 0) : m_offset(offset) {}
    ap_uint<TO::bits> activate(unsigned, unsigned, int acc) const { return ap_uint<TO::bits>(acc - m_offset); }

private:
    int m_offset;
};

/// Stream block: Pixels*Channels accumulators per frame (PE per word, channel fastest) in,
/// their activations out, one word per cycle: Pixels * Channels/PE cycles per frame.
/// Channels: output channels (the thresholds' rows); PE: channels per word, divides Channels;
/// TI: Accumulator<B> input; TO: Binary or Unsigned<A> output.
template <unsigned Channels, unsigned Pixels, unsigned PE, class TI, class TO>
void multiThreshold(hls::stream<ap_uint<PE * TI::bits>>& in, hls::stream<ap_uint<PE * TO::bits>>& out,
                    const int (&thresholds)[PE][Channels / PE][(1u << TO::bits) - 1],
                    unsigned frames BITFOLD_COUNTER_PARAM) {
    static_assert(PE >= 1 && Channels % PE == 0, "multiThreshold: PE must divide Channels");
    static_assert(Pixels >= 1, "multiThreshold: Pixels must be positive");
    static_assert(TI::isSigned && !TI::isBinary, "multiThreshold: inputs are Accumulator<B> values");
    static_assert(PE * TI::bits <= 4096 && PE * TO::bits <= 4096, "multiThreshold: stream wider than 4096 bits");
    constexpr unsigned NF = Channels / PE;
    const ThresholdActivation<NF, PE, (1u << TO::bits) - 1, TO> act(thresholds);
    const unsigned long long total = (unsigned long long)Pixels * NF * frames;
    unsigned nf = 0;
threshold_loop:
    for (unsigned long long i = 0; i < total; ++i) {
#pragma HLS PIPELINE II = 1
        const ap_uint<PE* TI::bits> a = in.read();
        ap_uint<PE* TO::bits> y = 0;
    threshold_pe:
        for (unsigned pe = 0; pe < PE; ++pe) {
#pragma HLS UNROLL
            const int acc = TI::value(a.range((pe + 1) * TI::bits - 1, pe * TI::bits).to_uint64());
            y.range((pe + 1) * TO::bits - 1, pe * TO::bits) = act.activate(nf, pe, acc);
        }
        out.write(y);
        nf = nf + 1 == NF ? 0 : nf + 1;
        BITFOLD_COUNT();
    }
}

} // namespace bitfold::hw
