#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL store tests (tests/test_store_postgres.py).
#   eval "$(.ci/postgres.sh start)"   # installs the Debian package if missing (root), starts a
#                                     # cluster on 127.0.0.1:$PGPORT, prints `export DATELINE_TEST_PG=…`
#   .ci/postgres.sh stop              # stops it and removes its folder
# Without DATELINE_TEST_PG the tests start (and stop) a cluster of their own when the
# package is installed, and skip when it is not; CI uses this script so they always run.
set -euo pipefail
PGDIR=${PGDIR:-/tmp/dateline-ci-pg}
PGPORT=${PGPORT:-54329}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pgbin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$d" ]; then
    if [ "$(id -u)" = 0 ]; then
      (apt-get update && apt-get install -y postgresql) >&2
      d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    else
      echo "postgresql is not installed (apt-get install -y postgresql)" >&2; exit 1
    fi
  fi
  echo "$d"
}

case "${1:-start}" in
  start)
    BIN=$(pgbin)
    if [ -f "$PGDIR/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$PGDIR" -m fast -w stop >&2 || true; fi
    rm -rf "$PGDIR"; mkdir -p "$PGDIR"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDIR"; fi
    chmod 700 "$PGDIR"
    as_pg "$BIN/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 --no-instructions >&2
    as_pg "$BIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off" start >&2
    echo "export DATELINE_TEST_PG=postgresql://postgres@127.0.0.1:$PGPORT/postgres"
    ;;
  stop)
    BIN=$(pgbin)
    if [ -f "$PGDIR/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$PGDIR" -m fast -w stop >&2 || true; fi
    rm -rf "$PGDIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
