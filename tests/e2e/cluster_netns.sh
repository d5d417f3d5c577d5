#!/usr/bin/env bash
# Multi-host: two workers, each in a network namespace of its own joined to
# this host by a veth pair, reach Redis and PostgreSQL only over those links
# (the namespaces' own loopback has no server); they code the input into one
# store, exactly once, with merged events equal to a single-process run.
# This shows correctness across hosts, not speed. Needs root and `ip netns`;
# skips with a message otherwise.
set -euo pipefail
. "$SRC/tests/cluster/lib.bash"
cluster_require
REDIS_BASE=56579
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
  echo "SKIP: network namespaces need root and iproute2 (ip)"; exit 77
fi
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "SKIP: PostgreSQL server binaries not found in $PGBIN"; exit 77; }

T="$TMPROOT/cluster_netns"
if [ "${PARLEY_NETNS_PHASE:-1}" = 1 ]; then
  rm -rf "$T"; mkdir -p "$T"
  # Names of our own (interface names are at most 15 bytes).
  tag=$(printf '%04x' $(( $$ % 65536 )))
  NS=(pw1$tag pw2$tag)
  net=$(( ($$ % 200) + 20 ))
  cleanup_ns() {
    for i in 0 1; do
      ip netns del "${NS[$i]}" 2>/dev/null || true
      ip link del "ph$i$tag" 2>/dev/null || true
    done
  }
  trap cleanup_ns EXIT
  for i in 0 1; do
    if ! ip netns add "${NS[$i]}" 2>"$T/netns.err"; then
      echo "SKIP: cannot create a network namespace: $(cat "$T/netns.err")"; exit 77
    fi
    ip link add "ph$i$tag" type veth peer name "pn$i$tag"
    ip link set "pn$i$tag" netns "${NS[$i]}"
    ip addr add "10.$net.$((i + 1)).1/24" dev "ph$i$tag"
    ip link set "ph$i$tag" up
    ip -n "${NS[$i]}" addr add "10.$net.$((i + 1)).2/24" dev "pn$i$tag"
    ip -n "${NS[$i]}" link set "pn$i$tag" up
    ip -n "${NS[$i]}" link set lo up
  done
  # PostgreSQL listening on the host ends of the links too, trusting them
  # (an hba file of the test's own, readable by the postgres user).
  hba=$(mktemp -d /tmp/parley-netns-hba.XXXXXX)
  chmod 755 "$hba"
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all 10.%d.0.0/16 trust\n' "$net" >"$hba/hba.conf"
  chmod 644 "$hba/hba.conf"
  set +e
  PARLEY_NETNS_PHASE=2 NS0=${NS[0]} NS1=${NS[1]} NET=$net \
    PARLEY_PG_OPTS="-c listen_addresses=127.0.0.1,10.$net.1.1,10.$net.2.1 -c hba_file=$hba/hba.conf" \
    PARLEY_TEST_PG= bash "$SRC/scripts/with_postgres.sh" bash "$0"
  rc=$?
  set -e
  rm -rf "$hba"
  exit $rc
fi

# Phase 2: under our own PostgreSQL (PARLEY_TEST_PG), namespaces ready.
trap cluster_cleanup EXIT
pg_port=${PARLEY_TEST_PG##*:}; pg_port=${pg_port%%/*}
start_redis "$T/redis" --bind 127.0.0.1 "10.$NET.1.1" "10.$NET.2.1" --protected-mode no
STORE=$(new_database parley_netns)
REF=$(new_database parley_netns_ref)

if [ -f "$SHARED/corpus/news5w1h.jsonl" ]; then
  head -n 300 "$SHARED/corpus/news5w1h.jsonl" >"$T/input.jsonl"
else
  python3 - "$SRC/examples/istanbul-talks/article.txt" "$T/input.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w") as f:
    for i in range(40):
        f.write(json.dumps({"id": f"copy-{i}", "text": text, "publish_date": "2025-05-17", "source": f"o{i % 5}"}) + "\n")
PY
fi
"$PARLEY" code -q "$T/input.jsonl" --store "$REF" >/dev/null || true
"$PARLEY" submit -q --queue "redis://127.0.0.1:$REDIS_PORT/articles" "$T/input.jsonl"

# Inside a namespace the servers' loopback addresses lead nowhere.
if ip netns exec "$NS0" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  echo "namespace $NS0 reaches the host's loopback: not a separate host"; exit 1
fi
pids=()
for i in 0 1; do
  ns_var=NS$i
  host="10.$NET.$((i + 1)).1"
  ip netns exec "${!ns_var}" "$PARLEY" worker --queue "redis://$host:$REDIS_PORT/articles" \
    --store "postgresql://postgres@$host:$pg_port/parley_netns" --consumer "host$i" --batch 8 \
    --exit-when-idle 4 2>"$T/host$i.log" &
  pids+=("$!")
  CLUSTER_PIDS+=("$!")
done
for p in "${pids[@]}"; do wait "$p" || { echo "a namespaced worker failed"; cat "$T"/host*.log; exit 1; }; done
for i in 0 1; do
  grep -q '"event":"batch"' "$T/host$i.log" || { echo "worker host$i did no batch"; cat "$T/host$i.log"; exit 1; }
done
IFS='|' read -r n d < <(psql -tA "$STORE" -c "SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM articles")
n_ref=$(psql -tA "$REF" -c "SELECT COUNT(*) FROM articles")
[ "$n" -eq "$n_ref" ] && [ "$d" -eq "$n" ] || { echo "stored $n ($d distinct), reference $n_ref"; exit 1; }
same_merged "$STORE" "$REF"
echo "cluster_netns.sh: $n articles coded by workers in namespaces $NS0 and $NS1 over veth links, each once"
