#!/usr/bin/env bash
# Memory of the server while it takes uploads: `uploads` evidence files of `mb` MB sent at
# once, the server's anonymous memory (RssAnon: heap, not the page cache) sampled every 10 ms.
# Same run, same machine: the default server (bodies over 256 KiB spooled to disk as they
# arrive) against a baseline that keeps every body in memory (--spool-over-kb 1000000).
# Writes bench/results/upload-memory-<date>.txt and bench/results/latest-upload-memory.txt.
#
#   bench/upload_memory.sh build/prongsai [uploads] [mb]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [uploads] [mb]}")
uploads=${2:-8}
mb=${3:-15}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/prongsai-bench.XXXXXX)
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_anon() { awk '/^RssAnon:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

{ printf '%%PDF-1.4\n'; head -c $((mb * 1024 * 1024)) /dev/urandom; } > "$work/scan.pdf"

# One round: a fresh database and server with the given extra flags; prints
# "<idle RssAnon KiB> <peak RssAnon KiB> <seconds for all uploads>".
round() {
  rm -f "$work"/bench.db* "$work/pw" "$work/jar"
  "$bin" init --db "sqlite:$work/bench.db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null 2>&1
  local port; port=$(free_port)
  "$bin" serve --db "sqlite:$work/bench.db" --listen "127.0.0.1:$port" --log-level warn --spool-dir "$work" "$@" &
  app_pid=$!
  local base="http://127.0.0.1:$port" jar="$work/jar"
  for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
  csrf() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//'; }
  local token; token=$(csrf /login)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "email=admin@example.org" \
       --data-urlencode "password=$(cat "$work/pw")" "$base/login"
  token=$(csrf /disclosure/2566/O3)
  sleep 0.5
  local idle; idle=$(rss_anon $app_pid)
  local peak=$idle
  ( while kill -0 $app_pid 2>/dev/null; do rss_anon $app_pid; sleep 0.01; done ) > "$work/samples" &
  local sampler=$!
  local started; started=$(date +%s.%N)
  local pids=()
  for i in $(seq "$uploads"); do
    curl -s -o /dev/null -w '%{http_code}\n' -b "$jar" -F "_csrf=$token" -F kind=file -F "title=scan $i" -F period= \
         -F published_on=2022-11-01 -F confirm_personal_data=1 -F "file=@$work/scan.pdf;filename=scan-$i.pdf" "$base/disclosure/2566/O3/evidence" \
         >> "$work/codes" &
    pids+=($!)
  done
  wait "${pids[@]}"
  local elapsed; elapsed=$(echo "$(date +%s.%N) - $started" | bc)
  kill $app_pid; wait $app_pid 2>/dev/null || true
  kill $sampler 2>/dev/null || true; wait $sampler 2>/dev/null || true
  app_pid=
  peak=$(sort -n "$work/samples" | tail -1)
  echo "$idle $peak $elapsed"
}

: > "$work/codes"
read -r s_idle s_peak s_time < <(round)
read -r m_idle m_peak m_time < <(round --spool-over-kb 1000000)
bad=$(grep -vc '^303$' "$work/codes" || true)
[ "$bad" = 0 ] || { echo "uploads refused: $(sort "$work/codes" | uniq -c)" >&2; exit 1; }
total=$((uploads * mb))
report=$(cat <<REPORT
upload memory, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; $uploads uploads of $mb MB at once ($total MB)
  spooled to disk (default):  RssAnon idle $((s_idle / 1024)) MiB, peak $((s_peak / 1024)) MiB, growth $(((s_peak - s_idle) / 1024)) MiB; ${s_time}s
  kept in memory (baseline):  RssAnon idle $((m_idle / 1024)) MiB, peak $((m_peak / 1024)) MiB, growth $(((m_peak - m_idle) / 1024)) MiB; ${m_time}s
REPORT
)
echo "$report"
mkdir -p "$here/results"
echo "$report" > "$here/results/upload-memory-$(date +%Y%m%d).txt"
cp "$here/results/upload-memory-$(date +%Y%m%d).txt" "$here/results/latest-upload-memory.txt"
