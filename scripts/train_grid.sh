#!/usr/bin/env bash
# (Re)trains the shipped Fashion-MNIST models one by one with bitfold-train; each run upserts
# its entry in resources/models/manifest.json (see docs/training.md).
#
#   scripts/train_grid.sh [required|wanted|all|ID...] [--skip-existing]
#
# required: MLP 784-N-N-N-10, N in {64, 256, 1024} x {W1A1, W1A2, W2A2, W3A3, W4A4, W8A8,
#           float32}, and CNV-FM at W1A1, W1A2, W2A2, W4A4, float32.
# wanted:   the rest of the {1,2,3,4,8}^2 grid at N = 256, and N in {128, 512}.
# --skip-existing keeps entries already in the manifest (resume after an interruption).
# Environment: BITFOLD_TRAIN (binary, default build-train/bin/bitfold-train), THREADS (1),
# SEED (1). Run from anywhere; paths are relative to the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

TRAIN=${BITFOLD_TRAIN:-build-train/bin/bitfold-train}
THREADS=${THREADS:-1}
SEED=${SEED:-1}
MANIFEST=resources/models/manifest.json
export OPENBLAS_NUM_THREADS=1 # torch's own threads only: two pools oversubscribe small machines

what=()
skip=0
for a in "$@"; do
  case $a in
    --skip-existing) skip=1 ;;
    *) what+=("$a") ;;
  esac
done
[ ${#what[@]} -eq 0 ] && what=(required)

epochs_for() { # network width
  case $1:$2 in
    cnv-fm:*) echo 8 ;;
    mlp:1024) echo 5 ;;
    mlp:512) echo 8 ;;
    *) echo 10 ;;
  esac
}

entries=() # "network width W A"
add() { entries+=("$*"); }
required() {
  for n in 64 256 1024; do
    for wa in "1 1" "1 2" "2 2" "3 3" "4 4" "8 8" "float32 float32"; do add mlp $n $wa; done
  done
  for wa in "1 1" "1 2" "2 2" "4 4" "float32 float32"; do add cnv-fm 16 $wa; done
}
wanted() {
  for n in 128 512; do
    for wa in "1 1" "1 2" "2 2" "3 3" "4 4" "8 8" "float32 float32"; do add mlp $n $wa; done
  done
  for w in 1 2 3 4 8; do
    for a in 1 2 3 4 8; do
      case "$w $a" in "1 1" | "1 2" | "2 2" | "3 3" | "4 4" | "8 8") continue ;; esac
      add mlp 256 $w $a
    done
  done
}

id_of() { # network width W A
  local base=$1$2 # the trainer's network id: mlp256, cnv-fm16
  if [ "$3" = float32 ]; then echo "$base-float32"; else echo "$base-w$3a$4"; fi
}

for w in "${what[@]}"; do
  case $w in
    required) required ;;
    wanted) wanted ;;
    all) required; wanted ;;
    *) # a single id, e.g. mlp256-w2a2 or cnv-fm16-float32
      if [[ $w =~ ^(mlp|cnv-fm)([0-9]+)-(w([0-9])a([0-9])|float32)$ ]]; then
        if [ "${BASH_REMATCH[3]}" = float32 ]; then add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" float32 float32
        else add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[4]}" "${BASH_REMATCH[5]}"; fi
      else
        echo "unknown grid entry '$w'" >&2; exit 2
      fi ;;
  esac
done

for e in "${entries[@]}"; do
  set -- $e
  id=$(id_of "$@")
  if [ $skip = 1 ] && [ -f $MANIFEST ] && grep -q "\"id\": \"$id\"" $MANIFEST; then
    echo "== $id: in the manifest, skipped"
    continue
  fi
  echo "== $id"
  "$TRAIN" --network "$1" --width "$2" --weights "$3" --acts "$4" --epochs "$(epochs_for "$1" "$2")" \
    --seed "$SEED" --threads "$THREADS" --out "resources/models/$id" --id "$id" --manifest $MANIFEST
done
