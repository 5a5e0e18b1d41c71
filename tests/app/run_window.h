#pragma once
// Shared by the runs tests (local and over SSH): a main window whose run history lives in a
// test directory, and the small design they run.
#include "gui_test_util.h"
#include "main_window.h"

#include <QTemporaryDir>

#include <memory>

namespace bitfold::gui::test {

/// A shown main window without settings, its run history in `dir`, after its first evaluation.
inline std::unique_ptr<MainWindow> runsWindow(const QTemporaryDir& dir) {
    auto w = std::make_unique<MainWindow>(
        MainWindow::Options{.useSettings = false, .runHistoryPath = dir.filePath("runs.json")});
    w->show();
    if (!settle(w->session())) qFatal("no design");
    return w;
}

/// Switches the window's design to TFC W1A1; false when it does not evaluate.
inline bool useTfcW1A1(MainWindow* w) {
    DesignConfig c = w->session()->config();
    c.network = "tfc";
    c.precision.weightBits = c.precision.actBits = 1;
    w->session()->setConfig(c, "test");
    return settle(w->session());
}

} // namespace bitfold::gui::test
