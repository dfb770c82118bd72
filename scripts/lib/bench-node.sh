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

# A big generated city for the benchmarks, written to $1 (a demo.city_file): 316 x 316 cells of 100 m
# (99,856) north-east of Beijing's centre; communities of 4 x 4 cells, one officer and one handheld each
# (6,241); streets of 4 x 4 communities. Its box is $BENCH_BIG_CITY_BBOX (west,south,east,north).
BENCH_BIG_CITY_BBOX="116.2000,39.8000,116.5713,40.0847"
bench_big_city() {
  cat > "$1" <<'YAML'
district_code: "110101"
district_name: 基准区
west: 116.2000
south: 39.8000
east: 116.5713
north: 40.0847
cell_size_metres: 100
cells_per_community_side: 4
communities_per_street_side: 4
street_names: []
first_device_unique_id: 100001
YAML
}

# Stops a simulator started in the background ("simulator ... &"): the job is a subshell, the java process its
# child, so both are stopped.
bench_stop_job() {
  [ -n "${1:-}" ] || return 0
  pkill -P "$1" 2>/dev/null || true
  kill "$1" 2>/dev/null || true
}

bench_node_stop() {
  if [ -n "${peer_pid:-}" ] && kill -0 "$peer_pid" 2>/dev/null; then
    kill "$peer_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$peer_pid" 2>/dev/null || break
      sleep 1
    done
  fi
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

# A second node in the first one's cluster and database (after bench_node_start):
#   bench_peer_start <http> <osmand> <cluster> <first node's db port> <first node's cluster port>
# sets $peer_pid and $peer_http_port; its data (admin token...) is under $work/peer.
bench_peer_start() {
  peer_http_port=$1
  local osmand_port=$2 cluster_port=$3 db_port=$4 first_cluster_port=$5
  PATROL_DATA_DIR="$work/peer" PATROL_DB_URL="postgresql://postgres@127.0.0.1:$db_port/gridpatrol" \
    PATROL_HTTP_PORT=$peer_http_port PATROL_OSMAND_PORT=$osmand_port PATROL_CLUSTER_PORT=$cluster_port \
    PATROL_CLUSTER_MEMBERS="127.0.0.1:$first_cluster_port,127.0.0.1:$cluster_port" PATROL_DEMO_LOAD=false \
    scripts/gridpatrol run > "$work/peer.log" 2>&1 &
  peer_pid=$!
  for _ in $(seq 1 300); do
    kill -0 "$peer_pid" 2>/dev/null || bench_fail "The second node exited while starting (see $work/peer.log)."
    if curl -sf "http://127.0.0.1:$peer_http_port/ready" | grep -q '"clusterMembers":2'; then
      return 0
    fi
    sleep 1
  done
  bench_fail "The second node was not ready in a cluster of two after 5 minutes."
}

# CPU time so far of the node and of its PostgreSQL (the server, its live processes and those that ended),
# in clock ticks.
bench_cpu_ticks() {
  local postmaster
  postmaster=$(head -1 "$work/data/postgres/postmaster.pid")
  {
    awk '{print $14 + $15}' "/proc/$node_pid/stat"
    awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat"
    for child in $(pgrep -P "$postmaster"); do
      awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || true
    done
  } | awk '{sum += $1} END {print sum}'
}

# The node's Prometheus metrics (they are for administrators: the admin token of the node's data directory).
bench_metrics() {
  curl -sf -H "Authorization: Bearer $(cat "$work/data/admin-token")" "http://127.0.0.1:$http_port/metrics"
}

# Percentiles of a timer's histogram between two scrapes of /metrics, from its buckets:
#   bench_histogram_between <metric name> <first scrape file> <second scrape file>
# prints "count p50 p99 max" in seconds (bucket upper bounds), or "0 - - -" if nothing was recorded.
bench_histogram_between() {
  awk -v name="$1_bucket" '
    index($0, name "{") == 1 {
      le = $0; sub(/.*le="/, "", le); sub(/".*/, "", le)
      if (FNR == NR) before[le] = $NF; else after[le] = $NF - before[le]
    }
    END {
      n = 0
      for (le in after) { bounds[++n] = (le == "+Inf") ? 1e18 : le + 0; count[bounds[n]] = after[le] }
      for (i = 2; i <= n; i++) { v = bounds[i]; j = i - 1; while (j > 0 && bounds[j] > v) { bounds[j + 1] = bounds[j]; j-- } bounds[j + 1] = v }
      total = count[bounds[n]]
      if (total == 0) { print "0 - - -"; exit }
      p50 = p99 = top = ""
      for (i = 1; i <= n; i++) {
        c = count[bounds[i]]
        if (p50 == "" && c >= 0.5 * total) p50 = bounds[i]
        if (p99 == "" && c >= 0.99 * total) p99 = bounds[i]
        if (top == "" && c >= total) top = bounds[i]
      }
      printf "%d %.3f %.3f %.3f", total, p50, p99, top
    }' "$2" "$3"
}
