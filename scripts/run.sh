#!/usr/bin/env bash
# Starts a GridPatrol node with the embedded PostgreSQL and the demo city, building it first if needed.
#   scripts/run.sh           a node on :8080 (API) and :5055 (OsmAnd), data under ./data
#   scripts/run.sh --demo    the same, plus the simulator moving the demo city's officers
#   scripts/run.sh --no-demo an empty city (no demo grid, devices or accounts): prints the first
#                            administrator's password once (same as PATROL_DEMO_LOAD=false)
# Settings: config/gridpatrol.yaml, overridable with PATROL_* variables (PATROL_DB_URL, PATROL_HTTP_PORT, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

demo=false
for arg in "$@"; do
  case "$arg" in
    --demo) demo=true ;;
    --no-demo) export PATROL_DEMO_LOAD=false ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

scripts/build.sh

if [ "$demo" = true ]; then
  scripts/simulate.sh --wait &
fi
exec scripts/gridpatrol run
