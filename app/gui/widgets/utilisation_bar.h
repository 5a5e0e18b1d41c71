#pragma once
// A horizontal bar of one resource: used fraction of the device, the user's limit marked
// as a vertical line, the bar red once over the limit.
#include <QWidget>

namespace bitfold::gui {

class UtilisationBar : public QWidget {
    Q_OBJECT
public:
    explicit UtilisationBar(QWidget* parent = nullptr);
    /// `used` and `limit` are fractions of the device (used may exceed 1).
    void setValues(double used, double limit, const QString& text);
    double used() const { return m_used; }
    double limit() const { return m_limit; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    double m_used = 0, m_limit = 1;
    QString m_text;
};

} // namespace bitfold::gui
