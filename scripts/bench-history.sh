#!/usr/bin/env bash
# History benchmark: do read queries stay as fast when positions hold a year instead of a day?
# Starts a node on a fresh temporary data directory (durable embedded PostgreSQL; ports 18090, 15065, 15443,
# 15711), writes one past day of positions and measures the read API (the baseline), then writes 364 more
# days (a year in all) and measures the same requests again, and prints both with their ratio.
#   scripts/bench-history.sh [--fixes-per-day N]   positions per day (default 50,000: 18 million in the year)
# About 5 minutes with the default; the data is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

fixes=50000
while [ $# -gt 0 ]; do
  case "$1" in
    --fixes-per-day) fixes="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --fixes-per-day=*) fixes="${1#*=}"; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ $fixes =~ ^[1-9][0-9]*$ ]] || { echo "--fixes-per-day needs a whole number" >&2; exit 2; }

# shellcheck source=lib/bench-node.sh
source scripts/lib/bench-node.sh
db_port=15443
bench_node_start history 18090 15065 $db_port 15711

db=(--db-url "jdbc:postgresql://127.0.0.1:$db_port/gridpatrol" --db-user postgres)
yesterday=$(date -u -d yesterday +%F)
today=$(date -u +%F)
paths=(
  --path "/api/v1/officers/P0001/track?from=${yesterday}T00:00:00Z&to=${today}T00:00:00Z&limit=5000"
  --path "/api/v1/officers/P0001"
  --path "/api/v1/cells/110101001001001"
  --path "/api/v1/cells?prefix=110101001&limit=100"
)

echo "Baseline: one day ($yesterday) of $fixes positions..."
one=$(simulator fill-history "${db[@]}" --days 1 --fixes-per-day "$fixes" --json)
before=$(simulator query-latency --server "http://127.0.0.1:$http_port" --token "$(cat "$work/data/admin-token")" "${paths[@]}" --json)
echo "A year: 364 more days of $fixes positions..."
year=$(simulator fill-history "${db[@]}" --days 364 --skip-days 1 --fixes-per-day "$fixes" --json)
after=$(simulator query-latency --server "http://127.0.0.1:$http_port" --token "$(cat "$work/data/admin-token")" "${paths[@]}" --json)

echo
echo "GridPatrol history benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine      $(bench_machine)"
python3 - "$one" "$year" "$before" "$after" <<'PY' 2>/dev/null || { echo "one day: $one"; echo "year: $year"; echo "before: $before"; echo "after: $after"; }
import json, sys
one, year, before, after = (json.loads(a) for a in sys.argv[1:5])
print(f"  history      1 day = {one['rows']:,} positions ({one['positionsBytes']/1e6:,.0f} MB); "
      f"365 days = {one['rows'] + year['rows']:,} positions ({year['positionsBytes']/1e9:,.1f} GB)")
print()
print(f"  {'request (200 sequential after 50 warm-up)':<74} {'1 day p50':>9} {'1 year p50':>10} {'ratio':>6} {'1 year p99':>10}")
for b, a in zip(before["paths"], after["paths"]):
    path = b["path"] if len(b["path"]) <= 74 else b["path"][:71] + "..."
    print(f"  {path:<74} {b['p50Ms']:>7.2f}ms {a['p50Ms']:>8.2f}ms {a['p50Ms'] / b['p50Ms']:>6.2f} {a['p99Ms']:>8.2f}ms")
PY
