#include "onnx_import_dialog.h"

#include "bitfold/json_io.h"
#include "session/design_session.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

#include <fstream>

namespace bitfold::gui {

OnnxImportDialog::OnnxImportDialog(const QString& path, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    auto* layout = new QVBoxLayout(this);
    try {
        m_import = importOnnx(path.toStdString());
        if (m_import->params && m_import->network.layers.front().inChannels == 784) {
            try {
                m_agreement = measureAgreement(*m_import, loadFashionMnist("test", 1000), 1000);
            } catch (const std::exception&) {
                // No Fashion-MNIST here: the report says the check did not run.
            }
        }
    } catch (const std::exception& e) {
        m_error = QString::fromStdString(e.what());
    }
    auto* summary = new QLabel(this);
    summary->setObjectName("summary");
    summary->setWordWrap(true);
    layout->addWidget(summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    if (!m_import) {
        summary->setText(tr("<b>Cannot import:</b> %1").arg(m_error.toHtmlEscaped()));
    } else {
        const OnnxImport& m = *m_import;
        QString text = tr("<b>%1 layers</b>, %2; input %3 (%4 encoding).")
                           .arg(m.network.layers.size())
                           .arg(m.isFloat() ? tr("float32 (choose precisions to explore)") : tr("integer parameters"))
                           .arg(m.isFloat() ? tr("float") : tr("%1-bit").arg(m.network.inputBits))
                           .arg(toString(m.encoding));
        if (m_agreement)
            text += tr(" Agreement with the float graph: <b>%1 of %2</b> Fashion-MNIST images.")
                        .arg(m_agreement->agreed)
                        .arg(m_agreement->images);
        if (!m.isFloat())
            text += tr(" Runs simulate the file's own parameters; its accuracy on your data set can be typed in on "
                       "the Pareto page (shown as user-supplied).");
        summary->setText(text);
        auto* table = new QTableWidget(int(m.network.layers.size()), 6, this);
        table->setObjectName("layers");
        table->setHorizontalHeaderLabels(
            {tr("Layer"), tr("Kind"), tr("In"), tr("Out"), tr("Weight bits"), tr("Act bits")});
        for (int i = 0; i < table->rowCount(); ++i) {
            const Layer& l = m.network.layers[i];
            const LayerPrecision& p = m.precision[i];
            const QStringList cells{QString::fromStdString(l.name),
                                    toString(l.kind),
                                    QString::number(l.inChannels),
                                    QString::number(l.outChannels),
                                    l.isMatrix() ? QString::fromStdString(bitsToString(p.weightBits)) : "-",
                                    QString::fromStdString(bitsToString(p.outputBits))};
            for (int c = 0; c < cells.size(); ++c) table->setItem(i, c, new QTableWidgetItem(cells[c]));
        }
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        layout->addWidget(table);
        auto* notes = new QPlainTextEdit(this);
        notes->setObjectName("notes");
        notes->setReadOnly(true);
        for (const auto& n : m.notes) notes->appendPlainText(QString::fromStdString(n));
        layout->addWidget(notes);
        buttons->addButton(tr("Open"), QDialogButtonBox::AcceptRole);
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 480);
}

PrecisionSpec OnnxImportDialog::precisionSpec() const {
    PrecisionSpec spec;
    if (!m_import || m_import->precision.empty()) return spec;
    const auto& prec = m_import->precision;
    spec.weightBits = prec.front().weightBits;
    spec.actBits = prec.front().outputBits;
    spec.inputBits = m_import->isFloat() ? 0 : m_import->network.inputBits;
    for (std::size_t i = 0; i < prec.size(); ++i) {
        const Layer& l = m_import->network.layers[i];
        if (!l.isMatrix()) continue;
        const int act = l.activation ? prec[i].outputBits : 0;
        if (prec[i].weightBits != spec.weightBits || (act && act != spec.actBits))
            spec.overrides.push_back({l.name, prec[i].weightBits, act});
    }
    return spec;
}

QString OnnxImportDialog::save(const QString& dir) const {
    QDir().mkpath(dir);
    const QString file = QDir(dir).filePath("network.json");
    std::ofstream(file.toStdString()) << toJson(m_import->network).dump(1) << '\n';
    if (m_import->params) savePackage(*m_import->params, QDir(dir).filePath("params").toStdString());
    return file;
}

bool OnnxImportDialog::openIn(DesignSession* session) const {
    if (!m_import) return false;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/imported/" +
        QString::fromStdString(m_import->network.id);
    if (!session->openNetworkFile(save(dir))) return false;
    DesignConfig next = session->config();
    next.precision = precisionSpec();
    session->setConfig(next, tr("Precisions of %1").arg(QString::fromStdString(m_import->network.id)));
    return true;
}

} // namespace bitfold::gui
