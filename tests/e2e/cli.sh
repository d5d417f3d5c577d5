#!/usr/bin/env bash
# End-to-end test of the command line: help, version, usage errors,
# `dict check` on good and broken dictionaries, and atomic `--out`.
# Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -uo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
T="$TMPROOT/cli"
rm -rf "$T" && mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# expect_rc RC DESCRIPTION -- CMD...: runs CMD (stdout/stderr to $T/out, $T/err).
expect_rc() {
  local want=$1 what=$2
  shift 3
  "$@" >"$T/out" 2>"$T/err" </dev/null
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "$what: exit $got, expected $want ($*)"
    sed 's/^/  stdout: /' "$T/out" | head -5 >&2
    sed 's/^/  stderr: /' "$T/err" | head -5 >&2
    return 1
  fi
  ok "$what (exit $got)"
}

# --- help for the program and every subcommand (found in the help itself) ---
subcommands() {  # names listed under "Subcommands:" in `$PARLEY $* --help`
  "$PARLEY" "$@" --help 2>/dev/null | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}'
}
expect_rc 0 "parley --help" -- "$PARLEY" --help && grep -q "Usage" "$T/out" || fail "parley --help prints no usage"
top=$(subcommands)
for want in code explain dict version; do
  grep -qx "$want" <<<"$top" || fail "subcommand '$want' missing from parley --help"
done
for sub in $top; do
  if expect_rc 0 "parley $sub --help" -- "$PARLEY" "$sub" --help; then
    grep -q "Usage" "$T/out" || fail "parley $sub --help prints no usage"
  fi
  for subsub in $(subcommands "$sub"); do
    if expect_rc 0 "parley $sub $subsub --help" -- "$PARLEY" "$sub" "$subsub" --help; then
      grep -q "Usage" "$T/out" || fail "parley $sub $subsub --help prints no usage"
    fi
  done
done
grep -qx check <<<"$(subcommands dict)" || fail "'dict check' missing from parley dict --help"

# --- version ---
expect_rc 0 "parley version" -- "$PARLEY" version
grep -Eq '^parley [0-9]+\.[0-9]+\.[0-9]+' "$T/out" || fail "parley version printed '$(cat "$T/out")'"
v1=$(cat "$T/out")
expect_rc 0 "parley --version" -- "$PARLEY" --version
[ "$(cat "$T/out")" = "$v1" ] || fail "parley --version ('$(cat "$T/out")') differs from parley version ('$v1')"

# --- usage errors exit 2, with a message on stderr and nothing on stdout ---
usage() {
  local what=$1
  shift
  if expect_rc 2 "usage error: $what" -- "$@"; then
    [ -s "$T/err" ] || fail "usage error '$what' printed nothing on stderr"
    [ ! -s "$T/out" ] || fail "usage error '$what' printed on stdout"
  fi
}
printf 'Talks were held in Istanbul.\n' >"$T/a.txt"
usage "no subcommand" "$PARLEY"
usage "unknown subcommand" "$PARLEY" frobnicate
usage "unknown option" "$PARLEY" code --no-such-option "$T/a.txt"
usage "code without inputs" "$PARLEY" code
usage "bad --date" "$PARLEY" code --date 17/05/2025 "$T/a.txt"
usage "bad --input kind" "$PARLEY" code --input xml "$T/a.txt"
usage "non-numeric --max-bytes" "$PARLEY" code --max-bytes lots "$T/a.txt"
usage "dict without subcommand" "$PARLEY" dict
usage "missing data dir" "$PARLEY" --data "$T/no-such-dir" code "$T/a.txt"
usage "--out in a missing folder" "$PARLEY" code --out "$T/no/such/dir/out.jsonl" "$T/a.txt"

# --- dict check ---
if expect_rc 0 "dict check on data/" -- "$PARLEY" --data "$SRC/data" dict check; then
  grep -q "ok" "$T/out" || fail "dict check printed no 'ok' summary: $(cat "$T/out")"
