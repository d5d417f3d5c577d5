#!/usr/bin/env bash
# Robustness run over the unlabelled news corpus (../shared/corpus/*.jsonl,
# about 19,500 real articles): no crash, exactly one valid output line per
# input line, ids in input order, every line keeping the output contract
# (sentence spans trimmed, in order and covering each article).
# Skipped (exit 77) when ../shared is absent.
# Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -euo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
SHARED=${SHARED:-$SRC/../shared}
shopt -s nullglob
files=("$SHARED"/corpus/*.jsonl)
if [ ${#files[@]} = 0 ]; then
  echo "SKIP: no corpus at $SHARED/corpus/*.jsonl (../shared beside the repository is needed)"
  exit 77
fi
T="$TMPROOT/corpus"
rm -rf "$T" && mkdir -p "$T"

start=$(date +%s%N)
rc=0
"$PARLEY" code "${files[@]}" >"$T/out.jsonl" 2>"$T/err" || rc=$?
end=$(date +%s%N)
lines=$(wc -l <"$T/out.jsonl")
errors=$(wc -l <"$T/err")
echo "parley code over ${files[*]##*/}: exit $rc, $lines lines, $errors stderr lines, $(((end - start) / 1000000)) ms"
if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
  echo "FAIL: parley code exited $rc (crash or setup error)" >&2
  tail -5 "$T/err" >&2
  exit 1
fi
# Articles that could not be coded must be real input problems; show them.
if [ "$errors" -gt 0 ]; then
  echo "articles with errors:"
  head -20 "$T/err"
fi
if grep -qv '^parley: ' "$T/err"; then
  echo "FAIL: unexpected stderr output:" >&2
  grep -v '^parley: ' "$T/err" | head -5 >&2
  exit 1
fi

python3 "$SRC/tests/e2e/check_output.py" "$T/out.jsonl" --inputs "${files[@]}"
echo "corpus.sh: all passed"
