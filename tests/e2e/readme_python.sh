#!/usr/bin/env bash
# Runs the README's Python example exactly as written (the ```python block
# after the "python-example" marker), with the module from the build tree.
set -euo pipefail
mod="$(dirname "$PARLEY")/python"
if [ ! -d "$mod/parley" ]; then echo "skip: the Python module was not built (needs pybind11-dev, python3-dev)"; exit 77; fi
if ! /usr/bin/python3 -c "import pandas, matplotlib" 2>/dev/null; then echo "skip: python3-pandas or python3-matplotlib missing"; exit 77; fi
tmp="$TMPROOT/readme_python"; rm -rf "$tmp"; mkdir -p "$tmp"
awk '/python-example:/{f=1; next} f && /^```python/{g=1; next} g && /^```/{exit} g' "$SRC/README.md" >"$tmp/example.py"
test -s "$tmp/example.py" || { echo "FAIL: no python-example block in README.md"; exit 1; }
cd "$tmp"
PYTHONPATH="$mod" /usr/bin/python3 example.py >out.txt
cat out.txt
test -s events_per_day.png || { echo "FAIL: no plot written"; exit 1; }
# The three articles give events on at least two days, each with its GDELT columns.
python3 - <<'PY'
import sqlite3
db = sqlite3.connect("notebook.db")
n = db.execute("select count(*) from articles").fetchone()[0]
assert n == 3, n
PY
grep -q "EventCode" out.txt
echo "ok: README Python example ran"
