#include "screenshot.h"

#include "help/tour.h"
#include "main_window.h"
#include "pages/runs_page.h"
#include "session/design_session.h"
#include "session/model_index.h"
#include "session/run_controller.h"

#include <QAction>
#include <QApplication>
#include <algorithm>
#include <QDir>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>
#include <functional>

namespace bitfold::gui {

namespace {

/// Steps through the pages on timers (never processEvents): each page gets time to lay out
/// and replot before it is grabbed.
class ScreenshotDriver : public QObject {
public:
    ScreenshotDriver(MainWindow* w, QString dir) : QObject(w), m_window(w), m_dir(std::move(dir)) {}

    void start() {
        QDir().mkpath(m_dir);
        QTimer::singleShot(10 * 60 * 1000, this, [this] { finish(1); }); // never hang a script
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
        if (m_page >= tabs->count()) return presentation();
        tabs->setCurrentIndex(m_page);
        if (tabs->widget(m_page)->objectName() == QLatin1String("runs") && !m_ranSimulation) {
            m_ranSimulation = true;
            return runSimulation();
        }
        grabWhenIdle();
    }

    /// Pages compute what they show when shown (precision map, scaling): wait, then grab.
    void grabWhenIdle() {
        if (!m_window->backgroundIdle() || m_window->session()->busy()) {
            QTimer::singleShot(100, this, [this] { grabWhenIdle(); });
            return;
        }
        QTimer::singleShot(400, this, [this] {
            QTabWidget* tabs = m_window->tabs();
            const QString name = tabs->widget(m_page)->objectName();
            const QString path = QDir(m_dir).filePath(QStringLiteral("%1-%2.png").arg(m_page + 1).arg(name));
            const bool ok = m_window->grab().save(path);
            QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
            if (!ok) m_failed = true;
            ++m_page;
            next();
        });
    }

    /// The Runs page is worth seeing with a run in it: a design with a trained model, simulated.
    void runSimulation() {
        RunController* runs = m_window->runController();
        if (!runs->models()->ready()) {
            QTimer::singleShot(200, this, [this] { runSimulation(); });
            return;
        }
        const auto trained = runs->trainedDesigns();
        auto it = std::find_if(trained.begin(), trained.end(), [](auto& d) { return d.network == "tfc"; });
        if (it == trained.end()) return next();
        DesignConfig c = m_window->session()->config();
        c.network = it->network;
        c.precision.weightBits = it->weightBits;
        c.precision.actBits = it->actBits;
        m_window->session()->setConfig(c, QStringLiteral("Screenshot design"));
        connect(
            runs, &RunController::runEnded, this, [this] { QTimer::singleShot(300, this, [this] { next(); }); },
            Qt::SingleShotConnection);
        // Wait for the new design's folding, then run once.
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [this, poll, net = it->network] {
            const DesignSession* s = m_window->session();
            if (s->busy() || s->state().network.id != net) return;
            poll->deleteLater();
            if (auto* images = m_window->runsPage()->findChild<QSpinBox*>(QStringLiteral("runImages")))
                images->setValue(1000);
            m_window->runsPage()->requestRun();
        });
        poll->start(100);
    }

    /// Last, the overview as a projector shows it (presentation mode, large fonts).
    void presentation() {
        auto* action = m_window->findChild<QAction*>(QStringLiteral("presentationAction"));
        if (!action || action->isChecked()) return finish(0);
        m_window->showPage(QStringLiteral("overview"));
        action->setChecked(true);
        QTimer::singleShot(600, this, [this, action] {
            const QString path = QDir(m_dir).filePath(QStringLiteral("%1-overview-presentation.png").arg(m_page + 1));
            const bool ok = m_window->grab().save(path);
            QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
            if (!ok) m_failed = true;
            action->setChecked(false);
            QTimer::singleShot(600, this, [this] { guide(); });
        });
    }

    /// Help > Getting started, at its Pareto step: what a newcomer sees first.
    void guide() {
        m_window->startTour();
        GettingStartedTour* tour = m_window->tour();
        const auto steps = GettingStartedTour::steps();
        while (tour->currentStep() >= 0 && steps[std::size_t(tour->currentStep())].page != QLatin1String("pareto"))
            tour->next();
        QTimer::singleShot(600, this, [this, tour] {
            const QString path = QDir(m_dir).filePath(QStringLiteral("%1-getting-started.png").arg(m_page + 2));
            const bool ok = m_window->grab().save(path);
            QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
            if (!ok) m_failed = true;
            tour->skip();
            doesNotFit();
        });
    }

    /// Last, the question a newcomer asks: why does CNV W4A4 not fit a PYNQ-Z1?
    void doesNotFit() {
        DesignConfig c = m_window->session()->config();
        c.network = "cnv";
        c.device = "xc7z020";
        c.precision.weightBits = c.precision.actBits = 4;
        m_window->session()->setConfig(c, QStringLiteral("Screenshot design"));
        m_window->showPage(QStringLiteral("overview"));
        m_waits = 0;
        waitThen([this] {
            const QString path = QDir(m_dir).filePath(QStringLiteral("%1-does-not-fit.png").arg(m_page + 3));
            const bool ok = m_window->grab().save(path);
            QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
            if (!ok) m_failed = true;
            finish(0);
        });
    }

    /// Runs `then` once the session and the background jobs are idle, after a moment to paint.
    void waitThen(std::function<void()> then) {
        if (m_window->session()->busy() || !m_window->backgroundIdle()) {
            if (++m_waits > 600) return finish(1);
            QTimer::singleShot(100, this, [this, then] { waitThen(then); });
            return;
        }
        QTimer::singleShot(600, this, then);
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
    bool m_ranSimulation = false;
};

} // namespace

void startScreenshots(MainWindow* window, const QString& dir) {
    window->resize(1600, 1000);
    window->prepareScreenshots();
    auto* d = new ScreenshotDriver(window, dir);
    QTimer::singleShot(0, d, [d] { d->start(); });
}

} // namespace bitfold::gui
