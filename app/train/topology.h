#pragma once
// The networks bitfold-train knows, as engine Networks (the single description of their
// shape: the torch model is built from it layer by layer, and packages carry it).
#include "bitfold/network.h"

#include <string>

namespace bitfold::train {

/// "mlp": 784 -> `layers` x FC `width` -> 10 (TFC/SFC/LFC are widths 64/256/1024).
/// "cnv-fm": CNV's shape for 28x28 grey images, no padding, base channel count C = `width`:
/// conv3x3 C (28->26), conv3x3 C (->24), pool2 (->12), conv3x3 2C (->10), conv3x3 2C (->8),
/// pool2 (->4), FC 16*2C -> 8C, FC 8C -> 10. Throws Error for an unknown kind or width < 1.
Network makeTrainNetwork(const std::string& kind, int width, int layers);

} // namespace bitfold::train
