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
time_runs() { for _ in $(seq "$runs"); do /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; done | median; }

echo "file: $big ($(stat -c %s "$big") bytes)"
echo "node-mavlink: $(cd "$work" && node count-packets.js "$big")"
echo "flightforensics packets: $(dotnet "$cli" inspect "$big" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); m=d["mavlink"]; print(m["v1"]+m["v2"], "crcFailures", d["damage"]["crcFailures"])')"
node_s=$(cd "$work" && time_runs node count-packets.js "$big")
ff_s=$(time_runs dotnet "$cli" inspect "$big" --json)
echo "median of $runs wall-clock runs: node-mavlink ${node_s}s, flightforensics inspect ${ff_s}s"
python3 -c "p=1236200; n=$node_s; f=$ff_s; print(f'packets/s: node-mavlink {p/n:,.0f}, flightforensics {p/f:,.0f}, ratio {n/f:.1f}x')"
