#!/usr/bin/env bash
# Builds data/generated/{verb,noun}_forms.tsv (irregular inflection -> lemma)
# from Debian's wordnet-base exception lists. Idempotent; run by setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
wn=/usr/share/wordnet
mkdir -p data/generated
for pos in verb noun; do
  out=data/generated/${pos}_forms.tsv
  if [ -f "$wn/$pos.exc" ] && { [ ! -s "$out" ] || [ "$wn/$pos.exc" -nt "$out" ]; }; then
    { echo "# Irregular ${pos} forms -> lemma, from WordNet 3.0 ($wn/$pos.exc). Columns: form lemma"
      awk 'NF >= 2 && $1 !~ /_/ { print $1 "\t" $2 }' "$wn/$pos.exc"; } > "$out.tmp"
    mv "$out.tmp" "$out"
  fi
done
