#!/usr/bin/env bash
# Ingest benchmark. Starts a node on a fresh temporary data directory (durable embedded PostgreSQL; ports
# 18080, 15055, 15433 and 15701, so a node already running here is not disturbed) and measures
#   (a) JSON API: 32 keep-alive connections, batches of 50 check-ins, one request in flight per connection
#   (b) OsmAnd:   64 keep-alive connections, one fix per request
#   the COPY ceiling: PostgreSQL COPY into the same table of as many rows as (a) accepted (at least 500,000)
# then prints a summary against the targets, stops the node and deletes the data. About 5 minutes.
#   scripts/bench-ingest.sh [--duration N] [--warmup W]
#     N measured seconds per scenario (default 30) after W seconds of unmeasured load (default 30: for the
#     first half minute the JIT compiler takes up to half a core, which is not the steady state of a server)
set -euo pipefail
cd "$(dirname "$0")/.."

duration=30
warmup=30
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --duration=*) duration="${1#*=}"; shift ;;
    --warmup) warmup="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --warmup=*) warmup="${1#*=}"; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ $duration =~ ^[1-9][0-9]*$ ]] || ! [[ $warmup =~ ^[0-9]+$ ]]; then
  echo "--duration and --warmup need whole numbers of seconds" >&2
  exit 2
fi

# shellcheck source=lib/bench-node.sh
source scripts/lib/bench-node.sh
osmand_port=15055
db_port=15433
bench_node_start bench 18080 $osmand_port $db_port 15701

load_options=(--devices "$work/data/demo-devices.csv" --city "${PATROL_DEMO_CITY_FILE:-config/demo-city.yaml}"
  --server "http://127.0.0.1:$http_port" --osmand "http://127.0.0.1:$osmand_port" --duration "$duration" --warmup "$warmup" --json)

echo "(a) JSON API batches: 32 connections x 50 check-ins, $warmup s warm-up + $duration s..."
a=$(simulator load --scenario batch --connections 32 --batch-size 50 "${load_options[@]}") \
  || bench_fail "Scenario (a) failed."
echo "    $a"
echo "(b) OsmAnd: 64 connections x 1 fix, $warmup s warm-up + $duration s..."
b=$(simulator load --scenario osmand --connections 64 "${load_options[@]}") || bench_fail "Scenario (b) failed."
echo "    $b"

# A number or string field of a one-line JSON object.
field() {
  sed -n "s/.*\"$2\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<< "$1"
}
a_accepted=$(field "$a" acceptedCheckins)
rows=$(( a_accepted > 500000 ? a_accepted : 500000 ))
echo "COPY ceiling: $rows rows into positions, 50,000 per COPY and transaction..."
c=$(simulator copy-ceiling --db-url "jdbc:postgresql://127.0.0.1:$db_port/gridpatrol" --db-user postgres \
  --rows "$rows" --json) || bench_fail "The COPY ceiling measurement failed."
echo "    $c"

a_rate=$(field "$a" checkinsPerSecond)
b_rate=$(field "$b" checkinsPerSecond)
ceiling=$(field "$c" rowsPerSecond)
fsync=$(field "$c" fsync)
sync_commit=$(field "$c" synchronousCommit)
durable="durable"
[ "$fsync" = on ] && [ "$sync_commit" = on ] || durable="NOT DURABLE: the figures do not count"

echo
echo "GridPatrol ingest benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine      $(bench_machine); node, PostgreSQL and load share it"
echo "  java         $(java -version 2>&1 | head -1)"
echo "  postgresql   $(field "$c" postgresVersion) embedded; fsync $fsync, synchronous_commit $sync_commit," \
  "full_page_writes $(field "$c" fullPageWrites) ($durable)"
echo "  measured     $duration s per scenario after $warmup s of warm-up"
echo
awk -v a="$a_rate" -v ap50="$(field "$a" p50Ms)" -v ap99="$(field "$a" p99Ms)" -v aerr="$(field "$a" errors)" \
    -v b="$b_rate" -v bp50="$(field "$b" p50Ms)" -v bp99="$(field "$b" p99Ms)" -v berr="$(field "$b" errors)" \
    -v ceiling="$ceiling" -v rows="$rows" -v format="$(field "$c" format)" 'BEGIN {
  share = 100 * a / ceiling
  printf "  %-44s %12s %9s %9s %7s\n", "", "check-ins/s", "p50 ms", "p99 ms", "errors"
  printf "  %-44s %12s %9.1f %9.1f %7d\n", "(a) JSON API, 32 connections x 50 per batch", commas(a), ap50, ap99, aerr
  printf "  %-44s %12s %9.1f %9.1f %7d\n", "(b) OsmAnd, 64 connections x 1 fix", commas(b), bp50, bp99, berr
  printf "  %-44s %12s rows/s\n", "COPY ceiling (" format ", " commas(rows) " rows)", commas(ceiling)
  printf "  %-44s %11.1f %%\n", "(a) as a share of the COPY ceiling", share
  print ""
  print "  targets"
  verdict("(a) >= 50,000 check-ins/s", commas(a) "/s", a >= 50000)
  verdict("(b) >= 15,000 check-ins/s with p99 <= 50 ms", commas(b) "/s, p99 " sprintf("%.1f", bp99) " ms",
          b >= 15000 && bp99 <= 50)
  verdict("(a) >= 35 % of the COPY ceiling", sprintf("%.1f %%", share), share >= 35)
}
function verdict(target, value, met) {
  printf "  %-44s %-24s %s\n", target, value, met ? "met" : "MISSED"
}
function commas(n,    s) {
  s = sprintf("%.0f", n)
  while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
  return s
}'
