// bitfold: the desktop explorer. Options: --screenshot DIR renders every page to DIR and quits.
#include "main_window.h"
#include "screenshot.h"
#include "util/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTemporaryDir>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Bitfold"));
    QApplication::setApplicationName(QStringLiteral("bitfold"));
    QApplication::setApplicationVersion(QStringLiteral(BITFOLD_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("Bitfold"));

    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Accuracy/throughput explorer for quantized networks on FPGAs"));
    cli.addHelpOption();
    cli.addVersionOption();
    QCommandLineOption shots(QStringLiteral("screenshot"),
                             QStringLiteral("Save a PNG of every page to DIR, then quit."), QStringLiteral("DIR"));
    QCommandLineOption fresh(QStringLiteral("fresh"), QStringLiteral("Ignore the remembered session and settings."));
    cli.addOption(shots);
    cli.addOption(fresh);
    cli.process(app);

    bitfold::gui::applyLightTheme(app);
    const bool screenshot = cli.isSet(shots);
    // Screenshots never touch the user's settings or run history.
    QTemporaryDir scratch;
    bitfold::gui::MainWindow window(
        {.useSettings = !screenshot && !cli.isSet(fresh),
         .runHistoryPath = screenshot ? scratch.filePath(QStringLiteral("runs.json")) : QString()});
    window.show();
    if (screenshot) bitfold::gui::startScreenshots(&window, cli.value(shots));
    return app.exec();
}
