#!/usr/bin/env bash
# Two application nodes against one, on one PostgreSQL, behind nginx (issue: PostgreSQL and
# several nodes): requests/s on the public ITA page (/ita/2566, every OIT item filled) and on
# survey submissions (complete EIT answers POSTed through the public form), in the same run.
# The requirement is that two nodes are not slower than one; the ratio is reported.
#
# Everything shares this machine's cores: wrk, nginx, PostgreSQL and the nodes. Two nodes on one
# machine cannot show what two machines add; what this measures is what a second node costs
# (an invalidation storm on reads or a lock fight on writes would show here). The single node
# runs with its defaults (--io-threads 2 --workers 2); so do the pair's nodes, unless [threads]
# is given: then each of the pair has that many I/O threads and workers (1: the pair has the
# single node's threads between them). The same nginx config serves both setups: one nginx
# with an upstream of the single node, another with the pair, the deploy config's proxy
# settings. Rounds alternate one node / two nodes so that drift hits both alike; the median of
# the per-round ratios is reported. PostgreSQL runs with fsync on: a 200 means on disk. Every
# round checks that each 200 was a stored answer.
# Writes bench/results/two-nodes-<date>.txt and bench/results/latest-two-nodes.txt (with
# [threads]: two-nodes-split-<date>.txt and latest-two-nodes-split.txt).
#
#   bench/two_nodes.sh build/prongsai [seconds] [connections] [rounds] [threads]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds] [threads]}")
seconds=${2:-10}
connections=${3:-64}
rounds=${4:-3}
threads=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/prongsai-bench.XXXXXX")
chmod 755 "$work"
pids=()
cleanup() {
  for f in "$work"/nginx-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash "$here/../tests/pg/cluster.sh" stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$here/lib.sh"

pg_port=$(free_port)
PG_FSYNC=on bash "$here/../tests/pg/cluster.sh" start "$work/pg" "$pg_port"
db="postgresql:///postgres?host=$work/pg&port=$pg_port&user=postgres&schema=bench"
"$bin" init --db "$db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null 2>&1

start_node() {  # start_node NAME [ARGS...]: sets $addr (HOST:PORT) and $pid; not in a subshell, so cleanup knows the pid
  local port name=$1
  shift
  port=$(free_port)
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.1 --node-name "$name" --log-level warn "$@" \
    >"$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_up "http://127.0.0.1:$port"
  addr="127.0.0.1:$port"
}
pair_args=()
[ -n "$threads" ] && pair_args=(--io-threads "$threads" --workers "$threads")
start_node single; single=$addr; single_pid=$pid
start_node node-a "${pair_args[@]}"; a=$addr; a_pid=$pid
start_node node-b "${pair_args[@]}"; b=$addr; b_pid=$pid

# The deploy config's proxy location and upstream keep-alive settings, on loopback without TLS.
location=$(awk '/location \/ \{/,/^    \}/' "$here/../deploy/nginx-prongsai.conf")
keepalive=$(grep -E '^ +keepalive(_timeout)? ' "$here/../deploy/nginx-prongsai.conf" | tr -d '\n')
proxy() {  # proxy NAME UPSTREAM... → its base URL
  local name=$1 port servers=""
  shift
  port=$(free_port)
  for s in "$@"; do servers="$servers server $s;"; done
  mkdir -p "$work/nginx-temp"
  cat > "$work/nginx-$name.conf" <<NGINX
worker_processes 2;
pid $work/nginx-$name.pid;
error_log $work/nginx-$name-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-temp; proxy_temp_path $work/nginx-temp; fastcgi_temp_path $work/nginx-temp;
  uwsgi_temp_path $work/nginx-temp; scgi_temp_path $work/nginx-temp;
  upstream prongsai { $servers $keepalive }
  server { listen 127.0.0.1:$port; $location }
}
NGINX
  nginx -p "$work" -c "$work/nginx-$name.conf"
  wait_up "http://127.0.0.1:$port"
  echo "http://127.0.0.1:$port"
}
one=$(proxy one "$single")
two=$(proxy two "$a" "$b")

