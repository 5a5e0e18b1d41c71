#pragma once
// What a page offers to File > Export and Edit > Copy: a plot (or any drawn widget) and a
// table. Pages implement it next to QWidget.
class QAbstractItemModel;
class QItemSelectionModel;
class QWidget;

namespace bitfold::gui {

class Exportable {
public:
    virtual ~Exportable() = default;
    /// The picture of this page: a QCustomPlot (vector export) or any widget.
    virtual QWidget* exportWidget() = 0;
    /// The page's table, if it has one.
    virtual QAbstractItemModel* exportTable() { return nullptr; }
    virtual QItemSelectionModel* exportSelection() { return nullptr; }
    /// A file name stem for exports ("layers", "pareto").
    virtual const char* exportName() const = 0;
};

} // namespace bitfold::gui
