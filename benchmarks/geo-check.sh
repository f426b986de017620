#!/usr/bin/env bash
# Whole-process `check` benchmark (issue 7): a 10 Hz track of 1,000,000 position samples against 100,000 polygons
# scattered over the area flown, and how the time grows with track length and layer size. Each cell: median of
# RUNS whole-process runs of `flightforensics check TRACK --infra LAYER --json` (hashing both inputs, decoding the
# tlog, reading and indexing the layer, the analysis, the JSON), wall and CPU from /usr/bin/time.
# Usage: benchmarks/geo-check.sh [RUNS] [SAMPLES_LIST] [POLYGONS_LIST] [SPREAD_KM]
#   (defaults: 5, 100000,1000000, 10000,100000, 400). SPREAD_KM is the side of the square the polygons are scattered
#   over, centred on the 12 km square flown: 400 is a national layer (about 100 polygons near the track per 100k);
#   12 puts every polygon over the flown area (the dense stress case: tens of thousands of findings).
# FF_BINARY=path uses an existing build instead of publishing the Native AOT binary.
set -euo pipefail
runs=${1:-5}
samples=${2:-100000,1000000}
polygons=${3:-10000,100000}
spread=${4:-400}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ff-geo.XXXXXX)
trap 'rm -rf "$work"' EXIT

source "$repo/benchmarks/lib.sh"
ff=$(cli_binary "$work")

echo "# writing the inputs" >&2
dotnet run -c Release --project "$repo/benchmarks/FlightForensics.Benchmarks" -- make-geo-inputs "$work/in" "$samples" "$polygons" "$spread" >&2


echo "| track samples | track MB | polygons | layer MB | wall s (median) | CPU s | peak RSS MB | overflights | close approaches |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in ${samples//,/ }; do
  for p in ${polygons//,/ }; do
    track=$work/in/track-$n.tlog; layer=$work/in/polygons-$p-${spread}km.geojson
    ws=(); cs=(); ms=()
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$ff" check "$track" --infra "$layer" --json >"$work/out.json" 2>/dev/null
      read -r w u s m < "$work/t"; ws+=("$w"); cs+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')"); ms+=("$m")
    done
    counts=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["overflights"]), len(d["proximity"]))' "$work/out.json")
    printf '| %s | %.1f | %s | %.1f | %s | %s | %.0f | %s | %s |\n' "$n" "$(awk -v b="$(stat -c %s "$track")" 'BEGIN {print b/1048576}')" "$p" \
      "$(awk -v b="$(stat -c %s "$layer")" 'BEGIN {print b/1048576}')" "$(printf '%s\n' "${ws[@]}" | median)" \
      "$(printf '%s\n' "${cs[@]}" | median)" "$(awk -v k="$(printf '%s\n' "${ms[@]}" | median)" 'BEGIN {print k/1024}')" ${counts}
  done
done
echo
echo "polygons spread over ${spread} km x ${spread} km; runs per cell: $runs; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
