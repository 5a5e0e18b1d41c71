#include "util/export.h"

#include "models/roles.h"

#include <QAbstractItemModel>
#include <cmath>
#include <functional>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
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

// Numbers as numbers ("16200", "0.5"), not as the view shows them ("16,200", "50.0%").
QString csvValue(const QModelIndex& index) {
    const QVariant raw = index.data(RawValueRole);
    switch (raw.typeId()) {
    case QMetaType::Bool: return raw.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong: return QString::number(raw.toLongLong());
    case QMetaType::Float:
    case QMetaType::Double: return std::isfinite(raw.toDouble()) ? QString::number(raw.toDouble(), 'g', 12) : QString();
    case QMetaType::QString: return raw.toString();
    default: break;
    }
    const QString shown = index.data().toString();
    return shown == QStringLiteral("–") || shown == QStringLiteral("-") ? QString() : shown;
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

QString imageFilter() { return QObject::tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)"); }

QString exportStartPath(const QString& stem, const QString& suffix) {
    QString dir = QSettings().value(QStringLiteral("export/dir")).toString();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) dir = QDir::homePath();
    return QDir(dir).filePath(stem + QLatin1Char('.') + suffix);
}

namespace {
/// A title row above the plot for as long as it lives.
class TitleRow {
public:
    TitleRow(QCustomPlot* plot, const QString& title) : m_plot(plot) {
        if (title.isEmpty()) return;
        QFont f = plot->font();
        f.setBold(true);
        plot->plotLayout()->insertRow(0);
        m_title = new QCPTextElement(plot, title, f);
        m_title->setTextFlags(Qt::AlignLeft | Qt::TextWordWrap);
        m_title->setMargins(QMargins(12, 8, 12, 4));
        plot->plotLayout()->addElement(0, 0, m_title);
        plot->replot(QCustomPlot::rpImmediateRefresh);
    }
    ~TitleRow() {
        if (!m_title) return;
        m_plot->plotLayout()->remove(m_title);
        m_plot->plotLayout()->simplify();
        m_plot->replot(QCustomPlot::rpImmediateRefresh);
    }

private:
    QCustomPlot* m_plot;
    QCPTextElement* m_title = nullptr;
};
} // namespace

QString exportPlot(QCustomPlot* plot, const QString& path, const QString& title) {
    const QString suffix = suffixOf(path);
    const TitleRow heading(plot, title);
    const int w = plot->width(), h = plot->height();
    bool ok = false;
    if (suffix == QLatin1String("png"))
        ok = plot->savePng(path, w, h, 2.0);
    else if (suffix == QLatin1String("pdf"))
        ok = plot->savePdf(path, w, h);
    else if (suffix == QLatin1String("svg"))
        return svgFor(QSize(w, h), path, title.isEmpty() ? plot->objectName() : title, [&](QPaintDevice* dev) {
            QCPPainter qcp;
            if (!qcp.begin(dev)) return false;
            qcp.setMode(QCPPainter::pmVectorized);
            qcp.setMode(QCPPainter::pmNoCaching);
            plot->toPainter(&qcp, w, h);
            qcp.end();
            return true;
        });
    else
        return QObject::tr("unknown image format '%1' (use .png, .pdf or .svg)").arg(suffix);
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
    for (int c = 0; c < model->columnCount(); ++c) header << csvField(model->headerData(c, Qt::Horizontal).toString());
    out << header.join(QLatin1Char(',')) << '\n';
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model->columnCount(); ++c) row << csvField(csvValue(model->index(r, c)));
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
