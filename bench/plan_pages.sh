#!/usr/bin/env bash
# Server-side time of the staff plan pages for the seed's FY2566 plan (14 issues, 70 due
# dates): the server's own access-log timing per request (parse, session, render), over N
# sequential requests of a signed-in executive, and the same for the O43 report in each of its
# four formats. Writes bench/results/plan-<date>.txt and bench/results/latest-plan.txt.
# Targets (issue: measures): dashboard under 5 ms; the seed's O43 PDF under 300 ms.
#
#   bench/plan_pages.sh build/prongsai [requests]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [requests]}")
n=${2:-300}
here=$(cd "$(dirname "$0")" && pwd)
seed="$here/../data/seed/o43-report-na-mom-2566.txt"
work=$(mktemp -d /tmp/prongsai-bench.XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" init --db "sqlite:$work/db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null 2>&1
"$bin" import o43 "$seed" --year 2566 --db "sqlite:$work/db" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --db "sqlite:$work/db" --listen "127.0.0.1:$port" 2>"$work/log" &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

jar="$work/jar"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "email=executive@example.org" \
     --data-urlencode "password=$(cat "$work/pw")" "http://127.0.0.1:$port/login"

measure() {  # path → "p50 p90 max" in ms, from the server's access log
  local path=$1
  : > "$work/log"
  for _ in $(seq "$n"); do curl -s -o /dev/null -b "$jar" "http://127.0.0.1:$port$path"; done
  grep -aF "GET $path 200" "$work/log" | sed 's/.* \([0-9.]*\)ms$/\1/' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f %.2f\n", a[int((NR+1)/2)], a[int(NR*0.9+0.5)], a[NR]}'
}
mkdir -p "$here/results"
result="$here/results/plan-$(date -u +%Y%m%d).txt"
{
  echo "Plan pages for the seed's FY2566 plan, server-side ms from the access log, $n sequential requests, $(date -u +%FT%TZ)"
  printf '%-42s %8s %8s %8s\n' "page" "p50" "p90" "max"
  for path in /measures/plans/2566/dashboard /measures/plans/2566 /staff \
              /measures/plans/2566/documents/o43.pdf /measures/plans/2566/documents/o43.docx \
              /measures/plans/2566/documents/o43.xlsx /measures/plans/2566/documents/o43.html; do
    read -r p50 p90 max < <(measure "$path")
    printf '%-42s %8s %8s %8s\n' "$path" "$p50" "$p90" "$max"
  done
} | tee "$result"
cp "$result" "$here/results/latest-plan.txt"
