#pragma once
// Is there an FPGA to run on? Looks for XRT, a device and the host program, and says what is
// missing in words a user can act on.
#include <QString>

namespace bitfold::gui {

struct XrtStatus {
    bool available = false;
    QString hostProgram; ///< bitfold-f1-host, when found
    QString explanation; ///< what was found and what is missing
};

XrtStatus probeXrt();

} // namespace bitfold::gui
