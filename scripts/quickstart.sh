#!/usr/bin/env bash
# Quick start: installs what parley needs and builds it (scripts/setup.sh),
# then codes the reference article, prints its JSON line, stores it in the
# default SQLite store (./parley.db) and shows the stored, merged events.
# Works on a fresh Debian 12 as root or with sudo; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "quickstart: setting up (packages, data, build); progress follows" >&2
bash scripts/setup.sh
echo "quickstart: built $(build/parley version); coding the reference article" >&2
echo "+ build/parley code examples/istanbul-talks/article.txt --date 2025-05-17 --store parley.db" >&2
build/parley code examples/istanbul-talks/article.txt --date 2025-05-17 --store parley.db
echo "+ build/parley query --store parley.db" >&2
build/parley query --store parley.db
