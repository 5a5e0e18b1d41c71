// The hand-written design keeps its weights in bitfold_config.h.
#pragma once
#include "bitfold_config.h"
