# Shared by the benchmark scripts (sourced, not run): one node on a fresh temporary data directory with its
# own ports, so a node already running on this machine is not disturbed, stopped and deleted on exit.
#   bench_node_start <name> <http> <osmand> <db> <cluster>   [PATROL_* settings in the environment pass through]
# sets $work (temporary directory), $node_pid and $http_port, and returns once the node is ready.

bench_machine() {
  echo "$(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM"
}

bench_fail() {
  echo "$1" >&2
  if [ -n "${work:-}" ] && [ -f "$work/node.log" ]; then
    echo "--- last lines of the node's log:" >&2
    tail -20 "$work/node.log" >&2
  fi
  exit 1
}

simulator() {
  java -jar modules/simulator/target/gridpatrol-simulator.jar "$@"
}

bench_node_stop() {
  if [ -n "${node_pid:-}" ] && kill -0 "$node_pid" 2>/dev/null; then
    echo "Stopping the node..."
    kill "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$node_pid" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$node_pid" 2>/dev/null || true
  fi
  if [ -n "${work:-}" ]; then
    # The node stops its PostgreSQL on the way out; if it could not, stop the server here (fast shutdown).
    local postmaster="$work/data/postgres/postmaster.pid"
    if [ -f "$postmaster" ]; then
      kill -INT "$(head -1 "$postmaster")" 2>/dev/null || true
      sleep 2
    fi
    rm -rf "$work"
  fi
}

bench_node_start() {
  local name=$1 osmand_port=$3 db_port=$4 cluster_port=$5
  http_port=$2
  for port in "$http_port" "$osmand_port" "$db_port" "$cluster_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Port $port is in use; the benchmark needs ports $http_port, $osmand_port, $db_port and $cluster_port." >&2
      exit 1
    fi
  done
  scripts/build.sh
  work="$(mktemp -d "${TMPDIR:-/tmp}/gridpatrol-$name.XXXXXX")"
  trap bench_node_stop EXIT
  trap 'exit 130' INT TERM
  echo "Starting a node (fresh data in $work)..."
  PATROL_DATA_DIR="$work/data" PATROL_DB_URL="" PATROL_DB_EMBEDDED_PORT=$db_port PATROL_HTTP_PORT=$http_port \
    PATROL_OSMAND_PORT=$osmand_port PATROL_CLUSTER_PORT=$cluster_port \
    PATROL_CLUSTER_MEMBERS="127.0.0.1:$cluster_port" PATROL_DEMO_LOAD=true \
    scripts/gridpatrol run > "$work/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 300); do
    kill -0 "$node_pid" 2>/dev/null || bench_fail "The node exited while starting."
    if curl -sf "http://127.0.0.1:$http_port/ready" > /dev/null && [ -f "$work/data/demo-devices.csv" ]; then
      return 0
    fi
    sleep 1
  done
  bench_fail "The node was not ready after 5 minutes."
}
