#!/usr/bin/env bash
# Accuracy regression test: codes ../shared/eval/dev.jsonl,
# dev_cameo_manual.jsonl, ../shared/examples and ../shared/eval/articles,
# scores them with the shared scorers and fails when any figure drops below
# tests/accuracy_floors.json. Articles scores have two tiers: f1 (keys) and
# span_f1 (the event found in the sentence that reports it). The
# eval/articles floor holds for the articles listed in
# tests/data/eval_articles_ids.txt; articles added to that folder later are
# left out with --exclude, so that they cannot fail this test on unchanged
# code.
set -euo pipefail
if [ ! -d "$SHARED/eval" ]; then echo "skip: $SHARED/eval is absent (needs ../shared beside the repo)"; exit 77; fi
tmp="$TMPROOT/accuracy"; rm -rf "$tmp"; mkdir -p "$tmp"
python3 "$SHARED/eval/articles_to_jsonl.py" "$tmp/ex.in.jsonl" "$SHARED/examples" >/dev/null
python3 "$SHARED/eval/articles_to_jsonl.py" "$tmp/ref.in.jsonl" "$SHARED/examples/istanbul-talks" >/dev/null
python3 "$SHARED/eval/articles_to_jsonl.py" "$tmp/ea.in.jsonl" "$SHARED/eval/articles" >/dev/null
new=$(ls "$SHARED/eval/articles" | { grep -vxF -f "$SRC/tests/data/eval_articles_ids.txt" || true; } | paste -sd, - || true)
"$PARLEY" code -q "$SHARED/eval/dev.jsonl" >"$tmp/dev.jsonl" || true
"$PARLEY" code -q "$SHARED/eval/dev_cameo_manual.jsonl" >"$tmp/man.jsonl" || true
"$PARLEY" code -q "$tmp/ex.in.jsonl" >"$tmp/ex.jsonl" || true
"$PARLEY" code -q "$tmp/ref.in.jsonl" >"$tmp/ref.jsonl" || true
"$PARLEY" code -q "$tmp/ea.in.jsonl" >"$tmp/ea.jsonl" || true
python3 "$SHARED/eval/score_sentences.py" "$SHARED/eval/dev.jsonl" "$tmp/dev.jsonl" --json | tail -n 1 >"$tmp/dev.score"
python3 "$SHARED/eval/score_sentences.py" "$SHARED/eval/dev_cameo_manual.jsonl" "$tmp/man.jsonl" --json | tail -n 1 >"$tmp/man.score"
python3 "$SHARED/eval/score_article.py" "$SHARED/examples" "$tmp/ex.jsonl" --json | tail -n 1 >"$tmp/ex.score"
python3 "$SHARED/eval/score_article.py" "$SHARED/examples" "$tmp/ex.jsonl" --exclude istanbul-talks --json | tail -n 1 >"$tmp/other.score"
python3 "$SHARED/eval/score_article.py" "$SHARED/eval/articles" "$tmp/ea.jsonl" ${new:+--exclude "$new"} --json | tail -n 1 >"$tmp/ea.score"
python3 "$SHARED/eval/score_article.py" "$SHARED/examples/istanbul-talks/expected.json" "$tmp/ref.jsonl" --json | tail -n 1 >"$tmp/ref.score"
python3 - "$SRC/tests/accuracy_floors.json" "$tmp" <<'PY'
import json, sys
floors = json.load(open(sys.argv[1])); d = sys.argv[2]
got = {
    "dev": {k: v["f1"] for k, v in json.load(open(d + "/dev.score"))["tiers"].items()},
    "dev_cameo_manual": {k: v["f1"] for k, v in json.load(open(d + "/man.score"))["tiers"].items()},
}
for name, f in (("examples", "ex"), ("examples_other", "other"), ("reference", "ref"), ("eval_articles", "ea")):
    s = json.load(open(f"{d}/{f}.score"))
    got[name] = {"f1": s["events"]["f1"], "span_f1": (s.get("span_events") or {}).get("f1"),
                 **{k: s[k] for k in ("persons", "quotes", "counts")}}
bad = 0
for group, tiers in floors.items():
    if group.startswith("_"):
        continue
    for tier, floor in tiers.items():
        value = got[group][tier]
        ok = value is not None and value + 1e-9 >= floor
        print(f"{'ok  ' if ok else 'FAIL'} {group:17s} {tier:13s} {value:.3f} (floor {floor:.3f})")
        bad += not ok
sys.exit(1 if bad else 0)
PY
