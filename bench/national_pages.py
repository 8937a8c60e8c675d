#!/usr/bin/env python3
"""Page times across the agencies of a national host (bench/national_host.sh), one keep-alive
connection, requests one after another, each agency by its Host; prints one line per measure:
name, count, p50, p99 and max in milliseconds (client side, loopback).

  national_pages.py ita PORT AGENCIES N YEAR
      /ita/YEAR of N agencies drawn at random: first asked (cold: the node makes the page),
      then the same agencies again in the same order (warm: from the page cache).
  national_pages.py staff PORT AGENCIES N YEAR PASSWORD_FILE
      N agencies drawn at random: the executive signs in, then /executive and the plan
      dashboard of YEAR, five times each per agency.

Agency k (1 < k <= AGENCIES) answers at a{k-1}.national.test (national_host clone)."""
import http.client
import random
import re
import sys
import time
import urllib.parse


def host_of(k):
    return "a%d.national.test" % (k - 1)


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, host, path, cookies=None, body=None):
        headers = {"Host": host}
        if cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        t0 = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        res = self.conn.getresponse()
        data = res.read()
        ms = (time.perf_counter() - t0) * 1000
        if cookies is not None:
            for name, value in res.getheaders():
                if name.lower() == "set-cookie":
                    k, _, rest = value.partition("=")
                    cookies[k] = rest.split(";", 1)[0]
        return res.status, data, ms


def line(name, times):
    times = sorted(times)
    def rank(p):
        return times[min(len(times) - 1, max(0, int(round(p * len(times) + 0.5)) - 1))]
    print("%-34s %6d %9.2f %9.2f %9.2f" % (name, len(times), rank(0.5), rank(0.99), times[-1]))
    sys.stdout.flush()


def ita(port, agencies, n, year):
    client = Client(port)
    picked = random.sample(range(2, agencies + 1), min(n, agencies - 1))
    for label in ("cold", "warm"):
        times = []
        for k in picked:
            status, _, ms = client.request("GET", host_of(k), "/ita/%d" % year)
            if status != 200:
                sys.exit("/ita/%d at %s: HTTP %d" % (year, host_of(k), status))
            times.append(ms)
        line("/ita/%d %s" % (year, label), times)


def staff(port, agencies, n, year, password):
    client = Client(port)
    signin, executive, dashboard = [], [], []
    for k in random.sample(range(2, agencies + 1), min(n, agencies - 1)):
        host, cookies = host_of(k), {}
        status, page, _ = client.request("GET", host, "/login", cookies)
        token = re.search(rb'name="_csrf" value="([^"]*)"', page).group(1).decode()
        form = urllib.parse.urlencode({"_csrf": token, "email": "executive@example.org", "password": password})
        status, _, ms = client.request("POST", host, "/login", cookies, form)
        if status != 303:
            sys.exit("signing in at %s: HTTP %d" % (host, status))
        signin.append(ms)
        for path, times in (("/executive", executive), ("/measures/plans/%d/dashboard" % year, dashboard)):
            for _ in range(5):
                status, _, ms = client.request("GET", host, path, cookies)
                if status != 200:
                    sys.exit("%s at %s: HTTP %d" % (path, host, status))
                times.append(ms)
    line("sign-in (argon2id)", signin)
    line("/executive", executive)
    line("/measures/plans/%d/dashboard" % year, dashboard)


def main():
    what, port, agencies, n, year = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    random.seed(8317)
    print("%-34s %6s %9s %9s %9s" % ("page (ms, client side)", "n", "p50", "p99", "max"))
    if what == "ita":
        ita(port, agencies, n, year)
    else:
        with open(sys.argv[6]) as f:
            staff(port, agencies, n, year, f.read().strip())


if __name__ == "__main__":
    main()
