#!/usr/bin/env bash
# Pathological inputs for `parley code` (issue 12 item 5): inputs that once
# took time quadratic in one article. Prints, for each, its size, the CPU
# time (user + sys, whole process) and seconds per MB after start-up, against
# the same figure over ../shared/corpus (the corpus rate).
#   bench/pathological.sh [PARLEY] [SHARED]
#     PARLEY   the binary (default build/parley)
#     SHARED   the shared folder (default ../shared), for the corpus rate and
#              the ordinary 1 MiB article (corpus articles one after another)
# Inputs, made in a scratch folder at run time:
#   france    1 MB of "France " (one capitalised run)
#   accused   1 MB of "accused " (one clause of verbs)
#   sentence  one 1 MB sentence of country names and verbs
#   ordinary  1 MiB of corpus articles, one after another, as one article
set -euo pipefail
cd "$(dirname "$0")/.."
PARLEY=${1:-build/parley}
SHARED=${2:-../shared}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 - "$T" "$SHARED" <<'PY'
import json, os, random, sys
t, shared = sys.argv[1], sys.argv[2]
MB = 1000000
def rep(word):
    return (word + " ") * (MB // (len(word) + 1))
open(f"{t}/france.txt", "w").write(rep("France"))
open(f"{t}/accused.txt", "w").write(rep("accused"))
countries = ["France", "Germany", "Russia", "Ukraine", "Turkey", "China", "Iran", "Israel", "Egypt", "Japan"]
verbs = ["accused", "met", "criticized", "praised", "attacked", "urged", "condemned", "thanked"]
random.seed(1)
parts, n = [], 0
while n < MB:
    w = f"{random.choice(countries)} {random.choice(verbs)} {random.choice(countries)} and"
    parts.append(w)
    n += len(w) + 1
open(f"{t}/sentence.txt", "w").write(" ".join(parts) + ".")
corpus = os.path.join(shared, "corpus", "reuters21578.jsonl")
if os.path.exists(corpus):
    out, n = [], 0
    for line in open(corpus, encoding="utf-8"):
        text = json.loads(line)["text"]
        if n + len(text.encode()) + 2 > 1 << 20:
            break
        out.append(text)
        n += len(text.encode()) + 2
    open(f"{t}/ordinary.txt", "w").write("\n\n".join(out))
PY
cpu() {  # cpu FILE ARGS...: user+sys seconds of `parley code -q ARGS`
  /usr/bin/time -f "%U %S" -o "$T/time" "$PARLEY" code -q "$@" >/dev/null 2>&1 || true
  awk '{print $1 + $2}' "$T/time"
}
printf 'Talks resumed.' >"$T/tiny.txt"
start=$(cpu "$T/tiny.txt")
echo "start-up (one tiny article): ${start} s"
corpus_rate=""
if [ -d "$SHARED/corpus" ]; then
  bytes=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for f in sys.argv[1:] for l in open(f)))' "$SHARED"/corpus/*.jsonl)
  s=$(cpu "$SHARED"/corpus/*.jsonl)
  corpus_rate=$(python3 -c "print(($s - $start) / ($bytes / 1e6))")
  printf 'corpus: %.1f MB in %.2f s: %.3f s/MB\n' "$(python3 -c "print($bytes/1e6)")" "$s" "$corpus_rate"
fi
for name in france accused sentence ordinary; do
  f=$T/$name.txt
  [ -f "$f" ] || continue
  size=$(stat -c %s "$f")
  s=$(cpu --max-bytes 2000000 "$f")
  per_mb=$(python3 -c "print(max($s - $start, 0) / ($size / 1e6))")
  if [ -n "$corpus_rate" ]; then
    printf '%-9s %7d bytes  %6.2f s  %.3f s/MB  %.1fx the corpus rate\n' "$name" "$size" "$s" "$per_mb" \
      "$(python3 -c "print($per_mb / $corpus_rate)")"
  else
    printf '%-9s %7d bytes  %6.2f s  %.3f s/MB\n' "$name" "$size" "$s" "$per_mb"
  fi
done
