#!/usr/bin/env bash
# The fault test: three workers code >= 10,000 articles of ../shared/corpus
# into one PostgreSQL store while one is SIGKILLed midway, another is
# SIGSTOPped past the claim timeout and resumed, Redis (append-only,
# fsync always) is restarted once and every store connection is cut once.
# At the end every article is in the store exactly once and the merged
# events equal a single-process run.
# Prints the figures: submitted, stored, duplicated, lost, dead-lettered,
# and how long the killed worker's entries took to be claimed.
# Its Redis has a password of the run's own (see the restart below).
# Stress knobs: PARLEY_FAULT_CLAIM (claim timeout, s), PARLEY_FAULT_RESTARTS,
# PARLEY_FAULT_CUTS (how many Redis restarts and store cuts), PARLEY_FAULT_ARTICLES.
set -euo pipefail
. "$SRC/tests/cluster/lib.bash"
cluster_require
# Another run of this test (another build tree on the same machine) scans
# for a free port from the same base: a random start makes a clash rare, and
# the password below makes a clash harmless.
REDIS_BASE=$((56479 + RANDOM % 64))
if [ ! -f "$SHARED/corpus/reuters21578.jsonl" ]; then
  echo "SKIP: $SHARED/corpus not found (the fault test codes the shared corpus)"; exit 77
fi
cluster_need_postgres "$@"
T="$TMPROOT/cluster_fault"; rm -rf "$T"; mkdir -p "$T"
trap cluster_cleanup EXIT
N=${PARLEY_FAULT_ARTICLES:-10000}
CLAIM=${PARLEY_FAULT_CLAIM:-3}   # seconds (lower it to provoke more claims)

head -n "$N" "$SHARED/corpus/reuters21578.jsonl" >"$T/input.jsonl"
[ "$N" -gt 442 ] && head -n $((N - 442)) "$SHARED/corpus/reuters21578.jsonl" >"$T/input.jsonl" &&
  cat "$SHARED/corpus/news5w1h.jsonl" >>"$T/input.jsonl"
submitted=$(wc -l <"$T/input.jsonl")

STORE=$(new_database parley_fault)
REF=$(new_database parley_fault_ref)
t0=$SECONDS
"$PARLEY" code -q "$T/input.jsonl" --store "$REF" >/dev/null || true
echo "cluster_fault.sh: single-process reference run: $((SECONDS - t0)) s"

# The Redis restart below leaves its port free for a second or more; another
# run of this test that starts its Redis then takes that port, and the
# workers and the submitter, reconnecting to HOST:PORT, would work for the
# other run: take its entries, store them in this run's store, acknowledge
# and delete them in the other run's stream (the other run then misses whole
# batches). A password of this run's own makes every other server refuse them.
token=$(python3 -c "import secrets; print(secrets.token_hex(12))")
export REDISCLI_AUTH=$token   # redis-cli (start_redis, rcli) authenticates with it
redis_args=(--appendonly yes --appendfsync always --requirepass "$token")
start_redis "$T/redis" "${redis_args[@]}"
Q="redis://:$token@127.0.0.1:$REDIS_PORT/corpus"
"$PARLEY" submit -q --queue "$Q" --max-len 4000 "$T/input.jsonl" &
submit_pid=$!
CLUSTER_PIDS+=("$submit_pid")

declare -A W
for i in 1 2 3; do
  "$PARLEY" worker --queue "$Q" --store "$STORE" --consumer "w$i" --batch 32 --claim-timeout $CLAIM \
    2>"$T/w$i.log" &
  W[$i]=$!
  CLUSTER_PIDS+=("${W[$i]}")
done
stored() { psql -tA "$STORE" -c "SELECT COUNT(*) FROM articles" 2>/dev/null || echo 0; }
at_least() { [ "$(stored)" -ge "$1" ]; }

# SIGKILL w1 a quarter of the way in, and time how long its entries stay pending.
wait_for 600 at_least $((submitted / 4)) || { echo "no progress"; tail "$T"/w*.log; exit 1; }
kill -KILL "${W[1]}"
kill_ms=$(date +%s%3N)
held=$(rcli XPENDING corpus parley - + 1000 w1 | grep -c '^[0-9]*-[0-9]*$' || true)
w1_clear() { [ "$(rcli XPENDING corpus parley - + 1000 w1 | grep -c "^[0-9]*-[0-9]*$" || true)" -eq 0 ]; }
wait_for 120 w1_clear || { echo "w1's entries were never claimed"; exit 1; }
reclaim_ms=$(( $(date +%s%3N) - kill_ms ))
echo "cluster_fault.sh: w1 killed holding $held entries; claimed by others after $reclaim_ms ms (claim timeout ${CLAIM}s)"

