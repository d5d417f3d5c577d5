#!/usr/bin/env bash
# End-to-end regression test of issue 12's command-line reproducers (items 1,
# 2, 3, 4, 6, 7, 8, 10): each one-liner of the issue, run as the issue ran it,
# must end with valid output, the right exit status and a message that says
# why. Unit-level checks of the same items are in tests/regress/issue_12_test.cc.
# Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -uo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
T="$TMPROOT/robust"
rm -rf "$T" && mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# valid_lines FILE N: FILE holds N lines, each one JSON object in valid UTF-8.
valid_lines() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")  # raises on invalid UTF-8
lines = raw.splitlines()
assert len(lines) == int(sys.argv[2]), f"{len(lines)} lines, expected {sys.argv[2]}"
for l in lines:
    assert isinstance(json.loads(l), dict), l[:80]
EOF
}
field() {  # field FILE LINE KEY: the value of KEY on line LINE (1-based)
  python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2])-1])[sys.argv[3]])' "$@"
}

# --- item 1: a deeply nested line, between two good ones ---
{
  echo '{"id": "before", "text": "Turkey hosted talks between Russia and Ukraine."}'
  python3 -c "print('['*200000)"
  echo '{"id": "after", "text": "Talks resumed on Monday."}'
} >"$T/nested.jsonl"
rc=0
"$PARLEY" code --input jsonl - <"$T/nested.jsonl" >"$T/nested.out" 2>"$T/nested.err" || rc=$?
if [ "$rc" = 1 ] && valid_lines "$T/nested.out" 3 && [ "$(field "$T/nested.out" 1 doc_id)" = before ] &&
   [ "$(field "$T/nested.out" 3 doc_id)" = after ] && grep -q "stdin:2: malformed JSON" "$T/nested.err"; then
  ok "a deeply nested line is one error line; the lines around it are coded"
else
  fail "deeply nested line: exit $rc, $(head -c 300 "$T/nested.err")"
fi

# --- item 2: a count beyond the largest double; lone surrogates in metadata ---
printf '1%0309d people were killed in Iraq.' 0 | "$PARLEY" code - >"$T/big.out" 2>/dev/null
valid_lines "$T/big.out" 1 && ok "a number beyond the largest double leaves valid JSON" ||
  fail "huge number: $(head -c 300 "$T/big.out")"
printf '{"id":"a\\udc00b","title":"t\\udc00","source":"s\\udfff","text":"Turkey hosted talks between Russia and Ukraine on Friday."}\n' \
  >"$T/surrogate.jsonl"
"$PARLEY" code --date 2025-05-17 "$T/surrogate.jsonl" >"$T/surrogate.out" 2>/dev/null
if valid_lines "$T/surrogate.out" 1 && "$PARLEY" ingest --store "$T/surrogate.db" "$T/surrogate.out" 2>"$T/ingest.err"; then
  ok "escaped lone surrogates in id/title/source are echoed as valid UTF-8, and ingest takes them"
else
  fail "lone surrogate: $(head -c 300 "$T/surrogate.out") $(cat "$T/ingest.err")"
fi

# --- item 3: numeric ids beyond int64 stay two articles ---
printf '{"id": 18446744073709551616, "text": "Turkey hosted talks between Russia and Ukraine."}\n{"id": 18446744073709551617, "text": "Turkey hosted talks between Russia and Ukraine."}\n' \
  >"$T/ids.jsonl"
"$PARLEY" code --date 2025-05-17 "$T/ids.jsonl" --store "$T/ids.db" >"$T/ids.out" 2>/dev/null
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc_id"] for l in open(sys.argv[1])))' "$T/ids.out")
docs=$("$PARLEY" export --store "$T/ids.db" --format jsonl --raw | python3 -c 'import json,sys; print(len({json.loads(l)["doc_id"] for l in sys.stdin}))')
if [ "$ids" = "18446744073709551616 18446744073709551617" ] && [ "$docs" = 2 ]; then
  ok "numeric ids beyond int64 keep their digits; the store holds two articles"
else
  fail "numeric ids: '$ids', $docs articles in the store"
fi

