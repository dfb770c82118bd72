#!/usr/bin/env bash
# The demo simulator: the demo city's officers walk their communities and their handhelds report to a node.
#   scripts/simulate.sh                              every officer, to the node on this machine (JSON API)
#   scripts/simulate.sh --protocol osmand --officers 8 --duration 600
#   scripts/simulate.sh --wait                       first wait for a node that is starting (run.sh --demo)
# Defaults follow the node's settings: --devices ${PATROL_DATA_DIR:-data}/demo-devices.csv, --server and
# --osmand on PATROL_HTTP_PORT and PATROL_OSMAND_PORT, --city PATROL_DEMO_CITY_FILE. All options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."

# True if option $1 is among the remaining arguments, as "--opt value" or "--opt=value".
given() {
  local option=$1
  shift
  for arg in "$@"; do
    if [[ $arg == "$option" || $arg == "$option="* ]]; then return 0; fi
  done
  return 1
}

defaults=()
given --devices "$@" || defaults+=(--devices "${PATROL_DATA_DIR:-data}/demo-devices.csv")
given --server "$@" || defaults+=(--server "http://localhost:${PATROL_HTTP_PORT:-8080}")
given --osmand "$@" || defaults+=(--osmand "http://localhost:${PATROL_OSMAND_PORT:-5055}")
given --city "$@" || defaults+=(--city "${PATROL_DEMO_CITY_FILE:-config/demo-city.yaml}")

scripts/build.sh
java -jar modules/simulator/target/gridpatrol-simulator.jar walk "${defaults[@]}" "$@" &
simulator=$!
# A background job of a script ignores Ctrl+C, so the simulator started by "scripts/run.sh --demo" would
# outlive the node: stop it when whoever started this script (there: the node) is gone, and on Ctrl+C.
parent=$PPID
trap 'kill "$simulator" 2>/dev/null || true' EXIT INT TERM
while kill -0 "$simulator" 2>/dev/null && kill -0 "$parent" 2>/dev/null; do
  sleep 1
done
status=0
kill -0 "$parent" 2>/dev/null || kill "$simulator" 2>/dev/null || true
wait "$simulator" || status=$?
exit "$status"