# SIGSTOP w2 past the claim timeout, then resume it.
wait_for 600 at_least $((submitted / 2)) || { echo "no progress after the kill"; exit 1; }
kill -STOP "${W[2]}"
sleep $((CLAIM * 2 + 2))
kill -CONT "${W[2]}"
echo "cluster_fault.sh: w2 stopped for $((CLAIM * 2 + 2)) s and resumed"

# Restart Redis once (its append-only file keeps the stream and the group).
wait_for 600 at_least $((submitted * 2 / 3)) || { echo "no progress after the stop"; exit 1; }
saved_port=$REDIS_PORT
# PARLEY_FAULT_RESTARTS=N restarts it N times (a second or two apart).
for r in $(seq 1 "${PARLEY_FAULT_RESTARTS:-1}"); do
  if [ "$r" -gt 1 ]; then sleep 1.$((RANDOM % 10)); fi
  stop_redis
  sleep 1
  REDIS_PORT=$saved_port start_redis "$T/redis" "${redis_args[@]}"
done
echo "cluster_fault.sh: redis restarted at $(stored) articles stored"

# Cut every store connection of the workers (what a PostgreSQL restart or a
# network cut does to them): they reconnect and write their batches again.
wait_for 600 at_least $((submitted * 3 / 4)) || { echo "no progress after the redis restart"; exit 1; }
# PARLEY_FAULT_CUTS=N cuts them N times, a fraction of a second apart, to
# land cuts inside more of the workers' store transactions.
cut=0
for _ in $(seq 1 "${PARLEY_FAULT_CUTS:-1}"); do
  c=$(psql -tA "$PARLEY_TEST_PG" -c "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE datname = 'parley_fault' AND pid <> pg_backend_pid()")
  cut=$((cut + c))
  if [ "${PARLEY_FAULT_CUTS:-1}" -gt 1 ]; then sleep 0.$((RANDOM % 5 + 1)); fi
done
echo "cluster_fault.sh: cut $cut store connections at $(stored) articles stored"

wait "$submit_pid" || { echo "submit failed"; exit 1; }
drained() { [ "$(rcli XLEN corpus)" -eq 0 ] && [ "$(rcli XPENDING corpus parley | head -1)" -eq 0 ]; }
wait_for 900 drained || { echo "the queue never drained"; rcli XINFO GROUPS corpus; tail -3 "$T"/w*.log; exit 1; }
for i in 2 3; do kill -TERM "${W[$i]}"; done
for i in 2 3; do wait "${W[$i]}" || { echo "w$i exit $?"; exit 1; }; done

IFS='|' read -r n_stored n_distinct < <(psql -tA "$STORE" -c "SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM articles")
n_ref=$(psql -tA "$REF" -c "SELECT COUNT(*) FROM articles")
dead=$(rcli XLEN corpus:dead)
errors=$(psql -tA "$STORE" -c "SELECT COUNT(*) FROM work_errors")
distinct_in=$(python3 -c "import json,sys; print(len({json.loads(l)['id'] for l in open(sys.argv[1])}))" "$T/input.jsonl")
duplicated=$((n_stored - n_distinct))
lost=$((distinct_in - n_distinct - errors))
redelivered=$(cat "$T"/w*.log | python3 -c "
import json, sys
print(sum(json.loads(l).get('redelivered', 0) for l in sys.stdin if l.startswith('{')))")
echo "cluster_fault.sh: submitted $submitted, stored $n_stored (reference $n_ref), duplicated $duplicated," \
     "lost $lost, dead-lettered $dead (error rows $errors), entries delivered again $redelivered," \
     "reclaim ${reclaim_ms} ms"
if [ "$lost" -ne 0 ]; then
  # Say which articles are missing and what Redis's append-only file says
  # happened to their entries (who got them, whether they were acknowledged),
  # and what the workers said besides their batches.
  psql -tA "$STORE" -c "SELECT doc_id FROM articles" | LC_ALL=C sort >"$T/stored_ids"
  python3 -c "import json,sys; print('\n'.join(sorted({json.loads(l)['id'] for l in open(sys.argv[1])})))" \
    "$T/input.jsonl" | comm -23 - "$T/stored_ids" >"$T/missing_ids"
  echo "missing (first 12 of $(wc -l <"$T/missing_ids")):"
  python3 "$SRC/tests/cluster/aof_trace.py" "$T/redis/appendonlydir" corpus $(head -12 "$T/missing_ids") || true
  grep -hv '"event":"batch"' "$T"/w*.log | cut -c1-300 || true
fi
[ "$duplicated" -eq 0 ] && [ "$lost" -eq 0 ] || { echo "articles duplicated or lost"; exit 1; }
[ "$n_stored" -eq "$n_ref" ] || { echo "stored $n_stored, the single-process run stored $n_ref"; exit 1; }
[ "$dead" -eq "$errors" ] || { echo "$dead dead letters but $errors error rows"; exit 1; }
same_merged "$STORE" "$REF"
