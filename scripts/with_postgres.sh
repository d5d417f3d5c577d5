#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 server.
#
#   scripts/with_postgres.sh CMD [ARGS...]
#   scripts/with_postgres.sh ctest --test-dir build -R Store
#
# Starts a private cluster (Debian's /usr/lib/postgresql/15/bin; PGBIN
# overrides) in a fresh temporary directory, listening on 127.0.0.1 only on
# the first free port from 55432 up, creates the database parley_test, runs
# CMD with PARLEY_TEST_PG=postgresql://postgres@127.0.0.1:PORT/parley_test,
# then stops the server and deletes its files, whatever happens. Exits with
# CMD's status (2 if the server could not be started). Installs nothing.
# As root (CI), initdb and pg_ctl run as the `postgres` user via runuser.
# Extra server settings: PARLEY_PG_OPTS="-c fsync=off" for example.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
for tool in initdb pg_ctl createdb; do
  if [ ! -x "$PGBIN/$tool" ]; then
    echo "with_postgres: $PGBIN/$tool not found; install PostgreSQL 15 (apt-get install postgresql)" >&2
    exit 2
  fi
done

as_pg=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with_postgres: running as root but there is no 'postgres' user" >&2
    exit 2
  fi
  as_pg=(runuser -u postgres --)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/parley-pg.XXXXXX")
data=$tmp/data
run=$tmp/run
mkdir -p "$data" "$run"
if [ ${#as_pg[@]} -gt 0 ]; then chown -R postgres:postgres "$tmp"; fi
chmod 700 "$data"

started=0
cleanup() {
  if [ "$started" = 1 ]; then
    (cd "$tmp" && "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The postgres user may not be allowed into the caller's directory: work from $tmp.
if ! (cd "$tmp" && "${as_pg[@]}" "$PGBIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 --no-sync >"$tmp/initdb.log" 2>&1); then
  echo "with_postgres: initdb failed:" >&2
  cat "$tmp/initdb.log" >&2
  exit 2
fi

port=${PARLEY_PG_PORT:-55432}
for attempt in $(seq 1 40); do
  if port_in_use "$port"; then
    port=$((port + 1))
    continue
  fi
  if (cd "$tmp" && "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$run ${PARLEY_PG_OPTS:-}" \
        start >/dev/null); then
    started=1
    break
  fi
  started=1  # a half-started server must still be stopped
  (cd "$tmp" && "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1) || true
  started=0
  port=$((port + 1))
done
if [ "$started" != 1 ]; then
  echo "with_postgres: could not start PostgreSQL; its log:" >&2
  cat "$tmp/server.log" >&2 2>/dev/null || true
  exit 2
fi

if ! (cd "$tmp" && "${as_pg[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres parley_test); then
  echo "with_postgres: createdb failed" >&2
  exit 2
fi

export PARLEY_TEST_PG="postgresql://postgres@127.0.0.1:$port/parley_test"
echo "with_postgres: PostgreSQL on 127.0.0.1:$port, PARLEY_TEST_PG=$PARLEY_TEST_PG" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
