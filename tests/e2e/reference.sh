#!/usr/bin/env bash
# End-to-end test on the reference article: `parley code
# examples/istanbul-talks/article.txt --date 2025-05-17` prints exactly one
# JSON line that keeps the output contract, with the article's 15 sentences.
# Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -euo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
T="$TMPROOT/reference"
rm -rf "$T" && mkdir -p "$T"
article="$SRC/examples/istanbul-talks/article.txt"

rc=0
"$PARLEY" code "$article" --date 2025-05-17 >"$T/out.jsonl" 2>"$T/err" || rc=$?
if [ "$rc" != 0 ]; then
  echo "FAIL: parley code exited $rc" >&2
  cat "$T/err" >&2
  exit 1
fi
if [ -s "$T/err" ]; then
  echo "FAIL: parley code wrote to stderr on the reference article:" >&2
  cat "$T/err" >&2
  exit 1
fi

# Contract shape, spans against the article's bytes, one line.
python3 "$SRC/tests/e2e/check_output.py" "$T/out.jsonl" --inputs "$article" --expect-lines 1

# The reference article's own facts.
python3 - "$T/out.jsonl" "$article" <<'EOF'
import json, sys
out_path, article_path = sys.argv[1], sys.argv[2]
lines = open(out_path, "rb").read().decode("utf-8").splitlines()
assert len(lines) == 1, f"{len(lines)} lines"
r = json.loads(lines[0])
text = open(article_path, "rb").read()
problems = []
def want(cond, msg):
    if not cond:
        problems.append(msg)

want(r["doc_id"] == "article", f"doc_id {r['doc_id']!r}, expected 'article' (the file's stem)")
want(r["publish_date"] == "2025-05-17", f"publish_date {r['publish_date']!r}")
want(r["error"] is None, f"error {r['error']!r}")
for k in ("title", "url", "source"):
    want(r[k] is None, f"{k} {r[k]!r}, expected null for a text file")

# The 15 sentences, by their first and last words.
expected = [
    ("Russia and Ukraine agreed", "over three years."),
    ("The meeting, held in Istanbul", "toward ending the war."),
    ("The 90-minute talks were hosted", "invasion of Ukraine in 2022."),
    ("Despite the long-anticipated", "apart on core issues."),
    ("Ukraine’s chief negotiator", "“unconditional ceasefire.”"),
    ("However, Russia’s top negotiator", "of any immediate truce."),
    ("The talks came amid", "a peaceful resolution."),
    ("Yet tensions remained high.", "Yet tensions remained high."),
    ("Ukrainian sources accused Russia", "under Kyiv’s control."),
    ("Moscow continues to claim", "others it seized after 2022."),
    ("Ukrainian President Volodymyr Zelensky", "to engage directly."),
    ("Zelensky warned that failure", "global sanctions in response."),
    ("Despite the limited outcomes", "to continue discussions."),
    ("A second round of talks", "proposals to be exchanged."),
    ("While progress remains elusive", "opening for future negotiations."),
]
sents = [text[b:e].decode("utf-8") for b, e in r["sentences"]]
want(len(sents) == len(expected), f"{len(sents)} sentences, expected {len(expected)}")
for i, (s, (head, tail)) in enumerate(zip(sents, expected)):
    want(s.startswith(head) and s.endswith(tail),
         f"sentence {i}: {s[:50]!r}...{s[-30:]!r}, expected {head!r}...{tail!r}")
# Covering: the sentences hold every non-space byte of the article.
nonspace_outside = bytearray(text)
for b, e in r["sentences"]:
    nonspace_outside[b:e] = b" " * (e - b)
want(not bytes(nonspace_outside).strip(), "some non-space text lies outside every sentence")

if problems:
    print("FAIL: reference article:", file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1)
print(f"reference.sh: 1 line, {len(sents)} sentences, {len(r['entities'])} entities, "
      f"{len(r['events'])} events, {len(r['quotes'])} quotes, {len(r['counts'])} counts")
EOF

# Same article through stdin and with --id: same sentences, other doc_id.
"$PARLEY" code --id istanbul-talks --date 2025-05-17 - <"$article" >"$T/stdin.jsonl"
python3 - "$T/out.jsonl" "$T/stdin.jsonl" <<'EOF'
import json, sys
a = json.loads(open(sys.argv[1]).read())
b = json.loads(open(sys.argv[2]).read())
assert b["doc_id"] == "istanbul-talks", b["doc_id"]
assert a["sentences"] == b["sentences"], "stdin input segments differently"
a.pop("doc_id"); b.pop("doc_id")
# Event ids hash the doc_id (output contract), so they differ by design.
for ev in a["events"] + b["events"]:
    ev.pop("id")
assert a == b, "stdin input codes differently from the file"
EOF
echo "reference.sh: all passed"
