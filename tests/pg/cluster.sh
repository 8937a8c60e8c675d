#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite: initdb into DIR (as the postgres user,
# since initdb refuses root), listening only on a Unix socket in DIR, trust authentication,
# stopped by its postmaster PID.
#
#   tests/pg/cluster.sh start DIR PORT   → prints nothing; the URL is postgresql:///postgres?host=DIR&port=PORT&user=postgres
#   tests/pg/cluster.sh stop DIR
# fsync is off (a test cluster loses nothing worth keeping); PG_FSYNC=on for a durable one (bench/).
set -euo pipefail
cmd=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=$3
    [ -f "$dir/data/postmaster.pid" ] && "$0" stop "$dir" || true
    rm -rf "$dir" && mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=${PG_FSYNC:-off} -c max_connections=200" start >/dev/null
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      pid=$(head -n 1 "$dir/data/postmaster.pid")
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
esac
