#!/usr/bin/env bash
# The home page while office files download (issue: the corruption channel's promises and the
# public surface). A download used to inflate an office file's whole archive again, on an I/O
# thread: a 195 KB upload cost each anonymous download 0.6 s, and two at once took the cached
# home page from 1 ms to 0.9 s. One node on SQLite, as `make run` serves; an OIT item of 2566
# holds a DOCX of about 150 KB that inflates to about 150 MB (an upload may inflate to 200 MB).
# Each round measures / with wrk, quiet, then while $downloaders clients download the file over
# and over; the target is p99 under 50 ms while they do.
# Writes bench/results/downloads-<date>.txt and bench/results/latest-downloads.txt.
#
#   bench/downloads.sh build/prongsai [seconds] [connections] [rounds] [downloaders]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections] [rounds] [downloaders]}")
seconds=${2:-10}
connections=${3:-16}
rounds=${4:-3}
downloaders=${5:-10}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/prongsai-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$here/lib.sh"

db="sqlite:$work/prongsai.db"
"$bin" init --db "$db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null 2>&1
port=$(free_port)
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --log-level warn >"$work/node.log" 2>&1 &
pids+=($!)
app_pid=$!
base="http://127.0.0.1:$port" jar="$work/jar"
wait_up "$base"
sign_in

# A DOCX as the upload check takes it, small on the wire and large inflated.
python3 - "$work/manual.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('word/document.xml', '<w:document><w:body>' + '<w:p/>' * 25_000_000 + '</w:body></w:document>')
PY
token=$(csrf /disclosure/2566/O2)
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -F "_csrf=$token" -F kind=file -F "title=คู่มือการปฏิบัติงาน" \
         -F period= -F published_on=2022-10-05 -F confirm_personal_data=1 \
         -F "file=@$work/manual.docx;type=application/vnd.openxmlformats-officedocument.wordprocessingml.document" \
         "$base/disclosure/2566/O2/evidence")
[ "$status" = 303 ] || { echo "uploading the DOCX: HTTP $status" >&2; exit 1; }
href=$(curl -s "$base/ita/2566/O2" | grep -o 'href="/ita/2566/O2/files/[0-9]*"' | head -1 | sed 's/href="//;s/"//')
[ -n "$href" ] || { echo "the DOCX is not on /ita/2566/O2" >&2; exit 1; }
one=$(curl -s -o /dev/null -w '%{time_total}' "$base$href")

run() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base/"; }
run >/dev/null  # warm the page cache and the connections

mkdir -p "$here/results"
result="$here/results/downloads-$(date -u +%Y%m%d).txt"
{
  echo "/ with wrk -t2 -c$connections -d${seconds}s, quiet and while $downloaders clients download a" \
       "$(( $(stat -c %s "$work/manual.docx") / 1024 )) KB DOCX (inflates to ~150 MB) in a loop; SQLite, loopback," \
       "$(nproc) cores, $rounds rounds, $(date -u +%FT%TZ)"
  echo "one download alone: ${one}s"
  printf '%-6s %-8s %12s %10s %10s %12s\n' "round" "state" "requests/s" "p50" "p99" "downloads"
  for r in $(seq "$rounds"); do
    quiet=$(run)
    printf '%-6s %-8s %12s %10s %10s %12s\n' "$r" "quiet" "$(echo "$quiet" | rps)" "$(echo "$quiet" | p50)" "$(echo "$quiet" | p99)" "-"
    rm -f "$work"/done-*
    loaders=()
    for i in $(seq "$downloaders"); do
      (while :; do curl -s -o /dev/null "$base$href" && echo >>"$work/done-$i"; done) &
      loaders+=($!)
    done
    busy=$(run)
    for p in "${loaders[@]}"; do kill "$p" 2>/dev/null || true; done
    wait "${loaders[@]}" 2>/dev/null || true
    done_n=$(cat "$work"/done-* 2>/dev/null | wc -l)
    printf '%-6s %-8s %12s %10s %10s %12s\n' "$r" "busy" "$(echo "$busy" | rps)" "$(echo "$busy" | p50)" "$(echo "$busy" | p99)" "$done_n"
  done
  echo "prongsai peak memory (VmHWM): $(peak_mib "$app_pid") MiB"
} | tee "$result"
cp "$result" "$here/results/latest-downloads.txt"
