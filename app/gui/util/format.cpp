#include "util/format.h"

#include "bitfold/precision.h"

#include <QLocale>
#include <cmath>

namespace bitfold::gui::fmt {

namespace {
QString scaled(double v, const char* unit) {
    static const char* prefixes[] = {" ", " k", " M", " G", " T", " P"};
    int i = 0;
    double x = v;
    while (std::abs(x) >= 1000 && i < 5) {
        x /= 1000;
        ++i;
    }
    const int decimals = i == 0 ? 0 : (std::abs(x) < 10 ? 2 : (std::abs(x) < 100 ? 1 : 0));
    return QLocale::c().toString(x, 'f', decimals) + QLatin1String(prefixes[i]) + QLatin1String(unit);
}
} // namespace

QString count(double v, int decimals) {
    QLocale l(QLocale::English);
    return l.toString(v, 'f', decimals);
}

QString fps(double v) {
    if (v < 1e6) return count(v, v < 10 ? 2 : 0) + QStringLiteral(" FPS");
    return scaled(v, " FPS");
}

QString opsPerSecond(double v) { return scaled(v, "Op/s"); }

QString latencyUs(double us) {
    if (us >= 1e6) return QLocale::c().toString(us / 1e6, 'f', us < 1e7 ? 2 : 1) + QStringLiteral(" s");
    if (us >= 1000) return QLocale::c().toString(us / 1000, 'f', 2) + QStringLiteral(" ms");
    return QLocale::c().toString(us, 'f', us < 10 ? 2 : 1) + QStringLiteral(" µs");
}

QString percent(double fraction, int decimals) {
    if (!std::isfinite(fraction)) return QStringLiteral("∞");
    return QLocale::c().toString(100 * fraction, 'f', decimals) + QLatin1Char('%');
}

QString bits(int b) { return QString::fromStdString(bitsToString(b)); }

QString precision(int w, int a, int edge) {
    return edge ? precision(w, a) + QStringLiteral(" first/last W") + QString::fromStdString(bitsToString(edge))
                : precision(w, a);
}

QString precision(int w, int a) {
    if (w == kFloatBits && a == kFloatBits) return QStringLiteral("float32");
    return QStringLiteral("W%1A%2").arg(bits(w), bits(a));
}

QString resourceName(ResourceKind k) {
    return k == ResourceKind::Bram ? QStringLiteral("BRAM36") : QString::fromLatin1(toString(k));
}

double resourceAmount(const Resources& r, ResourceKind k) { return k == ResourceKind::Bram ? r.bram36() : get(r, k); }

QString predicted(const std::string& model) {
    return QStringLiteral("predicted (model %1)").arg(QString::fromStdString(model));
}

QString limitExplained(const std::string& limiting) {
    if (limiting.empty()) return QStringLiteral("nothing limits it");
    if (limiting == "memory")
        return QStringLiteral(
            "as fast as the memory port delivers the images: it moves one port-wide word per cycle, so "
            "more parallel layers would only wait for it (a wider or faster port would help, more "
            "LUTs or block RAM would not)");
    if (limiting == "folding")
        return QStringLiteral("as fast as this network can go: every layer already computes all its outputs in "
                              "parallel, so a bigger device would not help");
    return QStringLiteral("going faster would need more %1 than the limit allows")
        .arg(limiting == "BRAM" ? QStringLiteral("block RAM") : QString::fromStdString(limiting));
}

QString accuracyText(const AccuracyInfo& a, bool html) {
    if (a.kind == AccuracyKind::None) return QStringLiteral("accuracy unknown");
    QString s = QStringLiteral("%1%").arg(100 * a.top1, 0, 'f', 2);
    if (hasSpread(a)) s += QStringLiteral(" ± %1").arg(100 * a.sd, 0, 'f', 2);
    s += QStringLiteral(" top-1 on %1").arg(QString::fromStdString(a.dataset));
    if (hasSpread(a))
        s += QStringLiteral(", mean ± sd of %1 seeds").arg(a.seeds);
    else if (a.seeds == 1)
        s += QStringLiteral(", one seed: no spread known yet");
    const QString kind = QString::fromLatin1(toString(a.kind));
    const QString source = html ? QString::fromStdString(a.source).toHtmlEscaped() : QString::fromStdString(a.source);
    return s + QStringLiteral(" (%1: %2)").arg(html ? QStringLiteral("<b>%1</b>").arg(kind) : kind, source);
}

} // namespace bitfold::gui::fmt
