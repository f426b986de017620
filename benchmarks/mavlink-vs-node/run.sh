#!/usr/bin/env bash
# Whole-process comparison, FlightForensics `inspect --json` vs node-mavlink 2.3.0, on the largest shared
# tlog concatenated 20 times (a valid tlog: records are self-delimiting). Needs node and npm; installs
# node-mavlink into a temporary folder, never into the repository. Usage: benchmarks/mavlink-vs-node/run.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
samples="${FLIGHTFORENSICS_SAMPLES:-$repo/../shared/samples}"
runs="${1:-5}"
work="${TMPDIR:-/tmp}/ff-mavlink-vs-node"
mkdir -p "$work"
if [ ! -d "$work/node_modules/node-mavlink" ]; then
  (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund node-mavlink@2.3.0 >/dev/null)
fi
cp "$here/count-packets.js" "$work/"
big="$work/tlog-x20.tlog"
if [ ! -f "$big" ]; then
  for _ in $(seq 20); do cat "$samples/mavlink/brunoolivieri_20211123-010337.tlog"; done > "$big"
fi
dotnet build -c Release "$repo/src/FlightForensics.Cli" >/dev/null
cli="$repo/src/FlightForensics.Cli/bin/Release/net10.0/flightforensics.dll"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Wall-clock seconds and CPU seconds (user+sys) per run; on a shared machine CPU time is the fairer figure.
measure() {
  : > "$work/times"
  for _ in $(seq "$runs"); do /usr/bin/time -a -o "$work/times" -f "%e %U %S" "$@" >/dev/null 2>&1; done
  wall=$(awk '{print $1}' "$work/times" | median)
  cpu=$(awk '{print $2 + $3}' "$work/times" | median)
  echo "$wall $cpu"
}

echo "file: $big ($(stat -c %s "$big") bytes)"
echo "node-mavlink: $(cd "$work" && node count-packets.js "$big")"
echo "flightforensics packets: $(dotnet "$cli" inspect "$big" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); m=d["mavlink"]; print(m["v1"]+m["v2"], "crcFailures", d["damage"]["crcFailures"])')"
read -r node_wall node_cpu < <(cd "$work" && measure node count-packets.js "$big")
read -r ff_wall ff_cpu < <(measure dotnet "$cli" inspect "$big" --json)
echo "medians of $runs runs: node-mavlink wall ${node_wall}s cpu ${node_cpu}s; flightforensics inspect wall ${ff_wall}s cpu ${ff_cpu}s"
python3 -c "p=1236200; print(f'packets/s by wall: node-mavlink {p/$node_wall:,.0f}, flightforensics {p/$ff_wall:,.0f}, ratio {$node_wall/$ff_wall:.1f}x'); print(f'packets/s by cpu:  node-mavlink {p/$node_cpu:,.0f}, flightforensics {p/$ff_cpu:,.0f}, ratio {$node_cpu/$ff_cpu:.1f}x')"
