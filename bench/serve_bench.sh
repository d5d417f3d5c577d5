#!/usr/bin/env bash
# parley serve under load: builds a store of at least 100,000 merged events,
# then measures /api/events and /api/timeline with wrk on loopback (p50,
# p99, requests/s), the dashboard's first load in headless Chromium and the
# size of the built assets. Figures go to stdout; bench/README.md keeps them.
#
#   bench/serve_bench.sh [OUT_DIR]      (default build/serve-bench)
#
# The store: `parley code` over ../shared/corpus (about 8,000 events), then
# ingested COPIES times (default 15) under new doc_ids ("copyK/ID"), every
# date of copy K (publish dates and event dates) moved K x (span + 2) days
# later, where span is the corpus's range of days, so copies never merge
# with each other and each adds the corpus's merged events again.
# Needs: build/parley, wrk (Debian wrk), python3; node, web/node_modules and
# /usr/bin/chromium for the first-load figure (skipped otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/serve-bench}
COPIES=${COPIES:-15}
DURATION=${DURATION:-15s}
mkdir -p "$OUT"
PARLEY=build/parley
DB="$OUT/bench.db"

if ! [ -s "$OUT/coded.jsonl" ]; then
  $PARLEY code -q ../shared/corpus/news5w1h.jsonl ../shared/corpus/reuters21578.jsonl --out "$OUT/coded.jsonl" || true
fi
if ! [ -s "$DB" ]; then
  python3 - "$OUT/coded.jsonl" "$COPIES" <<'PY' | $PARLEY ingest - --store "$DB"
import datetime as dt, json, sys
src, copies = sys.argv[1], int(sys.argv[2])
docs = [json.loads(l) for l in open(src)]
def day(s):
    try: return dt.date.fromisoformat(s)
    except (TypeError, ValueError): return None
days = [d for doc in docs for d in [day(doc.get("publish_date"))] + [day(e.get("date")) for e in doc["events"]] if d]
span = (max(days) - min(days)).days + 2
def shift(s, k):
    if not s: return s
    n = dt.timedelta(days=k * span)
    if len(s) == 10: return (dt.date.fromisoformat(s) + n).isoformat()
    if len(s) == 7: return (dt.date.fromisoformat(s + "-01") + n).isoformat()[:7]
    return str(int(s) + (k * span) // 365)
for k in range(copies):
    for doc in docs:
        if doc.get("error"): continue
        d = dict(doc)
        d["doc_id"] = f"copy{k}/{doc['doc_id']}"
        d["publish_date"] = shift(doc.get("publish_date"), k)
        d["events"] = [dict(e, date=shift(e.get("date"), k)) for e in doc["events"]]
        sys.stdout.write(json.dumps(d) + "\n")
print(f"serve_bench: {copies} copies of {len(docs)} articles, dates {span} days apart per copy", file=sys.stderr)
PY
fi

"$PARLEY" serve --store "$DB" --port 0 --web "$OUT/web" 2>"$OUT/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
base=
for _ in $(seq 1 600); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$OUT/server.log" | head -1 || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { cat "$OUT/server.log"; exit 1; }
curl -s "$base/healthz"; echo
top=$(curl -s "$base/api/actors?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["actors"][0]["code"])')

run() {  # name path
  local r
  r=$(wrk -t2 -c8 -d"$DURATION" --latency "$base$2")
  echo "$r" >"$OUT/wrk-$1.txt"
  printf '%-28s p50 %-9s p99 %-9s %s req/s   (%s)\n' "$1" \
    "$(awk '$1=="50%"{print $2}' <<<"$r")" "$(awk '$1=="99%"{print $2}' <<<"$r")" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$r")" "$2"
}
echo "wrk -t2 -c8 -d$DURATION --latency (loopback, $(nproc) cores shared with the server)"
run events-page "/api/events?limit=50"
run events-deep-page "/api/events?limit=50&cursor=90000"
run events-actor-count "/api/events?limit=50&actor=$top&count=1"
run timeline "/api/timeline"
run timeline-week-actor "/api/timeline?interval=week&actor=$top"

# The dashboard: built assets and first load.
if [ -d web/node_modules/vite ]; then
  (cd web && PARLEY_WEB_OUT="$PWD/../$OUT/web" node node_modules/vite/bin/vite.js build --logLevel warn)
  echo "built assets: $(du -cb "$OUT"/web/assets/* | tail -1 | cut -f1) bytes, gzip -9: $(cat "$OUT"/web/assets/* | gzip -9 | wc -c) bytes"
  ls -l "$OUT"/web/assets | awk 'NR>1{print "  " $5 " " $9}'
  if [ -x /usr/bin/chromium ] && [ -d web/node_modules/playwright-core ]; then
    kill $pid; wait $pid || true
    "$PARLEY" serve --store "$DB" --port 0 --web "$OUT/web" 2>"$OUT/server.log" &
    pid=$!
    for _ in $(seq 1 600); do
      base=$(grep -o 'http://127.0.0.1:[0-9]*' "$OUT/server.log" | head -1 || true)
      [ -n "$base" ] && break
      sleep 0.1
    done
    (cd web && BASE="$base" node - <<'JS'
import('playwright-core').then(async ({ chromium }) => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  for (const view of ['map', 'timeline', 'network', 'table']) {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext();  // a cold cache each time
      const page = await ctx.newPage();
      const t0 = Date.now();
      await page.goto(`${process.env.BASE}/?view=${view}`);
      await page.waitForSelector('.summary[data-events], .summary[data-actors], .summary[data-total]');
      times.push(Date.now() - t0);
      await ctx.close();
    }
    times.sort((a, b) => a - b);
    console.log(`first load, ${view} view drawn: median ${times[1]} ms (${times.join(', ')})`);
  }
  await browser.close();
});
JS
    )
  fi
fi
