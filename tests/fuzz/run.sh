#!/usr/bin/env bash
# Runs one libFuzzer target of the fuzz build on its seeds:
#   tests/fuzz/run.sh TARGET [libFuzzer options...]   e.g. -runs=2000, -max_total_time=1200
# The seeds (tests/fuzz/TARGET/) are copied into a working corpus under the
# fuzz build (new inputs go there, never into the repository); crashes,
# leaks and timeouts are written to <fuzz build>/fuzz-artifacts/TARGET/.
# Exit 77 (a skip for ctest) when the fuzz build does not exist; build it
# with scripts/fuzz.sh. PARLEY_FUZZ_BUILD names the build folder
# (default: build-fuzz beside this repository's sources).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:?usage: run.sh TARGET [libFuzzer options]}
shift
build=${PARLEY_FUZZ_BUILD:-$src/build-fuzz}
bin=$build/fuzz/$target
if [ ! -x "$bin" ]; then
  echo "skip: no fuzz build ($bin); run scripts/fuzz.sh to make one" >&2
  exit 77
fi
corpus=$build/fuzz-corpus/$target
artifacts=$build/fuzz-artifacts/$target
mkdir -p "$corpus" "$artifacts"
cp -n "$src/tests/fuzz/$target"/* "$corpus"/ 2>/dev/null || true
export PARLEY_DATA=${PARLEY_DATA:-$src/data}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# -timeout: an input that takes longer is a hang (a quadratic case) and fails.
exec "$bin" -timeout=25 -rss_limit_mb=2560 -max_len=65536 -artifact_prefix="$artifacts/" "$@" "$corpus"