fi
cp -r "$SRC/data" "$T/data-bad"
# A row with too few columns in countries.tsv, and one in a second file, so
# that both are reported (the loader collects every problem).
append_bad_row() {  # FILE ROW -> prints the line number of ROW
  local f=$1 row=$2
  [ -s "$f" ] && [ -n "$(tail -c1 "$f")" ] && printf '\n' >>"$f"
  printf '%s\n' "$row" >>"$f"
  wc -l <"$f" | tr -d ' '
}
l1=$(append_bad_row "$T/data-bad/countries.tsv" "XXX	broken row")
l2=$(append_bad_row "$T/data-bad/roles.tsv" "only one column")
# What the engine refuses to load (a latitude "abc") and what it would load
# but is wrong (an unknown country code): both reported, with the real path.
l3=$(append_bad_row "$T/data-bad/places.tsv" "Nowhere		UKR	city	abc	30	")
l4=$(append_bad_row "$T/data-bad/people.tsv" "Nobody Known		XXXGOV	Head of state (President)	2001	2002")
if expect_rc 1 "dict check on a malformed copy" -- "$PARLEY" --data "$T/data-bad" dict check; then
  all=$(cat "$T/out" "$T/err")
  grep -q "^$T/data-bad/countries.tsv:$l1: " <<<"$all" || fail "dict check did not report countries.tsv:$l1: ($all)"
  grep -q "^$T/data-bad/roles.tsv:$l2: " <<<"$all" || fail "dict check did not report roles.tsv:$l2: ($all)"
  grep -q "^$T/data-bad/places.tsv:$l3: bad latitude 'abc'" <<<"$all" || fail "dict check did not report places.tsv:$l3: ($all)"
  grep -q "^$T/data-bad/people.tsv:$l4: unknown country code XXX" <<<"$all" || fail "dict check did not report people.tsv:$l4: ($all)"
  grep -Eq '^[^ ]+\.tsv:[0-9]+: ' <<<"$all" || fail "dict check errors are not 'file:line: reason' lines"
fi
# The engine names the same file.
cp -r "$SRC/data" "$T/data-badplace"
l5=$(append_bad_row "$T/data-badplace/places.tsv" "Nowhere		UKR	city	abc	30	")
if expect_rc 2 "code with a bad places.tsv row" -- "$PARLEY" --data "$T/data-badplace" code "$T/a.txt"; then
  grep -q "$T/data-badplace/places.tsv:$l5: " "$T/err" || fail "code did not name $T/data-badplace/places.tsv:$l5 ($(cat "$T/err"))"
fi
# The engine refuses to start on broken dictionaries (usage/setup error, 2).
usage "code with malformed dictionaries" "$PARLEY" --data "$T/data-bad" code "$T/a.txt"
mkdir -p "$T/data-empty"
expect_rc 1 "dict check on a folder without dictionaries" -- "$PARLEY" --data "$T/data-empty" dict check

# --- --out: the file appears whole, no temporary file is left ---
mkdir -p "$T/outdir"
if expect_rc 0 "code --out" -- "$PARLEY" code --date 2025-05-17 --out "$T/outdir/result.jsonl" "$T/a.txt"; then
  [ ! -s "$T/out" ] || fail "code --out also wrote to stdout"
  [ -f "$T/outdir/result.jsonl" ] || fail "code --out wrote no file"
  [ "$(wc -l <"$T/outdir/result.jsonl")" = 1 ] || fail "code --out file does not hold one line"
  python3 "$SRC/tests/e2e/check_output.py" --quiet "$T/outdir/result.jsonl" --inputs "$T/a.txt" --expect-lines 1 ||
    fail "code --out output breaks the contract"
fi
left=$(ls -A "$T/outdir" | grep -vx result.jsonl)
[ -z "$left" ] || fail "code --out left files behind: $left"
# Overwriting an existing file; a failing article still writes the file.
printf '\xff\xfe\n' >"$T/bad.txt"
expect_rc 1 "code --out with a bad article" -- "$PARLEY" code --out "$T/outdir/result.jsonl" "$T/a.txt" "$T/bad.txt"
[ "$(wc -l <"$T/outdir/result.jsonl")" = 2 ] || fail "code --out file does not hold two lines after the rerun"
left=$(ls -A "$T/outdir" | grep -vx result.jsonl)
[ -z "$left" ] || fail "code --out left files behind: $left"
# A failed --out leaves the previous file as it was.
cp "$T/outdir/result.jsonl" "$T/before.jsonl"
expect_rc 2 "code --out with a missing data dir" -- "$PARLEY" --data "$T/no-such-dir" code --out "$T/outdir/result.jsonl" "$T/a.txt"
cmp -s "$T/before.jsonl" "$T/outdir/result.jsonl" || fail "a failed run changed the --out file"
left=$(ls -A "$T/outdir" | grep -vx result.jsonl)
[ -z "$left" ] || fail "a failed run left files behind: $left"

# --- --max-bytes ---
if expect_rc 1 "code --max-bytes 10" -- "$PARLEY" code --max-bytes 10 "$T/a.txt"; then
  grep -q '"error":"too large' "$T/out" || fail "--max-bytes 10 did not give a 'too large' error: $(cat "$T/out")"
fi
expect_rc 0 "code --max-bytes 1000" -- "$PARLEY" code --max-bytes 1000 "$T/a.txt"

# --- explain runs on a sentence ---
expect_rc 0 "explain a sentence" -- "$PARLEY" explain --date 2025-05-17 "Turkey hosted talks between Russia and Ukraine."
[ -s "$T/out" ] || fail "explain printed nothing"
usage "explain without text" "$PARLEY" explain

if [ "$fails" -gt 0 ]; then
  echo "cli.sh: $fails failure(s)" >&2
  exit 1
fi
echo "cli.sh: all passed"
