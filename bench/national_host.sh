#!/usr/bin/env bash
# A national host simulated: one PostgreSQL (fsync on) holding AGENCIES agencies of an agency's
# whole size, and what a node does on it. Writes bench/results/national-<date>.txt and
# latest-national.txt.
#
#   bench/national_host.sh build/prongsai [agencies=8317] [sample=1000]
#
# The data: the demo agency (init --demo, the seed's report imported, `demo` for this fiscal
# year), grown through the services by build/bench/national_host template (every OIT item
# filled, 300 more EIT answers, 40 complaints worked, 20 questions, 12 news posts), then copied
# by national_host clone (rows copied in SQL with their ids moved, each copy's audit chain hashed
# again for its agency). NATIONAL_DIR=DIR keeps the cluster in DIR and uses it again on the next
# run when it holds the same number of agencies (a generation takes minutes).
#
# Measured: the generation; the database's size; a node's start-up (process start to /healthz,
# three times); /ita/YEAR of SAMPLE random agencies cold and then warm, one request at a time;
# wrk -c64 on /ita/YEAR of random agencies with the default page cache (32 MB) and with one that
# holds every agency (after a pass over all), what each cache held at the stop and the node's
# peak memory; the executive view and the plan dashboard of 20 random agencies; `audit verify`
# of one agency and of all; pg_dump -Fc and pg_restore -j2 of the whole database.
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [agencies] [sample]}")
agencies=${2:-8317}
sample=${3:-1000}
here=$(cd "$(dirname "$0")" && pwd)
tool=$(dirname "$bin")/bench/national_host
[ -x "$tool" ] || { echo "no $tool (make build)" >&2; exit 1; }
source "$here/lib.sh"

if [ -n "${NATIONAL_DIR:-}" ]; then
  work=$NATIONAL_DIR
  mkdir -p "$work"; chmod 755 "$work"
  pids=()
  # Stopped with its data kept (cluster.sh down; its stop would remove it).
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
        bash "$here/../tests/pg/cluster.sh" down "$work/pg" >/dev/null 2>&1 || true' EXIT
else
  pg_bench_work
fi
year=$(( $(TZ=Asia/Bangkok date +%Y) + 543 + ($(TZ=Asia/Bangkok date +%-m) >= 10 ? 1 : 0) ))
pg_port=${pg_port:-$(free_port)}
pg="postgresql:///postgres?host=$work/pg&port=$pg_port&user=postgres"
db="$pg&schema=national"
conninfo="host=$work/pg port=$pg_port user=postgres dbname=postgres"
sql() { psql "$pg" -Atqc "$1"; }
secs() { python3 -c 'import sys; print("%.1f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$(date +%s.%N)"; }

mkdir -p "$here/results"
result="$here/results/national-$(date -u +%Y%m%d).txt"
exec 3>&1 >"$result" 2>&1  # the results file as it goes; shown at the end
echo "A national host simulated: $agencies agencies on one PostgreSQL $(psql --version | awk '{print $3}') (fsync on), $(date -u +%FT%TZ)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); fiscal year $year"

generated=0
if [ -f "$work/pg/data/PG_VERSION" ]; then
  PG_FSYNC=on bash "$here/../tests/pg/cluster.sh" up "$work/pg" "$pg_port"
  [ "$(sql 'SELECT count(*) FROM national.agencies' 2>/dev/null || echo 0)" = "$agencies" ] && generated=1
fi
if [ "$generated" = 0 ]; then
  PG_FSYNC=on bash "$here/../tests/pg/cluster.sh" start "$work/pg" "$pg_port"
  t0=$(date +%s.%N)
  "$bin" init --db "$db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null 2>&1
  "$bin" import report "$here/../data/seed/o43-report-na-mom-2566.txt" --year 2566 --db "$db" >/dev/null 2>&1
  "$bin" demo --db "$db" 2>/dev/null | tail -n 1
  "$tool" template --db "$db" 2>/dev/null
  echo "the template agency: $(secs "$t0") s"
  t0=$(date +%s.%N)
  "$tool" clone --pg "$conninfo" --schema national --agencies "$agencies" --batch 250 | tail -n 3
  echo "the copies: $(secs "$t0") s"
fi
echo
echo "database: $(sql "SELECT pg_size_pretty(pg_database_size('postgres'))");" \
     "per agency: $(sql "SELECT count(*) / $agencies FROM national.survey_responses") survey answers," \
     "$(sql "SELECT count(*) / $agencies FROM national.cases") cases," \
     "$(sql "SELECT count(*) / $agencies FROM national.audit_log") audit entries," \
     "$(sql "SELECT count(*) / $agencies FROM national.oit_evidence") OIT evidence," \
     "$(sql "SELECT count(*) / $agencies FROM national.news_posts") news posts," \
     "$(sql "SELECT count(*) / $agencies FROM national.users") users"
echo "largest tables: $(sql "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', ' ORDER BY pg_total_relation_size(c.oid) DESC) FROM (SELECT oid, relname FROM pg_class WHERE relnamespace = 'national'::regnamespace AND relkind = 'r' ORDER BY pg_total_relation_size(oid) DESC LIMIT 5) c")"

