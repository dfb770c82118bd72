#!/usr/bin/env bash
# Overdue-detection benchmark: about 100,000 cells under 3 plans with 10 windows in all (about 1,000,000
# deadlines in flight), officers walking and reporting 5,000 fixes a second, deadlines firing. Starts a node
# with a generated city of 316 x 316 cells (6,241 officers) on a fresh temporary data directory (durable
# embedded PostgreSQL; ports 18100, 15075, 15453, 15721), and measures in turn:
#   baseline   CPU idle; CPU and live heap with 5,000 check-ins/s and no plan window running
#   armed      the same load with all 10 windows taken up: deadlines, live heap (detector = the growth), CPU
#   firing     the windows' deadlines fire (one storm of never-visited cells per window, a minute apart, and
#              cells whose last visit grows too old all along): detection lag from deadline + grace to the
#              alert committed, p50/p99/max, and CPU
#   quiet      the load stopped, the deadlines still armed: CPU (the detector must not scan the cells)
# Prints the figures, stops the node and deletes the data. About 30 minutes.
#   scripts/bench-overdue.sh [--rate N]   check-ins per second (default 5000, at most 6241: one per officer)
set -euo pipefail
cd "$(dirname "$0")/.."

rate=5000
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --rate=*) rate="${1#*=}"; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ $rate =~ ^[1-9][0-9]*$ ]] || [ "$rate" -gt 6241 ]; then
  echo "--rate needs a whole number from 1 to 6241" >&2
  exit 2
fi

# Plan timing: window i (0..9) starts i minutes after the first one and lasts an hour; a cell must be visited
# at least every gap minutes, with grace minutes of grace. Windows are taken up 2 minutes before they start,
# so with gap + grace = 9 all ten are armed before the first deadline fires.
gap_minutes=8
grace_minutes=1
zone=Asia/Shanghai

# shellcheck source=lib/bench-node.sh
source scripts/lib/bench-node.sh
mkdir -p "${TMPDIR:-/tmp}"
setup="$(mktemp -d "${TMPDIR:-/tmp}/gridpatrol-overdue-setup.XXXXXX")"
city="$setup/city.yaml"
bench_big_city "$city"
mkdir "$setup/no-plans"
export PATROL_DEMO_CITY_FILE="$city" PATROL_DEMO_PLANS_DIR="$setup/no-plans" PATROL_OVERDUE_CATCH_UP_HOURS=1
export PATROL_JAVA_OPTS="-Xmx1g ${PATROL_JAVA_OPTS:-}"
bench_node_start overdue 18100 15075 15453 15721
load_pid=""
finish() {
  bench_stop_job "$load_pid"
  bench_node_stop
  rm -rf "$setup"
}
trap finish EXIT
api="http://127.0.0.1:$http_port"

# The sum of a metric's samples whose line contains the filter text, e.g. metric gridpatrol_checkins_total accepted
metric() {
  bench_metrics | awk -v name="$1" -v filter="${2:-}" '
    (index($0, name "{") == 1 || index($0, name " ") == 1) && index($0, filter) { sum += $NF }
    END { printf "%.0f", sum }'
}
ticks_per_second=$(getconf CLK_TCK)
gc_seconds() {
  bench_metrics | awk '/^jvm_gc_pause_seconds_sum/ {sum += $NF} END {printf "%.3f", sum}'
}
# Prints "node% postgres-and-node% gc%" over the next $1 seconds: CPU in percent of one core, and the share of
# the time the node's JVM spent in garbage-collection pauses.
cpu_over() {
  local node_before all_before node_after all_after gc_before gc_after
  node_before=$(awk '{print $14 + $15}' "/proc/$node_pid/stat")
  all_before=$(bench_cpu_ticks)
  gc_before=$(gc_seconds)
  sleep "$1"
  node_after=$(awk '{print $14 + $15}' "/proc/$node_pid/stat")
  all_after=$(bench_cpu_ticks)
  gc_after=$(gc_seconds)
  awk -v n=$((node_after - node_before)) -v a=$((all_after - all_before)) -v t="$ticks_per_second" -v s="$1" \
    -v g0="$gc_before" -v g1="$gc_after" 'BEGIN {printf "%.0f %.0f %.1f", 100 * n / t / s, 100 * a / t / s, 100 * (g1 - g0) / s}'
}
# Live heap of the node in MB, after a full collection.
live_heap_mb() {
  jcmd "$node_pid" GC.run > /dev/null
  jcmd "$node_pid" GC.heap_info | sed -n 's/.*heap.*used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.0f", $1 / 1024}'
}
accepted() {
  metric gridpatrol_checkins_total 'outcome="accepted"'
}

