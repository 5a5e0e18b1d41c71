// C simulation: the weight ROMs and thresholds in a translation unit of their own, so that a
// new parameter set recompiles only plain arrays (bitfold_top.cpp and the harness are cached).
#include "bitfold_params.h"
