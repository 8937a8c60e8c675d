# Shared by the bench/ scripts (sourced): ports, signing in, filling pages, making a survey and
# a phone's answers, reading wrk's output. Each function talks to the server at $base with the
# admin's cookie jar $jar; $work is the script's temporary folder.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# A durable PostgreSQL cluster in $work/pg (fsync on: a 200 means on disk) with the demo
# agency, its admin's password in file $1: sets $pg_port, $pg (the server's URL, for psql) and
# $db (Prongsai's, schema bench). pg_stop stops it.
pg_demo() {
  pg_port=$(free_port)
  PG_FSYNC=on bash "$here/../tests/pg/cluster.sh" start "$work/pg" "$pg_port"
  pg="postgresql:///postgres?host=$work/pg&port=$pg_port&user=postgres"
  db="$pg&schema=bench"
  "$bin" init --db "$db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$1" >/dev/null 2>&1
}
pg_stop() { bash "$here/../tests/pg/cluster.sh" stop "$work/pg" || true; }

# A bench on PostgreSQL: sets $work (on the disk, readable by the postgres user) and $pids; on
# exit every process in $pids is stopped, then the cluster, and $work removed.
pg_bench_work() {
  work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/prongsai-bench.XXXXXX")
  chmod 755 "$work"
  pids=()
  trap pg_bench_cleanup EXIT
}
pg_bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}

# Waits until $1 (a base URL) answers /healthz.
wait_up() { for _ in $(seq 100); do curl -sf "$1/healthz" >/dev/null && return 0; sleep 0.1; done; echo "$1 did not start" >&2; return 1; }

csrf() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//'; }

# The demo admin, password in $work/pw.
sign_in() {
  local token
  token=$(csrf /login)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "email=admin@example.org" \
       --data-urlencode "password=$(cat "$work/pw")" "$base/login"
}

