#pragma once
// An inline message strip above the pages: errors, warnings and hints show here instead of
// in modal dialogs. Repeated messages replace each other; there is never more than one.
#include "metatypes.h"
#include "session/design_state.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace bitfold::gui {

class Banner : public QFrame {
    Q_OBJECT
public:
    explicit Banner(QWidget* parent = nullptr);
    void show(const Notice& notice);
    const Notice& notice() const { return m_notice; }
    QString text() const;

private:
    Notice m_notice;
    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
};

} // namespace bitfold::gui
