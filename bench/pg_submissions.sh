#!/usr/bin/env bash
# Survey submissions per second on PostgreSQL (issue: performance at the limit). A commit there
# is on disk when it returns, and PostgreSQL already shares one WAL flush among the commits that
# wait for it at once, so what sets the rate is how many commits can wait at once: one per
# worker thread (--workers; each holds its connection while it waits). Measured by the number
# of workers, and with commit_delay (a committing backend waits that many microseconds for
# others to join its flush when commit_siblings=5 others are in a transaction), against bare
# pgbench inserting the same rows one transaction each from as many clients as wrk has
# connections. Every round is checked as in survey_submissions.sh: no answer refused, every 303
# a stored row. Rounds alternate between the setups; medians and their spread are reported.
# Writes bench/results/pg-submissions-<date>.txt and bench/results/latest-pg-submissions.txt.
#
#   bench/pg_submissions.sh build/prongsai [seconds] [connections] [rounds] ["workers ..."] ["delays µs ..."]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds] [workers] [delays]}")
seconds=${2:-5}
connections=${3:-64}
rounds=${4:-3}
read -r -a worker_counts <<< "${5:-2 8 32}"
read -r -a delays <<< "${6:-0 100}"
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
pg_bench_work

pg_demo "$work/pw"
declare -A port_of
for w in "${worker_counts[@]}"; do
  port_of[$w]=$(free_port)
  "$bin" serve --db "$db" --listen "127.0.0.1:${port_of[$w]}" --workers "$w" --trusted-proxy 127.0.0.1 --log-level warn &
  pids+=($!)
  wait_up "http://127.0.0.1:${port_of[$w]}"
done
base="http://127.0.0.1:${port_of[${worker_counts[0]}]}"
jar="$work/jar"
sign_in
path=$(make_eit_survey)
phone_answers "$path"
post_script "$work/post.lua"
rows() { psql "$pg" -Atc "SELECT COUNT(*) FROM bench.survey_responses"; }
set_delay() { psql "$pg" -qAtc "ALTER SYSTEM SET commit_delay = $1" -c "ALTER SYSTEM SET commit_siblings = 5" -c "SELECT pg_reload_conf()" >/dev/null; }

# The baseline: pgbench, one INSERT of a row of the same size per transaction, as many clients.
pgbench_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/pgbench
psql "$pg" -qc "CREATE TABLE IF NOT EXISTS bare (id bigserial PRIMARY KEY, agency_id int, survey_id int, day text, answers text)"
answers=$(python3 -c 'import json; print(json.dumps({f"E{i}": 4 for i in range(1, 20)}))')
echo "INSERT INTO bare (agency_id, survey_id, day, answers) VALUES (1, 1, '2026-11-25', '$answers');" > "$work/bare.sql"
baseline() {
  "$pgbench_bin" -n -f "$work/bare.sql" -c "$connections" -j 2 -T "$seconds" "host=$work/pg port=$pg_port user=postgres dbname=postgres" 2>/dev/null |
    awk '/^tps/ {printf "%.0f", $3; exit}'
}

round() {  # round WORKERS: prints answers/s p99
  local out
  out=$(answer_round "http://127.0.0.1:${port_of[$1]}$path")
  echo "$(echo "$out" | rps) $(echo "$out" | p99)"
}

declare -A rates p99s
bases=()
for r in $(seq "$rounds"); do
  for d in "${delays[@]}"; do
    set_delay "$d"
    for w in "${worker_counts[@]}"; do
      res=$(round "$w")
      read -r rate p99 <<< "$res"
      rates[$w/$d]+="$rate " p99s[$w/$d]+="$p99 "
    done
    bases+=("$(baseline)")
  done
done

range() { printf '%s\n' "$@" | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
mkdir -p "$here/results"
result="$here/results/pg-submissions-$(date -u +%Y%m%d).txt"
{
  echo "POST $path (EIT 2566, $lines answers each), wrk -t2 -c$connections -d${seconds}s on loopback, PostgreSQL $(psql "$pg" -Atc 'SHOW server_version') (fsync on, synchronous_commit on) on $(df -T "$work" | awk 'NR==2 {print $2}'), $(nproc) cores, $rounds rounds alternating, $(date -u +%FT%TZ)"
  echo "baseline: pgbench, one INSERT per transaction, $connections clients: median $(median "${bases[@]}") tps (rounds $(range "${bases[@]}"))"
  printf '%-10s %-16s %14s %20s %18s\n' "workers" "commit_delay µs" "answers/s" "rounds" "p99"
  for d in "${delays[@]}"; do
    for w in "${worker_counts[@]}"; do
      read -r -a rs <<< "${rates[$w/$d]}"
      read -r -a ps <<< "${p99s[$w/$d]}"
      printf '%-10s %-16s %14s %20s %18s\n' "$w" "$d" "$(median "${rs[@]}")" "$(range "${rs[@]}")" "$(range "${ps[@]}")"
    done
  done
} | tee "$result"
cp "$result" "$here/results/latest-pg-submissions.txt"
