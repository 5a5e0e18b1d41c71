#include "plots/plot_widget.h"

#include "util/export.h"

#include <QFileDialog>
#include <QMenu>
#include <QSettings>
#include <cmath>

namespace bitfold::gui {

QColor categoryColor(int i) {
    static const QColor colors[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                                    QColor(0xcc, 0x79, 0xa7), QColor(0xd5, 0x5e, 0x00), QColor(0x56, 0xb4, 0xe9),
                                    QColor(0x59, 0x59, 0x59), QColor(0xf0, 0xe4, 0x42), QColor(0x88, 0x22, 0x55),
                                    QColor(0x33, 0x22, 0x88)};
    return colors[((i % 10) + 10) % 10];
}

QSharedPointer<QCPAxisTicker> logTicker(double lo, double hi) {
    if (!(lo > 0) || !(hi > lo) || hi / lo > 1e3) {
        auto t = QSharedPointer<QCPAxisTickerLog>::create();
        t->setSubTickCount(8);
        return t;
    }
    auto t = QSharedPointer<QCPAxisTickerText>::create();
    t->setSubTickCount(0);
    for (double decade = std::pow(10.0, std::floor(std::log10(lo)) - 1); decade <= hi * 10; decade *= 10)
        for (double m : {1.0, 2.0, 5.0}) {
            const double v = m * decade;
            if (v >= lo / 1.5 && v <= hi * 1.5)
                t->addTick(
                    v, QLocale(QLocale::English).toString(v, 'g', 6).replace(QLatin1String("e+0"), QLatin1String("e")));
        }
    return t;
}

PlotWidget::PlotWidget(QWidget* parent) : QCustomPlot(parent) {
    setBackground(Qt::white);
    setAntialiasedElements(QCP::aeAll);
    setNoAntialiasingOnDrag(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setMinimumSize(240, 180);
    connect(this, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addAction(tr("Export plot…"), this, &PlotWidget::exportInteractive);
        menu.addAction(tr("Copy image"), this, [this] {
            copyImage(this);
            Q_EMIT statusMessage(tr("Plot copied to the clipboard"));
        });
        menu.addAction(tr("Reset zoom"), this, [this] {
            rescaleAxes();
            replot();
        });
        menu.exec(mapToGlobal(pos));
    });
    restyle();
}

void PlotWidget::restyle() {
    const QFont f = font();
    QFont small = f;
    small.setPointSizeF(f.pointSizeF() * 0.9);
    for (QCPAxisRect* r : axisRects())
        for (QCPAxis* a : r->axes()) {
            a->setLabelFont(f);
            a->setTickLabelFont(small);
            a->setBasePen(QPen(QColor(0x5f, 0x63, 0x68)));
            a->setTickPen(QPen(QColor(0x5f, 0x63, 0x68)));
            a->setSubTickPen(QPen(QColor(0x9a, 0xa0, 0xa6)));
            a->grid()->setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1, Qt::DotLine));
            a->setLabelColor(QColor(0x20, 0x21, 0x24));
            a->setTickLabelColor(QColor(0x3c, 0x40, 0x43));
        }
    if (legend) {
        legend->setFont(small);
        legend->setBorderPen(QPen(QColor(0xda, 0xdc, 0xe0)));
        legend->setBrush(QColor(255, 255, 255, 230));
    }
    for (int i = 0; i < plotLayout()->elementCount(); ++i)
        if (auto* t = qobject_cast<QCPTextElement*>(plotLayout()->elementAt(i))) {
            QFont tf = f;
            tf.setBold(true);
            t->setFont(tf);
        }
}

QString PlotWidget::exportTitle() const {
    QStringList parts;
    parts << (m_figureName.isEmpty() ? objectName() : m_figureName);
    if (!m_context.isEmpty()) parts << m_context;
    parts << m_provenance;
    parts.removeAll(QString());
    return parts.join(QStringLiteral(" — "));
}

void PlotWidget::exportInteractive() {
    const QString name = objectName().isEmpty() ? QStringLiteral("plot") : objectName();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"),
                                                      exportStartPath(name, QStringLiteral("png")), imageFilter());
    if (path.isEmpty()) return;
    QSettings().setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    const QString err = exportPlot(this, path, exportTitle());
    Q_EMIT statusMessage(err.isEmpty() ? tr("Exported %1").arg(path) : tr("Export failed: %1").arg(err));
}

void PlotWidget::requestReplot() {
    if (isVisible())
        replot(QCustomPlot::rpQueuedReplot);
    else
        m_stale = true;
}

void PlotWidget::showEvent(QShowEvent* e) {
    QCustomPlot::showEvent(e);
    if (m_stale) {
        m_stale = false;
        replot();
    }
}

void PlotWidget::changeEvent(QEvent* e) {
    QCustomPlot::changeEvent(e);
    if (e->type() == QEvent::FontChange) {
        restyle();
        requestReplot();
    }
}

} // namespace bitfold::gui
