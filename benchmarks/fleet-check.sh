#!/usr/bin/env bash
# Fleet benchmark (issue 9): the same FLIGHTS distinct simulated flights around CMAC against the same layer of
# FEATURES polygons, lines and points, checked by the in-process engine (`batch --jobs 2`, and `--jobs 1` for a
# per-core figure) and by PostGIS (`db ingest` of the layer and the flights, then `db check`), in one session.
# Wall, CPU and peak RSS from /usr/bin/time (for the database rows, the client's CPU and RSS; the server's CPU is
# taken from /proc for the whole cluster). Then the findings of the two engines are compared flight by flight (same
# feature ids; times, heights and distances within 0.5 s / 0.5 m, the tolerance of the PostGIS tests).
# The database is a private throw-away PostgreSQL 15 + PostGIS 3 cluster (Debian's postgresql-15-postgis-3) on
# 127.0.0.1 and a free port, with fsync off as in the tests; run as the postgres user when root. Without the
# server binaries, only the in-process rows are printed.
# Usage: benchmarks/fleet-check.sh [FLIGHTS] [FEATURES]   (defaults 1000, 100000). FF_BINARY=path reuses a build.
set -euo pipefail
flights=${1:-1000}
features=${2:-100000}
repo=$(cd "$(dirname "$0")/.." && pwd)
pgbin=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/ff-fleet.XXXXXX)
chmod 755 "$work"
runas=()
[ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
pg_started=
cleanup() {
  if [ -n "$pg_started" ]; then "${runas[@]}" "$pgbin/pg_ctl" -D "$work/pg/db" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

source "$repo/benchmarks/lib.sh"
ff=$(cli_binary "$work")

echo "# writing the inputs" >&2
dotnet run -c Release --project "$repo/benchmarks/FlightForensics.Benchmarks" -p:FlightForensicsSkipNpm=true -- \
  make-fleet-inputs "$work/in" "$flights" "$features" >&2
layer=$work/in/features-$features.geojson
in_mb=$(du -sm --apparent-size "$work/in/flights" | cut -f1)
layer_mb=$(awk -v b="$(stat -c %s "$layer")" 'BEGIN {printf "%.0f", b/1048576}')

# timed LABEL COMMAND...: runs the command under /usr/bin/time, appends "LABEL|wall|cpu|rssMB|load|extra" to $work/rows.
timed() {
  local label=$1 load; shift
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "# $(date -u +%H:%M:%S) $label (load $load)" >&2
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
  read -r w u s m < "$work/t"
  echo "$label|$w|$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.1f", u + s}')|$(awk -v m="$m" 'BEGIN {printf "%.0f", m/1024}')|$load|$(tail -n 1 "$work/err.txt")" >> "$work/rows"
}

# Sums of findings over the per-file check JSON of a batch output folder, and the decoded samples from its summary.
batch_counts() {
  python3 - "$1" <<'EOF'
import csv, glob, json, sys
ov = px = 0
for p in glob.glob(sys.argv[1] + "/results/*/check.json"):
    d = json.load(open(p)); ov += len(d["overflights"]); px += len(d["proximity"])
rows = list(csv.DictReader(open(sys.argv[1] + "/summary.csv")))
print(f'{ov} overflights, {px} close approaches; {len(rows)} files, {sum(int(r["samples"]) for r in rows)} samples, status {sorted({r["status"] for r in rows})}')
EOF
}

timed "in-process \`batch --jobs 2\` (decode, check, per-file JSON and samples CSV)" "$ff" batch "$work/in/flights" --infra "$layer" -o "$work/batch2" --jobs 2
echo "# batch --jobs 2: $(batch_counts "$work/batch2")" >&2
timed "in-process \`batch --jobs 1\`" "$ff" batch "$work/in/flights" --infra "$layer" -o "$work/batch1" --jobs 1

db_note="PostGIS: not measured (no PostgreSQL 15 + PostGIS 3 under $pgbin; apt-get install postgresql-15-postgis-3)"
if [ -x "$pgbin/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
  mkdir -p "$work/pg"
  [ ${#runas[@]} -gt 0 ] && chown postgres "$work/pg"
  "${runas[@]}" "$pgbin/initdb" -D "$work/pg/db" -A trust -U postgres -E UTF8 --no-locale --no-sync >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${runas[@]}" "$pgbin/pg_ctl" -D "$work/pg/db" -l "$work/pg/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $work/pg -c fsync=off -c full_page_writes=off" start >/dev/null
  pg_started=1
  "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres fleet
  cs="Host=127.0.0.1;Port=$port;Username=postgres;Database=fleet;Pooling=false"
  # CPU seconds (user + system) of every process of the cluster so far: the postmaster and its children.
  server_cpu() {
    local pid; pid=$(head -n 1 "$work/pg/db/postmaster.pid")
    { echo "$pid"; pgrep -P "$pid"; } | while read -r p; do cut -d' ' -f14-17 "/proc/$p/stat" 2>/dev/null || true; done |
      awk -v hz="$(getconf CLK_TCK)" '{t += $1 + $2 + $3 + $4} END {printf "%.1f", t / hz}'
  }
  timed "PostGIS \`db ingest --infra\` (the layer)" "$ff" db ingest --connection "$cs" --infra "$layer"
  timed "PostGIS \`db ingest\` (the flights, one transaction each)" "$ff" db ingest --connection "$cs" "$work/in/flights"
  before=$(server_cpu)
  timed "PostGIS \`db check\` (one connection)" "$ff" db check --connection "$cs" -o "$work/db.json"
  sleep 2 # the backend exits, and is reaped into the postmaster's children time, just after the client closes
  after=$(server_cpu)
  versions=$("$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d fleet -Atc "SELECT split_part(version(), ' on ', 1) || ', PostGIS ' || postgis_lib_version()")
  db_note="server CPU during \`db check\` (the cluster's processes, from /proc): $(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.1f", a - b}') s; $versions; fsync off"
fi

echo
echo "$flights flights ($in_mb MB of tlogs), $features features ($layer_mb MB GeoJSON); machine: $(nproc) cores"
echo
echo "| run | wall s | CPU s (client) | peak RSS MB (client) | load avg before | the tool's last stderr line |"
echo "|---|---:|---:|---:|---|---|"
while IFS='|' read -r label w c m load extra; do echo "| $label | $w | $c | $m | $load | $extra |"; done < "$work/rows"
echo
echo "in-process (jobs 2): $(batch_counts "$work/batch2")"
echo "in-process (jobs 1): $(batch_counts "$work/batch1")"
echo "$db_note"
if [ -f "$work/db.json" ]; then
  python3 - "$work/batch2" "$work/db.json" <<'EOF'
import collections, glob, json, sys
inproc = {}
for p in glob.glob(sys.argv[1] + "/results/*/check.json"):
    d = json.load(open(p)); inproc[d["flight"]["sha256"]] = d
db = {f["flight"]["sha256"]: f for f in json.load(open(sys.argv[2]))["flights"]}
TOL = 0.5
def near(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= TOL)
def overflights(d):
    g = collections.defaultdict(list)
    for o in d["overflights"]: g[o["featureId"]].append(o)
    return {k: sorted(v, key=lambda o: o["entryElapsedS"]) for k, v in g.items()}
equal = ov_total = px_total = ov_db = px_db = 0; diffs = []
for sha, a in inproc.items():
    b = db.get(sha)
    ov_total += len(a["overflights"]); px_total += len(a["proximity"])
    if b is None:
        diffs.append(f'{a["flight"]["file"]}: not in db check'); continue
    ov_db += len(b["overflights"]); px_db += len(b["proximity"])
    problems = []
    oa, ob = overflights(a), overflights(b)
    for fid in sorted(set(oa) | set(ob)):
        la, lb = oa.get(fid, []), ob.get(fid, [])
        if len(la) != len(lb):
            problems.append(f'overflight {fid}: {len(la)} in-process, {len(lb)} PostGIS'); continue
        for x, y in zip(la, lb):
            for k in ("entryElapsedS", "exitElapsedS", "minHeightAboveTakeoffM"):
                if not near(x.get(k), y.get(k)): problems.append(f'overflight {fid} {k}: {x.get(k)} vs {y.get(k)}')
    pa = {p["featureId"]: p for p in a["proximity"]}; pb = {p["featureId"]: p for p in b["proximity"]}
    for fid in sorted(set(pa) | set(pb)):
        if fid not in pa or fid not in pb:
            problems.append(f'close approach {fid}: only {"in-process" if fid in pa else "PostGIS"}'); continue
        for k in ("atElapsedS", "closestApproachM", "heightAboveTakeoffM"):
            if not near(pa[fid].get(k), pb[fid].get(k)): problems.append(f'close approach {fid} {k}: {pa[fid].get(k)} vs {pb[fid].get(k)}')
    if problems: diffs.append(f'{a["flight"]["file"]}: ' + "; ".join(problems[:5]))
    else: equal += 1
extra = sorted(set(db) - set(inproc))
print(f"findings compared flight by flight: {equal} of {len(inproc)} flights identical within {TOL} s / {TOL} m; "
      f"in-process {ov_total} overflights + {px_total} close approaches, PostGIS {ov_db} + {px_db}; "
      f"{len(extra)} flights only in the database")
for d in diffs[:20]: print("  differs: " + d)
if len(diffs) > 20: print(f"  ... and {len(diffs) - 20} more flights differ")
EOF
fi
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (per step above on stderr); $(date -u +%Y-%m-%dT%H:%MZ)"
