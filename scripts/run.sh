#!/usr/bin/env bash
# Sets up, builds and launches Bitfold with its default session (CNV W1A1 on PYNQ-Z1, 100 MHz).
# Without a display (no $DISPLAY/$WAYLAND_DISPLAY) it prints that session's estimate instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
if [ -x build/bin/bitfold ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec build/bin/bitfold "$@"
fi
echo "bitfold: no display found; printing the default session's estimate (bitfold-cli)."
exec build/bin/bitfold-cli estimate --network cnv --weights 1 --acts 1 --device pynq-z1 --clock 100 "$@"
