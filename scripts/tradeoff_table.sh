#!/usr/bin/env bash
# Prints the README's trade-off table (Markdown) from `bitfold-cli tradeoff --format json`:
# per target accuracy the winner (or the tie) and the cheapest design of W1A1, W2A2, W4A4 and
# float32, accuracies as mean ± sd over the trained seeds.
#
#   scripts/tradeoff_table.sh [targets (86 88 89 90 90.5)]
# Environment: BITFOLD_CLI (default build/bin/bitfold-cli), DEVICE (zcu104), FPS (100000).
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${BITFOLD_CLI:-build/bin/bitfold-cli}
DEVICE=${DEVICE:-zcu104}
FPS=${FPS:-100000}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(86 88 89 90 90.5)

echo "| target top-1 | winner | W1A1 | W2A2 | W4A4 | float32 |"
echo "|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  "$CLI" tradeoff --target-accuracy "$t" --device "$DEVICE" --target-fps "$FPS" --format json | jq -r --arg t "$t" '
    def fixed($d): (. * pow(10; $d) | round) as $v | ($v / pow(10; $d) | floor) as $i
      | ($v - $i * pow(10; $d) | tostring) as $f | "\($i)." + ("0" * ($d - ($f | length))) + $f;
    def acc: (.accuracy * 100 | fixed(2)) + (if .seeds > 1 then " ± " + (.accuracy_sd * 100 | fixed(2)) else "" end) + "%";
    def wide: (.network | capture("@(?<s>[0-9.]+)").s // "1" | tonumber * 256 | floor | tostring) + " wide";
    def share: (.device_share * 100 | fixed(1)) + "%";
    def name: (if .weights == "float32" then "float32" else "W" + .weights + "A" + .acts end);
    def cell($w; $a): (.rows[] | select(.weights == $w and .acts == $a)) as $r
      | if $r.network then ($r | wide) + ": " + ($r | share) + (if $r.tied then " (tie)" else "" end)
        elif $r.tied then "ties: " + ($r.rival.network) else "none" end;
    def cellor($w; $a): ([.rows[] | select(.weights == $w and .acts == $a)] | length) as $n
      | if $n > 0 then cell($w; $a) else "–" end;
    ([.rows[] | select(.winner)] | first) as $win
    | ([.rows[] | select(.tied) | name] | join(", ")) as $ties
    | "| \($t)% | "
      + (if $win == null then "none reaches it"
         else ($win | name) + ", " + ($win | wide) + " (" + ($win | acc) + "): " + ($win | share)
              + (if $ties != "" then "; tie with " + $ties else "" end) end)
      + " | " + cellor("1"; "1") + " | " + cellor("2"; "2") + " | " + cellor("4"; "4")
      + " | " + cellor("float32"; "float32") + " |"'
done
