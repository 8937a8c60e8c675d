#!/usr/bin/env python3
"""Posts the same complete survey answers at a steady rate over one keep-alive connection, for
bench/neighbours.sh: host port path cookie body rate seconds. Prints "N answers/s" (what it
managed: one connection waits for each answer before the next) and fails on any answer but a
303 to the thank-you page. Each answer comes from another address, as the proxy in front says
(X-Real-IP, believed from --trusted-proxy): the survey takes 30 answers an hour from one."""
import http.client
import random
import sys
import time

host, port, path, cookie, body, rate, seconds = sys.argv[1:8]
rate, seconds = float(rate), float(seconds)
conn = http.client.HTTPConnection(host, int(port), timeout=30)
headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
start = time.monotonic()
sent = 0
while time.monotonic() - start < seconds:
    due = start + sent / rate
    now = time.monotonic()
    if due > now:
        time.sleep(due - now)
    headers["X-Real-IP"] = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    conn.request("POST", path, body=body, headers=headers)
    res = conn.getresponse()
    res.read()
    if res.status != 303:  # to the thank-you page: stored
        sys.exit(f"answer {sent + 1}: HTTP {res.status}")
    sent += 1
print(f"{sent / (time.monotonic() - start):.1f} answers/s")