# An admin signed in for the first time is sent to set up the second factor (TOTP): done here
# with the secret the page shows and a code worked out from it (RFC 6238, as a phone would).
second_factor() {
  local page token secret code
  page=$(curl -s -b "$jar" -c "$jar" "$base/account/second-factor")
  secret=$(echo "$page" | grep -o 'id="totp-secret">[A-Z2-7]*' | sed 's/.*>//')
  [ -n "$secret" ] || return 0  # set up already
  token=$(echo "$page" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  code=$(python3 -c 'import base64, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
mac = hmac.digest(key, struct.pack(">Q", int(time.time()) // 30), "sha1")
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$secret")
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" --data-urlencode "code=$code" \
       "$base/account/second-factor"
}

# Every OIT item of year $1 filled through the staff forms, every month and half-year: the
# public /ita/$1 page as full as it gets.
fill_ita() {
  local year=$1 token filled=0 code periods period date status
  token=$(csrf "/disclosure/$year")
  for code in $(curl -s -b "$jar" "$base/disclosure/$year" | grep -o "href=\"/disclosure/$year/O[0-9]*\"" | sed 's/.*\///;s/"//' | sort -u); do
    # Every period the item's form offers (none: the whole year).
    periods=$(curl -s -b "$jar" "$base/disclosure/$year/$code" | grep -oE '<option value="([0-9]{4}-[0-9]{2}|H[12])"' | sed 's/.*value="//;s/"//' || true)
    for period in ${periods:-""}; do
      date=$(( year - 544 ))-10-01
      if [[ "$period" =~ ^[0-9]{4}-[0-9]{2}$ ]]; then date="$period-28"; fi
      if [[ "$period" == H2 ]]; then date=$(( year - 543 ))-04-01; fi
      status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -F "_csrf=$token" -F kind=text -F "title=$code $period" \
           -F "body=ข้อมูล $code ของหน่วยงาน" -F "period=$period" -F "published_on=$date" "$base/disclosure/$year/$code/evidence")
      [ "$status" = 303 ] || { echo "filling $code $period: HTTP $status" >&2; return 1; }
      filled=$((filled + 1))
    done
  done
  echo "filled $filled pieces of evidence; $(curl -s "$base/ita/$year" | grep -o 'status-ready' | wc -l) items ready" >&2
}

# An EIT survey of 2566 open from today (the admin's form); prints its public path (/s/...).
make_eit_survey() {
  local token today survey
  token=$(csrf /admin/surveys)
  today=$(TZ=Asia/Bangkok date +%F)
  survey=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" --data-urlencode "_csrf=$token" -d kind=eit -d year=2566 \
           --data-urlencode "title=แบบสำรวจ EIT (bench)" -d "opens_on=$today" -d closes_on=2099-09-30 -d target=400 \
           "$base/admin/surveys")
  [[ "$survey" == */admin/surveys/* ]] || { echo "making the survey failed: $survey" >&2; return 1; }
  curl -s -b "$jar" "${survey%%\?*}" | grep -o '/s/[A-Za-z0-9_-]*' | head -1
}

# A phone's visit to survey $1: sets $cookie (its anonymous cookies), $body (the form's token and
# the highest value of every line's scale) and $lines (how many answers), and sends one by hand.
phone_answers() {
  local path=$1 form form_token line check
  form=$(curl -s -c "$work/phone" "$base$path")
  form_token=$(echo "$form" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  cookie=$(sed 's/^#HttpOnly_//' "$work/phone" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}')
  body="_csrf=$form_token"
  for line in $(echo "$form" | grep -o 'name="E[0-9.]*" value="[0-9]*"' | sed 's/name="//;s/" value="/=/;s/"$//' | sort -t= -k1,1 -u); do
    body="$body&$line"
  done
  lines=$(echo "$body" | tr '&' '\n' | grep -c '^E')
  check=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" --data "$body" "$base$path")
  [ "$check" = 303 ] || { echo "one answer by hand: HTTP $check" >&2; return 1; }
}

# wrk's script for POSTing $body with $cookie, into $1.
post_script() {
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$cookie"
-- Each answer from another phone, as the proxy in front says (X-Real-IP, believed from a
-- --trusted-proxy): the survey takes 30 answers an hour from one address.
request = function()
  wrk.headers["X-Real-IP"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format()
end
-- A stored answer is a 303 to the thank-you page; anything else is counted as refused and said
-- at the end as "refused: N" (wrk's own "Non-2xx or 3xx" line counts the 303s too).
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() refused = 0 end
response = function(status) if status ~= 303 then refused = refused + 1 end end
done = function()
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("refused") end
  io.write(string.format("refused: %d\n", n))
end
LUA
}

# From wrk --latency output on standard input.
rps() { awk '/Requests\/sec/ {print $2}'; }
p50() { awk '$1=="50%" {print $2}'; }
p99() { awk '$1=="99%" {print $2}'; }
non2xx() { awk '/Non-2xx/ {print $NF}'; }
# Survey answers wrk's post_script counted as refused (anything but the 303 of a stored answer).
refused() { awk '/^refused:/ {print $2}'; }

# One round of survey answers: wrk posts $work/post.lua to URL $1 from $connections connections
# for $seconds, then checks that none was refused and that every acknowledged answer is a row
# (rows, the caller's, counts them; at most one more per connection: in flight when wrk stopped
# counting). Prints wrk's output and "rows added: N"; fails, saying why, otherwise.
answer_round() {
  local before after out requests refused acked added
  before=$(rows)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "$1")
  after=$(rows)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  refused=$(echo "$out" | refused); refused=${refused:-0}
  acked=$((requests - refused)); added=$((after - before))
  if [ "$added" -lt "$acked" ] || [ "$added" -gt $((acked + connections)) ]; then
    echo "$1: $acked answers acknowledged, but the database gained $added rows" >&2; return 1
  fi
  [ "$refused" = 0 ] || { echo "$1: $refused answers refused" >&2; return 1; }
  echo "$out"
  echo "rows added: $added"
}

# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Peak memory of process $1 in MiB.
peak_mib() { echo $(( $(awk '/VmHWM/ {print $2}' "/proc/$1/status") / 1024 )); }
