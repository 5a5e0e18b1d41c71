#include "widgets/banner.h"

#include "util/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace bitfold::gui {

Banner::Banner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_close(new QToolButton(this)) {
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    auto* lay = new QHBoxLayout(this);
    lay->setContentsMargins(8, 4, 4, 4);
    lay->addWidget(m_icon);
    lay->addWidget(m_text, 1);
    lay->addWidget(m_close);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Dismiss this message"));
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    setVisible(false);
}

QString Banner::text() const { return m_text->text(); }

void Banner::show(const Notice& notice) {
    m_notice = notice;
    if (notice.level == Notice::Level::None) {
        setVisible(false);
        return;
    }
    QString bg, border;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (notice.level) {
    case Notice::Level::Error:
        bg = QStringLiteral("#fdecea");
        border = QStringLiteral("#d93025");
        icon = QStyle::SP_MessageBoxCritical;
        break;
    case Notice::Level::Warning:
        bg = QStringLiteral("#fff4e0");
        border = QStringLiteral("#e8a200");
        icon = QStyle::SP_MessageBoxWarning;
        break;
    default:
        bg = QStringLiteral("#e8f0fe");
        border = QStringLiteral("#1a73e8");
        break;
    }
    setPanel(this, QColor(bg));
    QPalette p = palette();
    p.setColor(QPalette::WindowText, QColor(0x20, 0x21, 0x24));
    p.setColor(QPalette::Light, QColor(border)); // the frame's lines
    p.setColor(QPalette::Dark, QColor(border));
    p.setColor(QPalette::Mid, QColor(border));
    setPalette(p);
    const int side = fontMetrics().height();
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(side, side));
    m_text->setText(notice.text);
    setVisible(true);
}

} // namespace bitfold::gui
