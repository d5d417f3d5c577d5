#!/usr/bin/env bash
# The include graph reads as the pipeline's order: no source file of a stage
# includes a header of a later stage. Stages, earliest first (src/<stage>/,
# each its own CMake library linking only earlier ones):
#   document io text lexicon extract code resolve pipeline
# The pipeline may include every stage. store, server, cluster, cli and
# python sit outside the stages: they may include any stage, and no stage
# may include them. Public headers (include/parley/*.h) belong to the stage
# named in PUBLIC below and are checked as files of that stage; a public
# header not listed there fails the test until it is given a stage.
#
#   tests/e2e/layering.sh            check the repository (SRC, default: ../..)
#   LAYERING_ROOT=DIR layering.sh    check another tree (used by the self-test)
#
# The self-test (run when checking the repository) copies the tree, plants
# one include of a later stage and expects the check to fail on that line.
set -uo pipefail
SRC=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
root=${LAYERING_ROOT:-$SRC}

STAGES=(document io text lexicon extract code resolve pipeline)
OUTSIDE=(store server cluster cli python)
declare -A PUBLIC=(
  [document.h]=document [status.h]=document
  [lexicon.h]=lexicon
  [pipeline.h]=pipeline
  [store.h]=store [store_summary.h]=store
)

declare -A RANK
for i in "${!STAGES[@]}"; do RANK[${STAGES[$i]}]=$i; done
for o in "${OUTSIDE[@]}"; do RANK[$o]=outside; done

# Prints one "file:line: reason" per violation under $1; exit status 1 if any.
check() {
  local dir=$1 bad=0 f stage inc target line n
  while IFS= read -r f; do
    local rel=${f#"$dir"/}
    case $rel in
      include/parley/*)
        stage=${PUBLIC[${rel#include/parley/}]:-}
        if [ -z "$stage" ]; then
          echo "$rel: public header with no stage (add it to PUBLIC in tests/e2e/layering.sh)"
          bad=1
          continue
        fi ;;
      src/*/*) stage=${rel#src/}; stage=${stage%%/*} ;;
      *) continue ;;
    esac
    [ -n "${RANK[$stage]:-}" ] || { echo "$rel: folder src/$stage is neither a stage nor outside them"; bad=1; continue; }
    [ "${RANK[$stage]}" = outside ] && continue
    n=0
    while IFS= read -r line; do
      n=$((n + 1))
      [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]] || continue
      inc=${BASH_REMATCH[1]}
      case $inc in
        parley/*) target=${PUBLIC[${inc#parley/}]:-unknown} ;;
        */*) target=${inc%%/*} ;;
        *) continue ;;  # a header beside the file
      esac
      if [ "$target" = unknown ]; then
        echo "$rel:$n: includes $inc, a public header with no stage"
        bad=1
      elif [ -z "${RANK[$target]:-}" ]; then
        continue  # not one of ours
      elif [ "${RANK[$target]}" = outside ]; then
        echo "$rel:$n: stage '$stage' includes $inc, which is outside the stages ($target)"
        bad=1
      elif [ "${RANK[$target]}" -gt "${RANK[$stage]}" ]; then
        echo "$rel:$n: stage '$stage' includes $inc of the later stage '$target'"
        bad=1
      fi
    done <"$f"
  done < <(find "$dir/src" "$dir/include/parley" -type f \( -name '*.h' -o -name '*.cc' \) | sort)
  return $bad
}

# Every stage folder is a parley_stage library in CMakeLists.txt, in order.
check_cmake() {
  local dir=$1 got
  got=$(grep -E '^parley_stage\(' "$dir/CMakeLists.txt" | sed -E 's/^parley_stage\([a-z_]+ ([a-z_]+).*/\1/' | tr '\n' ' ')
  if [ "$got" != "${STAGES[*]} " ]; then
    echo "CMakeLists.txt: parley_stage folders are '$got', expected '${STAGES[*]} '"
    return 1
  fi
}

status=0
check "$root" || status=1
check_cmake "$root" || status=1
if [ -n "${LAYERING_ROOT:-}" ]; then exit $status; fi

# Self-test: a planted include of a later stage must be caught.
T=${TMPROOT:-/tmp}/layering.$$
rm -rf "$T" && mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
cp -r "$root/src" "$root/include" "$root/CMakeLists.txt" "$T"/
victim=$(ls "$T"/src/text/*.cc | head -1)
printf '#include "code/coder.h"\n' >>"$victim"
out=$(LAYERING_ROOT=$T bash "$0" 2>&1)
if [ $? -eq 0 ] || ! grep -q "includes code/coder.h of the later stage 'code'" <<<"$out"; then
  echo "FAIL: the self-test's planted include in ${victim#"$T"/} was not reported: $out"
  status=1
fi
[ $status -eq 0 ] && echo "layering: ok (${STAGES[*]})"
exit $status
