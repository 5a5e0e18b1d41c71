#pragma once
// Su et al.'s question, answered from measured accuracy: for each precision, the cheapest
// network that reaches a target accuracy at a target frame rate, and which precision wins.
#include "bitfold/optimizer.h"
#include "bitfold/sweep.h"

#include <optional>
#include <string>
#include <vector>

namespace bitfold {

struct TradeoffRequest {
    std::string dataset = "fashion-mnist"; ///< accuracies must be of this data set
    double targetAccuracy = 0.88; ///< top-1 fraction the network must reach
    std::string device = "xczu7ev";
    double clockMhz = 0; ///< <= 0: the device's default
    double targetFps = 10000; ///< each design is folded to reach this with the fewest resources
    std::string baseNetwork = "sfc"; ///< widths come from scaling it
    std::vector<double> widthScales{0.25, 0.5, 1, 2, 4};
    std::vector<int> bits{1, 2, 3, 4, 8, 32};
    ResourceLimits limits;
};

struct TradeoffRow {
    int weightBits = 0, actBits = 0;
    std::optional<DesignPoint> point; ///< the cheapest design reaching the target, if any
    double deviceShare = 0; ///< its largest resource share of the device, shell excluded
    int candidates = 0; ///< designs of this precision with an accuracy of the data set
    /// A design of this precision cheaper than the winner's that misses the target by less
    /// than noise: the winner's accuracy lead over it is within their combined standard
    /// deviation (see tradeoff()), so this precision ties with the winner.
    std::optional<DesignPoint> rival;
};

struct Tradeoff {
    std::vector<TradeoffRow> rows; ///< precisions with at least one candidate, W then A ascending
    int winner = -1; ///< row with the smallest device share, -1 if none reaches the target
    std::vector<int> tied; ///< rows with a rival: the winner is not established over them
    std::string criterion; ///< how "cheapest" was decided, for users
    bool decided() const { return winner >= 0 && tied.empty(); }
};

/// Sweeps widths x precisions on the device (TargetFps folding), keeps the designs whose
/// accuracy (measured or published, of `dataset`) reaches the target, and per precision picks
/// the one using the smallest share of the device (the largest of its LUT, FF, BRAM, URAM and
/// DSP fractions, the platform shell left out: so LUT-heavy and DSP-heavy designs compare).
/// The winner is the row whose design has the smallest share. Accuracies are means over seeds
/// with a standard deviation, so the winner is only established over the cheaper designs of
/// other precisions that miss the target if its accuracy lead over each exceeds their
/// combined standard deviation sqrt(sd_w^2 + sd_r^2); a row with a cheaper design within that
/// lead ties with the winner (TradeoffRow::rival, Tradeoff::tied). With one seed (sd 0) any
/// lead decides.
Tradeoff tradeoff(const TradeoffRequest& request, const Progress& progress = {},
                  const std::atomic<bool>* cancel = nullptr);

} // namespace bitfold
