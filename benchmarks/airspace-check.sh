#!/usr/bin/env bash
# Whole-process `check` with a drone-zone feed (issue 18): the 1,000,000-sample 10 Hz track of geo-check.sh against an
# ED-269 feed of ZONES zones over a SPREAD_KM national square, side by side in one run with the infrastructure-only
# check (the same track against geo-check.sh's layer of as many polygons) and with both layers at once. Each row:
# median of RUNS whole-process runs, wall and CPU from /usr/bin/time, the rows interleaved run by run so that machine
# load falls on all of them alike.
# Usage: benchmarks/airspace-check.sh [RUNS] [SAMPLES] [ZONES] [SPREAD_KM]   (defaults: 5, 1000000, 10000, 400)
# FF_BINARY=path uses an existing build instead of publishing the Native AOT binary.
set -euo pipefail
runs=${1:-5}
samples=${2:-1000000}
zones=${3:-10000}
spread=${4:-400}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ff-airspace.XXXXXX)
trap 'rm -rf "$work"' EXIT

source "$repo/benchmarks/lib.sh"
ff=$(cli_binary "$work")

echo "# writing the inputs" >&2
bench=(dotnet run -c Release --project "$repo/benchmarks/FlightForensics.Benchmarks" --)
"${bench[@]}" make-geo-inputs "$work/in" "$samples" "$zones" "$spread" >&2
"${bench[@]}" make-zone-inputs "$work/in" "$zones" "$spread" >&2
track=$work/in/track-$samples.tlog
infra=$work/in/polygons-$zones-${spread}km.geojson
feed=$work/in/zones-$zones-${spread}km.json

declare -A wall cpu rss
cases=(infra zones both)
args_infra=(--infra "$infra"); args_zones=(--infra "$feed"); args_both=(--infra "$infra" --infra "$feed")
for _ in $(seq "$runs"); do
  for c in "${cases[@]}"; do
    declare -n a="args_$c"
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$ff" check "$track" "${a[@]}" --json >"$work/out-$c.json" 2>/dev/null
    read -r w u s m < "$work/t"
    wall[$c]+="$w "; cpu[$c]+="$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}') "; rss[$c]+="$m "
  done
done

echo "| layers | wall s (median) | CPU s | peak RSS MB | overflights | airspace findings (inside/above/below/unknown) |"
echo "|---|---:|---:|---:|---:|---|"
for c in "${cases[@]}"; do
  counts=$(python3 -c 'import json,sys,collections as c; d=json.load(open(sys.argv[1])); a=c.Counter(x["verdict"] for x in d.get("airspace",[])); print("%d | %d (%d/%d/%d/%d)" % (len(d["overflights"]), sum(a.values()), a["inside"], a["above"], a["below"], a["unknown"]))' "$work/out-$c.json")
  printf '| %s | %s | %s | %.0f | %s |\n' "$c" "$(tr ' ' '\n' <<<"${wall[$c]}" | grep . | median)" "$(tr ' ' '\n' <<<"${cpu[$c]}" | grep . | median)" \
    "$(awk -v k="$(tr ' ' '\n' <<<"${rss[$c]}" | grep . | median)" 'BEGIN {print k/1024}')" "$counts"
done
echo
echo "track $samples samples ($(stat -c %s "$track") bytes); $zones polygons / $zones zones over ${spread} km x ${spread} km; runs: $runs; machine: $(nproc) cores; uptime: $(uptime); $(date -u +%Y-%m-%dT%H:%MZ)"
