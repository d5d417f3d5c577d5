#!/usr/bin/env bash
# The cluster end to end on one machine (Redis and PostgreSQL on loopback):
# submit waits at --max-len (back-pressure) and never trims; three workers
# sharing one store write every good article exactly once and merged events
# equal to a single `parley code --store` run; articles that cannot be read
# or coded become error rows and dead letters; submitting everything again
# changes nothing; an entry delivered too often is dead-lettered; SIGTERM
# finishes the batch in hand; status and /metrics answer.
set -euo pipefail
. "$SRC/tests/cluster/lib.bash"
cluster_require
cluster_need_postgres "$@"
T="$TMPROOT/cluster"; rm -rf "$T"; mkdir -p "$T"
trap cluster_cleanup EXIT
start_redis "$T/redis"
Q="redis://127.0.0.1:$REDIS_PORT/articles"
STORE=$(new_database parley_cluster_e2e)
REF=$(new_database parley_cluster_e2e_ref)

# Twenty reports of one story (one merge group, written by different
# workers at once), the reference article, and the bad-input corpus.
article="$SRC/examples/istanbul-talks/article.txt"
python3 - "$article" "$T/copies.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w") as f:
    for i in range(20):
        f.write(json.dumps({"id": f"copy-{i}", "text": text, "publish_date": "2025-05-17",
                            "source": f"outlet-{i % 7}", "url": f"https://example.org/{i}"}) + "\n")
PY
inputs=("$T/copies.jsonl" "$SRC/tests/data/bad" "$T/no-such-article.txt")
"$PARLEY" code -q "${inputs[@]}" --date 2025-05-17 --store "$REF" >"$T/ref.jsonl" || true
n_all=$(wc -l <"$T/ref.jsonl")
n_bad=$(python3 -c "import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l).get('error')))" "$T/ref.jsonl")
n_good=$((n_all - n_bad))
[ "$n_bad" -gt 0 ] || { echo "the bad-input corpus gave no errors"; exit 1; }

# Back-pressure: with no worker, submit stops at 5 entries and waits.
"$PARLEY" submit --queue "$Q" --max-len 5 --date 2025-05-17 "${inputs[@]}" 2>"$T/submit.log" &
submit_pid=$!
CLUSTER_PIDS+=("$submit_pid")
sleep 2
len=$(rcli XLEN articles)
[ "$len" -eq 5 ] || { echo "back-pressure: stream holds $len entries, expected 5"; exit 1; }
kill -0 "$submit_pid" || { echo "submit did not wait"; exit 1; }

# Three workers; w1 serves /metrics and runs until SIGTERM.
for i in 1 2 3; do
  extra=(--exit-when-idle 4)
  [ $i = 1 ] && extra=(--metrics 127.0.0.1:0)
  "$PARLEY" worker --queue "$Q" --store "$STORE" --consumer "w$i" --batch 3 --threads 2 \
    --claim-timeout 1 "${extra[@]}" 2>"$T/w$i.log" &
  CLUSTER_PIDS+=("$!")
done
w1=${CLUSTER_PIDS[1]}
# /metrics while the workers run.
port=$(python3 - "$T/w1.log" <<'PY'
import json, sys, time
for _ in range(600):
    for line in open(sys.argv[1]):
        try: r = json.loads(line)
        except ValueError: continue
        if r.get("event") == "start" and "metrics_port" in r:
            print(r["metrics_port"]); sys.exit(0)
    time.sleep(0.1)
sys.exit("no metrics port in the log")
PY
)
python3 - "$port" <<'PY'
import sys, urllib.request
body = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=5).read().decode()
assert "# TYPE parley_worker_articles_total counter" in body, body[:500]
assert 'parley_worker_up{consumer="w1"} 1' in body, body[:500]
PY
wait "$submit_pid" && submit_rc=0 || submit_rc=$?
[ "$submit_rc" -eq 1 ] || { echo "submit exit $submit_rc, expected 1 (unreadable inputs)"; cat "$T/submit.log"; exit 1; }

for p in "${CLUSTER_PIDS[@]:2}"; do wait "$p"; done
drained() { [ "$(rcli XLEN articles)" -eq 0 ] && [ "$(rcli XPENDING articles parley | head -1)" -eq 0 ]; }
wait_for 120 drained || { echo "the queue never drained"; exit 1; }
kill -TERM "$w1"
wait "$w1" || { echo "w1 exit $? after SIGTERM"; exit 1; }

