#!/usr/bin/env bash
# Copies a grid's results from a models directory kept outside git's view (train_grid.sh with
# MODELS=build-models) into resources/models: the manifest and, for every id it lists, the
# seed-1 run's directory (package.json + params.bin, or a float baseline's summary.json).
#
#   scripts/train_sync.sh [build-models]
set -euo pipefail
cd "$(dirname "$0")/.."
from=${1:-build-models}
to=resources/models
[ -f "$from/manifest.json" ] || { echo "$from/manifest.json: no manifest" >&2; exit 2; }
for id in $(grep -o '"id": "[^"]*"' "$from/manifest.json" | cut -d'"' -f4); do
  [ -d "$from/$id" ] || { echo "$id: no $from/$id (no seed-1 run yet)" >&2; continue; }
  mkdir -p "$to/$id"
  cp "$from/$id"/* "$to/$id/"
done
# the commands name the directory the runs wrote to (this copy, or the copy it was made from):
# point them at resources/models
sed -e "s#--out [^ \"]*/\([^/ \"]*\)#--out $to/\1#g" -e "s#--manifest [^ \"]*/manifest.json#--manifest $to/manifest.json#g" \
  "$from/manifest.json" > "$to/manifest.json"
echo "synced $from -> $to; review with: git status $to"
