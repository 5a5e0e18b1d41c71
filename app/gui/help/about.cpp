#include "help/about.h"

#include <QMessageBox>
#include <QObject>

namespace bitfold::gui {

void showAboutBox(QWidget* parent) {
    QMessageBox::about(
        parent, QObject::tr("About Bitfold"),
        QObject::tr(
            "<h3>Bitfold %1</h3>"
            "<p>Explores accuracy/throughput trade-offs of quantized neural networks on FPGAs "
            "(FINN-style streaming dataflow accelerators). Every figure is a model prediction unless marked "
            "measured, simulated or user-supplied.</p>"
            "<p><b>Built on:</b></p><ul>"
            "<li>M. Blott, T. B. Preußer, N. J. Fraser, G. Gambardella, K. O'Brien, Y. Umuroglu, M. Leeser — "
            "<i>Scaling Neural Network Performance through Customized Hardware Architectures on Reconfigurable "
            "Logic</i>, ICCD 2017 (arXiv:1807.03123).</li>"
            "<li>J. Su, N. J. Fraser, G. Gambardella, M. Blott, G. Durelli, D. B. Thomas, P. Leong, P. Y. K. Cheung — "
            "<i>Accuracy to Throughput Trade-offs for Reduced Precision Neural Networks on Reconfigurable Logic</i>, "
            "ARC 2018 (arXiv:1807.10577).</li>"
            "<li>M. Blott, T. B. Preußer, N. J. Fraser, G. Gambardella, K. O'Brien, Y. Umuroglu et al. — <i>FINN-R: An "
            "End-to-End Deep-Learning Framework for Fast Exploration of Quantized Neural Networks</i>, ACM TRETS 2018 "
            "(arXiv:1809.04570).</li>"
            "</ul><p>Qt %2, QCustomPlot.</p>")
            .arg(QStringLiteral(BITFOLD_VERSION), QString::fromLatin1(qVersion())));
}

} // namespace bitfold::gui