echo "Node ready; letting it settle for 30 s (start-up work, JIT), then a baseline without plans..."
sleep 30
read -r idle_node idle_all idle_gc <<< "$(cpu_over 15)"

echo "Officers walking: $rate devices, a fix a second each, uploaded 5 at a time, never offline..."
simulator walk --devices "$work/data/demo-devices.csv" --city "$city" --server "$api" \
  --osmand "http://127.0.0.1:15075" --interval 1 --upload-every 5 --officers "$rate" --no-outages \
  > "$work/walk.log" 2>&1 &
load_pid=$!
sleep 40
accepted_before=$(accepted)
read -r load_node load_all load_gc <<< "$(cpu_over 30)"
load_rate=$(( ($(accepted) - accepted_before) / 30 ))
# The same node in the same state, but for the windows: what the detector adds is the difference.
heap_base=$(live_heap_mb)
echo "  $load_rate check-ins/s accepted; CPU node ${load_node} %, node + PostgreSQL ${load_all} %"

# The first window starts at the top of the minute at least 3 minutes from now (taken up 2 minutes before).
first=$(( ($(date +%s) + 180 + 59) / 60 * 60 ))
plan_json() {
  local name=$1 from=$2 count=$3 windows="" i start end
  for i in $(seq "$from" $((from + count - 1))); do
    start=$(TZ=$zone date -d "@$((first + i * 60))" +%H:%M)
    end=$(TZ=$zone date -d "@$((first + i * 60 + 3600))" +%H:%M)
    windows="$windows${windows:+,}{\"key\":\"w$i\",\"start\":\"$start\",\"end\":\"$end\"}"
  done
  printf '{"name":"%s","team":"T110101001","timeZone":"%s","cells":{"prefixes":["110101"]},"windows":[%s],
    "requirement":{"minVisits":1,"maxGapMinutes":%d,"graceMinutes":%d}}' \
    "$name" "$zone" "$windows" "$gap_minutes" "$grace_minutes"
}
token=$(cat "$work/data/admin-token")
for plan in "基准巡查甲 0 4" "基准巡查乙 4 3" "基准巡查丙 7 3"; do
  read -r name from count <<< "$plan"
  created=$(curl -sf -X POST "$api/api/v1/plans" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary "$(plan_json "$name" "$from" "$count")") \
    || bench_fail "Could not create plan $name."
  cells=$(sed -n 's/.*"cells":\([0-9]*\).*/\1/p' <<< "$created")
done
echo "3 plans over every cell, 10 windows starting $(TZ=$zone date -d "@$first" '+%H:%M') ($zone) a minute apart;"
echo "  gap ${gap_minutes} min + grace ${grace_minutes} min, so the first deadlines fire at" \
  "$(TZ=$zone date -d "@$((first + (gap_minutes + grace_minutes) * 60))" +%H:%M:%S)"

# All ten windows are taken up 2 minutes before the last one starts, a little later than that at worst.
until [ "$(date +%s)" -ge $((first + 9 * 60 - 90)) ]; do sleep 5; done
deadlines=$(metric gridpatrol_overdue_deadlines)
watched=$(metric gridpatrol_overdue_watched_cells)
heap_armed=$(live_heap_mb)
read -r armed_node armed_all armed_gc <<< "$(cpu_over 20)"
echo "  armed: $deadlines deadlines, $watched cells watched; live heap $heap_armed MB (baseline $heap_base MB)"

fire_from=$((first + (gap_minutes + grace_minutes) * 60))
fire_to=$((fire_from + 11 * 60))
until [ "$(date +%s)" -ge $((fire_from - 5)) ]; do sleep 2; done
bench_metrics > "$work/lag-before"
echo "Deadlines firing until $(TZ=$zone date -d "@$fire_to" +%H:%M:%S)..."
read -r firing_node firing_all firing_gc <<< "$(cpu_over $((fire_to - $(date +%s))))"
bench_metrics > "$work/lag-after"
raised=$(metric gridpatrol_alerts_raised_total 'kind="patrol_overdue"')
bench_stop_job "$load_pid"
wait "$load_pid" 2>/dev/null || true
load_pid=""
sleep 10
read -r quiet_node quiet_all quiet_gc <<< "$(cpu_over 20)"
deadlines_quiet=$(metric gridpatrol_overdue_deadlines)
heap_end=$(live_heap_mb)

