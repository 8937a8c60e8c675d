#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite: initdb into DIR (as the postgres user,
# since initdb refuses root), listening only on a Unix socket in DIR, trust authentication,
# stopped by its postmaster PID, DIR removed.
#
#   tests/pg/cluster.sh start DIR PORT   → prints nothing; the URL is postgresql:///postgres?host=DIR&port=PORT&user=postgres
#   tests/pg/cluster.sh stop DIR
#   tests/pg/cluster.sh down DIR         → the server stops at once (an outage); its data stays
#   tests/pg/cluster.sh up DIR PORT      → the server starts again on its data
#
# DIR is a private directory of its own under the system's temporary directory (CMake names
# it /tmp/prongsai-pg-<hash of the build directory>), not under the build: a clone in root's
# home (mode 700) is out of the postgres user's reach. As root it belongs to postgres, mode 700.
# fsync is off (a test cluster loses nothing worth keeping); PG_FSYNC=on for a durable one (bench/).
set -euo pipefail
cmd=$1 dir=$2

fail() {
  echo "tests/pg/cluster.sh: the throw-away PostgreSQL cluster in $dir did not start: $1" >&2
  for f in "$dir/initdb.log" "$dir/server.log"; do
    if [ -f "$f" ]; then echo "--- last lines of $f:" >&2; tail -n 15 "$f" >&2; fi
  done
  echo "Every pg: test needs it; the SQLite tests run without it." >&2
  exit 1
}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
serve() {  # starts the server of the cluster in $dir on port $1
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $1 -c listen_addresses='' -c fsync=${PG_FSYNC:-off} -c max_connections=200" start >/dev/null
}

case "$cmd" in
  start)
    port=$3
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || fail "no PostgreSQL server installed (Debian package postgresql; make test installs it)"
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then fail "there is no postgres user to run it as"; fi
    [ -f "$dir/data/postmaster.pid" ] && "$0" stop "$dir" || true
    rm -rf "$dir"
    mkdir -m 700 "$dir" || fail "cannot make the directory"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    as_postgres test -w "$dir" || fail "the postgres user cannot write to it (is a parent directory private?)"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || fail "initdb failed"
    serve "$port" || fail "the server did not come up on port $port (another cluster on that port?)"
    ;;
  down)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  up)
    serve "$3" || fail "the server did not come up again on port $3"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      pid=$(head -n 1 "$dir/data/postmaster.pid")
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR | down DIR | up DIR PORT" >&2
    exit 2
    ;;
esac
