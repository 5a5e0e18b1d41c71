#!/usr/bin/env bash
# The libFuzzer harnesses (tests/fuzz, docs/reliability.md), built with Debian's clang in
# build-fuzz/ (or $BITFOLD_FUZZ_BUILD) and seeded from the shipped files plus tests/fuzz/seeds.
#   scripts/fuzz.sh smoke [RUNS]        every harness, RUNS executions each (default 2000): CI
#   scripts/fuzz.sh long SECONDS [NAME] each harness (or one) for SECONDS, corpus kept in
#                                       build-fuzz/corpus/NAME, logs in build-fuzz/logs/NAME.log
#   scripts/fuzz.sh runs N [NAME]       the same, for N executions each (docs/reliability.md: 1000000)
# A crash stops the run with the reproducer in build-fuzz/artifacts/ (exit status non-zero).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-smoke}
build=${BITFOLD_FUZZ_BUILD:-build-fuzz} # scripts/test.sh uses its sanitizer build, build-asan
if ! grep -q '^BITFOLD_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # -O2 for speed (the long runs need a million executions per harness), assertions kept.
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
          -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" \
          -DBITFOLD_FUZZ=ON -DBITFOLD_BUILD_GUI=OFF -DBITFOLD_BUILD_TESTS=OFF -DBITFOLD_BUILD_BENCH=OFF \
          -DBITFOLD_BUILD_TRAINER=OFF >/dev/null
fi
cmake --build "$build" --target fuzzers -j "$(nproc)"

# Seeds: the committed ones, and every shipped file of each format.
seeds() {
    local name=$1 dir=$build/seeds/$1
    rm -rf "$dir" && mkdir -p "$dir"
    [ -d "tests/fuzz/seeds/$name" ] && cp tests/fuzz/seeds/"$name"/* "$dir"/
    case $name in
    network) cp resources/networks/*.json "$dir"/ ;;
    device) cp resources/devices/*.json "$dir"/ ;;
    manifest) cp resources/models/manifest.json "$dir"/ ;;
    param_package) # package.json, NUL, params.bin of the small packages
        for p in resources/models/mlp64-w1a1 resources/models/cnv-fm16-w1a1; do
            { cat "$p/package.json"; printf '\0'; cat "$p/params.bin"; } >"$dir/$(basename "$p")"
        done ;;
    esac
    echo "$dir"
}

export BITFOLD_RESOURCES=$PWD/resources
names=$(sed -n 's/^set(BITFOLD_FUZZ_HARNESSES \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
names="$names session run_history manifest"
[ -x "$build/bin/fuzz_onnx" ] && names="$names onnx" # built where protobuf and libonnx-dev are found
mkdir -p "$build/artifacts" "$build/logs"
case $mode in
smoke)
    runs=${2:-2000}
    for name in $names; do
        start=$(date +%s%N)
        "$build/bin/fuzz_$name" -runs="$runs" -seed=1 -max_len=65536 -artifact_prefix="$build/artifacts/$name-" \
            "$(seeds "$name")" >"$build/logs/$name-smoke.log" 2>&1 ||
            { tail -40 "$build/logs/$name-smoke.log"; echo "fuzz_$name: crash (see $build/artifacts)"; exit 1; }
        printf 'fuzz_%-14s %7s runs  %6d ms\n' "$name" "$runs" $((($(date +%s%N) - start) / 1000000))
    done ;;
long | runs)
    amount=${2:?usage: scripts/fuzz.sh long SECONDS [NAME] | runs N [NAME]}
    limit=-max_total_time=$amount
    [ "$mode" = runs ] && limit=-runs=$amount
    [ -n "${3:-}" ] && names=$3
    for name in $names; do
        corpus=$build/corpus/$name
        mkdir -p "$corpus"
        start=$SECONDS
        "$build/bin/fuzz_$name" "$limit" -max_len=65536 -print_final_stats=1 \
            -artifact_prefix="$build/artifacts/$name-" "$corpus" "$(seeds "$name")" >"$build/logs/$name.log" 2>&1 ||
            echo "fuzz_$name: crash (see $build/artifacts, $build/logs/$name.log)"
        grep -E 'stat::number_of_executed_units|stat::peak_rss' "$build/logs/$name.log" | sed "s/^/fuzz_$name /"
        echo "fuzz_$name $((SECONDS - start)) s, corpus $(ls "$corpus" | wc -l) files"
    done ;;
*) echo "usage: scripts/fuzz.sh smoke [RUNS] | long SECONDS [NAME] | runs N [NAME]" >&2; exit 2 ;;
esac
