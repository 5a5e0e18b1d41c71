#include "pages/fit_explanation.h"

#include "bitfold/fit.h"
#include "util/format.h"

#include <QObject>
#include <algorithm>

namespace bitfold::gui {

namespace {

/// One use of a resource: a part of every layer (`part`) or the accelerator's own.
struct Use {
    QString what;
    double amount = 0;
    QStringList largest; ///< "conv5 64.0", biggest first
    QString why;
};

QString amountText(double v, ResourceKind k) {
    return fmt::count(v, k == ResourceKind::Bram && v != std::floor(v) ? 1 : 0);
}

Use layerUse(const DesignState& s, ResourceKind k, Resources LayerEstimate::*part, const QString& what,
             const QString& why) {
    Use u{what, 0, {}, why};
    std::vector<std::pair<double, QString>> per;
    for (const LayerEstimate& l : s.estimate.layers) {
        const double v = fmt::resourceAmount(l.*part, k) * s.estimate.computeUnits;
        u.amount += v;
        if (v > 0) per.emplace_back(v, QString::fromStdString(l.name));
    }
    std::sort(per.begin(), per.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < per.size() && i < 3; ++i)
        u.largest << per[i].second + QLatin1Char(' ') + amountText(per[i].first, k);
    return u;
}

} // namespace

QString whyItDoesNotFit(const DesignState& s, const DesignConfig& c) {
    if (!s.valid) return {};
    const Estimate& e = s.estimate;
    const FitReport fit = fitReport(e, s.device, c.limits);
    if (fit.fits) return {};
    const ResourceKind k = fit.tightest;
    const QString name = fmt::resourceName(k);
    const double used = fmt::resourceAmount(e.totals, k), have = fmt::resourceAmount(s.device.total, k);
    const int w = s.precision.empty() ? 0 : s.precision.front().weightBits;
    const int a = s.precision.empty() ? 0 : s.precision.front().outputBits;

    QString folding;
    if (c.mode == FoldingMode::Manual)
        folding = QObject::tr("Your folding needs");
    else if (c.mode == FoldingMode::TargetFps)
        folding = QObject::tr("The cheapest folding that reaches %1 needs").arg(fmt::fps(c.targetFps));
    else
        folding = QObject::tr("This is already the smallest folding the optimizer finds (the least hardware, so the "
                              "slowest design, %1), and it still needs")
                      .arg(fmt::fps(e.fps));
    QString text = QObject::tr("<b>Why it does not fit:</b> %1 %2 %3, %4 of the %5 on the chip; your limit is %6.")
                       .arg(folding, amountText(used, k), name, fmt::percent(fit.share, 0), fmt::count(have),
                            fmt::percent(fit.limit, 0));

    std::vector<Use> uses{
        layerUse(s, k, &LayerEstimate::weights, QObject::tr("hold the weights"),
                 QObject::tr("Every weight is stored on chip whatever the folding: folding trades speed for "
                             "arithmetic, not for weight memory, and each weight here takes %1 bits. Fewer weight "
                             "bits, a smaller network or a larger device would fit.")
                     .arg(fmt::bits(w))),
        layerUse(s, k, &LayerEstimate::compute, QObject::tr("are the layers' arithmetic (PE × SIMD multiply-adds)"),
                 QObject::tr("More folding (fewer PE and SIMD) shrinks it at the cost of speed; fewer bits per weight "
                             "and activation make each multiply-add cheaper.")),
        layerUse(s, k, &LayerEstimate::thresholds, QObject::tr("hold the thresholds"),
                 QObject::tr("Each output channel keeps 2^A − 1 thresholds to make its %1-bit activation: fewer "
                             "activation bits need far fewer.")
                     .arg(fmt::bits(a))),
        layerUse(s, k, &LayerEstimate::window, QObject::tr("buffer image rows for sliding windows and pools"),
                 QObject::tr("These buffers grow with the image and the channels, not with the folding.")),
        layerUse(s, k, &LayerEstimate::glue, QObject::tr("are control, FIFOs and width converters"), QString()),
    };
    uses.push_back({QObject::tr("are the platform shell and the accelerator's I/O"),
                    fmt::resourceAmount(e.shell + e.infrastructure * e.computeUnits, k),
                    {},
                    QObject::tr("Every design on this device pays for them.")});
    std::sort(uses.begin(), uses.end(), [](const Use& x, const Use& y) { return x.amount > y.amount; });
    const Use& top = uses.front();
    if (top.amount <= 0) return text;
    text += QObject::tr(" Of these, %1 (%2) %3")
                .arg(amountText(top.amount, k), fmt::percent(top.amount / used, 0), top.what);
    if (!top.largest.isEmpty()) text += QObject::tr(" (largest: %1)").arg(top.largest.join(QStringLiteral(", ")));
    text += QStringLiteral(". ") + top.why;
    QStringList rest;
    for (std::size_t i = 1; i < uses.size(); ++i)
        if (uses[i].amount >= 0.05 * used)
            rest << QObject::tr("%1 %2").arg(amountText(uses[i].amount, k), uses[i].what);
    if (!rest.isEmpty()) text += QObject::tr(" The rest: %1.").arg(rest.join(QStringLiteral("; ")));
    return text;
}

} // namespace bitfold::gui
