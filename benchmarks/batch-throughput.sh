#!/usr/bin/env bash
# Batch throughput (issue 9): every shared sample of every format, replicated until the folder holds at least
# TARGET_MB, through `flightforensics batch --jobs N` against a national layer; prints files/s and MB/s.
# Each copy carries a distinct trailer line (so that the copies' SHA-256s differ: batch stores results by hash and
# would otherwise reuse the first copy's result); decoders see it as a few trailing bytes and say so.
# Usage: benchmarks/batch-throughput.sh [TARGET_MB] [JOBS]   (defaults 1024, 2). FF_BINARY=path reuses a build.
set -euo pipefail
target_mb=${1:-1024}
jobs=${2:-2}
repo=$(cd "$(dirname "$0")/.." && pwd)
samples=${FLIGHTFORENSICS_SAMPLES:-$repo/../shared/samples}
work=$(mktemp -d /tmp/ff-batch.XXXXXX)
trap 'rm -rf "$work"' EXIT

source "$repo/benchmarks/lib.sh"
ff=$(cli_binary "$work")

mapfile -t originals < <(ls "$samples"/mavlink/*.{tlog,BIN,bin,ulg,rawmav} "$samples"/dji/txt/*.txt \
  "$samples"/dji/srt/* "$samples"/dji-dat/*.DAT "$samples"/dji-photos/*.* 2>/dev/null | grep -v MANIFEST)
copy=0; total=0
while [ "$total" -lt $((target_mb * 1048576)) ]; do
  mkdir -p "$work/in/copy-$copy"
  for f in "${originals[@]}"; do
    out=$work/in/copy-$copy/$(basename "$f")
    { cat "$f"; printf '\nflightforensics benchmark copy %06d\n' "$copy"; } > "$out"
    total=$((total + $(stat -c %s "$out")))
  done
  copy=$((copy + 1))
done
files=$(find "$work/in" -type f | wc -l)
layer=$samples/geo/us_military.shp
echo "# $files files, $total bytes in $copy copies; layer $(basename "$layer")" >&2

sync
/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$ff" batch "$work/in" --infra "$layer" -o "$work/out" --jobs "$jobs" >/dev/null 2>"$work/err" || true
read -r wall user sys rss < "$work/t"
rows=$(($(wc -l < "$work/out/summary.csv") - 1))
awk -v f="$files" -v b="$total" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v r="$rows" -v j="$jobs" 'BEGIN {
  printf "| files | MB | jobs | wall s | CPU s | peak RSS MB | files/s | MB/s | summary rows |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
  printf "| %d | %.0f | %d | %.1f | %.1f | %.0f | %.1f | %.1f | %d |\n", f, b/1048576, j, w, u+s, m/1024, f/w, b/1048576/w, r }'
echo
echo "status counts: $(python3 -c 'import csv,sys,collections; print(dict(collections.Counter(r["status"] for r in csv.DictReader(open(sys.argv[1])))))' "$work/out/summary.csv")"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
