#!/usr/bin/env bash
# End-to-end test of bad input: every input that cannot be coded still gets its
# own output line, with `error` set and a doc_id, in input order; good inputs
# around it are coded; the exit status is 1; stderr has one line per error.
# The corpus is tests/data/bad/ (see its README) plus articles over the 1 MiB
# limit made here at test time. Also checks stdin input (`-`).
# Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -euo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
T="$TMPROOT/bad_input"
rm -rf "$T" && mkdir -p "$T"
BAD="$SRC/tests/data/bad"
CHECK="$SRC/tests/e2e/check_output.py"
PARLEY=$(cd "$(dirname "$PARLEY")" && pwd)/$(basename "$PARLEY")  # we cd below

# Articles over and at the default limit of 1 MiB (1048576 bytes).
sentence='The foreign minister met the ambassador in the capital on Friday and both sides agreed to resume talks. '
python3 - "$T" "$sentence" <<'EOF'
import json, sys
t, s = sys.argv[1], sys.argv[2].encode()
limit = 1 << 20
def text(n):
    return (s * (n // len(s) + 1))[:n - 1].rstrip().ljust(n - 1, b"x") + b"."
open(f"{t}/huge.txt", "wb").write(text(limit + 1))        # one byte over
open(f"{t}/at_limit.txt", "wb").write(text(limit))        # exactly at the limit: coded
with open(f"{t}/huge.jsonl", "w") as f:
    f.write(json.dumps({"id": "huge-record", "text": text(3 * limit // 2).decode()}) + "\n")
    f.write(json.dumps({"id": "after-huge", "text": "Talks resumed on Monday."}) + "\n")
EOF
[ "$(stat -c %s "$T/huge.txt")" = 1048577 ] || { echo "FAIL: huge.txt is not 1 MiB + 1" >&2; exit 1; }
[ "$(stat -c %s "$T/at_limit.txt")" = 1048576 ] || { echo "FAIL: at_limit.txt is not 1 MiB" >&2; exit 1; }

cd "$BAD"  # relative names, so that ids of JSON records without one read "malformed.jsonl:N"
inputs=(invalid_utf8.txt binary.png nul_bytes.txt empty.txt whitespace.txt good.txt bom_crlf.txt
        "$T/missing.txt" "$T/huge.txt" "$T/at_limit.txt" malformed.jsonl "$T/huge.jsonl")
rc=0
"$PARLEY" code --date 2025-01-01 "${inputs[@]}" >"$T/out.jsonl" 2>"$T/err" || rc=$?
echo "parley code exited $rc; $(wc -l <"$T/out.jsonl") lines, $(wc -l <"$T/err") stderr lines"
[ "$rc" = 1 ] || { echo "FAIL: exit status $rc, expected 1" >&2; cat "$T/err" >&2; exit 1; }

# Contract shape, one line per input article, ids in order, spans of good ones.
python3 "$CHECK" "$T/out.jsonl" --inputs "${inputs[@]}"

# What each line must say: doc_id, then "ok" or a piece of the error message.
python3 - "$T/out.jsonl" "$T/err" "$T" <<'EOF'
import json, sys
out, err, t = sys.argv[1], sys.argv[2], sys.argv[3]
expected = [
    ("invalid_utf8", "UTF-8"),
    ("binary", ""),                      # any error
    ("nul_bytes", "binary"),
    ("empty", "empty"),
    ("whitespace", "empty"),
    ("good", None),
    ("bom_crlf", None),
    ("missing", ""),
    ("huge", "too large"),
    ("at_limit", None),
    # malformed.jsonl
    ("good-1", None),
    ("malformed.jsonl:2", "malformed JSON"),
    ("malformed.jsonl:3", "not an object"),
    ("no-text", "text"),
    ("null-text", "text"),
    ("number-text", "not a string"),
    ("malformed.jsonl:8", "malformed JSON"),   # lone surrogate escape
    ("malformed.jsonl:9", "malformed JSON"),   # raw invalid UTF-8 in a string
    ("nul-escape", "binary"),
    ("blank-text", "empty"),
    ("malformed.jsonl:12", "not an object"),
    ("good-2", None),
    ("malformed.jsonl:15", None),
    # huge.jsonl
    ("huge-record", "too large"),
    ("after-huge", None),
]
recs = [json.loads(l) for l in open(out, encoding="utf-8")]
errs = open(err, encoding="utf-8", errors="replace").read().splitlines()
problems = []
if len(recs) != len(expected):
    problems.append(f"{len(recs)} output lines, expected {len(expected)}")
for i, (r, (doc_id, want)) in enumerate(zip(recs, expected)):
    if r["doc_id"] != doc_id:
        problems.append(f"line {i + 1}: doc_id {r['doc_id']!r}, expected {doc_id!r}")
    if want is None:
        if r["error"] is not None:
            problems.append(f"line {i + 1} ({doc_id}): error {r['error']!r}, expected none")
        elif not r["sentences"]:
            problems.append(f"line {i + 1} ({doc_id}): coded but no sentences")
    else:
        if r["error"] is None:
            problems.append(f"line {i + 1} ({doc_id}): no error, expected one ({want!r})")
        elif want.lower() not in r["error"].lower():
            problems.append(f"line {i + 1} ({doc_id}): error {r['error']!r} lacks {want!r}")
    if doc_id in ("good-1",) and (r["title"], r["source"], r["publish_date"]) != ("Talks", "Test", "2025-05-17"):
        problems.append(f"good-1: metadata not echoed: {r['title']!r} {r['source']!r} {r['publish_date']!r}")
    if doc_id == "good-2" and r["publish_date"] != "1987-03-02":
        problems.append(f"good-2: the record's date should win over --date, got {r['publish_date']!r}")
    if doc_id == "good" and r["publish_date"] != "2025-01-01":
        problems.append(f"good: --date not applied, got {r['publish_date']!r}")
# stderr: one line per error, "parley: <doc_id>: <error>", in order.
failed = [r for r in recs if r["error"] is not None]
if len(errs) != len(failed):
    problems.append(f"{len(errs)} stderr lines for {len(failed)} errors:\n    " + "\n    ".join(errs))
for r, line in zip(failed, errs):
    if r["doc_id"] not in line or r["error"] not in line:
        problems.append(f"stderr line {line!r} does not name {r['doc_id']!r} and its error")
if problems:
    print("FAIL: bad input:", file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1)
print(f"bad inputs: {len(failed)} errors, {len(recs) - len(failed)} coded, as expected")
EOF

fail() { echo "FAIL: $*" >&2; exit 1; }

# --quiet: same output, no per-article stderr lines.
rc=0
"$PARLEY" code -q --date 2025-01-01 "${inputs[@]}" >"$T/quiet.jsonl" 2>"$T/quiet.err" || rc=$?
[ "$rc" = 1 ] || fail "--quiet run exited $rc"
cmp -s "$T/out.jsonl" "$T/quiet.jsonl" || fail "--quiet changed the output"
[ ! -s "$T/quiet.err" ] || fail "--quiet still wrote to stderr: $(head -3 "$T/quiet.err")"

# A directory of bad files: only *.txt, sorted, each with its line.
rc=0
"$PARLEY" code "$BAD" >"$T/dir.jsonl" 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "directory run exited $rc"
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc_id"] + ("!" if json.loads(l)["error"] else "") for l in open(sys.argv[1])))' "$T/dir.jsonl")
[ "$ids" = "bom_crlf empty! good invalid_utf8! nul_bytes! whitespace!" ] || fail "directory run gave: $ids"
echo "ok: directory of bad files"

# --- stdin ---
out=$(printf 'Talks resumed in Istanbul on Monday. Both sides spoke.' | "$PARLEY" code --date 2025-05-17 -)
python3 - "$out" <<'EOF' || fail "stdin text"
import json, sys
r = json.loads(sys.argv[1])
assert r["doc_id"] == "stdin" and r["error"] is None and r["publish_date"] == "2025-05-17", r
assert r["sentences"] == [[0, 36], [37, 54]], r["sentences"]
EOF
echo "ok: text on stdin"
out=$(printf 'Talks resumed.' | "$PARLEY" code --id wire-7 -)
[ "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["doc_id"])' "$out")" = wire-7 ] || fail "--id on stdin: $out"
echo "ok: --id on stdin"
rc=0
out=$("$PARLEY" code - </dev/null 2>/dev/null) || rc=$?
[ "$rc" = 1 ] || fail "empty stdin exited $rc"
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["doc_id"]=="stdin" and r["error"], r' "$out" ||
  fail "empty stdin: $out"
echo "ok: empty stdin is one error line"
rc=0
out=$("$PARLEY" code - <"$BAD/binary.png" 2>/dev/null) || rc=$?
[ "$rc" = 1 ] || fail "binary stdin exited $rc"
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["error"], r' "$out" || fail "binary stdin: $out"
echo "ok: binary stdin is one error line"
# JSON Lines on stdin: the same lines as from the file, ids "stdin:N" for records without one.
rc=0
"$PARLEY" code --input jsonl --date 2025-01-01 - <"$BAD/malformed.jsonl" >"$T/stdin.jsonl" 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "JSON Lines on stdin exited $rc"
"$PARLEY" code --date 2025-01-01 malformed.jsonl 2>/dev/null | sed 's/"doc_id":"malformed\.jsonl:/"doc_id":"stdin:/' >"$T/file.jsonl" || true
cmp -s "$T/stdin.jsonl" "$T/file.jsonl" || { diff "$T/file.jsonl" "$T/stdin.jsonl" | head -5 >&2; fail "JSON Lines on stdin differ from the file"; }
echo "ok: JSON Lines on stdin"

echo "bad_input.sh: all passed"
