#!/usr/bin/env bash
# Live-map benchmark: a cluster of two nodes sharing one durable embedded PostgreSQL, a generated city of
# 316 x 316 cells with 6,241 officers' handhelds; a load generator sends them 5,000 check-ins a second to
# node B (uploads of 5 fixes, like handhelds that buffer; paced), and 200 control-room WebSocket clients watch
# node A's live map, each a random quarter of the city's width and height. Prints the delay from a check-in
# being acknowledged by node B to its position arriving at a client (p50/p99/max), frames and positions
# delivered, and the CPU of both nodes, PostgreSQL and the whole machine, with and without the clients.
# Ports 18200-18201, 15085-15086, 15463, 15731-15732. About 6 minutes.
#   scripts/bench-livemap.sh [--clients N] [--rate N]
set -euo pipefail
cd "$(dirname "$0")/.."

clients=200
rate=5000
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --rate) rate="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ $clients =~ ^[1-9][0-9]*$ ]] || { echo "--clients needs a whole number" >&2; exit 2; }
if ! [[ $rate =~ ^[1-9][0-9]*$ ]] || [ "$rate" -gt 6241 ]; then
  echo "--rate needs a whole number from 1 to 6241" >&2
  exit 2
fi

# shellcheck source=lib/bench-node.sh
source scripts/lib/bench-node.sh
mkdir -p "${TMPDIR:-/tmp}"
setup="$(mktemp -d "${TMPDIR:-/tmp}/gridpatrol-livemap-setup.XXXXXX")"
city="$setup/city.yaml"
bench_big_city "$city"
mkdir "$setup/no-plans"
export PATROL_DEMO_CITY_FILE="$city" PATROL_DEMO_PLANS_DIR="$setup/no-plans"
export PATROL_JAVA_OPTS="-Xmx1g ${PATROL_JAVA_OPTS:-}"
bench_node_start livemap 18200 15085 15463 15731
load_pid=""
finish() {
  bench_stop_job "$load_pid"
  bench_node_stop
  rm -rf "$setup"
}
trap finish EXIT
echo "Node A ready; starting node B in the same cluster and database..."
bench_peer_start 18201 15086 15732 15463 15731

ticks_per_second=$(getconf CLK_TCK)
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Busy and all ticks of the whole machine (every core), from /proc/stat.
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
# CPU over the next $1 seconds, percent of one core: node A, node B, node A + B + PostgreSQL; and how busy
# the whole machine was (percent of all its cores: the load generators run here too).
cpu_over() {
  local a0 b0 all0 a1 b1 all1 busy0 total0 busy1 total1
  a0=$(proc_ticks "$node_pid"); b0=$(proc_ticks "$peer_pid"); all0=$(bench_cpu_ticks)
  read -r busy0 total0 <<< "$(machine_ticks)"
  sleep "$1"
  a1=$(proc_ticks "$node_pid"); b1=$(proc_ticks "$peer_pid"); all1=$(bench_cpu_ticks)
  read -r busy1 total1 <<< "$(machine_ticks)"
  awk -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v all=$((all1 - all0 + b1 - b0)) -v t="$ticks_per_second" -v s="$1" \
    -v busy=$((busy1 - busy0)) -v total=$((total1 - total0)) \
    'BEGIN {printf "%d %d %d %d", 100 * a / t / s, 100 * b / t / s, 100 * all / t / s, 100 * busy / total}'
}
accepted() {
  curl -sf -H "Authorization: Bearer $(cat "$work/peer/admin-token")" "http://127.0.0.1:$peer_http_port/metrics" \
    | awk '/^gridpatrol_checkins_total/ && /accepted/ {sum += $NF} END {printf "%.0f", sum}'
}

echo "Check-ins to node B: $rate a second, in uploads of 5 fixes from the city's handhelds..."
# The light load generator (the walking officers' simulator would take a core of this machine by itself).
simulator load --scenario batch --connections 32 --batch-size 5 --rate "$rate" --warmup 5 --duration 300 \
  --devices "$work/data/demo-devices.csv" --city "$city" --server "http://127.0.0.1:$peer_http_port" \
  --osmand "http://127.0.0.1:15086" > "$work/load.log" 2>&1 &
load_pid=$!
sleep 20
before=$(accepted)
read -r base_a base_b base_all base_machine <<< "$(cpu_over 30)"
load_rate=$(( ($(accepted) - before) / 30 ))
echo "  $load_rate check-ins/s accepted by node B; CPU A ${base_a} %, B ${base_b} %, A + B + PostgreSQL ${base_all} %"

echo "$clients live-map clients on node A (10 s to settle, 60 s measured)..."
simulator live-watch --server "http://127.0.0.1:$http_port" --token "$(cat "$work/data/admin-token")" \
  --clients "$clients" --bbox "$BENCH_BIG_CITY_BBOX" --view 0.25 --warmup 10 --seconds 60 --json > "$work/live.json" &
watch_pid=$!
sleep 15
read -r live_a live_b live_all live_machine <<< "$(cpu_over 50)"
wait "$watch_pid" || bench_fail "live-watch failed."
live=$(cat "$work/live.json")
field() { echo "$live" | sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

echo
echo "GridPatrol live-map benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine      $(bench_machine); both nodes (-Xmx1g), PostgreSQL, the load and the clients share it"
echo "  java         $(java -version 2>&1 | head -1)"
echo "  city         99856 cells, 6241 officers' handhelds; $load_rate check-ins/s to node B (JSON API, uploads of 5 fixes)"
echo "  clients      $clients WebSockets on node A, each viewing a random 1/4 x 1/4 of the city; frames every 200 ms at most"
echo
printf "  %-44s %8s %8s %13s %10s\n" phase "CPU A %" "CPU B %" "A + B + PG %" "machine %"
printf "  %-44s %8s %8s %13s %10s\n" "check-ins flowing, no live-map client" "$base_a" "$base_b" "$base_all" \
  "$base_machine"
printf "  %-44s %8s %8s %13s %10s\n" "check-ins flowing, $clients clients watching" "$live_a" "$live_b" "$live_all" \
  "$live_machine"
echo "  (CPU columns: percent of one core; machine: percent of all cores, load generators included)"
echo
echo "  delivered    $(field frames) frames ($(field framesPerSecond)/s, $(field framesSkipped) held back), $(field positions) positions ($(field positionsPerSecond)/s)"
echo "  delay        check-in acknowledged by node B -> position received by a client of node A:"
echo "               p50 $(field p50Ms) ms, p99 $(field p99Ms) ms, max $(field maxMs) ms (target p99 <= 300 ms)"
