#!/usr/bin/env bash
# End-to-end test of `parley code --threads N`: the output (stdout and the
# per-article lines on stderr) is byte-identical with 1, 2 and 4 threads, in
# input order, on a multi-article input that mixes good articles, bad JSON
# lines, records without text, oversized and empty articles. Uses the first
# 1,500 articles of ../shared/corpus when present, else the reference
# article written under many ids.
# Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -uo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
SHARED=${SHARED:-$SRC/../shared}
T="$TMPROOT/threads"
rm -rf "$T" && mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

in="$T/in.jsonl"
python3 - "$in" "$SRC/examples/istanbul-talks/article.txt" "$SHARED"/corpus/*.jsonl <<'PY'
import json, sys
out, ref, corpus = sys.argv[1], sys.argv[2], sys.argv[3:]
articles = []
for path in corpus:
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                articles.append(line.rstrip("\n"))
                if len(articles) >= 1500:
                    break
    except OSError:
        pass
    if len(articles) >= 1500:
        break
text = open(ref, encoding="utf-8").read()
if not articles:  # no corpus: the reference article, cut differently each time
    for i in range(300):
        articles.append(json.dumps({"id": f"ref{i}", "publish_date": "2025-05-17", "text": text[: 200 + 7 * i]}))
bad = ['{"id": "broken", "text": ', '{"id": "notext"}', json.dumps({"id": "empty", "text": ""}),
       json.dumps({"id": "big", "text": "word " * 60000}), json.dumps({"id": "baddate", "publish_date": "May", "text": text})]
with open(out, "w", encoding="utf-8") as f:
    for i, a in enumerate(articles):
        f.write(a + "\n")
        if i % 97 == 5:
            f.write(bad[(i // 97) % len(bad)] + "\n")
PY
lines=$(wc -l <"$in")

for t in 1 2 4; do
  "$PARLEY" code --max-bytes 200000 --threads "$t" "$in" >"$T/out$t.jsonl" 2>"$T/err$t" </dev/null
  echo "threads $t: exit $?, $(wc -l <"$T/out$t.jsonl") lines, $(wc -l <"$T/err$t") stderr lines"
done
[ "$(wc -l <"$T/out1.jsonl")" = "$lines" ] || fail "one thread: $(wc -l <"$T/out1.jsonl") output lines for $lines input lines"
grep -q '"error":"too large' "$T/out1.jsonl" || fail "the oversized article got no error line"
for t in 2 4; do
  cmp -s "$T/out1.jsonl" "$T/out$t.jsonl" || fail "stdout with --threads $t differs from one thread"
  cmp -s "$T/err1" "$T/err$t" || fail "stderr with --threads $t differs from one thread"
done
# --out and a text directory take the same path.
mkdir -p "$T/dir/sub"
for i in 1 2 3 4 5 6 7; do head -c $((300 * i)) "$SRC/examples/istanbul-talks/article.txt" >"$T/dir/sub/a$i.txt"; done
"$PARLEY" code --threads 1 --date 2025-05-17 "$T/dir" --out "$T/dir1.jsonl" 2>/dev/null
"$PARLEY" code --threads 3 --date 2025-05-17 "$T/dir" --out "$T/dir3.jsonl" 2>/dev/null
cmp -s "$T/dir1.jsonl" "$T/dir3.jsonl" || fail "a directory coded with --threads 3 differs from one thread"
[ "$(wc -l <"$T/dir3.jsonl")" = 7 ] || fail "a directory of 7 files gave $(wc -l <"$T/dir3.jsonl") lines"
# Bad values are usage errors.
for bad in 0 -1 x; do
  "$PARLEY" code --threads "$bad" "$in" >/dev/null 2>&1
  [ $? = 2 ] || fail "--threads $bad is not a usage error"
done

# Memory is bounded on a stream of huge articles: 48 articles of 2 MB take
# no more peak memory than 12 (the window holds what --threads 2 needs, not
# the stream). Peak RSS is counted with getrusage, nothing is timed.
python3 - "$T" <<'PY'
import json, sys
words = " ".join(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"] * 4) + ". "
text = words * (2000000 // len(words))
for n in (12, 48):
    with open(f"{sys.argv[1]}/huge{n}.jsonl", "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"huge{i}", "publish_date": "2025-01-02", "text": text}) + "\n")
PY
peak() {  # peak RSS in MB of `parley code --threads 2` on $1; the output lines counted into $T/huge.lines
  python3 - "$PARLEY" "$1" "$T/huge.lines" <<'PY'
import resource, subprocess, sys
out = subprocess.run([sys.argv[1], "code", "-q", "--max-bytes", "3000000", "--threads", "2", sys.argv[2]],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
open(sys.argv[3], "w").write(str(out.count(b"\n")))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
}
rss12=$(peak "$T/huge12.jsonl"); [ "$(cat "$T/huge.lines")" = 12 ] || fail "12 huge articles gave $(cat "$T/huge.lines") lines"
rss48=$(peak "$T/huge48.jsonl"); [ "$(cat "$T/huge.lines")" = 48 ] || fail "48 huge articles gave $(cat "$T/huge.lines") lines"
echo "peak RSS, --threads 2: 12 articles of 2 MB ${rss12} MB, 48 of them ${rss48} MB"
[ "$rss48" -le $((rss12 + 48)) ] || fail "peak RSS grew with the stream: ${rss12} MB for 12 huge articles, ${rss48} MB for 48"

if [ "$fails" != 0 ]; then
  echo "threads.sh: $fails failure(s)" >&2
  exit 1
fi
echo "threads.sh: all passed"
