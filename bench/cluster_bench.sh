#!/usr/bin/env bash
# Cluster throughput: articles/s for 1, 2, 3 ... workers on this machine.
#
#   scripts/with_postgres.sh bash bench/cluster_bench.sh [ARTICLES] [WORKERS...]
#   (defaults: 6000 articles of ../shared/corpus/reuters21578.jsonl; 1 2 3 workers)
#
# For each worker count: a fresh database on $PARLEY_TEST_PG and a fresh
# Redis on a loopback port; the articles are submitted first, then the
# workers start (batch 64, one coding thread each) and the time runs from
# the first worker's "start" log line (dictionaries loaded, store open) to
# the last batch line. Redis, PostgreSQL and the workers share this
# machine's cores, so the figures show how far one machine goes, not how a
# cluster of machines scales.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-6000}; shift || true
COUNTS=("$@"); [ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1 2 3)
PARLEY=${PARLEY:-build/parley}
[ -n "${PARLEY_TEST_PG:-}" ] || { echo "run under scripts/with_postgres.sh" >&2; exit 2; }
T=$(mktemp -d /tmp/parley-cluster-bench.XXXXXX)
SRC=$PWD TMPROOT=$T
. tests/cluster/lib.bash
REDIS_BASE=56679
trap 'cluster_cleanup; rm -rf "$T"' EXIT
head -n "$N" ../shared/corpus/reuters21578.jsonl >"$T/input.jsonl"
mb=$(du -m "$T/input.jsonl" | cut -f1)
echo "articles: $N ($mb MB), cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for k in "${COUNTS[@]}"; do
  store=$(new_database parley_bench_$k)
  start_redis "$T/redis$k"
  q="redis://127.0.0.1:$REDIS_PORT/bench"
  "$PARLEY" submit -q --queue "$q" --max-len 1000000 "$T/input.jsonl"
  pids=()
  for i in $(seq 1 "$k"); do
    "$PARLEY" worker --queue "$q" --store "$store" --consumer "b$i" --batch 64 --exit-when-idle 3 2>"$T/k$k-w$i.log" &
    pids+=("$!"); CLUSTER_PIDS+=("$!")
  done
  for p in "${pids[@]}"; do wait "$p"; done
  stop_redis
  python3 - "$k" "$N" "$T"/k$k-w*.log <<'PY'
import json, sys
from datetime import datetime
k, n = int(sys.argv[1]), int(sys.argv[2])
starts, ends, done = [], [], 0
for path in sys.argv[3:]:
    for line in open(path):
        r = json.loads(line)
        t = datetime.strptime(r["time"], "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
        if r["event"] == "start": starts.append(t)
        if r["event"] == "batch": ends.append(t); done += r["entries"]
secs = max(ends) - min(starts)
print(f"workers {k}: {done} articles in {secs:.1f} s = {done / secs:.0f} articles/s")
PY
done
