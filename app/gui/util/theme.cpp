#include "util/theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>
#include <QWidget>

namespace bitfold::gui {

namespace {
double g_baseSize = 0;
bool g_presentation = false;
constexpr double kPresentationScale = 1.6;
} // namespace

void applyLightTheme(QApplication& app) {
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QColor ink(0x20, 0x21, 0x24), surface(0xf1, 0xf3, 0xf4), accent(0x1a, 0x73, 0xe8), disabled(0x9a, 0xa0, 0xa6);
    QPalette p;
    const std::pair<QPalette::ColorRole, QColor> roles[] = {{QPalette::Window, QColor(0xf8, 0xf9, 0xfa)},
                                                            {QPalette::WindowText, ink},
                                                            {QPalette::Base, Qt::white},
                                                            {QPalette::AlternateBase, surface},
                                                            {QPalette::Text, ink},
                                                            {QPalette::Button, surface},
                                                            {QPalette::ButtonText, ink},
                                                            {QPalette::Highlight, accent},
                                                            {QPalette::HighlightedText, Qt::white},
                                                            {QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0)},
                                                            {QPalette::ToolTipText, ink},
                                                            {QPalette::PlaceholderText, QColor(0x80, 0x86, 0x8b)},
                                                            {QPalette::Link, accent}};
    for (const auto& [role, colour] : roles) p.setColor(role, colour);
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    app.setPalette(p);
    QFont f = app.font();
    if (f.pointSizeF() < 10) f.setPointSizeF(10);
    app.setFont(f);
    g_baseSize = f.pointSizeF();
}

void setPresentationMode(bool on) {
    if (g_baseSize <= 0) g_baseSize = QApplication::font().pointSizeF();
    g_presentation = on;
    QFont f = QApplication::font();
    f.setPointSizeF(on ? g_baseSize * kPresentationScale : g_baseSize);
    QApplication::setFont(f);
}

bool presentationMode() { return g_presentation; }

void setSecondaryText(QWidget* w, bool italic) {
    QPalette p = w->palette();
    p.setColor(QPalette::WindowText, QColor(0x5f, 0x63, 0x68));
    p.setColor(QPalette::Text, QColor(0x5f, 0x63, 0x68));
    w->setPalette(p);
    if (italic) {
        QFont f; // only the italic flag is set: the size still follows the application font
        f.setItalic(true);
        w->setFont(f);
    }
}

void setPanel(QWidget* w, const QColor& background) {
    QPalette p = w->palette();
    p.setColor(QPalette::Window, background);
    w->setPalette(p);
    w->setAutoFillBackground(true);
}

} // namespace bitfold::gui
