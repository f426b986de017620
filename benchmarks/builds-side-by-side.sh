#!/usr/bin/env bash
# Whole-process speed of two builds of the CLI, side by side in one run (issue 16: a refactoring must not cost more
# than 5 %). Usage: benchmarks/builds-side-by-side.sh BEFORE_DIR AFTER_DIR [ROUNDS]
# Each *_DIR is a `dotnet build -c Release -o DIR src/FlightForensics.Cli` output (or an AOT publish folder: the
# script runs DIR/flightforensics when it is executable, else `dotnet DIR/flightforensics.dll`). Per round and set,
# the two builds run `inspect FILE --json` over every file of the set, in alternating order; the table gives the
# medians of the set's wall and CPU (user+sys) seconds and after/before ratios. Run on a machine as quiet as you
# can get and state `uptime` with the figures.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/benchmarks/lib.sh"
before=$1 after=$2 rounds=${3:-9}
samples=${FLIGHTFORENSICS_SAMPLES:-$repo/../shared/samples}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/in"
biggest_tlog=$(ls -S "$samples"/mavlink/*.tlog | head -1)
for _ in $(seq 20); do cat "$biggest_tlog"; done > "$work/in/tlog-x20.tlog"
# Larger inputs so that decoding, not start-up, dominates: DataFlash and DAT logs concatenate as they are; a ULog
# concatenates without the repeated 16-byte header (its definitions and subscriptions repeat, which ULog allows).
biggest_bin=$(ls -S "$samples"/mavlink/*.BIN "$samples"/mavlink/*.bin | head -1)
for _ in $(seq 30); do cat "$biggest_bin"; done > "$work/in/dataflash-x30.bin"
biggest_ulog=$(ls -S "$samples"/mavlink/*.ulg | head -1)
{ cat "$biggest_ulog"; for _ in $(seq 9); do tail -c +17 "$biggest_ulog"; done; } > "$work/in/ulog-x10.ulg"
dat=$(ls -S "$samples"/dji-dat/*.DAT | head -1)
for _ in $(seq 5); do cat "$dat"; done > "$work/in/dat-x5.DAT"
dji=()
for f in "$samples"/dji/txt/*.txt; do
  # The DJI set of benchmarks/README.md: versions up to 12 (byte 10 of the prefix).
  v=$(od -An -tu1 -j10 -N1 "$f" | tr -d ' ')
  if [ "${v:-99}" -le 12 ]; then dji+=("$f"); fi
done

declare -A sets=(
  [mavlink-tlog-x20]="$work/in/tlog-x20.tlog"
  [dji-txt-v12]="${dji[*]}"
  [px4-ulog]="$(echo "$samples"/mavlink/*.ulg)"
  [ulog-x10]="$work/in/ulog-x10.ulg"
  [dataflash-x30]="$work/in/dataflash-x30.bin"
  [dji-dat-x5]="$work/in/dat-x5.DAT"
)

cli() { if [ -x "$1/flightforensics" ]; then echo "$1/flightforensics"; else echo "dotnet $1/flightforensics.dll"; fi; }

# run_set BUILD FILES...: "wall cpu" seconds for inspecting every file once, as one timed shell.
run_set() {
  local exe; exe=$(cli "$1"); shift
  /usr/bin/time -f '%e %U %S' -o "$work/t" bash -c 'exe=$1; shift; for f in "$@"; do $exe inspect "$f" --json >/dev/null; done' _ "$exe" "$@"
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t"
}

echo "# $(date -u '+%F %T') UTC; $(uptime)"
printf '| set | files | before wall / CPU s | after wall / CPU s | after/before wall | after/before CPU |\n|---|---:|---:|---:|---:|---:|\n'
for name in mavlink-tlog-x20 dji-txt-v12 px4-ulog ulog-x10 dataflash-x30 dji-dat-x5; do
  read -r -a files <<< "${sets[$name]}"
  : > "$work/b" ; : > "$work/a"
  for r in $(seq "$rounds"); do
    if (( r % 2 )); then run_set "$before" "${files[@]}" >> "$work/b"; run_set "$after" "${files[@]}" >> "$work/a"
    else run_set "$after" "${files[@]}" >> "$work/a"; run_set "$before" "${files[@]}" >> "$work/b"; fi
  done
  bw=$(cut -d' ' -f1 "$work/b" | median); bc=$(cut -d' ' -f2 "$work/b" | median)
  aw=$(cut -d' ' -f1 "$work/a" | median); ac=$(cut -d' ' -f2 "$work/a" | median)
  awk -v n="$name" -v k="${#files[@]}" -v bw="$bw" -v bc="$bc" -v aw="$aw" -v ac="$ac" \
    'BEGIN {printf "| %s | %d | %.3f / %.3f | %.3f / %.3f | %.3f | %.3f |\n", n, k, bw, bc, aw, ac, aw/bw, ac/bc}'
done
echo "# $(date -u '+%F %T') UTC; $(uptime)"
