#pragma once
// Exporting what the user sees: plots and drawn widgets as PNG, PDF or SVG (by the file
// suffix), tables as CSV, and either to the clipboard.
#include <QString>

class QAbstractItemModel;
class QCustomPlot;
class QItemSelectionModel;
class QWidget;

namespace bitfold::gui {

/// Writes a QCustomPlot (savePng/savePdf; SVG through QSvgGenerator). Returns an empty
/// string on success, else what went wrong.
QString exportPlot(QCustomPlot* plot, const QString& path);
/// Writes any widget (rendered, not grabbed, so vector formats stay vector).
QString exportWidget(QWidget* widget, const QString& path);
/// Writes every row of a model as CSV (DisplayRole text, RFC 4180 quoting).
QString exportCsv(const QAbstractItemModel* model, const QString& path);
/// Tab-separated text of the selected cells (or all of them when nothing is selected).
QString tableText(const QAbstractItemModel* model, const QItemSelectionModel* selection = nullptr);

void copyImage(QWidget* widget);

/// The file filter of the export dialogs.
QString imageFilter();

} // namespace bitfold::gui
