#pragma once
// Help -> Getting started: a short guided tour over the pages, one card per page with what
// to look at there. Skippable at any step; a teacher can step through it in class.
#include <QFrame>
#include <QString>
#include <functional>
#include <vector>

class QLabel;
class QPushButton;

namespace bitfold::gui {

class GettingStartedTour : public QFrame {
    Q_OBJECT
public:
    struct Step {
        QString page; ///< object name of the page it shows ("overview", ...)
        QString title;
        QString text;
    };
    /// `showPage` switches the window to a page by object name.
    GettingStartedTour(QWidget* parent, std::function<bool(const QString&)> showPage);

    static std::vector<Step> steps();
    void start();
    void next();
    void back();
    void skip();
    int currentStep() const { return m_step; } ///< -1 when not running

Q_SIGNALS:
    void finished();

protected:
    bool eventFilter(QObject* watched, QEvent* e) override;

private:
    void showStep();
    void place();

    std::function<bool(const QString&)> m_showPage;
    std::vector<Step> m_steps;
    int m_step = -1;
    QLabel* m_counter;
    QLabel* m_title;
    QLabel* m_text;
    QPushButton* m_back;
    QPushButton* m_next;
};

} // namespace bitfold::gui
