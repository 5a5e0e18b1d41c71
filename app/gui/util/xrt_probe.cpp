#include "util/xrt_probe.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bitfold::gui {

XrtStatus probeXrt() {
    XrtStatus s;
    QStringList missing;
    const QString xrtEnv = qEnvironmentVariable("XILINX_XRT");
    const QString xrtDir = !xrtEnv.isEmpty() ? xrtEnv : QStringLiteral("/opt/xilinx/xrt");
    const bool xrt =
        QFileInfo::exists(xrtDir + QStringLiteral("/lib")) || QFileInfo::exists(xrtDir + QStringLiteral("/bin/xbutil"));
    if (!xrt)
        missing << QObject::tr("the Xilinx runtime (XRT): $XILINX_XRT is not set and %1 does not exist").arg(xrtDir);
    // An XRT user-function driver exposes render nodes; the xocl driver registers under /sys.
    const bool device = QFileInfo::exists(QStringLiteral("/sys/bus/pci/drivers/xocl")) ||
        (!QDir(QStringLiteral("/dev/dri")).entryList({QStringLiteral("renderD*")}, QDir::System).isEmpty() &&
         QFileInfo::exists(QStringLiteral("/sys/bus/pci/drivers/xclmgmt")));
    if (!device)
        missing << QObject::tr("an FPGA device: no xocl/xclmgmt driver is loaded (an AWS F1 instance has one)");
    s.hostProgram =
        QStandardPaths::findExecutable(QStringLiteral("bitfold-f1-host"), {QCoreApplication::applicationDirPath()});
    if (s.hostProgram.isEmpty()) s.hostProgram = QStandardPaths::findExecutable(QStringLiteral("bitfold-f1-host"));
    if (s.hostProgram.isEmpty())
        missing << QObject::tr("the host program bitfold-f1-host (built with XRT from hls/host)");
    s.available = missing.isEmpty();
    s.explanation = s.available
        ? QObject::tr("XRT device found; runs %1 with an xclbin built by hls/f1/build.sh.").arg(s.hostProgram)
        : QObject::tr("Run on F1 needs %1. Build the xclbin with Vitis (hls/f1/README.md) and run on an "
                      "F1 instance; the C simulation here checks the same design bit for bit.")
              .arg(missing.join(QStringLiteral("; ")));
    return s;
}

} // namespace bitfold::gui