# --- item 4: --out onto a FIFO and a symlink ---
printf 'Turkey hosted talks between Russia and Ukraine.' >"$T/a.txt"
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/fifo.got" &
reader=$!
ln -s fifo "$T/fifolink"
timeout 20 "$PARLEY" code "$T/a.txt" --out "$T/fifolink" 2>"$T/fifo.err"
rc=$?
wait "$reader"
if [ "$rc" = 0 ] && [ -p "$T/fifo" ] && [ -L "$T/fifolink" ] && valid_lines "$T/fifo.got" 1; then
  ok "--out through a symlink onto a FIFO writes through it; both stay what they were"
else
  fail "--out onto a FIFO: exit $rc, $(cat "$T/fifo.err")"
fi
echo old >"$T/target.jsonl"
ln -s target.jsonl "$T/link.jsonl"
"$PARLEY" code "$T/a.txt" --out "$T/link.jsonl" 2>/dev/null
if [ -L "$T/link.jsonl" ] && [ -f "$T/target.jsonl" ] && valid_lines "$T/target.jsonl" 1; then
  ok "--out onto a symlink replaces its target and keeps the link"
else
  fail "--out onto a symlink: $(ls -l "$T")"
fi

# --- item 6: memory bounded by --max-bytes ---
# 1 GiB of address space, unless the binary is built with AddressSanitizer
# (whose shadow memory needs far more address space than it uses).
vlimit=1048576
if ldd "$PARLEY" 2>/dev/null | grep -c asan >/dev/null || nm "$PARLEY" 2>/dev/null | grep -c __asan_init >/dev/null; then vlimit=unlimited; fi
rc=0
( ulimit -v $vlimit; timeout 60 "$PARLEY" code - </dev/zero >"$T/zero.out" 2>"$T/zero.err" ) || rc=$?
if [ "$rc" = 1 ] && valid_lines "$T/zero.out" 1 && grep -q "too large: more than 1048576 bytes" "$T/zero.out"; then
  ok "code - < /dev/zero ends with a 'too large' line within 1 GiB of address space"
else
  fail "/dev/zero on stdin: exit $rc, $(head -c 300 "$T/zero.err")"
fi
python3 -c '
import sys
sys.stdout.write("{\"id\": \"big\", \"text\": \"" + "a" * (20 << 20) + "\"}\n{\"id\": \"after\", \"text\": \"Talks resumed.\"}\n")' >"$T/longline.jsonl"
rc=0
( ulimit -v $vlimit; "$PARLEY" code --max-bytes 100000 "$T/longline.jsonl" >"$T/long.out" 2>/dev/null ) || rc=$?
if [ "$rc" = 1 ] && valid_lines "$T/long.out" 2 && grep -q '"error":"too large: JSON line of 20971545 bytes' "$T/long.out" &&
   [ "$(field "$T/long.out" 2 doc_id)" = after ]; then
  ok "a JSON line over the limit is skipped, not held; the next record is coded"
else
  fail "long JSON line: exit $rc, $(head -c 300 "$T/long.out")"
fi
head -c 1048577 /dev/zero | tr '\0' 'a' >"$T/over.txt"
"$PARLEY" code "$T/over.txt" >"$T/over.out" 2>/dev/null
grep -q '"error":"too large: 1048577 bytes > 1048576 (1.0 MiB)"' "$T/over.out" &&
  ok "one byte over the limit says so in bytes" || fail "too large message: $(head -c 300 "$T/over.out")"

# --- item 7: --limit validated ---
"$PARLEY" code "$T/a.txt" --store "$T/lim.db" >/dev/null 2>&1
for bad in -1 abc 1.5 99999999999999999999; do
  for cmd in query export; do
    args=(--store "$T/lim.db" --limit "$bad")
    [ "$cmd" = export ] && args+=(--format jsonl)
    rc=0
    timeout 20 "$PARLEY" "$cmd" "${args[@]}" >"$T/lim.out" 2>"$T/lim.err" || rc=$?
    if [ "$rc" = 2 ] && grep -q -- "--limit: expected a whole number of rows" "$T/lim.err"; then
      ok "$cmd --limit $bad is a usage error"
    else
      fail "$cmd --limit $bad: exit $rc, $(head -c 200 "$T/lim.err")"
    fi
  done
