#!/usr/bin/env bash
# End-to-end test of the dictionary cache (data/README.md, "The cache"):
# output identical with no cache, a first run that writes the images
# (gazetteer, lexicon, coder, root model), a run from the images, after four
# concurrent first runs, and from a corrupt or truncated image of each kind
# (ignored and rewritten), also once the image's checksum has been checked
# and remembered (image::OpenMapped); no temporary files left in the cache;
# an edited dictionary or model is used at once; a cache folder that cannot
# be written, or that holds images but is read-only, is no error.
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
for kind in gazetteer lexicon coder model; do
  images=("$T"/c1/$kind-*.img)
  [ ${#images[@]} = 1 ] && [ -s "${images[0]}" ] || fail "first run wrote no $kind image: $(ls "$T/c1" 2>&1)"
done
code >"$T/second.out"
cmp -s "$T/nocache.out" "$T/second.out" || fail "run from the image differs from no cache"

# Four first runs at once into a fresh cache.
export PARLEY_CACHE_DIR="$T/c2"
for i in 1 2 3 4; do code >"$T/conc$i.out" & done
wait
for i in 1 2 3 4; do cmp -s "$T/nocache.out" "$T/conc$i.out" || fail "concurrent first run $i differs"; done
n=$(ls "$T/c2" | grep -c '\.img$')
[ "$n" = 4 ] || fail "after concurrent first runs the cache holds $n images: $(ls "$T/c2")"
code >"$T/conc-after.out"
cmp -s "$T/nocache.out" "$T/conc-after.out" || fail "run after concurrent first runs differs"

# A corrupt image of each kind: one byte changed in the middle, then a
# truncated one. First the images are left to settle (two seconds) and read
# again, so that their checksums are checked and remembered: a change after
# that must still be seen.
sleep 2.2
code >"$T/settled.out"
cmp -s "$T/nocache.out" "$T/settled.out" || fail "run from settled images differs"
code >"$T/trusted.out"
cmp -s "$T/nocache.out" "$T/trusted.out" || fail "run from remembered images differs"
for kind in gazetteer lexicon coder model; do
  img=$(ls "$T"/c2/$kind-*.img)
  size=$(stat -c %s "$img")
  printf 'X' | dd of="$img" bs=1 seek=$((size / 2)) conv=notrunc status=none
  code >"$T/corrupt.out"
  cmp -s "$T/nocache.out" "$T/corrupt.out" || fail "run over a corrupt $kind image differs"
  [ "$(stat -c %s "$img")" = "$size" ] || fail "the corrupt $kind image was not rewritten whole"
  cmp -s "$img" "$(ls "$T"/c1/$kind-*.img)" || fail "the corrupt $kind image was not rewritten"
  truncate -s $((size / 3)) "$img"
  code >"$T/truncated.out"
  cmp -s "$T/nocache.out" "$T/truncated.out" || fail "run over a truncated $kind image differs"
  [ "$(stat -c %s "$img")" = "$size" ] || fail "the truncated $kind image was not rewritten"
done
ls "$T/c2" | grep -q tmp && fail "temporary files left in the cache: $(ls "$T/c2")"

# The same binary started by other names (a symbolic link found through PATH,
# and a relative path from another folder) reads the images the first run
# wrote: the key is the file's identity, not the name it was started by.
mkdir -p "$T/bin" && ln -sf "$PARLEY" "$T/bin/parley"
export PARLEY_CACHE_DIR="$T/c1"
(cd "$T" && PATH="$T/bin:$PATH" parley code --threads 1 --date 2025-05-17 "$article" >"$T/bypath.out" 2>&1)
cmp -s "$T/nocache.out" "$T/bypath.out" || fail "run through PATH differs"
rel=$(realpath --relative-to="$T/bin" "$PARLEY")
(cd "$T/bin" && "$rel" code --threads 1 --date 2025-05-17 "$article" >"$T/relative.out" 2>&1)
cmp -s "$T/nocache.out" "$T/relative.out" || fail "run by a relative path differs"
n=$(ls "$T/c1" | grep -c '\.img$')
[ "$n" = 4 ] || fail "runs by other names wrote new images: $(ls "$T/c1")"

# A cache that cannot be written is no error.
export PARLEY_CACHE_DIR="$T/nocache.out/sub"
code >"$T/unwritable.out"
cmp -s "$T/nocache.out" "$T/unwritable.out" || fail "run with an unwritable cache differs"

# A read-only cache folder holding the images is read (as root, which may
# write anywhere, only the reading is checked).
export PARLEY_CACHE_DIR="$T/c1"
chmod 555 "$T/c1"
code >"$T/readonly.out"
cmp -s "$T/nocache.out" "$T/readonly.out" || fail "run from a read-only cache differs"
chmod 755 "$T/c1"
# A read-only empty cache folder: no image can be written, and that is no
# error (checked only when not root: root writes anyway).
mkdir -p "$T/ro" && chmod 555 "$T/ro"
if [ "$(id -u)" != 0 ]; then
  PARLEY_CACHE_DIR="$T/ro" code >"$T/ro.out"
  cmp -s "$T/nocache.out" "$T/ro.out" || fail "run with a read-only empty cache differs"
  [ -z "$(ls "$T/ro")" ] || fail "a read-only cache was written"
fi
chmod 755 "$T/ro"

# An edited dictionary is used at once: a body the text names, added to
# organisations.tsv of a copy of data/, is coded on the next run from the
# same cache, exactly as without a cache.
cp -r "$SRC/data" "$T/data"
printf 'The Quorvath Assembly condemned Norway on Tuesday.\n' >"$T/edit.txt"
run_edit() { "$PARLEY" code --data "$T/data" --threads 1 --date 2025-05-17 "$T/edit.txt" 2>&1; }
export PARLEY_CACHE_DIR="$T/c3"
run_edit >"$T/edit-before.out"
run_edit >"$T/edit-before2.out"
cmp -s "$T/edit-before.out" "$T/edit-before2.out" || fail "the same data gave two outputs"
printf 'NORLEG\tQuorvath Assembly\t\tORG\t\t\n' >>"$T/data/organisations.tsv"
run_edit >"$T/edit-after.out"
PARLEY_CACHE_DIR=off run_edit >"$T/edit-nocache.out"
cmp -s "$T/edit-after.out" "$T/edit-nocache.out" || fail "after an edit the cached run differs from the text"
grep -q NORLEG "$T/edit-after.out" || fail "the body added to organisations.tsv was not used"
grep -q NORLEG "$T/edit-before.out" && fail "the body was known before it was added"
[ "$(ls "$T"/c3/lexicon-*.img | wc -l)" = 2 ] || fail "the edit did not give a new lexicon image"

# An edited root model is used at once: weights that make every event of
# root 04 (consult) a 05 (cooperate) recode the next run's events from
# the same cache, exactly as without a cache.
if grep -q '^classes' "$T/data/root_model.tsv"; then
  printf 'The Norwegian foreign minister met his Swedish counterpart in Oslo on Monday.\n' >"$T/edit.txt"
  run_edit >"$T/model-before.out"
  sed -i -e 's/^root=04\t\(..\)\t.*/root=04\t\1\t-50/' -e 's/^root=04\t05\t.*/root=04\t05\t50/' "$T/data/root_model.tsv"
  run_edit >"$T/model-after.out"
  PARLEY_CACHE_DIR=off run_edit >"$T/model-nocache.out"
  cmp -s "$T/model-after.out" "$T/model-nocache.out" || fail "after a model edit the cached run differs from the text"
  grep -q 'model:roots 050' "$T/model-after.out" || fail "the edited root model was not used: $(cat "$T/model-after.out")"
  grep -q 'model:roots 050' "$T/model-before.out" && fail "the model edit was seen before it was made"
  [ "$(ls "$T"/c3/model-*.img | wc -l)" = 2 ] || fail "the model edit did not give a new model image"
fi

if [ "$fails" != 0 ]; then
  echo "cache.sh: $fails failure(s)" >&2
  exit 1
fi
echo "cache.sh: all passed"
