#!/usr/bin/env bash
# Two application nodes against one, on one PostgreSQL, behind nginx (issue: PostgreSQL and
# several nodes): requests/s on the public ITA page (/ita/2566, every OIT item filled) and on
# survey submissions (complete EIT answers POSTed through the public form), in the same run.
# The requirement is that two nodes are not slower than one; the ratio is reported.
#
# Everything shares this machine's cores: wrk, nginx, PostgreSQL and the nodes. Each round
# therefore measures two ways:
# - shared cores: the nodes take what CPU they get. Two nodes on one machine cannot show what
#   two machines add; this shows what a second process costs on the same cores (an
#   invalidation storm on reads or a lock fight on writes would show here too).
# - a CPU budget per node (NODE_CPU, percent of one core, default 25): each node runs in a
#   cgroup of its own with that CPU quota, as if each node were a small machine of its own, and
#   wrk, nginx and PostgreSQL keep the rest. This is what adding a node to a deployment does:
#   the pair has twice the node CPU of the single node, and anything the nodes do to each other
#   (shared locks, invalidation, the database) is what keeps the ratio under 2. Needs root and
#   the cgroup cpu controller (v1 or v2); without them only the shared rounds run.
# The single node runs with its defaults (`prongsai serve --help`); so do the pair's nodes,
# unless [threads] is given: then each of the pair has that many I/O threads and workers (1:
# the pair has the single node's threads between them). The same nginx config serves both
# setups: one nginx with an upstream of the single node, another with the pair, the deploy
# config's proxy settings. Rounds alternate one node / two nodes so that drift hits both alike;
# the median of the per-round ratios is reported. PostgreSQL runs with fsync on: a 303 (to the thank-you page) means
# on disk. Every round checks that each 303 was a stored answer.
# Writes bench/results/two-nodes-<date>.txt and bench/results/latest-two-nodes.txt (with
# [threads]: two-nodes-split-<date>.txt and latest-two-nodes-split.txt).
#
#   [NODE_CPU=25] bench/two_nodes.sh build/prongsai [seconds] [connections] [rounds] [threads]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds] [threads]}")
seconds=${2:-10}
connections=${3:-64}
rounds=${4:-3}
threads=${5:-}
node_cpu=${NODE_CPU:-25}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/prongsai-bench.XXXXXX")
chmod 755 "$work"
pids=()
groups=()
cleanup() {
  for f in "$work"/nginx-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop
  for g in "${groups[@]}"; do rmdir "$g" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
source "$here/lib.sh"

pg_demo "$work/pw"

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
# A cgroup per node for the budget rounds: cg_make NAME PID puts the process in a new group
# (listed in $groups); cg_budget FOLDER PERCENT|max sets its quota (10 ms periods, so that a
# node used to its quota waits at most a few milliseconds).
cg_base=""
if [ "$node_cpu" != 0 ] && [ -w /sys/fs/cgroup/cpu/cgroup.procs ] && [ -e /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
  cg_base=/sys/fs/cgroup/cpu
elif [ "$node_cpu" != 0 ] && [ -w /sys/fs/cgroup/cgroup.subtree_control ] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null &&
  { grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control || echo +cpu >/sys/fs/cgroup/cgroup.subtree_control; } 2>/dev/null; then
  cg_base=/sys/fs/cgroup
fi
[ -n "$cg_base" ] || [ "$node_cpu" = 0 ] || echo "no writable cgroup cpu controller: only the shared-cores rounds run" >&2
cg_make() {
  local g="$cg_base/prongsai-bench-$$-$1"
  mkdir "$g" && groups+=("$g") && echo "$2" >"$g/cgroup.procs"
}
cg_budget() {
  if [ -e "$1/cpu.cfs_quota_us" ]; then
    echo 10000 >"$1/cpu.cfs_period_us"
    if [ "$2" = max ]; then echo -1 >"$1/cpu.cfs_quota_us"; else echo $(($2 * 100)) >"$1/cpu.cfs_quota_us"; fi
  else
    echo "$([ "$2" = max ] && echo max || echo $(($2 * 100))) 10000" >"$1/cpu.max"
  fi
}
pair_args=()
[ -n "$threads" ] && pair_args=(--io-threads "$threads" --workers "$threads")
start_node single; single=$addr; single_pid=$pid
start_node node-a "${pair_args[@]}"; a=$addr; a_pid=$pid
start_node node-b "${pair_args[@]}"; b=$addr; b_pid=$pid
budgeted=()
if [ -n "$cg_base" ]; then
  if cg_make single "$single_pid" && cg_make node-a "$a_pid" && cg_make node-b "$b_pid"; then
    budgeted=("${groups[@]}")
  else
    echo "could not put the nodes in cgroups of their own: only the shared-cores rounds run" >&2
  fi
fi

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

rows() { psql "$pg" -Atc "SELECT COUNT(*) FROM bench.survey_responses"; }
get() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1/ita/2566"; }
post() { answer_round "$1$path"; }  # post BASE: wrk's output; fails when a 303 was not stored
get "$one" >/dev/null; get "$two" >/dev/null  # warm both nodes' page caches and the connections
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }  # user+system seconds

mkdir -p "$here/results"
name="two-nodes${threads:+-split}"
result="$here/results/$name-$(date -u +%Y%m%d).txt"
modes=(shared); [ ${#budgeted[@]} = 0 ] || modes+=(budget)
declare -A ratios  # "MODE WHAT" → the per-round ratios
row() { printf '%-6s %-13s %-28s %-7s %12s %10s %10s\n' "$@"; }
ratio() { python3 -c "print(f'{$(echo "$2" | rps) / $(echo "$1" | rps):.2f}')"; }
{
  echo "nginx → 1 node vs nginx → 2 nodes (${threads:-2} I/O threads and ${threads:-2} workers each; the single node 2 and 2), one PostgreSQL $(psql "$pg" -Atc 'SHOW server_version') (fsync on), wrk -t2 -c$connections -d${seconds}s on loopback, $(nproc) cores, $rounds rounds, $(date -u +%FT%TZ)"
  [ ${#budgeted[@]} = 0 ] || echo "budget rounds: each node in a cgroup of its own with a CPU quota of $node_cpu % of one core; shared rounds: no quota"
  row "round" "node CPU" "what" "nodes" "requests/s" "p50" "p99"
  for r in $(seq "$rounds"); do
    for mode in "${modes[@]}"; do
      label="shared cores"
      if [ "$mode" = budget ]; then label="$node_cpu % each"; fi
      for g in "${budgeted[@]}"; do cg_budget "$g" "$([ "$mode" = budget ] && echo "$node_cpu" || echo max)"; done
      o=$(get "$one"); t=$(get "$two")
      row "$r" "$label" "GET /ita/2566" 1 "$(echo "$o" | rps)" "$(echo "$o" | p50)" "$(echo "$o" | p99)"
      row "$r" "$label" "GET /ita/2566" 2 "$(echo "$t" | rps)" "$(echo "$t" | p50)" "$(echo "$t" | p99)"
      ratios["$mode page"]+=" $(ratio "$o" "$t")"
      o=$(post "$one"); t=$(post "$two")
      row "$r" "$label" "POST survey ($lines answers)" 1 "$(echo "$o" | rps)" "$(echo "$o" | p50)" "$(echo "$o" | p99)"
      row "$r" "$label" "POST survey ($lines answers)" 2 "$(echo "$t" | rps)" "$(echo "$t" | p50)" "$(echo "$t" | p99)"
      ratios["$mode post"]+=" $(ratio "$o" "$t")"
    done
  done
  for mode in "${modes[@]}"; do
    label="shared cores"
    if [ "$mode" = budget ]; then label="$node_cpu % of a core per node"; fi
    # shellcheck disable=SC2086  # the ratios are space-separated numbers
    echo "two nodes / one node, $label, ITA page:${ratios["$mode page"]}; median $(median ${ratios["$mode page"]})"
    # shellcheck disable=SC2086
    echo "two nodes / one node, $label, survey submissions:${ratios["$mode post"]}; median $(median ${ratios["$mode post"]})"
  done
  echo "every 303 was a stored answer; survey answers stored in all: $(rows)"
  echo "CPU seconds (user+system) of the single node, node A, node B: $(cpu "$single_pid"), $(cpu "$a_pid"), $(cpu "$b_pid")"
} | tee "$result"
cp "$result" "$here/results/latest-$name.txt"
