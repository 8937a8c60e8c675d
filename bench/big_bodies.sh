#!/usr/bin/env bash
# Memory of the server while outsiders send it large bodies it will refuse: `n` bodies of `mb`
# MB at once, each with a made-up cookie and a wrong CSRF token, the server's anonymous memory
# (RssAnon: heap, not the page cache) sampled every 10 ms against its idle memory in the same
# run. Three kinds, a round each:
#   login      a urlencoded body to /login (takes 8 KB): refused by its declared length, unread;
#   field      one text field of `mb` MB in a multipart body to /complaints/new (takes 51 MB of
#              files and text fields of 64 KB): read to disk, refused at the field, never copied;
#   urlencoded the same as a urlencoded body to /complaints/new.
# Writes bench/results/big-bodies-<date>.txt and bench/results/latest-big-bodies.txt.
#
#   bench/big_bodies.sh build/prongsai [n] [mb]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [n] [mb]}")
n=${2:-4}
mb=${3:-50}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/prongsai-bench.XXXXXX)
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$here/lib.sh"
rss_anon() { awk '/^RssAnon:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

"$bin" init --db "sqlite:$work/bench.db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null 2>&1
port=$(free_port)
"$bin" serve --db "sqlite:$work/bench.db" --listen "127.0.0.1:$port" --log-level warn --spool-dir "$work" &
app_pid=$!
base="http://127.0.0.1:$port"
wait_up "$base"

size=$((mb * 1024 * 1024))
{ printf -- '--BoUnDaRy\r\nContent-Disposition: form-data; name="details"\r\n\r\n'; head -c "$size" /dev/zero | tr '\0' 'a';
  printf -- '\r\n--BoUnDaRy--\r\n'; } > "$work/field.body"
{ printf 'details='; head -c "$size" /dev/zero | tr '\0' 'a'; } > "$work/urlencoded.body"
cookie="prongsai_anon=$(head -c 43 /dev/zero | tr '\0' 'a')"

# One round: prints "<idle KiB> <peak KiB> <seconds> <statuses>".
round() {
  local path=$1 type=$2 file=$3
  sleep 0.5
  local idle; idle=$(rss_anon $app_pid)
  ( while kill -0 $app_pid 2>/dev/null; do rss_anon $app_pid; sleep 0.01; done ) > "$work/samples" &
  local sampler=$!
  : > "$work/codes"
  local started; started=$(date +%s.%N)
  local pids=()
  for _ in $(seq "$n"); do
    curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" -H "X-CSRF-Token: wrong" -H "Content-Type: $type" \
         --data-binary "@$file" "$base$path" >> "$work/codes" &
    pids+=($!)
  done
  wait "${pids[@]}"
  local elapsed; elapsed=$(echo "$(date +%s.%N) - $started" | bc)
  sleep 0.2
  kill $sampler 2>/dev/null || true; wait $sampler 2>/dev/null || true
  local peak; peak=$(sort -n "$work/samples" | tail -1)
  echo "$idle $peak $elapsed $(sort "$work/codes" | uniq -c | awk '{printf "%s×%s ", $2, $1}')"
}

line() {  # name idle peak seconds statuses...
  local name=$1 idle=$2 peak=$3 secs=$4; shift 4
  printf '  %-11s RssAnon idle %5.1f MiB, peak %5.1f MiB, growth %5.1f MiB; %.2fs; answers %s\n' "$name" \
    "$(echo "$idle / 1024" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "$(echo "($peak - $idle) / 1024" | bc -l)" "$secs" "$*"
}
read -r l_idle l_peak l_time l_codes < <(round /login application/x-www-form-urlencoded "$work/urlencoded.body")
read -r f_idle f_peak f_time f_codes < <(round /complaints/new "multipart/form-data; boundary=BoUnDaRy" "$work/field.body")
read -r u_idle u_peak u_time u_codes < <(round /complaints/new application/x-www-form-urlencoded "$work/urlencoded.body")
report=$(cat <<REPORT
big bodies, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; $n bodies of $mb MB at once, a made-up cookie and a wrong CSRF token
$(line login "$l_idle" "$l_peak" "$l_time" $l_codes)
$(line field "$f_idle" "$f_peak" "$f_time" $f_codes)
$(line urlencoded "$u_idle" "$u_peak" "$u_time" $u_codes)
REPORT
)
echo "$report"
mkdir -p "$here/results"
echo "$report" > "$here/results/big-bodies-$(date +%Y%m%d).txt"
cp "$here/results/big-bodies-$(date +%Y%m%d).txt" "$here/results/latest-big-bodies.txt"
