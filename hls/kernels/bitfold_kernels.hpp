#pragma once
// All of Bitfold's streaming blocks (header-only, synthesizable).
#include "input_quant.hpp"
#include "label_select.hpp"
#include "max_pool.hpp"
#include "memory_io.hpp"
#include "mvtu.hpp"
#include "sliding_window.hpp"
#include "stream_width.hpp"
#include "threshold.hpp"
