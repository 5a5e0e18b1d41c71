#!/bin/sh
# Renders a screenshot of every page of the Bitfold GUI into docs/screenshots/ (or $1),
# under a virtual X server: builds the `bitfold` target in build-gui/ if needed.
#   scripts/screenshots.sh [OUT_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshots}
build=${BITFOLD_GUI_BUILD:-$root/build-gui}
if [ ! -x "$build/bin/bitfold" ]; then
    cmake -S "$root" -B "$build" -DBITFOLD_BUILD_BENCH=OFF -DBITFOLD_BUILD_TRAINER=OFF >/dev/null
    cmake --build "$build" -j2 --target bitfold
fi
mkdir -p "$out"
export BITFOLD_RESOURCES="$root/resources"
# Compiled C simulations are cached outside the tree.
export BITFOLD_SIM_CACHE="${BITFOLD_SIM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bitfold/sim}"
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/bin/bitfold" --screenshot "$out"
ls -1 "$out"/*.png
