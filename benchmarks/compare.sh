#!/usr/bin/env bash
# Whole-process comparison of FlightForensics against peer decoders from the npm registry, on the same
# inputs, alternating runs. Prints per input the median wall and CPU (user+system) time and peak RSS of each
# side, and the speed-up (peer time / our time). Ours runs `inspect --json`: SHA-256 of the evidence,
# detection, the full decode into the telemetry model and the JSON summary. Usage: benchmarks/compare.sh [RUNS]   (default 5). Needs node/npm, /usr/bin/time, the .NET SDK
# and ../shared/samples beside the repository.
set -euo pipefail
runs=${1:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
samples=${FLIGHTFORENSICS_SAMPLES:-$repo/../shared/samples}
work=$(mktemp -d /tmp/ff-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "# installing peers into $work" >&2
(cd "$work" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund --silent \
  node-mavlink@2.3.0 dji-log-parser-js@0.5.7 @foxglove/ulog@2.3.2 >/dev/null 2>&1)
cp "$repo"/benchmarks/peers/*.mjs "$work/"

# FF_PUBLISH=aot (default: the Native AOT binary that ships) or r2r; FF_BINARY=path measures an existing build.
source "$repo/benchmarks/lib.sh"
ours=("$(cli_binary "$work")")

echo "# building the large inputs" >&2
mkdir -p "$work/in"
biggest_tlog=$(ls -S "$samples"/mavlink/*.tlog | head -1)
for _ in $(seq 20); do cat "$biggest_tlog"; done > "$work/in/tlog-x20.tlog"

# time_one CMD...: prints "wall_seconds cpu_seconds maxrss_kb" for one run.
time_one() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || { echo "FAILED: $*" >&2; cat "$work/err" >&2; echo "nan nan nan"; return; }
  awk '{print $1, $2 + $3, $4}' "$work/t"
}

# The physical floor: reading the file once from the page cache (the runs before have cached it), whole process.
floor_one() {
  local s e
  s=$(date +%s%N); cat "$1" >/dev/null; e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN {printf "%.4f\n", ns / 1e9}'
}

compare() { # compare FORMAT FILE PEER_SCRIPT
  local format=$1 file=$2 peer=$3 ow=() oc=() om=() tw=() tc=() tm=() fl=()
  for _ in $(seq "$runs"); do
    read -r w c m < <(time_one "${ours[@]}" inspect "$file" --json); ow+=("$w"); oc+=("$c"); om+=("$m")
    read -r w c m < <(time_one node "$work/$peer" "$file"); tw+=("$w"); tc+=("$c"); tm+=("$m")
    fl+=("$(floor_one "$file")")
  done
  local a b c d e f g
  a=$(printf '%s\n' "${ow[@]}" | median); b=$(printf '%s\n' "${oc[@]}" | median); c=$(printf '%s\n' "${om[@]}" | median)
  d=$(printf '%s\n' "${tw[@]}" | median); e=$(printf '%s\n' "${tc[@]}" | median); f=$(printf '%s\n' "${tm[@]}" | median)
  g=$(printf '%s\n' "${fl[@]}" | median)
  local mb; mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN {printf "%.2f", b/1048576}')
  awk -v fmt="$format" -v n="$(basename "$file")" -v mb="$mb" -v ow="$a" -v oc="$b" -v om="$c" -v tw="$d" -v tc="$e" -v tm="$f" -v fl="$g" \
    'BEGIN {printf "| %s | %s | %s | %.3f / %.3f | %.0f | %.2f / %.2f | %.0f | %.1f | %.1f | %.2f | %.0f | %.0f |\n", fmt, n, mb, ow, oc, om/1024, tw, tc, tm/1024, (tw>0?tw/ow:0), (tc>0?tc/oc:0), (tm>0?om/tm:0), (ow>0?mb/ow:0), (fl>0?mb/fl:0)}'
}

echo "| format | input | MB | ours wall / CPU s | ours RSS MB | peer wall / CPU s | peer RSS MB | speed-up wall | speed-up CPU | RSS ratio ours/peer | ours MB/s | page-cache floor MB/s (cat) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for f in "$samples"/mavlink/*.tlog "$work/in/tlog-x20.tlog"; do compare mavlink-tlog "$f" mavlink.mjs; done
for f in "$samples"/mavlink/*.ulg; do compare px4-ulog "$f" ulog.mjs; done
for f in "$samples"/dji/txt/*.txt; do
  # Versions up to 12 only: the peer needs DJI's servers for 13+.
  v=$(od -An -tu1 -j10 -N1 "$f" | tr -d ' ')
  if [ "${v:-99}" -le 12 ]; then compare dji-txt "$f" dji.mjs; fi
done

# wall_ms CMD...: wall-clock milliseconds of one run (finer than /usr/bin/time's 10 ms).
wall_ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN {printf "%.1f\n", ns / 1e6}'
}

# Start-up (issue 12): `info` on a ~1 MB log, whole process, 11 runs.
startup_file=$samples/mavlink/brunoolivieri_20211202-132613.tlog
info_runs=(); version_runs=()
for _ in $(seq 11); do
  info_runs+=("$(wall_ms "${ours[@]}" info "$startup_file")")
  version_runs+=("$(wall_ms "${ours[@]}" --version)")
done
echo
echo "start-up: info $(basename "$startup_file") ($(stat -c %s "$startup_file") bytes) median $(printf '%s\n' "${info_runs[@]}" | median) ms;" \
  "--version median $(printf '%s\n' "${version_runs[@]}" | median) ms (11 runs each, wall clock)"
echo
echo "runs per side: $runs; machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); $(date -u +%Y-%m-%d)"
