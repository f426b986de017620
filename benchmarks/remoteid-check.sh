#!/usr/bin/env bash
# Remote ID: whole-process `inspect` against tshark with the Open Drone ID Lua dissector extracting the same fields
# as the reference TSVs, on one large pcapng made of the real captures (benchmarks/remoteid-concat.py).
# usage: benchmarks/remoteid-check.sh [RUNS] [TARGET_MB]    (FF_BINARY=path reuses a build; needs tshark)
set -euo pipefail
RUNS=${1:-3}
TARGET_MB=${2:-200}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
samples=${FLIGHTFORENSICS_SAMPLES:-$here/../../shared/samples}/remoteid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ff=$(cli_binary "$work")
big="$work/remoteid-${TARGET_MB}MB.pcapng"
python3 "$here/remoteid-concat.py" "$big" "$TARGET_MB" "$samples"/*.pcap "$samples"/*.pcapng
lua="$samples/reference/opendroneid-dissector.lua"
fields=(frame.number frame.time_epoch wlan.sa btle.advertising_address OpenDroneID.msgType OpenDroneID.basicID_idType
  OpenDroneID.basicID_uaType OpenDroneID.basicID_id_asc OpenDroneID.loc_status OpenDroneID.loc_lat OpenDroneID.loc_lon
  OpenDroneID.loc_geoAlt OpenDroneID.loc_pressAlt OpenDroneID.loc_height OpenDroneID.loc_flag_heightType
  OpenDroneID.loc_direction OpenDroneID.loc_flag_ewDirectionSegment OpenDroneID.loc_speed
  OpenDroneID.loc_flag_speedMultiplier OpenDroneID.loc_vspeed OpenDroneID.loc_timeStamp OpenDroneID.system_lat
  OpenDroneID.system_lon OpenDroneID.system_opGeoAlt OpenDroneID.system_timeStamp OpenDroneID.operator_id
  OpenDroneID.self_desc)
tshark_args=(-r "$big" -X "lua_script:$lua" -Y OpenDroneID.msgType -T fields -E header=y -E occurrence=a -E aggregator=';')
for f in "${fields[@]}"; do tshark_args+=(-e "$f"); done

run() { # run NAME CMD...: wall seconds, CPU seconds and peak RSS (MB) of one whole process
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${@:2}" >"$work/$1.out" 2>/dev/null
  awk -v n="$1" '{printf "%s %.3f %.3f %.1f\n", n, $1, $2 + $3, $4 / 1024}' "$work/time" >>"$work/results"
}
echo "# $(date -u +%FT%TZ) $(uptime)" >&2
echo "# input: $(stat -c %s "$big") bytes" >&2
for i in $(seq "$RUNS"); do
  run ours "$ff" inspect "$big" --json
  run tshark tshark "${tshark_args[@]}"
done
echo "# ours: $(grep -o '"framesWithRemoteId": [0-9]*' "$work/ours.out"); tshark: $(($(wc -l <"$work/tshark.out") - 1)) rows" >&2
for side in ours tshark; do
  wall=$(awk -v s=$side '$1==s {print $2}' "$work/results" | median)
  cpu=$(awk -v s=$side '$1==s {print $3}' "$work/results" | median)
  rss=$(awk -v s=$side '$1==s {print $4}' "$work/results" | median)
  echo "$side wall_s=$wall cpu_s=$cpu rss_mb=$rss"
done
awk '$1=="ours" {o[++a]=$2} $1=="tshark" {t[++b]=$2} END {for (i=1;i<=a;i++) r[i]=t[i]/o[i]; n=asort(r); printf "speed-up (per-run ratio, median) %.1fx\n", (n%2 ? r[(n+1)/2] : (r[n/2]+r[n/2+1])/2)}' "$work/results"
echo "# $(uptime)" >&2
