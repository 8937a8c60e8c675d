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
# With BEFORE=path/to/an/older/prongsai (BEFORE_LABEL: what to call it), that build serves the same survey on a database of its
# own beside this one, and each round runs it too, just before this one: a change measured
# against what it changed, in the same run.
# Writes bench/results/survey-submissions[-c<connections>]-<date>.txt and the same latest-….txt
# (no suffix for the default 32 connections).
#
#   [SERVE_ARGS="--workers 8"] [BEFORE=old/prongsai] bench/survey_submissions.sh build/prongsai [seconds] [connections] [rounds]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds]}")
before_bin=${BEFORE:+$(realpath "$BEFORE")}
seconds=${2:-10}
connections=${3:-32}
rounds=${4:-3}
here=$(cd "$(dirname "$0")" && pwd)
# On the disk, like a real server's database (not a tmpfs).
root=$(mktemp -d "${BENCH_DIR:-/var/tmp}/prongsai-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT
source "$here/lib.sh"

# A server of build $2 on a database of its own in $root/$1, with the demo agency, an EIT
# survey, a phone's answers and wrk's script for them: sets $1_work, $1_db, $1_url and $1_pid.
start() {
  local name=$1 build=$2 port
  work="$root/$name" db="$root/$name/bench.db"
  mkdir -p "$work"
  "$build" init --db "sqlite:$db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null
  port=$(free_port)
  # SERVE_ARGS: more options for the server (`SERVE_ARGS="--workers 8"`), said in the results.
  # shellcheck disable=SC2086
  "$build" serve --db "sqlite:$db" --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.1 --log-level warn ${SERVE_ARGS:-} &
  pids+=($!)
  base="http://127.0.0.1:$port"
  wait_up "$base"
  jar="$work/jar"
  sign_in
  path=$(make_eit_survey)
  phone_answers "$path"
  post_script "$work/post.lua"
  printf -v "${name}_work" '%s' "$work"
  printf -v "${name}_db" '%s' "$db"
  printf -v "${name}_url" '%s' "$base$path"
  printf -v "${name}_pid" '%s' "${pids[-1]}"
}
# One round of server $1 (answer_round with its folder and database).
round_of() {
  local name=$1 w=${1}_work d=${1}_db u=${1}_url
  work=${!w} db=${!d}
  answer_round "${!u}"
}
rows() { sqlite3 "$db" "SELECT COUNT(*) FROM survey_responses"; }

[ -n "$before_bin" ] && start before "$before_bin"
start now "$bin"
work=$root

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
  echo "SQLite WAL, group commit (one fdatasync of the WAL for every commit before it) on $(df -T "$root" | awk 'NR==2 {print $2}'); baseline: bare sqlite3 one commit per row, synchronous=FULL, on the same disk"
  [ -n "$before_bin" ] && echo "before: ${BEFORE_LABEL:-$before_bin}, on a database of its own, run just before this build in each round"
  printf '%-6s %12s %10s %10s %10s %12s %14s' "round" "answers/s" "p50" "p99" "refused" "rows added" "baseline/s"
  [ -n "$before_bin" ] && printf ' %12s %10s' "before/s" "before p99"
  echo
  rates=() bases=() p99s=() befores=()
  for r in $(seq "$rounds"); do
    [ -n "$before_bin" ] && old=$(round_of before)
    out=$(round_of now)
    refused=$(echo "$out" | refused) added=$(echo "$out" | awk '/^rows added:/ {print $3}')
    rate=$(echo "$out" | rps) base_rate=$(baseline)
    rates+=("$rate") bases+=("$base_rate") p99s+=("$(echo "$out" | p99)")
    printf '%-6s %12s %10s %10s %10s %12s %14s' "$r" "$rate" "$(echo "$out" | p50)" "$(echo "$out" | p99)" \
           "$refused" "$added" "$base_rate"
    if [ -n "$before_bin" ]; then
      befores+=("$(echo "$old" | rps)")
      printf ' %12s %10s' "$(echo "$old" | rps)" "$(echo "$old" | p99)"
    fi
    echo
  done
  range() { printf '%s\n' "$@" | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
  echo "median $(median "${rates[@]}") answers/s (rounds $(range "${rates[@]}")), p99 $(range "${p99s[@]}"); baseline median $(median "${bases[@]}")/s (rounds $(range "${bases[@]}"))"
  [ -n "$before_bin" ] && echo "before: median $(median "${befores[@]}") answers/s (rounds $(range "${befores[@]}"))"
  echo "prongsai peak memory (VmHWM): $(peak_mib "$now_pid") MiB"
} | tee "$result"
cp "$result" "$here/results/latest-$name.txt"
