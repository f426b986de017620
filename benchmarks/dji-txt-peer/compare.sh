#!/usr/bin/env bash
# Whole-process comparison of `flightforensics decode` with the npm peer dji-log-parser-js@0.5.7 on the shared
# DJI .txt samples. The peer is installed into a temporary folder (never into the repository); both tools run
# once per file, output to /dev/null, wall time measured around each process; the set is run ROUNDS times and
# the median of the per-round totals is reported. Both are installed into the temporary folder, which is removed.
# Usage: benchmarks/dji-txt-peer/compare.sh [samples/dji/txt folder] [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
samples="${1:-$repo/../shared/samples/dji/txt}"
rounds="${2:-5}"
peer_dir="$(mktemp -d /tmp/djiref.XXXXXX)"
trap 'rm -rf "$peer_dir"' EXIT

(cd "$peer_dir" && npm init -y >/dev/null 2>&1 && npm install --silent dji-log-parser-js@0.5.7 >/dev/null 2>&1)
# The tool as a user installs it: a Release publish, ReadyToRun-compiled (start-up dominates a per-file run).
dotnet publish "$repo/src/FlightForensics.Cli" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$peer_dir/flightforensics" -v q >/dev/null
cli="$peer_dir/flightforensics/flightforensics.dll"

total_bytes=$(cat "$samples"/*.txt | wc -c)
# Per process: wall seconds and CPU seconds (user + system), summed over the set. CPU time is the steadier
# figure on a shared machine; wall time includes waiting for a core.
run_set() {
  local wall=0 cpu=0 line
  for f in "$samples"/*.txt; do
    /usr/bin/time -o "$peer_dir/time.txt" -f "%e %U %S" "$@" "$f" > /dev/null 2>&1 || true
    line=$(tail -1 "$peer_dir/time.txt")
    wall=$(awk -v a="$wall" -v l="$line" 'BEGIN {split(l, x, " "); printf "%.2f", a + x[1]}')
    cpu=$(awk -v a="$cpu" -v l="$line" 'BEGIN {split(l, x, " "); printf "%.2f", a + x[2] + x[3]}')
  done
  echo "$wall $cpu"
}
ours_wall=(); ours_cpu=(); peer_wall=(); peer_cpu=()
for round in $(seq "$rounds"); do
  read -r ow oc < <(run_set dotnet "$cli" decode)
  read -r pw pc < <(run_set node "$here/peer-decode.mjs" "$peer_dir/node_modules")
  ours_wall+=("$ow"); ours_cpu+=("$oc"); peer_wall+=("$pw"); peer_cpu+=("$pc")
  echo "round $round: flightforensics wall ${ow}s cpu ${oc}s | dji-log-parser-js wall ${pw}s cpu ${pc}s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mow=$(median "${ours_wall[@]}"); moc=$(median "${ours_cpu[@]}"); mpw=$(median "${peer_wall[@]}"); mpc=$(median "${peer_cpu[@]}")
echo "files: $(ls "$samples"/*.txt | wc -l), bytes: $total_bytes, rounds: $rounds, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median wall: flightforensics ${mow}s, dji-log-parser-js ${mpw}s, ratio $(awk -v a="$mpw" -v b="$mow" 'BEGIN {printf "%.2f", a / b}')x"
echo "median cpu:  flightforensics ${moc}s, dji-log-parser-js ${mpc}s, ratio $(awk -v a="$mpc" -v b="$moc" 'BEGIN {printf "%.2f", a / b}')x"
