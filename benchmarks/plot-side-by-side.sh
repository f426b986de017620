#!/usr/bin/env bash
# Whole-process `plot` of two builds side by side (issue 22: ScottPlot against the hand-written SVG scene).
# Usage: benchmarks/plot-side-by-side.sh BEFORE_DIR AFTER_DIR [ROUNDS]
# Each *_DIR is an AOT publish folder (DIR/flightforensics) or a `dotnet build -o DIR` output. Inputs: a real DJI
# flight record (IgorKilipenko, Mavic 2, version 11) and the biggest real tlog concatenated 20 times, each against
# the demo town layer. Per round, the two builds run `plot INPUT -o OUT.EXT` (map + profile) in alternating order;
# the table gives medians of wall and CPU (user+sys) seconds, peak RSS and after/before ratios. PNG of the BEFORE
# build goes through rsvg-convert, whose time is inside the measurement (it is part of that build's `plot`).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/benchmarks/lib.sh"
before=$1 after=$2 rounds=${3:-5}
samples=${FLIGHTFORENSICS_SAMPLES:-$repo/../shared/samples}
layer="$repo/logs/demoville-infrastructure.geojson"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

biggest_tlog=$(ls -S "$samples"/mavlink/*.tlog | head -1)
for _ in $(seq 20); do cat "$biggest_tlog"; done > "$work/tlog-x20.tlog"
declare -A inputs=(
  [dji-txt]="$samples/dji/txt/IgorKilipenko_DJIFlightRecord_2018-10-03_[13-23-50].txt"
  [mavlink-tlog-x20]="$work/tlog-x20.tlog"
)

cli() { if [ -x "$1/flightforensics" ]; then echo "$1/flightforensics"; else echo "dotnet $1/flightforensics.dll"; fi; }

# run_one BUILD INPUT EXT TAG: "wall cpu rss_mb" of one whole `plot`.
run_one() {
  local exe; exe=$(cli "$1")
  rm -f "$work/out-$4".* "$work/out-$4"-profile.*
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" $exe plot "$2" --infra "$layer" -o "$work/out-$4.$3" 2>/dev/null
  awk '{printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$work/t"
}

echo "# $(date -u '+%F %T') UTC; $(uptime)"
printf '| input | format | before wall / CPU s / RSS MB | after wall / CPU s / RSS MB | after/before wall | after/before CPU |\n|---|---|---:|---:|---:|---:|\n'
for name in dji-txt mavlink-tlog-x20; do
  for ext in svg png; do
    : > "$work/b"; : > "$work/a"
    for r in $(seq "$rounds"); do
      if (( r % 2 )); then run_one "$before" "${inputs[$name]}" "$ext" b >> "$work/b"; run_one "$after" "${inputs[$name]}" "$ext" a >> "$work/a"
      else run_one "$after" "${inputs[$name]}" "$ext" a >> "$work/a"; run_one "$before" "${inputs[$name]}" "$ext" b >> "$work/b"; fi
    done
    bw=$(cut -d' ' -f1 "$work/b" | median); bc=$(cut -d' ' -f2 "$work/b" | median); bm=$(cut -d' ' -f3 "$work/b" | median)
    aw=$(cut -d' ' -f1 "$work/a" | median); ac=$(cut -d' ' -f2 "$work/a" | median); am=$(cut -d' ' -f3 "$work/a" | median)
    awk -v n="$name" -v e="$ext" -v bw="$bw" -v bc="$bc" -v bm="$bm" -v aw="$aw" -v ac="$ac" -v am="$am" \
      'BEGIN {printf "| %s | %s | %.2f / %.2f / %.0f | %.2f / %.2f / %.0f | %.2f | %.2f |\n", n, e, bw, bc, bm, aw, ac, am, aw/bw, ac/bc}'
  done
done
echo "# $(date -u '+%F %T') UTC; $(uptime)"
