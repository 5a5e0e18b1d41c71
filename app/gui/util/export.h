#pragma once
// Exporting what the user sees: plots and drawn widgets as PNG, PDF or SVG (by the file
// suffix), tables as CSV, and either to the clipboard.
#include <QString>

class QAbstractItemModel;
class QCustomPlot;
class QItemSelectionModel;
class QWidget;

namespace bitfold::gui {

/// Writes a QCustomPlot (savePng/savePdf; SVG through QSvgGenerator), with `title` (design
/// context and provenance) as a heading above it when given. Returns an empty string on
/// success, else what went wrong.
QString exportPlot(QCustomPlot* plot, const QString& path, const QString& title = {});
/// Where an export dialog starts: the last export folder, else the user's documents (never "/").
QString exportStartPath(const QString& stem, const QString& suffix);
/// Writes any widget (rendered, not grabbed, so vector formats stay vector).
QString exportWidget(QWidget* widget, const QString& path);
/// Writes every row of a model as CSV (RFC 4180 quoting): numbers from RawValueRole as plain
/// numbers ("16200", "0.5"), other cells as shown.
QString exportCsv(const QAbstractItemModel* model, const QString& path);
/// Tab-separated text of the selected cells (or all of them when nothing is selected).
QString tableText(const QAbstractItemModel* model, const QItemSelectionModel* selection = nullptr);

void copyImage(QWidget* widget);

/// The file filter of the export dialogs.
QString imageFilter();

} // namespace bitfold::gui