done

# --- item 8: a required dictionary missing or empty ---
cp -r "$SRC/data" "$T/data-noverbs"
rm "$T/data-noverbs/verbs.tsv"
: >"$T/data-noverbs/nouns.tsv"
rc=0
"$PARLEY" --data "$T/data-noverbs" code "$SRC/examples/istanbul-talks/article.txt" >"$T/nv.out" 2>"$T/nv.err" || rc=$?
if [ "$rc" = 2 ] && [ ! -s "$T/nv.out" ] && grep -q "verbs.tsv: cannot open" "$T/nv.err" && grep -q "nouns.tsv: holds no rows" "$T/nv.err"; then
  ok "code without verbs.tsv (and with an empty nouns.tsv) is a set-up error"
else
  fail "missing verbs.tsv: code exit $rc, $(head -c 300 "$T/nv.err")"
fi
rc=0
"$PARLEY" --data "$T/data-noverbs" dict check >"$T/nv.out" 2>"$T/nv.err" || rc=$?
# (grep reads the files itself: `cat | grep -q` under pipefail fails when
# grep stops early and cat gets SIGPIPE)
grep -q "verbs.tsv: cannot open" "$T/nv.out" "$T/nv.err" && [ "$rc" = 1 ] && ok "dict check reports the missing verbs.tsv" ||
  fail "dict check without verbs.tsv: exit $rc"

# --- item 10: directory problems and messages keep their reason ---
mkdir -p "$T/dir/sub"
cp "$T/a.txt" "$T/dir/a.txt"
ln -s nowhere.txt "$T/dir/dangling.txt"
ln -s loop.txt "$T/dir/loop.txt"
cp "$T/a.txt" "$T/dir/sub/c.txt"
rc=0
"$PARLEY" code "$T/dir" >"$T/dir.out" 2>"$T/dir.err" || rc=$?
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc_id"] + ("!" if json.loads(l)["error"] else "") for l in open(sys.argv[1])))' "$T/dir.out")
if [ "$rc" = 1 ] && [ "$ids" = "a dangling.txt! loop.txt! sub/c" ] && grep -q "Too many levels of symbolic links" "$T/dir.err"; then
  ok "dangling and looping symlinks in a folder get error lines; exit 1"
else
  fail "directory with bad symlinks: exit $rc, ids '$ids'"
fi
printf '{"id":"a\\u0000b","publish_date":"someday","text":"Talks resumed."}\n' >"$T/nul.jsonl"
"$PARLEY" code "$T/nul.jsonl" >"$T/nul.out" 2>"$T/nul.err"
grep -q 'a\\x00b: publish_date .someday. is not YYYY-MM-DD' "$T/nul.err" &&
  ok "a NUL in a doc_id does not cut the message short" || fail "NUL in doc_id: $(cat -v "$T/nul.err")"
rc=0
"$PARLEY" ingest --store "$T/nul.db" "$T/nul.out" 2>"$T/nul.err" || rc=$?
grep -q 'contains a NUL byte' "$T/nul.err" && ok "ingest names the NUL in a doc_id" || fail "ingest NUL: $(cat -v "$T/nul.err")"
printf '{"id":"r1","text":"Talks resumed."}\r{"id":"r2","text":"Talks ended."}\r' >"$T/cr.jsonl"
"$PARLEY" code "$T/cr.jsonl" >"$T/cr.out" 2>/dev/null
valid_lines "$T/cr.out" 2 && [ "$(field "$T/cr.out" 2 doc_id)" = r2 ] && ok "a CR-only JSONL file splits into its records" ||
  fail "CR-only JSONL: $(head -c 300 "$T/cr.out")"
"$PARLEY" code "$T/missing.txt" >"$T/m.out" 2>/dev/null
grep -q "cannot open $T/missing.txt: No such file or directory" "$T/m.out" && ok "cannot open says why" ||
  fail "missing file: $(head -c 300 "$T/m.out")"

if [ "$fails" -gt 0 ]; then
  echo "robust.sh: $fails failure(s)" >&2
  exit 1
fi
echo "robust.sh: all passed"
