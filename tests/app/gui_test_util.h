#pragma once
// Shared by the GUI tests: isolated settings and waiting for the session's evaluation.
#include "session/design_session.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace bitfold::gui::test {

/// Settings and AppData go to test locations, never the user's.
inline void isolate() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BitfoldTest"));
    QCoreApplication::setApplicationName(QStringLiteral("bitfold-test"));
}

/// Waits until the session has evaluated its current configuration (optimizer runs on a worker).
inline bool settle(DesignSession* s, int timeoutMs = 20000) {
    QElapsedTimer t;
    t.start();
    while (s->busy() || !s->state().valid) {
        QSignalSpy spy(s, &DesignSession::stateChanged);
        if (!s->busy() && s->state().valid) break;
        if (t.elapsed() > timeoutMs) return false;
        spy.wait(200);
    }
    return true;
}

/// Applies the default design with manual (minimal) folding and waits for it: quick, and the
/// same on every machine.
inline bool applyManualDefault(DesignSession& s) {
    DesignConfig c;
    c.mode = FoldingMode::Manual;
    s.applyConfig(c);
    return settle(&s);
}

} // namespace bitfold::gui::test