port=$(free_port)
start_node() {  # [serve options...]: starts the node, waits for /healthz, sets $node and $started (s)
  local t0
  t0=$(date +%s.%N)
  # As behind the nginx in front (--trusted-proxy): wrk's one address is spared the per-address caps.
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.1 "$@" 2>>"$work/node.log" &
  node=$!; pids+=("$node")
  for _ in $(seq 3000); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.01; done
  started=$(secs "$t0")
}
stop_node() {  # sets $held: the node's peak memory and what its page cache held at the stop
  held="node: $(peak_mib "$node") MiB at its peak"
  kill "$node"; wait "$node" 2>/dev/null || true
  held="$held; $(grep -a "page cache at the stop" "$work/node.log" | tail -n 1 | sed 's/.*page cache/page cache/')"
}

echo
starts=()
for _ in 1 2 3; do start_node; starts+=("$started"); stop_node; done
echo "a node's start-up, process start to /healthz answering: ${starts[*]} s"

echo
echo "--- /ita/$year of $sample random agencies, one request at a time (default page cache, 32 MB)"
start_node
python3 "$here/national_pages.py" ita "$port" "$agencies" "$sample" "$year"
echo "node: $(peak_mib "$node") MiB at its peak"
cat > "$work/random.lua" <<LUA
request = function()
  wrk.headers["Host"] = "a" .. math.random(1, $((agencies - 1))) .. ".national.test"
  return wrk.format("GET", "/ita/$year")
end
LUA
round() { wrk -t2 -c64 -d10s --latency -s "$work/random.lua" "http://127.0.0.1:$port/" > "$work/wrk.txt"
          echo "$1: $(rps < "$work/wrk.txt") req/s, p50 $(p50 < "$work/wrk.txt"), p99 $(p99 < "$work/wrk.txt"), non-2xx $(non2xx < "$work/wrk.txt" || true)"; }
echo "--- wrk -t2 -c64, /ita/$year of random agencies among $((agencies - 1)), three 10 s rounds"
for r in 1 2 3; do round "32 MB cache, round $r"; done
stop_node; echo "$held"
start_node --page-cache-mb 1024
python3 "$here/national_pages.py" ita "$port" "$agencies" "$agencies" "$year" | tail -n 2 | sed 's/^/every agency once, then again: /'
for r in 1 2 3; do round "1024 MB cache, every agency's page kept, round $r"; done
stop_node; echo "$held"

echo
echo "--- staff pages of 20 random agencies (the executive signed in; 5 requests of each page per agency)"
start_node
python3 "$here/national_pages.py" staff "$port" "$agencies" 20 "$year" "$work/pw"
stop_node

echo
t0=$(date +%s.%N); out=$("$bin" audit verify --db "$db" --agency copy-$((agencies / 2)) 2>/dev/null)
echo "audit verify, one agency: $(secs "$t0") s ($out)"
t0=$(date +%s.%N); out=$("$bin" audit verify --db "$db" 2>/dev/null)
echo "audit verify, every agency: $(secs "$t0") s ($out)"

echo
t0=$(date +%s.%N)
runuser -u postgres -- pg_dump -h "$work/pg" -p "$pg_port" -U postgres -Fc -f "$work/pg/backup.dump" postgres
echo "backup, pg_dump -Fc: $(secs "$t0") s, $(du -h "$work/pg/backup.dump" | cut -f1)"
PGOPTIONS='-c client_min_messages=warning' sql "DROP DATABASE IF EXISTS restored"
sql "CREATE DATABASE restored"
t0=$(date +%s.%N)
runuser -u postgres -- pg_restore -h "$work/pg" -p "$pg_port" -U postgres -j 2 -d restored "$work/pg/backup.dump"
echo "restore, pg_restore -j2 into a new database: $(secs "$t0") s"
# A restored database has no planner statistics until ANALYZE: without them every agency's
# audit chain was read by a scan of the whole log (verify had not ended after 3 minutes).
t0=$(date +%s.%N)
runuser -u postgres -- vacuumdb -h "$work/pg" -p "$pg_port" -U postgres -d restored --analyze-only -j 2 -q
echo "then ANALYZE (vacuumdb --analyze-only -j2): $(secs "$t0") s"
t0=$(date +%s.%N); out=$("$bin" audit verify --db "postgresql:///restored?host=$work/pg&port=$pg_port&user=postgres&schema=national" 2>/dev/null)
echo "audit verify of the restored copy: $(secs "$t0") s ($out)"
sql "DROP DATABASE restored"; rm -f "$work/pg/backup.dump"
cp "$result" "$here/results/latest-national.txt"
cat "$result" >&3
