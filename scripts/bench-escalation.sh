#!/usr/bin/env bash
# Escalation benchmark: 100,000 open cases whose first escalation step falls due evenly over 10 minutes, and a
# burst of 10,000 more all due in the same second half-way through. Starts a node on a fresh temporary data
# directory (durable embedded PostgreSQL; ports 18110, 15085, 15463, 15731), writes the cases straight into
# its database (simulator fill-cases), lets the node escalate them through its own code, and prints:
#   the escalation lag (step due -> step committed with its audit event and notifications) p50/p99/max
#   outside the burst, how long the burst took to drain and its steps per second, and CPU.
# Targets: p99 <= 1 s outside the burst; the burst drains within 10 s. About 15 minutes.
#   scripts/bench-escalation.sh [--cases N] [--burst M] [--spread S]
set -euo pipefail
cd "$(dirname "$0")/.."

cases=100000
burst=10000
spread=600
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --cases=*) cases="${1#*=}"; shift ;;
    --burst) burst="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --burst=*) burst="${1#*=}"; shift ;;
    --spread) spread="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --spread=*) spread="${1#*=}"; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
for value in "$cases" "$burst" "$spread"; do
  [[ $value =~ ^[0-9]+$ ]] || { echo "--cases, --burst and --spread need whole numbers" >&2; exit 2; }
done
[ "$spread" -ge 60 ] || { echo "--spread must be at least 60 seconds" >&2; exit 2; }

# shellcheck source=lib/bench-node.sh
source scripts/lib/bench-node.sh
db_port=15463
# Demo plans off: their alerts would open cases of their own and blur the figures.
mkdir -p "${TMPDIR:-/tmp}"
no_plans="$(mktemp -d "${TMPDIR:-/tmp}/gridpatrol-no-plans.XXXXXX")"
export PATROL_DEMO_PLANS_DIR="$no_plans"
bench_node_start escalation 18110 15085 $db_port 15731
trap 'bench_node_stop; rm -rf "$no_plans"' EXIT
api="http://127.0.0.1:$http_port"

ticks_per_second=$(getconf CLK_TCK)

first=$(( $(date +%s) + 60 ))
burst_at=$(( first + spread / 2 ))
echo "Writing $cases cases due from $(date -d "@$first" +%H:%M:%S) over $spread s, and $burst due at" \
  "$(date -d "@$burst_at" +%H:%M:%S)..."
simulator fill-cases --db-url "jdbc:postgresql://127.0.0.1:$db_port/gridpatrol" --db-user postgres \
  --cases "$cases" --burst "$burst" --first "$first" --spread "$spread" --burst-at "$burst_at" \
  || bench_fail "Could not write the cases."

# Phase 1: the first half of the staggered steps, up to 5 s before the burst; phase 2: the burst and
# the 20 s after it; phase 3: the rest of the staggered steps.
until [ "$(date +%s)" -ge "$first" ]; do sleep 1; done
bench_metrics > "$work/m0"
cpu0=$(bench_cpu_ticks)
until [ "$(date +%s)" -ge $((burst_at - 5)) ]; do sleep 1; done
bench_metrics > "$work/m1"
cpu1=$(bench_cpu_ticks)
until [ "$(date +%s)" -ge $((burst_at + 20)) ]; do sleep 1; done
bench_metrics > "$work/m2"
cpu2=$(bench_cpu_ticks)
until [ "$(date +%s)" -ge $((first + spread + 10)) ]; do sleep 1; done
bench_metrics > "$work/m3"
cpu3=$(bench_cpu_ticks)

lag=gridpatrol_escalation_lag_seconds
read -r before_count before_p50 before_p99 before_max <<< "$(bench_histogram_between $lag "$work/m0" "$work/m1")"
read -r after_count after_p50 after_p99 after_max <<< "$(bench_histogram_between $lag "$work/m2" "$work/m3")"
read -r burst_count burst_p50 burst_p99 burst_max <<< "$(bench_histogram_between $lag "$work/m1" "$work/m2")"
cpu() {
  awk -v t=$(( $2 - $1 )) -v hz="$ticks_per_second" -v s="$3" 'BEGIN {printf "%.0f", 100 * t / hz / s}'
}
cpu_steady=$(cpu "$cpu0" "$cpu1" $((burst_at - 5 - first)))
cpu_burst=$(cpu "$cpu1" "$cpu2" 25)
steps=$(bench_metrics | awk '/^gridpatrol_escalation_steps_total/ {sum += $NF} END {printf "%.0f", sum}')
drain=""
if command -v psql > /dev/null; then
  drain=$(psql -h 127.0.0.1 -p $db_port -U postgres -d gridpatrol -At -F ' ' -c "
    SELECT count(*), round(extract(epoch FROM max(taken_at) - min(due_at))::numeric, 2)
    FROM escalation_steps WHERE due_at = to_timestamp($burst_at)")
fi

echo
echo "GridPatrol escalation benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine      $(bench_machine); node and PostgreSQL share it"
echo "  java         $(java -version 2>&1 | head -1)"
echo "  cases        $cases open cases, first steps due evenly over $spread s; $burst more due in one second"
echo "  steps        $steps taken"
echo
printf "  %-48s %9s %9s %9s %9s %7s\n" "escalation lag (due -> committed)" "steps" "p50 s" "p99 s" "max s" "CPU %"
printf "  %-48s %9s %9s %9s %9s %7s\n" "staggered, before the burst" "$before_count" "$before_p50" "$before_p99" "$before_max" "$cpu_steady"
printf "  %-48s %9s %9s %9s %9s %7s\n" "the burst and the 20 s after it" "$burst_count" "$burst_p50" "$burst_p99" "$burst_max" "$cpu_burst"
printf "  %-48s %9s %9s %9s %9s\n" "staggered, after the burst" "$after_count" "$after_p50" "$after_p99" "$after_max"
echo "  (percentiles are histogram bucket bounds; target p99 <= 1 s outside the burst)"
if [ -n "$drain" ]; then
  read -r drained drain_seconds <<< "$drain"
  awk -v n="$drained" -v s="$drain_seconds" 'BEGIN {printf "  burst        %d steps due in the same second, all taken within %.2f s: %.0f steps/s (target: drained within 10 s)\n", n, s, (s > 0 ? n / s : n)}'
fi
