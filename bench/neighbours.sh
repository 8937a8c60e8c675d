#!/usr/bin/env bash
# One agency's cached public page while other agencies on the same host are written to
# (issue: PostgreSQL and several nodes; a national host serves thousands of agencies, and
# citizens answer surveys in one while assessors read another's ITA page). One node on
# PostgreSQL (fsync on) with two agencies: agency A (its own host name, every OIT item of 2566
# filled) and agency B (the default one, an open EIT survey). Each round measures A's
# /ita/2566 with wrk, quiet and then while complete EIT answers are posted to B at a steady
# rate (bench/neighbour_writes.py, one connection), alternating. What B's writes cost A's page
# is the ratio busy / quiet; a page cache that any agency's write empties would show here.
# Writes bench/results/neighbours-<writes/s>-<date>.txt and bench/results/latest-neighbours-<writes/s>.txt.
#
#   bench/neighbours.sh build/prongsai [seconds] [connections] [rounds] [writes/s]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds] [writes/s]}")
seconds=${2:-10}
connections=${3:-64}
rounds=${4:-3}
rate=${5:-20}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
pg_bench_work

pg_demo "$work/pw-b"
"$bin" agency add --db "$db" --name "เทศบาลตำบลบ้านใหม่" --host a.example --admin-email admin@example.org \
  --password-file "$work/pw-a" >/dev/null 2>&1
port=$(free_port)
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.1 --log-level warn >"$work/node.log" 2>&1 &
pids+=($!)
node_pid=$!
wait_up "http://127.0.0.1:$port"

# lib.sh's requests reach agency A by its host name.
curl() { command curl --resolve "a.example:$port:127.0.0.1" "$@"; }
cp "$work/pw-a" "$work/pw"
base="http://a.example:$port" jar="$work/jar-a"
sign_in
second_factor  # a new agency's admin sets it up at the first sign-in
fill_ita 2566
cp "$work/pw-b" "$work/pw"
base="http://127.0.0.1:$port" jar="$work/jar-b"
sign_in
path=$(make_eit_survey)
phone_answers "$path"

rows() { psql "$pg" -Atc "SELECT COUNT(*) FROM bench.survey_responses"; }
page() { wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Host: a.example" "http://127.0.0.1:$port/ita/2566"; }
page >/dev/null  # warm the cache and the connections

mkdir -p "$here/results"
result="$here/results/neighbours-$rate-$(date -u +%Y%m%d).txt"
ratios=()
{
  echo "agency A's /ita/2566 (page cache) quiet and while agency B takes $rate survey answers/s, one node (2 I/O threads, 2 workers), PostgreSQL $(psql "$pg" -Atc 'SHOW server_version') (fsync on), wrk -t2 -c$connections -d${seconds}s on loopback, $(nproc) cores, $rounds rounds, $(date -u +%FT%TZ)"
  printf '%-6s %-26s %12s %10s %10s\n' "round" "agency B" "requests/s" "p50" "p99"
  for r in $(seq "$rounds"); do
    q=$(page)
    printf '%-6s %-26s %12s %10s %10s\n' "$r" "quiet" "$(echo "$q" | rps)" "$(echo "$q" | p50)" "$(echo "$q" | p99)"
    before=$(rows)
    python3 "$here/neighbour_writes.py" "127.0.0.1" "$port" "$path" "$cookie" "$body" "$rate" "$((seconds + 2))" \
      >"$work/writes.txt" &
    writer=$!
    sleep 1
    b=$(page)
    wait "$writer"
    added=$(($(rows) - before))
    printf '%-6s %-26s %12s %10s %10s\n' "$r" "$(cat "$work/writes.txt") ($added stored)" "$(echo "$b" | rps)" \
      "$(echo "$b" | p50)" "$(echo "$b" | p99)"
    ratios+=("$(python3 -c "print(f'{$(echo "$b" | rps) / $(echo "$q" | rps):.2f}')")")
  done
  echo "A's page while B is written to / quiet: ${ratios[*]}; median $(median "${ratios[@]}")"
  echo "node CPU seconds (user+system): $(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$node_pid/stat")"
} | tee "$result"
cp "$result" "$here/results/latest-neighbours-$rate.txt"
