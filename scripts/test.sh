#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (ctest's summary), then the sanitizer pass and
# the fuzz smoke run (docs/reliability.md), each timed:
#   main    build/: RelWithDebInfo, every label                               ~15-25 min cold
#   asan    build-asan/: clang Debug (-O1, assertions on), AddressSanitizer and
#           UndefinedBehaviorSanitizer (-fno-sanitize-recover=all), GUI, trainer and
#           bench off; labels engine, cli, runner (the simulation runner, the images
#           file, weight ROMs, the F1 host) and onnx by default (BITFOLD_ASAN_LABELS;
#           "engine cli hls" adds the kernel testbenches, slow to build sanitized)  ~15-20 min cold
#   fuzz    every libFuzzer harness, built in build-asan, a bounded run each  ~2 min
# BITFOLD_TEST_PARTS (default "main fuzz asan") picks parts; arguments go to the main ctest.
# fuzz runs before asan: it builds the sanitized engine the asan part's tests then link, so the
# asan part adds only its test programs (docs/reliability.md has the measured times).
# The exit status is non-zero when any part fails.
set -uo pipefail
cd "$(dirname "$0")/.."
parts=${BITFOLD_TEST_PARTS:-main fuzz asan}
failed=()
timings=()

part() { # NAME COMMAND...: runs a part, records its time and failure
    local name=$1 start=$SECONDS
    shift
    echo "=== bitfold: $name part"
    ("$@") || failed+=("$name")
    timings+=("$name $((SECONDS - start)) s")
}

# (`set -e` does not apply inside a part, which runs on the left of ||: chain with &&.)
main_part() {
    scripts/setup.sh build && cd build &&
    ctest --output-on-failure -j "$(nproc)" --timeout 900 "$@"
}

asan_configure() {
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
          -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" -DBITFOLD_SANITIZE=ON -DBITFOLD_FUZZ=ON \
          -DBITFOLD_BUILD_GUI=OFF -DBITFOLD_BUILD_TRAINER=OFF -DBITFOLD_BUILD_BENCH=OFF >/dev/null
}

asan_part() {
    # hls (the kernel testbenches) on request: sanitized, they do not fit CI's budget
    local labels=(${BITFOLD_ASAN_LABELS:-engine cli runner onnx})
    local targets=("${labels[@]/#/tests_}") regex
    regex=$(IFS='|'; echo "${labels[*]}")
    # Only what those labels' tests need (tests_LABEL), not the whole tree.
    asan_configure && cmake --build build-asan -j "$(nproc)" --target "${targets[@]}" && cd build-asan &&
    # QtTest's 5-minute watchdog per test function is too short for the sanitized golden checks.
    QTEST_FUNCTION_TIMEOUT=900000 ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        ctest --output-on-failure -j "$(nproc)" --timeout 900 -L "^($regex)\$" -LE plan
}

fuzz_part() {
    { [ -f build-asan/CMakeCache.txt ] || asan_configure; } &&
    BITFOLD_FUZZ_BUILD=build-asan scripts/fuzz.sh smoke
}

for p in $parts; do
    case $p in
    main) part main main_part "$@" ;;
    asan) part asan asan_part ;;
    fuzz) part fuzz fuzz_part ;;
    *) echo "bitfold: unknown test part $p (main, asan, fuzz)" >&2; exit 2 ;;
    esac
done
echo "=== bitfold: time per part"
printf '  %s\n' "${timings[@]}"
if ((${#failed[@]})); then
    echo "bitfold: FAILED: ${failed[*]}"
    exit 1
fi