check_counts() {
  psql -tA "$STORE" -c "SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM articles" >"$T/counts"
  IFS='|' read -r stored distinct <"$T/counts"
  errors=$(psql -tA "$STORE" -c "SELECT COUNT(*) FROM work_errors")
  dead=$(rcli XLEN articles:dead)
  [ "$stored" -eq "$n_good" ] && [ "$distinct" -eq "$n_good" ] ||
    { echo "$1: $stored articles stored ($distinct distinct), expected $n_good"; exit 1; }
  [ "$errors" -eq "$n_bad" ] || { echo "$1: $errors error rows, expected $n_bad"; exit 1; }
  [ "$dead" -eq "$n_bad" ] || { echo "$1: $dead dead letters, expected $n_bad"; exit 1; }
  [ "$(rcli XLEN articles)" -eq 0 ] || { echo "$1: entries left in the stream"; exit 1; }
  [ "$(rcli XPENDING articles parley | head -1)" -eq 0 ] || { echo "$1: entries left pending"; exit 1; }
}
check_counts "first run"
same_merged "$STORE" "$REF"
grep -q '"event":"batch"' "$T/w2.log" || { echo "no batch log line"; cat "$T/w2.log"; exit 1; }
python3 -c "
import json, sys
for f in sys.argv[1:]:
    for line in open(f): json.loads(line)
" "$T"/w?.log
# A dead letter carries the article and its error.
rcli --no-raw XRANGE articles:dead - + COUNT 1 | grep -q '"error"' || { echo "dead letter without error"; exit 1; }

# Everything again: nothing changes (idempotent ingest, error rows by entry).
"$PARLEY" submit -q --queue "$Q" --date 2025-05-17 "${inputs[@]}" || true
"$PARLEY" worker --queue "$Q" --store "$STORE" --consumer w4 --batch 7 --exit-when-idle 2 2>"$T/w4.log"
n_bad=$((n_bad * 2))  # a second copy of each bad entry: new entry ids, new error rows and dead letters
check_counts "second run"
same_merged "$STORE" "$REF"

# An entry already delivered 7 times goes to the dead letters, uncoded.
id=$(rcli XADD articles '*' id poison text "Turkey hosted talks." date 2025-05-17)
rcli XREADGROUP GROUP parley ghost COUNT 10 STREAMS articles '>' >/dev/null
for _ in 1 2 3 4 5 6; do rcli XCLAIM articles parley ghost 0 "$id" >/dev/null; done
sleep 1.2
"$PARLEY" worker --queue "$Q" --store "$STORE" --consumer w5 --claim-timeout 1 --max-deliveries 5 --exit-when-idle 3 2>"$T/w5.log"
rcli --no-raw XREVRANGE articles:dead + - COUNT 1 | grep -q "more than --max-deliveries 5" ||
  { echo "poison entry not dead-lettered"; rcli XREVRANGE articles:dead + - COUNT 1; cat "$T/w5.log"; exit 1; }
[ "$(psql -tA "$STORE" -c "SELECT COUNT(*) FROM articles WHERE doc_id = 'poison'")" -eq 0 ] ||
  { echo "poison entry was stored"; exit 1; }

# SIGTERM: the worker finishes its batch, acknowledges it and exits 0.
"$PARLEY" submit -q --queue "$Q" "$T/copies.jsonl"
"$PARLEY" worker --queue "$Q" --store "$STORE" --consumer w6 --batch 20 --threads 1 2>"$T/w6.log" &
w6=$!
CLUSTER_PIDS+=("$w6")
wait_for 30 grep -q '"event":"start"' "$T/w6.log"
sleep 0.3
kill -TERM "$w6"
wait "$w6" || { echo "worker exit $? after SIGTERM"; cat "$T/w6.log"; exit 1; }
pending=$(rcli XPENDING articles parley - + 100 w6 | grep -c "^[0-9]*-[0-9]*$" || true)
[ "$pending" -eq 0 ] || { echo "SIGTERM left $pending entries pending on w6"; exit 1; }
grep -q '"event":"stop"' "$T/w6.log" || { echo "no stop line"; exit 1; }

"$PARLEY" cluster status --queue "$Q" --store "$STORE" >"$T/status.txt"
grep -q "dead letters" "$T/status.txt" && grep -q "articles/s" "$T/status.txt" || { cat "$T/status.txt"; exit 1; }
"$PARLEY" cluster status --queue "$Q" --store "$STORE" --json | python3 -c "
import json, sys
s = json.load(sys.stdin)
assert s['articles'] >= $n_good and s['dead_letters'] >= 1 and 'last_minute' in s, s
print('cluster.sh: status', {k: s[k] for k in ('stream_length', 'pending', 'dead_letters', 'articles', 'events')})
"
echo "cluster.sh: $n_good articles stored once by 3 workers, $n_bad dead letters, merged events equal to one process"
