#!/usr/bin/env bash
# Starts a 3-node GridPatrol cluster on this machine (Hazelcast on loopback, TCP-IP join), sharing the
# embedded PostgreSQL of node 1. Each node has its own API and OsmAnd port:
#   node 1: API :8080  OsmAnd :5055  cluster :5701  (runs the embedded PostgreSQL on :5433)
#   node 2: API :8081  OsmAnd :5056  cluster :5702
#   node 3: API :8082  OsmAnd :5057  cluster :5703
# Data under ./data/cluster (override with PATROL_DATA_DIR), logs in <data>/nodeN.log. Ctrl+C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

scripts/build.sh
base="${PATROL_DATA_DIR:-data/cluster}"
mkdir -p "$base"
members="127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703"
# One admin token for the whole cluster (a lone node makes its own in its data directory).
if [ ! -s "$base/admin-token" ]; then
  (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$base/admin-token")
fi
export PATROL_ADMIN_TOKEN="$(cat "$base/admin-token")"
pids=()
stop() {
  trap - EXIT INT TERM
  echo "Stopping the cluster..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait
}
trap stop EXIT INT TERM

start_node() {
  local n=$1
  shift
  env "$@" PATROL_NODE_NAME="node$n" PATROL_HTTP_PORT=$((8079 + n)) PATROL_OSMAND_PORT=$((5054 + n)) \
    PATROL_CLUSTER_PORT=$((5700 + n)) PATROL_CLUSTER_MEMBERS="$members" PATROL_DATA_DIR="$base/node$n" \
    scripts/gridpatrol run > "$base/node$n.log" 2>&1 &
  pids+=($!)
}

wait_ready() {
  local port=$1
  for _ in $(seq 1 120); do
    if curl -sf "http://localhost:$port/ready" > /dev/null; then return 0; fi
    sleep 1
  done
  echo "node on :$port did not become ready; see $base/*.log" >&2
  exit 1
}

start_node 1 PATROL_DB_EMBEDDED_PORT=5433
wait_ready 8080
db="postgresql://postgres@127.0.0.1:5433/gridpatrol"
start_node 2 PATROL_DB_URL="$db" PATROL_DEMO_LOAD=false
start_node 3 PATROL_DB_URL="$db" PATROL_DEMO_LOAD=false
wait_ready 8081
wait_ready 8082
echo "GridPatrol cluster of 3 is running:"
for port in 8080 8081 8082; do
  echo "  http://localhost:$port/ready  ->  $(curl -s "http://localhost:$port/ready")"
done
echo "Demo device tokens: $base/node1/demo-devices.csv; admin token: $base/admin-token"
echo "Logs: $base/node1.log $base/node2.log $base/node3.log. Stop with Ctrl+C."
wait
