#pragma once
// The import report of a QONNX / FINN-ONNX file (docs/onnx.md): recognised layers, precisions,
// what was folded into thresholds, agreement with the float graph. Accepting it writes the
// network (and parameters) where the session can open them.
#include "bitfold/onnx_import.h"

#include <QDialog>

#include <optional>

namespace bitfold::gui {

class DesignSession;

class OnnxImportDialog : public QDialog {
    Q_OBJECT
public:
    /// Imports `path` at once (a fraction of a second); errors are shown in the dialog.
    explicit OnnxImportDialog(const QString& path, QWidget* parent = nullptr);

    const std::optional<OnnxImport>& imported() const { return m_import; }
    const QString& error() const { return m_error; }
    /// The precisions of the file as a spec (global from the first layer, overrides per layer).
    PrecisionSpec precisionSpec() const;
    /// Writes network.json (and params/) under `dir`; returns the network file's path.
    QString save(const QString& dir) const;
    /// What Open does: saves under AppLocalData/imported/<id>/ and opens the network in
    /// `session` at the file's precisions (one undoable step each). Returns success.
    bool openIn(DesignSession* session) const;

private:
    std::optional<OnnxImport> m_import;
    std::optional<Agreement> m_agreement;
    QString m_error;
};

} // namespace bitfold::gui
