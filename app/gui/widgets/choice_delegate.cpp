#include "widgets/choice_delegate.h"

#include "bitfold/precision.h"
#include "models/roles.h"

#include <QComboBox>

namespace bitfold::gui {

QString ChoiceDelegate::label(int value) {
    if (value == 0) return tr("global");
    if (value == kFloatBits) return QStringLiteral("float32");
    return QString::number(value);
}

QWidget* ChoiceDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const {
    const QVariantList values = index.data(ValidValuesRole).toList();
    if (values.isEmpty()) return QStyledItemDelegate::createEditor(parent, option, index);
    auto* combo = new QComboBox(parent);
    for (const QVariant& v : values) combo->addItem(label(v.toInt()), v);
    combo->setToolTip(tr("Only values valid for this layer are offered"));
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) return QStyledItemDelegate::setEditorData(editor, index);
    const int i = combo->findData(index.data(Qt::EditRole));
    combo->setCurrentIndex(i >= 0 ? i : 0);
}

void ChoiceDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const {
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) return QStyledItemDelegate::setModelData(editor, model, index);
    if (combo->currentData() != index.data(Qt::EditRole)) model->setData(index, combo->currentData(), Qt::EditRole);
}

} // namespace bitfold::gui
