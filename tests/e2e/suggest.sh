#!/usr/bin/env bash
# End-to-end test of `parley dict suggest` on the shared Giveme5W1H corpus:
# the records of the check sets are left out, candidates come most frequent
# first with two examples each, and the proposed rows are rows the loader
# accepts. Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -uo pipefail
: "${PARLEY:?}" "${SRC:?}" "${SHARED:?}" "${TMPROOT:?}"
corpus="$SHARED/corpus/news5w1h.jsonl"
if [ ! -f "$corpus" ] || [ ! -d "$SHARED/eval/articles" ] || [ ! -d "$SHARED/examples" ]; then
  echo "skip: $SHARED (corpus, eval/articles, examples) is not there"
  exit 77
fi
T="$TMPROOT/suggest"
rm -rf "$T" && mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

"$PARLEY" --data "$SRC/data" dict suggest "$corpus" --exclude-origins "$SHARED/eval/articles" \
  --exclude-origins "$SHARED/examples" --top 60 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 0 ] || fail "dict suggest exited $rc: $(head -3 "$T/err")"

# The records named by origin.id in the check sets are left out, and never quoted.
excluded=$(python3 - "$SHARED" <<'PY'
import glob, json, sys
ids = set()
for f in glob.glob(sys.argv[1] + "/eval/articles/*/expected.json") + glob.glob(sys.argv[1] + "/examples/*/expected.json"):
    i = (json.load(open(f)).get("origin") or {}).get("id")
    if i and i.startswith("5w1h-"): ids.add(i)
print("\n".join(sorted(ids)))
PY
)
n_excluded=$(grep -c . <<<"$excluded")
head -1 "$T/out" | grep -q "442 articles read, $n_excluded left out" || fail "header does not say 442 read, $n_excluded left out: $(head -1 "$T/out")"
while read -r id; do
  [ -z "$id" ] && continue
  grep -q "	e.g.	$id: " "$T/out" && fail "an example quotes the left-out record $id"
done <<<"$excluded"

# Candidates: most frequent first, each with a row and one or two examples.
python3 - "$T/out" <<'PY' || fail "candidate lines malformed"
import sys
lines = [l.rstrip("\n") for l in open(sys.argv[1]) if not l.startswith("#")]
cands, prev, examples = 0, None, 0
for l in lines:
    if l.startswith("\te.g.\t"):
        examples += 1
        continue
    count, kind, name, row = l.split("\t")
    assert kind in ("person", "subject", "organisation"), kind
    assert prev is None or int(count) <= prev, "not sorted"
    prev = int(count)
    assert row.split(": ", 1)[0] in ("people.tsv", "organisations.tsv"), row
    cands += 1
assert cands == 60, cands
assert examples >= cands, examples
kinds = {l.split("\t")[1] for l in lines if not l.startswith("\t")}
assert "person" in kinds and "organisation" in kinds, kinds
PY

# The proposed rows load: appended to a copy of the data, dict check finds no
# malformed row among them (an alias it shares is for the person to edit).
cp -r "$SRC/data" "$T/data"
python3 - "$T/out" "$T/data" <<'PY'
import sys
out, data = sys.argv[1], sys.argv[2]
for l in open(out):
    if l.startswith("#") or l.startswith("\t"): continue
    row = l.rstrip("\n").split("\t")[3]
    f, cols = row.split(": ", 1)
    with open(f"{data}/{f}", "a", encoding="utf-8") as o:
        o.write("\n" + "\t".join(c.strip() for c in cols.split(" | ")) + "\n")
PY
"$PARLEY" --data "$T/data" dict check >"$T/check" 2>&1
if grep -v "alias '" "$T/check" | grep -Eq '\.tsv:[0-9]+: '; then
  fail "proposed rows do not load: $(grep -v "alias '" "$T/check" | grep -E '\.tsv:[0-9]+: ' | head -3)"
fi

if [ "$fails" -gt 0 ]; then
  echo "$fails failure(s)" >&2
  exit 1
fi
echo "ok: dict suggest ($(grep -vc '^[#	]' "$T/out") candidates)"
