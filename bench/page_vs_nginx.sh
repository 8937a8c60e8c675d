#!/usr/bin/env bash
# Requests/s and latency of a public page, Prongsai against nginx serving the very same bytes
# as a static file, in the same run on the same machine (wrk on loopback, both sharing the
# cores), plus the server's peak memory. Two shared cores make single runs noisy, so it runs
# `rounds` pairs back to back, alternating, and reports each and the median ratio.
# For /ita/{year} it first fills every OIT item of that year through the staff forms (all 43
# items, every month and half-year), so the page is the full one; for /news it posts 25 news
# items, for /qa it enters and answers 20 questions, so those lists are full pages too.
# With ENCODING=gzip both are asked with "Accept-Encoding: gzip": Prongsai answers from its
# cache's compressed copy, nginx the same compressed bytes from index.html.gz (gzip_static).
# Writes bench/results/<name>-<date>.txt and bench/results/latest-<name>.txt.
#
#   [ENCODING=gzip] bench/page_vs_nginx.sh build/prongsai PATH NAME [seconds] [connections] [rounds]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai PATH NAME [seconds] [connections] [rounds]}")
page=${2:?the page, e.g. / or /ita/2566}
name=${3:?a name for the results file, e.g. home}
seconds=${4:-10}
connections=${5:-64}
rounds=${6:-5}
encoding=${ENCODING:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/prongsai-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$here/lib.sh"

"$bin" init --db "sqlite:$work/bench.db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null
app_port=$(free_port)
# As behind the nginx in front (--trusted-proxy): wrk's one address is spared the per-address caps.
"$bin" serve --db "sqlite:$work/bench.db" --listen "127.0.0.1:$app_port" --trusted-proxy 127.0.0.1 --log-level warn &
app_pid=$!
base="http://127.0.0.1:$app_port"
wait_up "$base"
jar="$work/jar"
body="ประชาสัมพันธ์ให้ประชาชนในเขตตำบลทราบโดยทั่วกัน ผู้สนใจติดต่อได้ที่สำนักปลัดในวันและเวลาราชการ"

if [[ "$page" == /news ]]; then
  # A full first page of news (ten posts of a realistic length) and more behind it.
  sign_in
  token=$(csrf /news/manage/new)
  for i in $(seq 25); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-urlencode "_csrf=$token" -d category=news \
         --data-urlencode "title=ประกาศฉบับที่ $i เรื่องการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง" \
         --data-urlencode "body=$body $body $body" -d status=published "$base/news/manage/new")
    [ "$status" = 303 ] || { echo "posting news $i: HTTP $status" >&2; exit 1; }
  done
fi

if [[ "$page" == /qa ]]; then
  # Twenty answered questions: a full first page, with response times to show.
  sign_in
  token=$(csrf /qa/manage/new)
  for i in $(seq 20); do
    curl -s -o /dev/null -b "$jar" --data-urlencode "_csrf=$token" -d via=phone \
         --data-urlencode "question=คำถามที่ $i: ขอทราบขั้นตอนการขอรับเบี้ยยังชีพผู้สูงอายุ ต้องใช้เอกสารอะไรบ้าง" "$base/qa/manage/new"
  done
  for href in $(curl -s -b "$jar" "$base/qa/manage" | grep -o 'href="/qa/manage/[0-9]*"' | sed 's/href="//;s/"//' | sort -u); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-urlencode "_csrf=$token" \
         --data-urlencode "answer=ยื่นคำขอที่สำนักปลัด พร้อมสำเนาบัตรประชาชนและสมุดบัญชีธนาคาร $body" "$base$href/answer")
    [ "$status" = 303 ] || { echo "answering $href: HTTP $status" >&2; exit 1; }
  done
fi

if [[ "$page" == /ita/* ]]; then
  sign_in
  fill_ita "${page#/ita/}"
fi

# The same bytes for nginx to serve.
mkdir -p "$work/www"
curl -sf "$base$page" -o "$work/www/index.html"
gzip_static=off
if [ "$encoding" = gzip ]; then
  curl -sf "$base$page" -o /dev/null  # kept now, with its compressed copy
  curl -sf -H 'Accept-Encoding: gzip' "$base$page" -o "$work/www/index.html.gz"
  gzip -t "$work/www/index.html.gz" || { echo "$page: no gzip copy from prongsai" >&2; exit 1; }
  gzip_static=on
fi
chmod -R a+rX "$work/www"
nginx_port=$(free_port)
mkdir -p "$work/nginx-temp"
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-temp; proxy_temp_path $work/nginx-temp; fastcgi_temp_path $work/nginx-temp;
  uwsgi_temp_path $work/nginx-temp; scgi_temp_path $work/nginx-temp;
  default_type text/html;
  gzip_static $gzip_static;
  server { listen 127.0.0.1:$nginx_port; root $work/www; index index.html; }
}
NGINX
nginx -p "$work" -c "$work/nginx.conf"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/" >/dev/null && break; sleep 0.1; done

run() {
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency ${encoding:+-H "Accept-Encoding: $encoding"} "$1")
  # Every answer a 200 of the whole page, or the round counts nothing.
  if echo "$out" | grep -q "Non-2xx\|Socket errors"; then echo "$1: $(echo "$out" | grep "Non-2xx\|Socket errors")" >&2; exit 1; fi
  echo "$out"
}

run "$base$page" > /dev/null  # warm the page cache and the connections
bytes=$(stat -c %s "$work/www/index.html${encoding:+.gz}")
mkdir -p "$here/results"
name="$name${encoding:+-$encoding}"
[ "$connections" = 64 ] || name="$name-c$connections"
result="$here/results/$name-$(date -u +%Y%m%d).txt"
ratios=() apps=() nginxes=()
{
  echo "$page (${bytes} bytes${encoding:+, $encoding}), wrk -t2 -c$connections -d${seconds}s on loopback, $(nproc) cores, $rounds rounds alternating, $(date -u +%FT%TZ)"
  printf '%-6s %-10s %12s %10s %10s\n' "round" "server" "requests/s" "p50" "p99"
  for r in $(seq "$rounds"); do
    app_out=$(run "$base$page")
    nginx_out=$(run "http://127.0.0.1:$nginx_port/")
    app_rps=$(echo "$app_out" | rps); nginx_rps=$(echo "$nginx_out" | rps)
    printf '%-6s %-10s %12s %10s %10s\n' "$r" "prongsai" "$app_rps" "$(echo "$app_out" | p50)" "$(echo "$app_out" | p99)"
    printf '%-6s %-10s %12s %10s %10s\n' "$r" "nginx" "$nginx_rps" "$(echo "$nginx_out" | p50)" "$(echo "$nginx_out" | p99)"
    ratios+=("$(python3 -c "print(f'{$app_rps / $nginx_rps * 100:.0f}')")")
    apps+=("$app_rps") nginxes+=("$nginx_rps")
  done
  spread=$(printf '%s\n' "${ratios[@]}" | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}')
  echo "prongsai / nginx per round: ${ratios[*]} (%); median $(median "${ratios[@]}")% (rounds $spread%)"
  echo "medians: prongsai $(median "${apps[@]}") requests/s, nginx $(median "${nginxes[@]}") requests/s"
  echo "prongsai peak memory (VmHWM): $(peak_mib "$app_pid") MiB"
} | tee "$result"
cp "$result" "$here/results/latest-$name.txt"
