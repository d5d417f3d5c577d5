#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.cc) with clang, ASan and
# UBSan into build-fuzz/, then runs each for SECONDS (default 20: the short
# pass CI runs, about 100 s for the five targets).
#   scripts/fuzz.sh                  build, then 20 s per target
#   scripts/fuzz.sh 1200             build, then 20 minutes per target
#   scripts/fuzz.sh 600 fuzz_ingest  one target
#   PARLEY_NO_INSTALL=1 ...          do not apt-get clang / libclang-rt-14-dev
# Needs clang and libclang-rt-14-dev (installed when missing, as for setup.sh).
# A crash, leak, sanitizer report or hang stops its target with the input in
# build-fuzz/fuzz-artifacts/<target>/ and makes this script exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
if ! command -v clang++ >/dev/null 2>&1 || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  if [ "${PARLEY_NO_INSTALL:-0}" != 1 ]; then
    as_root=()
    [ "$(id -u)" = 0 ] || as_root=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
  else
    echo "fuzz: clang with libFuzzer (libclang-rt-14-dev) is not installed" >&2
    exit 2
  fi
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
  -DPARLEY_TESTS=OFF -DPARLEY_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" 2>&1 | grep -E 'error|warning: .*sanitize' || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_jsonl_reader fuzz_pipeline fuzz_ingest fuzz_dictionary fuzz_http)
status=0
for t in "${targets[@]}"; do
  log=build-fuzz/fuzz-$t.log
  if tests/fuzz/run.sh "$t" -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz: $t: ${seconds} s, ${runs:-?} executions, no findings"
  else
    echo "fuzz: $t: FAILED (see $log and build-fuzz/fuzz-artifacts/$t/)" >&2
    grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -5 >&2
    status=1
  fi
done
exit $status