# The full ITA page, and a survey with a phone's answers, made through the two-node proxy.
base=$two
jar="$work/jar"
sign_in
fill_ita 2566
path=$(make_eit_survey)
phone_answers "$path"
post_script "$work/post.lua"

rows() { psql "postgresql:///postgres?host=$work/pg&port=$pg_port&user=postgres" -Atc "SELECT COUNT(*) FROM bench.survey_responses"; }
get() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1/ita/2566"; }
post() {  # post BASE: wrk's output; fails when a 200 was not stored
  local before after out requests refused acked added
  before=$(rows)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "$1$path")
  after=$(rows)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  refused=$(echo "$out" | non2xx); refused=${refused:-0}
  acked=$((requests - refused)); added=$((after - before))
  if [ "$added" -lt "$acked" ] || [ "$added" -gt $((acked + connections)) ]; then
    echo "$acked answers acknowledged, but the database gained $added rows" >&2; return 1
  fi
  [ "$refused" = 0 ] || { echo "$refused answers refused" >&2; return 1; }
  echo "$out"
}
get "$one" >/dev/null; get "$two" >/dev/null  # warm both nodes' page caches and the connections
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }  # user+system seconds

mkdir -p "$here/results"
name="two-nodes${threads:+-split}"
result="$here/results/$name-$(date -u +%Y%m%d).txt"
page_ratios=(); post_ratios=()
{
  echo "nginx → 1 node vs nginx → 2 nodes (${threads:-2} I/O threads and ${threads:-2} workers each; the single node 2 and 2), one PostgreSQL $(psql "postgresql:///postgres?host=$work/pg&port=$pg_port&user=postgres" -Atc 'SHOW server_version') (fsync on), wrk -t2 -c$connections -d${seconds}s on loopback, $(nproc) cores, $rounds rounds, $(date -u +%FT%TZ)"
  printf '%-6s %-28s %-7s %12s %10s %10s\n' "round" "what" "nodes" "requests/s" "p50" "p99"
  for r in $(seq "$rounds"); do
    o=$(get "$one"); t=$(get "$two")
    printf '%-6s %-28s %-7s %12s %10s %10s\n' "$r" "GET /ita/2566" 1 "$(echo "$o" | rps)" "$(echo "$o" | p50)" "$(echo "$o" | p99)"
    printf '%-6s %-28s %-7s %12s %10s %10s\n' "$r" "GET /ita/2566" 2 "$(echo "$t" | rps)" "$(echo "$t" | p50)" "$(echo "$t" | p99)"
    page_ratios+=("$(python3 -c "print(f'{$(echo "$t" | rps) / $(echo "$o" | rps):.2f}')")")
    o=$(post "$one"); t=$(post "$two")
    printf '%-6s %-28s %-7s %12s %10s %10s\n' "$r" "POST survey ($lines answers)" 1 "$(echo "$o" | rps)" "$(echo "$o" | p50)" "$(echo "$o" | p99)"
    printf '%-6s %-28s %-7s %12s %10s %10s\n' "$r" "POST survey ($lines answers)" 2 "$(echo "$t" | rps)" "$(echo "$t" | p50)" "$(echo "$t" | p99)"
    post_ratios+=("$(python3 -c "print(f'{$(echo "$t" | rps) / $(echo "$o" | rps):.2f}')")")
  done
  echo "two nodes / one node, ITA page: ${page_ratios[*]}; median $(median "${page_ratios[@]}")"
  echo "two nodes / one node, survey submissions: ${post_ratios[*]}; median $(median "${post_ratios[@]}")"
  echo "every 200 was a stored answer; survey answers stored in all: $(rows)"
  echo "CPU seconds (user+system) of the single node, node A, node B: $(cpu "$single_pid"), $(cpu "$a_pid"), $(cpu "$b_pid")"
} | tee "$result"
cp "$result" "$here/results/latest-$name.txt"
