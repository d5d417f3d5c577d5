# Shared by the cluster tests (tests/e2e/cluster*.sh): throwaway Redis and
# PostgreSQL servers on loopback ports, and comparisons of stores.
# Sourced, not run; every server started here is stopped by cluster_cleanup.

# Skips (exit 77) unless this build has the cluster commands and the servers
# are installed.
cluster_require() {
  if ! "$PARLEY" worker --help >/dev/null 2>&1; then
    echo "SKIP: this parley was built without hiredis (libhiredis-dev): no worker command"; exit 77
  fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    echo "SKIP: redis-server/redis-cli not installed (apt-get install redis-server)"; exit 77
  fi
  if ! command -v psql >/dev/null; then
    echo "SKIP: psql not installed (apt-get install postgresql)"; exit 77
  fi
}

# Re-runs the calling script under scripts/with_postgres.sh when no server
# was given (PARLEY_TEST_PG), so the test also runs alone.
cluster_need_postgres() {
  if [ -z "${PARLEY_TEST_PG:-}" ]; then
    if [ -x /usr/lib/postgresql/15/bin/initdb ] || [ -n "${PGBIN:-}" ]; then
      exec bash "$SRC/scripts/with_postgres.sh" bash "$0" "$@"
    fi
    echo "SKIP: no PostgreSQL (set PARLEY_TEST_PG or install postgresql)"; exit 77
  fi
}

# new_database NAME: a fresh database on the PARLEY_TEST_PG server; prints its uri.
new_database() {
  local name=$1
  PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 "$PARLEY_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "${PARLEY_TEST_PG%/*}/$name"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_redis DIR [EXTRA redis-server ARGS...]: a Redis on 127.0.0.1 and the
# first free port from REDIS_BASE (56379) up, with its files in DIR (each
# test has a base of its own, so tests running at once do not race for a
# port; the server that answers must also report DIR as its own). Sets
# REDIS_PORT and REDIS_DIR, and remembers the pid for stop_redis.
start_redis() {
  local dir=$1; shift
  mkdir -p "$dir"
  local port=${REDIS_PORT:-}
  if [ -z "$port" ]; then
    port=${REDIS_BASE:-56379}
    while ! port_free "$port"; do port=$((port + 1)); done
  fi
  redis-server --port "$port" --bind 127.0.0.1 --save '' --daemonize yes --dir "$dir" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" "$@"
  for _ in $(seq 1 100); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
      if ! redis-cli -p "$port" CONFIG GET dir | grep -qx "$(cd "$dir" && pwd -P)"; then
        echo "port $port answers, but not with the Redis started in $dir"; return 1
      fi
      REDIS_PORT=$port; REDIS_DIR=$dir
      return 0
    fi
    sleep 0.1
  done
  echo "could not start redis-server on port $port:"; cat "$dir/redis.log"; return 1
}

# stop_redis: stops the Redis that start_redis started (by its pid).
stop_redis() {
  [ -n "${REDIS_DIR:-}" ] && [ -f "$REDIS_DIR/redis.pid" ] || return 0
  local pid; pid=$(cat "$REDIS_DIR/redis.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$REDIS_DIR/redis.pid"
}

# Worker pids to stop at the end (by pid only).
CLUSTER_PIDS=()
cluster_cleanup() {
  for p in "${CLUSTER_PIDS[@]}"; do kill -CONT "$p" 2>/dev/null || true; kill -KILL "$p" 2>/dev/null || true; done
  stop_redis
}

rcli() { redis-cli -p "$REDIS_PORT" "$@"; }

# wait_for TIMEOUT_S CMD...: polls CMD until it succeeds.
wait_for() {
  local limit=$1; shift
  local end=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.5
  done
}

# same_merged STORE_A STORE_B: the merged events of two stores are the same
# (every field but ids and storage times; NumArticles, NumMentions included).
same_merged() {
  "$PARLEY" export --store "$1" --format jsonl --status all >"$T/merged_a.jsonl"
  "$PARLEY" export --store "$2" --format jsonl --status all >"$T/merged_b.jsonl"
  python3 - "$T/merged_a.jsonl" "$T/merged_b.jsonl" <<'PY'
import collections, json, sys
def load(path):
    c = collections.Counter()
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        for k in ("id", "first_seen", "last_seen", "row_id"):
            r.pop(k, None)
        # An undated event merges with nothing; its key names its own row id,
        # which depends on the order of writing.
        if str(r.get("merge_key", "")).startswith("undated|"):
            r["merge_key"] = "undated"
        c[json.dumps(r, sort_keys=True)] += 1
    return c
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    only_a, only_b = a - b, b - a
    print(f"merged events differ: {sum(a.values())} vs {sum(b.values())}; "
          f"{sum(only_a.values())} only in the first, {sum(only_b.values())} only in the second")
    for k in list(only_a)[:3]: print("  first only: ", k[:300])
    for k in list(only_b)[:3]: print("  second only:", k[:300])
    sys.exit(1)
n = sum(a.values())
arts = sum(json.loads(k)["num_articles"] for k in a.elements())
print(f"merged events equal: {n} merged events, {arts} article reports")
PY
}
