#include "util/export.h"

#include <QAbstractItemModel>
#include <functional>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>
#include <qcustomplot.h>

namespace bitfold::gui {

namespace {

QString suffixOf(const QString& path) { return QFileInfo(path).suffix().toLower(); }

QString csvField(QString s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))) {
        s.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}

QString svgFor(const QSize& size, const QString& path, const QString& title,
               const std::function<bool(QPaintDevice*)>& paint) {
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(size);
    gen.setViewBox(QRect(QPoint(0, 0), size));
    gen.setTitle(title);
    gen.setDescription(QStringLiteral("Bitfold export"));
    if (!paint(&gen)) return QObject::tr("cannot write %1").arg(path);
    return QFileInfo(path).size() > 0 ? QString() : QObject::tr("cannot write %1").arg(path);
}

} // namespace

QString imageFilter() {
    return QObject::tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)");
}

QString exportPlot(QCustomPlot* plot, const QString& path) {
    const QString suffix = suffixOf(path);
    const int w = plot->width(), h = plot->height();
    bool ok = false;
    if (suffix == QLatin1String("png")) ok = plot->savePng(path, w, h, 2.0);
    else if (suffix == QLatin1String("pdf")) ok = plot->savePdf(path, w, h);
    else if (suffix == QLatin1String("svg"))
        return svgFor(QSize(w, h), path, plot->objectName(), [&](QPaintDevice* dev) {
            QCPPainter qcp;
            if (!qcp.begin(dev)) return false;
            qcp.setMode(QCPPainter::pmVectorized);
            qcp.setMode(QCPPainter::pmNoCaching);
            plot->toPainter(&qcp, w, h);
            qcp.end();
            return true;
        });
    else return QObject::tr("unknown image format '%1' (use .png, .pdf or .svg)").arg(suffix);
    return ok ? QString() : QObject::tr("cannot write %1").arg(path);
}

QString exportWidget(QWidget* widget, const QString& path) {
    const QString suffix = suffixOf(path);
    const QSize size = widget->size();
    if (suffix == QLatin1String("png")) {
        const qreal dpr = 2.0;
        QImage img(size * dpr, QImage::Format_ARGB32);
        img.setDevicePixelRatio(dpr);
        img.fill(Qt::white);
        QPainter p(&img);
        widget->render(&p);
        p.end();
        return img.save(path, "PNG") ? QString() : QObject::tr("cannot write %1").arg(path);
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(size, QPageSize::Point));
        pdf.setPageMargins({});
        pdf.setResolution(72);
        QPainter p;
        if (!p.begin(&pdf)) return QObject::tr("cannot write %1").arg(path);
        widget->render(&p);
        p.end();
        return QString();
    }
    if (suffix == QLatin1String("svg"))
        return svgFor(size, path, widget->objectName(), [&](QPaintDevice* dev) {
            QPainter p;
            if (!p.begin(dev)) return false;
            widget->render(&p);
            p.end();
            return true;
        });
    return QObject::tr("unknown image format '%1' (use .png, .pdf or .svg)").arg(suffix);
}

QString exportCsv(const QAbstractItemModel* model, const QString& path) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) return QObject::tr("cannot write %1").arg(path);
    QTextStream out(&f);
    QStringList header;
    for (int c = 0; c < model->columnCount(); ++c)
        header << csvField(model->headerData(c, Qt::Horizontal).toString());
    out << header.join(QLatin1Char(',')) << '\n';
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model->columnCount(); ++c) row << csvField(model->index(r, c).data().toString());
        out << row.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    return f.commit() ? QString() : QObject::tr("cannot write %1").arg(path);
}

QString tableText(const QAbstractItemModel* model, const QItemSelectionModel* selection) {
    int r0 = 0, r1 = model->rowCount() - 1, c0 = 0, c1 = model->columnCount() - 1;
    const bool some = selection && selection->hasSelection();
    if (some) {
        r0 = c0 = INT_MAX;
        r1 = c1 = -1;
        for (const QModelIndex& i : selection->selectedIndexes()) {
            r0 = std::min(r0, i.row());
            r1 = std::max(r1, i.row());
            c0 = std::min(c0, i.column());
            c1 = std::max(c1, i.column());
        }
    }
    QStringList lines;
    QStringList header;
    for (int c = c0; c <= c1; ++c) header << model->headerData(c, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('\t'));
    for (int r = r0; r <= r1; ++r) {
        QStringList row;
        for (int c = c0; c <= c1; ++c) {
            const QModelIndex i = model->index(r, c);
            row << (!some || selection->isSelected(i) ? i.data().toString() : QString());
        }
        lines << row.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void copyImage(QWidget* widget) { QApplication::clipboard()->setPixmap(widget->grab()); }

} // namespace bitfold::gui
