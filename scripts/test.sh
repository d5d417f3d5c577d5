#!/usr/bin/env bash
# Sets parley up and runs the whole test suite. Idempotent: run it as often as
# you like, on a fresh Debian 12 (as root, or with sudo) or on a set-up machine.
#   1. scripts/setup.sh: installs the Debian packages parley needs, builds ./build
#      and the dashboard (web/, npm)
#   2. ctest over ./build: unit tests (GoogleTest), end-to-end CLI tests
#      (tests/e2e/*.sh), corpus run when ../shared is beside the repository.
#   3. scripts/fuzz.sh 20: builds the libFuzzer targets (clang, ASan, UBSan)
#      into ./build-fuzz and runs each for 20 seconds (PARLEY_FUZZ=0 skips it;
#      PARLEY_FUZZ_SECONDS sets the time per target).
# Store tests get a throwaway PostgreSQL through scripts/with_postgres.sh when
# that script exists. Environment: PARLEY_NO_INSTALL=1 skips apt-get,
# PARLEY_TEST_JOBS sets ctest's parallelism (default 2), extra arguments go to
# ctest (e.g. scripts/test.sh -R reader).
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium for the dashboard's browser test: when it cannot be installed,
# that test skips with a message saying so.
PARLEY_WITH_POSTGRES=1 bash scripts/setup.sh
if ! [ -x /usr/bin/chromium ] && [ "${PARLEY_NO_INSTALL:-0}" != 1 ]; then
  as_root=(); [ "$(id -u)" = 0 ] || as_root=(sudo)
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
    echo "test: chromium could not be installed; the browser test (e2e.serve_dashboard) will be skipped" >&2
fi
# setup.sh filters the build log; build again (a no-op when it succeeded) so
# that a target that fails to compile stops here with its errors, instead of
# ctest running a stale test binary.
if ! cmake --build build -j"$(nproc)" >build/test-build.log 2>&1; then
  grep -E 'error|Error' -A3 build/test-build.log | head -60 >&2
  echo "test: the build failed; full log in build/test-build.log" >&2
  exit 1
fi

ctest_cmd=(ctest --test-dir build --output-on-failure -j"${PARLEY_TEST_JOBS:-2}" "$@")
rc=0
if [ -f scripts/with_postgres.sh ]; then
  bash scripts/with_postgres.sh "${ctest_cmd[@]}" || rc=$?
else
  "${ctest_cmd[@]}" || rc=$?
fi
# The short fuzz pass, only for a whole-suite run (no ctest arguments).
if [ "${PARLEY_FUZZ:-1}" != 0 ] && [ $# -eq 0 ]; then
  bash scripts/fuzz.sh "${PARLEY_FUZZ_SECONDS:-20}" || rc=1
fi
exit $rc
