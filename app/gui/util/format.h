#pragma once
// Number formatting shared by every page, so a figure reads the same everywhere.
#include "bitfold/device.h"
#include "bitfold/sweep.h"

#include <QString>

namespace bitfold::gui::fmt {

QString count(double v, int decimals = 0); ///< "26,072"
QString fps(double v); ///< "3,052 FPS", "1.25 M FPS"
QString opsPerSecond(double v); ///< "1.23 TOp/s"
QString latencyUs(double us); ///< "312 µs", "1.21 ms", "15.7 s"
QString percent(double fraction, int decimals = 1); ///< "49.0%"
QString bits(int b); ///< "1".."16", "float32"
QString precision(int w, int a); ///< "W1A1", "WfloatAfloat" -> "float32"
/// precision(w, a), and "first/last W8" when the first and last matrix layers have `edge` weight bits.
QString precision(int w, int a, int edge);
QString resourceName(ResourceKind k); ///< "LUT", "BRAM36", ...
/// A resource amount in its reporting unit (BRAM as 36 Kb tiles).
double resourceAmount(const Resources& r, ResourceKind k);
/// "predicted (model bitfold)": every model-derived figure carries where it comes from.
QString predicted(const std::string& model);
/// What stopped a design from going faster, in words a newcomer understands
/// ("folding" -> every layer already fully parallel; "LUT" -> more parallel needs more LUTs).
QString limitExplained(const std::string& limitingResource);
/// True when an accuracy has a measured spread: the mean of two or more trained seeds.
inline bool hasSpread(const AccuracyInfo& a) { return a.kind != AccuracyKind::None && a.seeds >= 2; }
/// "90.16% ± 0.23 top-1 on fashion-mnist, mean ± sd of 3 seeds (measured: …)"; one seed says
/// no spread is known; `html` puts the provenance in bold.
QString accuracyText(const AccuracyInfo& a, bool html = false);

} // namespace bitfold::gui::fmt
