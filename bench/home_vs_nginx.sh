#!/usr/bin/env bash
# Requests/s and latency of the public home page, Prongsai against nginx serving the very same
# bytes as a static file, in the same run on the same machine (wrk on loopback), plus the
# server's peak memory. Writes bench/results/home-<date>.txt and bench/results/latest-home.txt.
#
#   bench/home_vs_nginx.sh build/prongsai [seconds] [connections]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [seconds] [connections]}")
seconds=${2:-10}
connections=${3:-64}
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

"$bin" init --db "sqlite:$work/bench.db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null
app_port=$(free_port)
"$bin" serve --db "sqlite:$work/bench.db" --listen "127.0.0.1:$app_port" --log-level warn &
app_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.1; done

# The same bytes for nginx to serve.
mkdir -p "$work/www"
curl -sf "http://127.0.0.1:$app_port/" -o "$work/www/index.html"
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
  server { listen 127.0.0.1:$nginx_port; root $work/www; index index.html; }
}
NGINX
nginx -p "$work" -c "$work/nginx.conf"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/" >/dev/null && break; sleep 0.1; done

run() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1"; }
rps() { awk '/Requests\/sec/ {print $2}'; }
p50() { awk '$1=="50%" {print $2}'; }
p99() { awk '$1=="99%" {print $2}'; }

run "http://127.0.0.1:$app_port/" > /dev/null  # warm the page cache and the connections
app_out=$(run "http://127.0.0.1:$app_port/")
nginx_out=$(run "http://127.0.0.1:$nginx_port/")
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")
bytes=$(stat -c %s "$work/www/index.html")

app_rps=$(echo "$app_out" | rps); nginx_rps=$(echo "$nginx_out" | rps)
ratio=$(python3 -c "print(f'{$app_rps / $nginx_rps * 100:.0f}')")
mkdir -p "$here/results"
result="$here/results/home-$(date -u +%Y%m%d).txt"
{
  echo "Public home page (${bytes} bytes), wrk -t2 -c$connections -d${seconds}s on loopback, $(nproc) cores, $(date -u +%FT%TZ)"
  printf '%-10s %12s %10s %10s\n' "server" "requests/s" "p50" "p99"
  printf '%-10s %12s %10s %10s\n' "prongsai" "$app_rps" "$(echo "$app_out" | p50)" "$(echo "$app_out" | p99)"
  printf '%-10s %12s %10s %10s\n' "nginx" "$nginx_rps" "$(echo "$nginx_out" | p50)" "$(echo "$nginx_out" | p99)"
  echo "prongsai / nginx: ${ratio}%"
  echo "prongsai peak memory (VmHWM): $((peak_kb / 1024)) MiB"
} | tee "$result"
cp "$result" "$here/results/latest-home.txt"
