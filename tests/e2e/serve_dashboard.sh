#!/usr/bin/env bash
# The dashboard in a real browser: Debian's Chromium, headless, driven by
# npm playwright-core (web/e2e/dashboard.test.mjs), against `parley serve`
# on a loopback port over a store filled here from ../shared/examples and
# ../shared/eval/articles. The dashboard is built into the scratch folder
# first. Screenshots of each view: $TMPROOT/serve_dashboard/artifacts/.
# Skipped (exit 77, with the reason) without ../shared, node, the npm
# packages (scripts/setup.sh installs them) or /usr/bin/chromium.
set -euo pipefail
T="$TMPROOT/serve_dashboard"; rm -rf "$T"; mkdir -p "$T"
skip() { echo "serve_dashboard.sh: skipped: $*"; exit 77; }
[ -d "$SHARED/eval/articles" ] && [ -d "$SHARED/examples" ] || skip "$SHARED/examples or eval/articles is missing"
command -v node >/dev/null || skip "node is missing (apt-get install nodejs npm)"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || skip "$CHROMIUM is missing (apt-get install chromium; scripts/test.sh does)"
[ -d "$SRC/web/node_modules/playwright-core" ] && [ -d "$SRC/web/node_modules/vite" ] ||
  skip "npm packages missing (cd web && npm ci; scripts/setup.sh does)"

(cd "$SRC/web" && PARLEY_WEB_OUT="$T/web" node node_modules/vite/bin/vite.js build --logLevel warn)
python3 "$SHARED/eval/articles_to_jsonl.py" "$T/examples.jsonl" "$SHARED/examples" >/dev/null
python3 "$SHARED/eval/articles_to_jsonl.py" "$T/articles.jsonl" "$SHARED/eval/articles" >/dev/null
"$PARLEY" code -q "$T/examples.jsonl" --store "$T/s.db" >/dev/null
"$PARLEY" code -q "$T/articles.jsonl" --out "$T/articles.out.jsonl"
"$PARLEY" ingest "$T/articles.out.jsonl" --store "$T/s.db"

"$PARLEY" serve --store "$T/s.db" --port 0 --web "$T/web" 2>"$T/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
base=
for _ in $(seq 1 600); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$T/server.log" | head -1 || true)
  [ -n "$base" ] && break
  kill -0 $pid 2>/dev/null || { cat "$T/server.log"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "server did not start"; cat "$T/server.log"; exit 1; }

(cd "$SRC/web" && BASE="$base" ARTIFACTS="$T/artifacts" CHROMIUM="$CHROMIUM" \
  ARTICLE="$SRC/examples/istanbul-talks/article.txt" node e2e/dashboard.test.mjs)
kill -TERM $pid
wait $pid
trap - EXIT
echo "serve_dashboard.sh: screenshots in $T/artifacts"
