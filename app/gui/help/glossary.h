#pragma once
// The words of the trade in plain language: one glossary behind the Help menu, the tooltips
// of every term (PE, SIMD, folding...) and the guided tour, so they never disagree.
#include <QDialog>
#include <QString>
#include <QStringList>

class QTextBrowser;

namespace bitfold::gui {

/// Terms the glossary explains, in its order ("PE", "SIMD", "MMV", "folding", ...).
QStringList glossaryTerms();
/// One or two plain sentences for a term (case-insensitive); empty if unknown.
QString glossaryDefinition(const QString& term);
/// A tooltip for a term: its definition and where to read more.
QString glossaryTip(const QString& term);
/// The whole glossary as HTML, one anchor per term (its lower-case name).
QString glossaryHtml();

/// Help -> Glossary: a browsable page of every term.
class GlossaryDialog : public QDialog {
    Q_OBJECT
public:
    explicit GlossaryDialog(QWidget* parent = nullptr);
    /// Scrolls to a term.
    void showTerm(const QString& term);
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
};

} // namespace bitfold::gui
