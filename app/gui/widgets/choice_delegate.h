#pragma once
// Edits a cell with a combo box offering only the values in the model's ValidValuesRole,
// so a user cannot type an invalid PE, SIMD or bit width.
#include <QStyledItemDelegate>

namespace bitfold::gui {

class ChoiceDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

    static QString label(int value); ///< 0 -> "global", 32 -> "float32"
};

} // namespace bitfold::gui
