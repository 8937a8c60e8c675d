#!/usr/bin/env python3
"""Posts the same complete survey answers at a steady rate over one keep-alive connection, for
bench/neighbours.sh: host port path cookie body rate seconds. Prints "N answers/s" (what it
managed: one connection waits for each answer before the next) and fails on any answer but a 303 to the thank-you page."""
import http.client
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
    conn.request("POST", path, body=body, headers=headers)
    res = conn.getresponse()
    res.read()
    if res.status != 303:  # to the thank-you page: stored
        sys.exit(f"answer {sent + 1}: HTTP {res.status}")
    sent += 1
print(f"{sent / (time.monotonic() - start):.1f} answers/s")
