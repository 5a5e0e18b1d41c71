#include "screenshot.h"

#include "main_window.h"
#include "session/design_session.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

namespace bitfold::gui {

namespace {

/// Steps through the pages on timers (never processEvents): each page gets time to lay out
/// and replot before it is grabbed.
class ScreenshotDriver : public QObject {
public:
    ScreenshotDriver(MainWindow* w, QString dir) : QObject(w), m_window(w), m_dir(std::move(dir)) {}

    void start() {
        QDir().mkpath(m_dir);
        waitUntilIdle();
    }

private:
    void waitUntilIdle() {
        if (m_window->session()->busy() || !m_window->session()->state().valid || !m_window->backgroundIdle()) {
            if (++m_waits > 600) return finish(1); // 60 s
            QTimer::singleShot(100, this, [this] { waitUntilIdle(); });
            return;
        }
        next();
    }

    void next() {
        QTabWidget* tabs = m_window->tabs();
        if (m_page >= tabs->count()) return finish(0);
        tabs->setCurrentIndex(m_page);
        QTimer::singleShot(400, this, [this, tabs] {
            const QString name = tabs->widget(m_page)->objectName();
            const QString path = QDir(m_dir).filePath(QStringLiteral("%1-%2.png").arg(m_page + 1).arg(name));
            const bool ok = m_window->grab().save(path);
            QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
            if (!ok) m_failed = true;
            ++m_page;
            next();
        });
    }

    void finish(int code) {
        if (code) QTextStream(stderr) << "screenshots: timed out waiting for background work" << Qt::endl;
        QApplication::exit(code || m_failed ? 1 : 0);
    }

    MainWindow* m_window;
    QString m_dir;
    int m_page = 0;
    int m_waits = 0;
    bool m_failed = false;
};

} // namespace

void startScreenshots(MainWindow* window, const QString& dir) {
    window->resize(1600, 1000);
    window->prepareScreenshots();
    auto* d = new ScreenshotDriver(window, dir);
    QTimer::singleShot(0, d, [d] { d->start(); });
}

} // namespace bitfold::gui
