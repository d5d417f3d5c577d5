#!/usr/bin/env bash
# The store end to end: code --store, re-coding leaves one copy, ten outlets
# reporting the same article merge into one event each with NumArticles 10,
# the GDELT export has 61 columns, ingest reads back what code wrote; only
# what happened is exported by default (the reference article's failed
# ceasefire is not), an undated article's events carry no date (never the
# day they were stored), and query/export never create a store.
set -euo pipefail
T="$TMPROOT/store"; rm -rf "$T"; mkdir -p "$T"
article="$SRC/examples/istanbul-talks/article.txt"
db="$T/one.db"

"$PARLEY" code "$article" --date 2025-05-17 --store "$db" >"$T/out1.jsonl"
"$PARLEY" code "$article" --date 2025-05-17 --store "$db" >/dev/null
n_events=$(python3 -c "import json,sys; print(len(json.loads(open(sys.argv[1]).read())['events']))" "$T/out1.jsonl")
n_raw=$("$PARLEY" export --store "$db" --format jsonl --raw --include-unrealised | wc -l)
[ "$n_raw" -eq "$n_events" ] || { echo "coding twice: $n_raw stored events, expected $n_events"; exit 1; }
# By default only what occurred: the article's events minus the negated or unrealised ones.
n_occ=$(python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).read()); print(sum(1 for e in d['events'] if e['status']=='occurred' and not e['negated']))" "$T/out1.jsonl")
n_def=$("$PARLEY" export --store "$db" --format jsonl --raw | wc -l)
[ "$n_def" -eq "$n_occ" ] || { echo "default export: $n_def events, expected the $n_occ that occurred"; exit 1; }
# "failed to produce a ceasefire agreement": stored, but never as an occurred 0871.
n_cease=$("$PARLEY" export --store "$db" --format csv --cameo 0871 | tail -n +2 | wc -l)
[ "$n_cease" -eq 0 ] || { echo "the failed ceasefire is exported as occurred"; exit 1; }
n_cease_all=$("$PARLEY" export --store "$db" --format csv --cameo 0871 --status negated | tail -n +2 | wc -l)
[ "$n_cease_all" -ge 1 ] || { echo "the failed ceasefire is not stored as negated"; exit 1; }

# Ten copies with different ids and outlets.
python3 - "$article" "$T/ten.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w") as f:
    for i in range(10):
        f.write(json.dumps({"id": f"copy-{i}", "text": text, "publish_date": "2025-05-17",
                            "source": f"outlet-{i}", "url": f"https://example.org/{i}"}) + "\n")
PY
"$PARLEY" code "$T/ten.jsonl" --store "$T/ten.db" >/dev/null
"$PARLEY" export --store "$T/ten.db" --format jsonl >"$T/merged.jsonl"
python3 - "$T/merged.jsonl" "$n_events" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows, "no merged events"
bad = [r for r in rows if r["num_articles"] != 10 or r["num_sources"] != 10]
assert not bad, f"merged events without 10 articles/sources: {bad[:2]}"
print(f"store.sh: {len(rows)} merged events, each from 10 articles and 10 outlets")
PY

# GDELT export: 61 tab-separated columns, codes and Goldstein from the codebook.
"$PARLEY" export --store "$T/ten.db" --format gdelt >"$T/gdelt.tsv"
awk -F'\t' 'NF != 61 { print "row " NR " has " NF " columns"; bad = 1 } END { exit bad }' "$T/gdelt.tsv"
awk -F'\t' '$27 == "111" && $31 != "-2" { print "111 with Goldstein " $31; bad = 1 } END { exit bad }' "$T/gdelt.tsv"

# ingest reads back the JSON Lines that code wrote.
"$PARLEY" ingest "$T/out1.jsonl" --store "$T/ingested.db"
n_ing=$("$PARLEY" export --store "$T/ingested.db" --format jsonl --raw --include-unrealised | wc -l)
[ "$n_ing" -eq "$n_events" ] || { echo "ingest stored $n_ing events, expected $n_events"; exit 1; }
# "X could / plans to / did not / did do Y", coded for real: one occurred
# event, exported once, merged with none of the others.
python3 - "$T/cjp.jsonl" <<'PY'
import json, sys
texts = {"could": "China could impose sanctions on Japan, officials said on Monday.",
         "plans": "China plans to impose sanctions on Japan, officials said on Monday.",
         "did-not": "China did not impose sanctions on Japan on Monday.",
         "did": "China imposed sanctions on Japan on Monday.",
         "no-attack": "Russia did not attack Ukraine on Monday.",
         "attack": "Russia attacked Ukraine on Monday."}
with open(sys.argv[1], "w") as f:
    for i, (k, t) in enumerate(texts.items()):
        f.write(json.dumps({"id": k, "text": t, "publish_date": "2025-03-04", "source": f"outlet-{i}"}) + "\n")
PY
"$PARLEY" code "$T/cjp.jsonl" --store "$T/cjp.db" >/dev/null
"$PARLEY" export --store "$T/cjp.db" --format gdelt --actor CHN >"$T/cjp.tsv"
[ "$(wc -l <"$T/cjp.tsv")" -eq 1 ] || { echo "China/Japan: expected one occurred event:"; cat "$T/cjp.tsv"; exit 1; }
awk -F'\t' '$27 != "163" || $34 != "1" { print "China/Japan: " $27 " with NumArticles " $34; bad = 1 } END { exit bad }' "$T/cjp.tsv"
"$PARLEY" export --store "$T/cjp.db" --format gdelt --actor RUS --root 19 >"$T/ru.tsv"
[ "$(wc -l <"$T/ru.tsv")" -eq 1 ] || { echo "Russia/Ukraine: expected one occurred attack"; cat "$T/ru.tsv"; exit 1; }
awk -F'\t' '$34 != "1" { print "the attack merged with the one that did not happen"; bad = 1 } END { exit bad }' "$T/ru.tsv"
n_all=$("$PARLEY" export --store "$T/cjp.db" --format csv --actor CHN --include-unrealised | tail -n +2 | wc -l)
[ "$n_all" -eq 4 ] || { echo "China/Japan: $n_all merged events of every outcome, expected 4"; exit 1; }

# No publish date, no --date: no event is stored on the day of the run.
"$PARLEY" code "$article" --store "$T/nodate.db" >/dev/null 2>"$T/nodate.err"
grep -q '^parley: warning: .* no date' "$T/nodate.err" || { echo "no warning about undated events"; cat "$T/nodate.err"; exit 1; }
today=$(date -u +%Y-%m-%d)
"$PARLEY" export --store "$T/nodate.db" --format csv --raw --include-unrealised >"$T/nodate.csv"
if grep -q "$today" <(cut -d, -f4,5 "$T/nodate.csv"); then echo "an event carries the ingest day $today"; exit 1; fi

# query and export on a store that does not exist: exit 2, nothing created.
for cmd in query export; do
  rc=0
  "$PARLEY" $cmd --store "$T/typo.db" --format jsonl >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq 2 ] || { echo "$cmd on a missing store exited $rc, expected 2"; exit 1; }
  [ ! -e "$T/typo.db" ] || { echo "$cmd created $T/typo.db"; exit 1; }
done
echo "store.sh: all passed"
