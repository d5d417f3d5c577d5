#!/usr/bin/env bash
# End-to-end test of the dictionary cache (data/README.md, "The cache"):
# output identical with no cache, a first run that writes the image, a run
# from the image, after four concurrent first runs, and from a corrupt
# image (ignored and rewritten); no temporary files left in the cache.
# Run by ctest with PARLEY=<binary> SRC=<repo> SHARED=<../shared> TMPROOT=<scratch>.
set -uo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
T="$TMPROOT/cache"
rm -rf "$T" && mkdir -p "$T"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
article="$SRC/examples/istanbul-talks/article.txt"
code() { "$PARLEY" code --threads 1 --date 2025-05-17 "$article" 2>&1; }

PARLEY_CACHE_DIR=off code >"$T/nocache.out"
grep -q '"events"' "$T/nocache.out" || fail "no output without a cache"
export PARLEY_CACHE_DIR="$T/c1"
code >"$T/first.out"
cmp -s "$T/nocache.out" "$T/first.out" || fail "first run (writing the image) differs from no cache"
images=("$T"/c1/gazetteer-*.img)
[ ${#images[@]} = 1 ] && [ -s "${images[0]}" ] || fail "first run wrote no image: $(ls "$T/c1" 2>&1)"
code >"$T/second.out"
cmp -s "$T/nocache.out" "$T/second.out" || fail "run from the image differs from no cache"

# Four first runs at once into a fresh cache.
export PARLEY_CACHE_DIR="$T/c2"
for i in 1 2 3 4; do code >"$T/conc$i.out" & done
wait
for i in 1 2 3 4; do cmp -s "$T/nocache.out" "$T/conc$i.out" || fail "concurrent first run $i differs"; done
n=$(ls "$T/c2" | wc -l)
[ "$n" = 1 ] || fail "after concurrent first runs the cache holds $n files: $(ls "$T/c2")"
code >"$T/conc-after.out"
cmp -s "$T/nocache.out" "$T/conc-after.out" || fail "run after concurrent first runs differs"

# A corrupt image: one byte changed in the middle, then a truncated one.
img=$(ls "$T"/c2/gazetteer-*.img)
size=$(stat -c %s "$img")
printf 'X' | dd of="$img" bs=1 seek=$((size / 2)) conv=notrunc status=none
code >"$T/corrupt.out"
cmp -s "$T/nocache.out" "$T/corrupt.out" || fail "run over a corrupt image differs"
[ "$(stat -c %s "$img")" = "$size" ] || fail "the corrupt image was not rewritten whole"
truncate -s $((size / 3)) "$img"
code >"$T/truncated.out"
cmp -s "$T/nocache.out" "$T/truncated.out" || fail "run over a truncated image differs"
[ "$(stat -c %s "$img")" = "$size" ] || fail "the truncated image was not rewritten"
ls "$T/c2" | grep -q tmp && fail "temporary files left in the cache: $(ls "$T/c2")"

# A cache that cannot be written is no error.
export PARLEY_CACHE_DIR="$T/nocache.out/sub"
code >"$T/unwritable.out"
cmp -s "$T/nocache.out" "$T/unwritable.out" || fail "run with an unwritable cache differs"

if [ "$fails" != 0 ]; then
  echo "cache.sh: $fails failure(s)" >&2
  exit 1
fi
echo "cache.sh: all passed"
