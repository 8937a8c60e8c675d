#!/usr/bin/env bash
# The deploy files as shipped (deploy/), checked against the built binary:
#  - the systemd unit passes `systemd-analyze verify` (with the built binary in place of
#    /usr/local/bin/prongsai), restarts a node that dies (Restart=on-failure), and every option
#    of its ExecStart lines, the commented alternatives too, is one `prongsai serve` takes (its own or a global one);
#  - the nginx config passes `nginx -t` in the http context it is written for, with a
#    throw-away certificate in place of the real one.
#
#   tests/deploy/check.sh build/prongsai
set -euo pipefail
bin=$(realpath "$1")
deploy=$(cd "$(dirname "$0")/../../deploy" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deploy check: $*" >&2; exit 1; }

unit=$deploy/prongsai.service
grep -qx 'Restart=on-failure' "$unit" || fail "prongsai.service does not restart a node that died (Restart=on-failure)"
grep -qx 'KillSignal=SIGTERM' "$unit" || fail "prongsai.service must stop with SIGTERM (requests in flight finish)"

help=$("$bin" --help; "$bin" serve --help)
grep -E '^#? ?ExecStart=' "$unit" | sed -E 's/^# ?//' | while read -r line; do
  for opt in $(grep -oE -- '--[a-z][a-z-]*' <<<"$line"); do
    grep -qE -- "$opt([ ,=]|$)" <<<"$help" || fail "prongsai.service: 'prongsai serve' has no option $opt ($line)"
  done
done

sed "s|/usr/local/bin/prongsai|$bin|g" "$unit" >"$tmp/prongsai.service"
systemd-analyze verify "$tmp/prongsai.service" 2>"$tmp/verify.log" || { cat "$tmp/verify.log" >&2; fail "systemd-analyze verify"; }
if grep -v 'Unit configured to use KillMode=none\|is not executable' "$tmp/verify.log" | grep -q .; then
  cat "$tmp/verify.log" >&2
  fail "systemd-analyze verify warns about prongsai.service"
fi

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=ita.example.go.th -days 1 \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
sed -e "s|/etc/letsencrypt/live/ita.example.go.th/fullchain.pem|$tmp/cert.pem|" \
    -e "s|/etc/letsencrypt/live/ita.example.go.th/privkey.pem|$tmp/key.pem|" \
    "$deploy/nginx-prongsai.conf" >"$tmp/prongsai.conf"
cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path $tmp; proxy_temp_path $tmp; fastcgi_temp_path $tmp; uwsgi_temp_path $tmp; scgi_temp_path $tmp;
  include $tmp/prongsai.conf;
}
CONF
nginx -t -q -p "$tmp" -c "$tmp/nginx.conf" || fail "nginx -t refuses deploy/nginx-prongsai.conf"

# nginx logs none of the anonymous routes: every route the binary marks anonymous falls in the
# location that turns the logs off, and staff pages do not.
quiet=$(grep -oE 'location ~ \^[^ ]+' "$deploy/nginx-prongsai.conf" | head -1 | sed 's/^location ~ //')
[ -n "$quiet" ] || fail "nginx-prongsai.conf has no location for the anonymous routes"
"$bin" init --db "$tmp/routes.db" --agency ทดสอบ >/dev/null 2>&1 || fail "prongsai init"
anonymous=$("$bin" routes --db "$tmp/routes.db" | grep '"anonymous":true' | grep -oE '"path":"[^"]+"' | cut -d'"' -f4 | sort -u)
[ "$(wc -l <<<"$anonymous")" -ge 10 ] || fail "prongsai routes lists too few anonymous routes"
for path in $anonymous; do
  sample=$(sed -E 's/\{[a-z]+\}/123/g' <<<"$path")
  grep -qE "$quiet" <<<"$sample" || fail "nginx logs the anonymous route $path: add it to the quiet location"
done
for path in /staff /login /services /complaints/inbox /complaints/cases/1 /ita/2570 /qa; do
  grep -qE "$quiet" <<<"$path" && fail "the quiet location swallows $path, which is not anonymous"
done
echo "deploy check: prongsai.service and nginx-prongsai.conf are sound"
