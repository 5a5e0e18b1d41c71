#!/usr/bin/env bash
# (Re)trains the shipped Fashion-MNIST models one by one with bitfold-train; each run upserts
# its entry in resources/models/manifest.json (see docs/training.md).
#
#   scripts/train_grid.sh [required|wanted|all|first8|ID...] [--skip-existing]
#
# required: MLP 784-N-N-N-10, N in {64, 256, 1024} x {W1A1, W1A2, W2A2, W3A3, W4A4, W8A8,
#           float32}, and CNV-FM at W1A1, W1A2, W2A2, W4A4, float32.
# wanted:   the rest of the {1,2,3,4,8}^2 grid at N = 256, and N in {128, 512}.
# first8:   first and last matrix layers with 8-bit weights ("-first8"): MLP-256 at W1A1,
#           W1A2, W2A2, W3A3, W4A4 and CNV-FM at W1A1, W1A2, W2A2, W4A4.
# --skip-existing skips every (id, seed) the manifest already lists under the same recipe
# (bitfold-train --skip-done): resume after an interruption, in any later session; a run cut
# short resumes after its last finished epoch (build-runs/ID-seedS.ckpt, bitfold-train
# --checkpoint).
# Environment: BITFOLD_TRAIN (binary, default build-train/bin/bitfold-train), THREADS (1),
# SEEDS ("1 2 3"), MODELS (models directory, default resources/models; a copy such as
# build-models keeps the worktree clean while a grid runs: scripts/train_sync.sh copies its
# results back). Seed 1's parameters are the shipped package (MODELS/ID); the other seeds
# only add their accuracy to the manifest entry, their packages stay in build-runs/ID-seedS
# (ignored by git). Run from anywhere; paths are relative to the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build-runs

TRAIN=${BITFOLD_TRAIN:-build-train/bin/bitfold-train}
THREADS=${THREADS:-1}
SEEDS=${SEEDS:-1 2 3}
MODELS=${MODELS:-resources/models} # a copy elsewhere keeps the worktree clean while training
MANIFEST=$MODELS/manifest.json
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

# CNV-FM W1A1 (and its -first8 variant) trains longer and with a larger step: binary weights
# and activations together converge slowest (docs/training.md, "CNV-FM schedule").
epochs_for() { # network width W A
  case $1:$2:$3:$4 in
    cnv-fm:*:1:1) echo 90 ;;
    cnv-fm:*) echo 30 ;;
    mlp:1024) echo 5 ;;
    mlp:512) echo 8 ;;
    *) echo 10 ;;
  esac
}

entries=() # "network width W A [edge weight bits]"
add() { entries+=("$*"); }
required() {
  # small models first: the 1024-wide MLPs are the slowest entries (minutes per epoch)
  for n in 64 256; do
    for wa in "1 1" "1 2" "2 2" "3 3" "4 4" "8 8" "float32 float32"; do add mlp $n $wa; done
  done
  for wa in "1 1" "float32 float32" "1 2" "2 2" "4 4"; do add cnv-fm 16 $wa; done
  for wa in "1 1" "1 2" "2 2" "3 3" "4 4" "8 8" "float32 float32"; do add mlp 1024 $wa; done
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

lr_for() { # network W A
  case $1:$2:$3 in
    cnv-fm:1:1) echo 0.005 ;;
    cnv-fm:*) echo 0.002 ;;
    *) echo 0.001 ;;
  esac
}

first8() {
  for wa in "1 1" "1 2" "2 2" "3 3" "4 4"; do add mlp 256 $wa 8; done
  for wa in "1 1" "1 2" "2 2" "4 4"; do add cnv-fm 16 $wa 8; done
}

id_of() { # network width W A [edge]
  local base=$1$2 # the trainer's network id: mlp256, cnv-fm16
  if [ "$3" = float32 ]; then echo "$base-float32"; else echo "$base-w$3a$4${5:+-first$5}"; fi
}

for w in "${what[@]}"; do
  case $w in
    required) required ;;
    wanted) wanted ;;
    first8) first8 ;;
    all) required; wanted; first8 ;;
    *) # a single id, e.g. mlp256-w2a2 or cnv-fm16-float32
      if [[ $w =~ ^(mlp|cnv-fm)([0-9]+)-(w([0-9])a([0-9])(-first([0-9]))?|float32)$ ]]; then
        if [ "${BASH_REMATCH[3]}" = float32 ]; then add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" float32 float32
        else add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[4]}" "${BASH_REMATCH[5]}" ${BASH_REMATCH[7]}; fi
      else
        echo "unknown grid entry '$w'" >&2; exit 2
      fi ;;
  esac
done

skip_flag=()
[ $skip = 1 ] && skip_flag=(--skip-done)
for e in "${entries[@]}"; do
  set -- $e
  id=$(id_of "$@")
  for seed in $SEEDS; do
    out=$MODELS/$id
    [ "$seed" = 1 ] || out=build-runs/$id-seed$seed
    echo "== $id seed $seed"
    edge=()
    [ -n "${5:-}" ] && edge=(--first-last-weights "$5")
    "$TRAIN" --network "$1" --width "$2" --weights "$3" --acts "$4" "${edge[@]}" --epochs "$(epochs_for "$1" "$2" "$3" "$4")" \
      --lr "$(lr_for "$1" "$3" "$4")" --seed "$seed" --threads "$THREADS" --out "$out" --id "$id" --manifest $MANIFEST \
      --checkpoint "build-runs/$id-seed$seed.ckpt" "${skip_flag[@]}"
  done
done
