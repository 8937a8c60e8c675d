#!/usr/bin/env bash
# Survey submissions per second on SQLite (issues: surveys; performance at the limit): at least
# the disk's own rate of one-commit-per-row, aiming for 10,000/s at -c64 with p99 under 50 ms,
# each answer acknowledged only once it is durable (a 303 to the thank-you page means on disk: the server answers
# after the flush of the WAL that followed its commit, one flush for every answer committed
# before it began: group commit, store/sqlite.cpp).
#
# It makes an EIT survey (every E1–E15 line and sub-question: 19 answers) through the admin's form, takes the
# questionnaire's anonymous CSRF token as a phone would, then wrk POSTs complete answers from
# many connections for `seconds`, `rounds` times, each answer from another address (X-Real-IP
# from a trusted proxy, as nginx in front would say it). Each round is checked: no answer refused,
# and every 303 wrk saw is a
# row in survey_responses (nothing acknowledged and lost); the rows may exceed them by the
# requests still in flight when wrk stopped counting (at most one per connection). The baseline in the
# same run is the disk's own limit for this kind of write: Python's sqlite3 committing the same
# rows one transaction each on the same file system, in WAL with synchronous=FULL (an fsync per
# commit, what the server did before group commit).
# Writes bench/results/survey-submissions[-c<connections>]-<date>.txt and the same latest-….txt
# (no suffix for the default 32 connections).
#
#   [SERVE_ARGS="--workers 8"] bench/survey_submissions.sh build/prongsai [seconds] [connections] [rounds]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds]}")
seconds=${2:-10}
connections=${3:-32}
rounds=${4:-3}
here=$(cd "$(dirname "$0")" && pwd)
# On the disk, like a real server's database (not a tmpfs).
work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/prongsai-bench.XXXXXX")
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$here/lib.sh"

db="$work/bench.db"
"$bin" init --db "sqlite:$db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null
app_port=$(free_port)
# SERVE_ARGS: more options for the server (`SERVE_ARGS="--workers 8"`), said in the results.
# shellcheck disable=SC2086
"$bin" serve --db "sqlite:$db" --listen "127.0.0.1:$app_port" --trusted-proxy 127.0.0.1 --log-level warn ${SERVE_ARGS:-} &
app_pid=$!
base="http://127.0.0.1:$app_port"
wait_up "$base"
jar="$work/jar"
sign_in
path=$(make_eit_survey)
phone_answers "$path"
post_script "$work/post.lua"
rows() { sqlite3 "$db" "SELECT COUNT(*) FROM survey_responses"; }

# The baseline: bare SQLite, one committed transaction per row, WAL + synchronous=FULL, same disk.
baseline() {
  python3 - "$work/baseline.db" "$seconds" <<'PY'
import sqlite3, sys, time, json
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE IF NOT EXISTS r (id INTEGER PRIMARY KEY, agency_id INT, survey_id INT, day TEXT, answers TEXT)")
answers = json.dumps({f"E{i}": 4 for i in range(1, 20)})  # 19 answers, as the EIT survey
n, end = 0, time.time() + float(sys.argv[2])
while time.time() < end:
    db.execute("BEGIN IMMEDIATE"); db.execute("INSERT INTO r (agency_id, survey_id, day, answers) VALUES (1, 1, '2026-11-25', ?)", (answers,)); db.execute("COMMIT")
    n += 1
print(f"{n / float(sys.argv[2]):.0f}")
PY
}

mkdir -p "$here/results"
name=survey-submissions
[ "$connections" = 32 ] || name="$name-c$connections"
result="$here/results/$name-$(date -u +%Y%m%d).txt"
{
  echo "POST $path (EIT 2566, $lines answers each), wrk -t2 -c$connections -d${seconds}s on loopback, $(nproc) cores, $rounds rounds, $(date -u +%FT%TZ)${SERVE_ARGS:+, serve $SERVE_ARGS}"
  echo "SQLite WAL, group commit (one fdatasync of the WAL for every commit before it) on $(df -T "$work" | awk 'NR==2 {print $2}'); baseline: bare sqlite3 one commit per row, synchronous=FULL, on the same disk"
  printf '%-6s %12s %10s %10s %10s %12s %14s\n' "round" "answers/s" "p50" "p99" "refused" "rows added" "baseline/s"
  rates=() bases=() p99s=()
  for r in $(seq "$rounds"); do
    out=$(answer_round "$base$path")
    refused=$(echo "$out" | refused) added=$(echo "$out" | awk '/^rows added:/ {print $3}')
    rate=$(echo "$out" | rps) base_rate=$(baseline)
    rates+=("$rate") bases+=("$base_rate") p99s+=("$(echo "$out" | p99)")
    printf '%-6s %12s %10s %10s %10s %12s %14s\n' "$r" "$rate" "$(echo "$out" | p50)" "$(echo "$out" | p99)" \
           "$refused" "$added" "$base_rate"
  done
  range() { printf '%s\n' "$@" | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
  echo "median $(median "${rates[@]}") answers/s (rounds $(range "${rates[@]}")), p99 $(range "${p99s[@]}"); baseline median $(median "${bases[@]}")/s (rounds $(range "${bases[@]}"))"
  echo "prongsai peak memory (VmHWM): $(peak_mib "$app_pid") MiB"
} | tee "$result"
cp "$result" "$here/results/latest-$name.txt"