# Percentiles of the detection lag over the firing phase, from the histogram's buckets in the two scrapes.
lag=$(bench_histogram_between gridpatrol_overdue_detection_lag_seconds "$work/lag-before" "$work/lag-after")
read -r lag_count lag_p50 lag_p99 lag_max <<< "$lag"

storms=""
split=""
if command -v psql > /dev/null; then
  split=$(psql -h 127.0.0.1 -p 15453 -U postgres -d gridpatrol -At -F ' ' -c "
    WITH a AS (SELECT extract(epoch FROM raised_at - overdue_since) AS lag,
                      count(*) OVER (PARTITION BY plan_id, window_id, overdue_since) > 1000 AS storm
               FROM alert_cells WHERE kind = 'patrol_overdue')
    SELECT storm, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY lag),
           percentile_cont(0.99) WITHIN GROUP (ORDER BY lag), max(lag) FROM a GROUP BY storm ORDER BY storm DESC")
  # Each window's storm: the never-visited cells, all overdue at the same instant (window start + gap + grace).
  storms=$(psql -h 127.0.0.1 -p 15453 -U postgres -d gridpatrol -At -F ' ' -c "
    SELECT count(*), round(extract(epoch FROM max(raised_at) - overdue_since)::numeric, 2)
    FROM alert_cells WHERE kind = 'patrol_overdue'
    GROUP BY plan_id, window_id, overdue_since HAVING count(*) > 1000 ORDER BY overdue_since")
fi

echo
echo "GridPatrol overdue-detection benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine      $(bench_machine); node (-Xmx1g), PostgreSQL and the walking officers share it"
echo "  java         $(java -version 2>&1 | head -1)"
echo "  city         $cells cells, 3 plans, 10 windows of an hour a minute apart, gap $gap_minutes min + grace $grace_minutes min"
echo "  load         $load_rate check-ins/s accepted (JSON API, $rate devices, 5 fixes per upload, no outages)"
echo
printf "  %-58s %12s %14s %12s\n" "phase" "CPU node %" "node + PG %" "GC pause %"
printf "  %-58s %12s %14s %12s\n" "baseline: idle, no plan" "$idle_node" "$idle_all" "$idle_gc"
printf "  %-58s %12s %14s %12s\n" "baseline: check-ins flowing, no window running" "$load_node" "$load_all" "$load_gc"
printf "  %-58s %12s %14s %12s\n" "armed: $deadlines deadlines, check-ins flowing" "$armed_node" "$armed_all" "$armed_gc"
printf "  %-58s %12s %14s %12s\n" "firing: deadlines firing, check-ins flowing" "$firing_node" "$firing_all" "$firing_gc"
printf "  %-58s %12s %14s %12s\n" "quiet: $deadlines_quiet deadlines armed, no check-ins" "$quiet_node" "$quiet_all" "$quiet_gc"
echo
echo "  live heap    baseline $heap_base MB, armed $heap_armed MB: the detector's $deadlines deadlines" \
  "take $((heap_armed - heap_base)) MB (target <= 512 MB);"
echo "               after the storms (a raised alert per cell and window, visits held) $heap_end MB"
echo "  alerts       $raised patrol_overdue alerts raised while firing ($lag_count measured)"
echo "  lag          deadline + grace -> alert committed: p50 <= ${lag_p50} s, p99 <= ${lag_p99} s," \
  "max <= ${lag_max} s (histogram bucket bounds; target p99 <= 1 s)"
if [ -n "$split" ]; then
  echo "  split        deadline + grace -> alert's insert sent (raised_at), storm alerts and the others apart:"
  echo "$split" | awk '{printf "               %-8s %7d alerts: p50 %.2f s, p99 %.2f s, max %.2f s\n", ($1 == "t" ? "storms" : "others"), $2, $3, $4, $5}'
fi
if [ -n "$storms" ]; then
  echo "  storms       per window, the never-visited cells overdue at once: alerts, and seconds until the last was sent"
  echo "$storms" | awk '{printf "               %7d alerts, last sent after %s s\n", $1, $2}'
fi
