#!/usr/bin/env python3
"""Helpers for bench/run.sh (python3 standard library only).

  freeports N                 print N free loopback TCP ports
  discover DATA_DIR           print shell assignments picked from the data
  startup PORT RUNS -- CMD..  exec CMD, time until GET /healthz answers 200;
                              RUNS times; print median/min/max in ms
  idle PORT PID N [PATH]      open N keep-alive connections, send one GET PATH
                              on each, keep them all open, then print the
                              server's VmRSS/VmHWM
  rss PID                     print VmRSS and VmHWM of PID in kB
  coldwalk BASE N [--raw F] PATH...
                              GET each PATH once and then follow links.next
                              until N requests in all; print latency stats of
                              these first-time (uncached) requests (count,
                              median, p90, max in µs); --raw appends each
                              latency to file F, one per line
  pctl FILE...                the same stats over the latencies in FILEs
  table RAW.tsv META.tsv      print the results table (markdown)
  medians FILE                rows "NAME NUM..." (space-separated): per NAME,
                              in order of first appearance, print NAME and
                              the median of each column
  settle [MAX_S]              wait (up to MAX_S, default 15) until the
                              machine is idle: busy CPU < 10 % over 250 ms;
                              print the seconds waited
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import csv


def cmd_freeports(n):
    socks = []
    ports = []
    for _ in range(int(n)):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    print(" ".join(map(str, ports)))


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def shq(s):
    return "'" + s.replace("'", "'\\''") + "'"


def cmd_discover(data):
    """Pick a fact id and the GDP measure from the data, no hard-coding."""
    facts = []
    for name in sorted(os.listdir(data)):
        if name.startswith("facts_") and name.endswith(".csv"):
            facts.extend(read_rows(os.path.join(data, name)))
    measures = read_rows(os.path.join(data, "measures.csv"))
    # One fact by id: a tariff fact USA->CHN with a quote if there is one
    # (a typical, ~1 KB answer), else any fact with a quote, else the first.
    def score(f):
        return ((f.get("kind") == "tariff_rate") + (f.get("subject") == "USA")
                + (f.get("object") == "CHN") + 2 * bool(f.get("quote")))
    fact = max(facts, key=score) if facts else {"id": ""}
    gdp = [m["id"] for m in measures if "household_consumption" in m["id"]]
    gdp_measure = gdp[0] if gdp else ""
    n_chn_gdp = sum(1 for f in facts
                    if f.get("kind") == "gdp_share" and f.get("subject") == "CHN")
    countries = sorted({f["subject"] for f in facts
                        if f.get("kind") == "gdp_share" and f.get("subject")})
    print("FACT_ID=%s" % shq(fact["id"]))
    print("GDP_MEASURE=%s" % shq(gdp_measure))
    print("N_FACTS=%d" % len(facts))
    print("N_CHN_GDP=%d" % n_chn_gdp)
    print("GDP_COUNTRIES=%s" % shq(" ".join(countries)))


def http_get(port, path, timeout=1.0):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        return r.status
    finally:
        c.close()


def cmd_startup(port, runs, cmd):
    port, runs = int(port), int(runs)
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        ok = False
        while time.monotonic() - t0 < 30:
            if p.poll() is not None:
                break
            try:
                if http_get(port, "/healthz", 0.5) == 200:
                    ok = True
                    break
            except OSError:
                pass
            time.sleep(0.0005)
        t1 = time.monotonic()
        p.terminate()
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        if not ok:
            print("startup: no 200 on /healthz (exit %s)" % p.returncode)
            sys.exit(1)
        times.append((t1 - t0) * 1000)
        time.sleep(0.2)  # let the port go before the next start
    print("%.1f %.1f %.1f" % (statistics.median(times), min(times), max(times)))


def proc_status(pid):
    out = {}
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0])
    return out


def cmd_rss(pid):
    s = proc_status(pid)
    print("%d %d" % (s["VmRSS"], s["VmHWM"]))


def cmd_idle(port, pid, n, path="/healthz"):
    port, n = int(port), int(n)
    req = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % path).encode()
    socks = []
    ok = 0
    failed = 0
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            socks.append(s)
        except OSError:
            failed += 1
    for s in socks:
        try:
            s.sendall(req)
        except OSError:
            pass
    for s in socks:
        try:
            data = s.recv(65536)
            if data.startswith(b"HTTP/1.1 200"):
                ok += 1
        except OSError:
            pass
    time.sleep(1.0)
    # Connections the server has closed by now read as EOF.
    still_open = 0
    for s in socks:
        s.setblocking(False)
        try:
            if s.recv(1, socket.MSG_PEEK) == b"":
                continue
            still_open += 1
        except BlockingIOError:
            still_open += 1
        except OSError:
            pass
    st = proc_status(pid)
    print("%d %d %d %d %d" % (ok, still_open, failed, st["VmRSS"], st["VmHWM"]))
    for s in socks:
        s.close()


def print_stats(lat):
    """count, median, p90 and max of latencies in µs, on one line."""
    lat = sorted(lat)
    p90 = lat[min(len(lat) - 1, int(0.9 * len(lat)))]
    print("%d %.0f %.0f %.0f" % (len(lat), statistics.median(lat), p90,
                                 lat[-1]))


def cmd_pctl(files):
    lat = []
    for f in files:
        with open(f) as fh:
            lat += [float(x) for x in fh if x.strip()]
    print_stats(lat)


def cmd_coldwalk(base, n, paths):
    """First-time requests only: each path once, then its next pages."""
    raw = None
    if paths[:1] == ["--raw"]:
        raw, paths = paths[1], paths[2:]
    host, _, port = base.rpartition(":")
    n = int(n)
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    lat = []
    seen = set()
    queue = list(paths)
    while queue and len(lat) < n:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        t0 = time.perf_counter()
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        lat.append((time.perf_counter() - t0) * 1e6)
        if r.status != 200:
            print("coldwalk: %s -> %d" % (path, r.status), file=sys.stderr)
            sys.exit(1)
        try:
            nxt = (json.loads(body).get("links") or {}).get("next")
        except ValueError:
            nxt = None
        if nxt:
            if nxt.startswith("http"):
                nxt = "/" + nxt.split("/", 3)[3]
            queue.insert(0, nxt)
    if raw:
        with open(raw, "a") as fh:
            fh.writelines("%.1f\n" % x for x in lat)
    print_stats(lat)


def fmt_rps(x):
    return "%.0f" % x if x >= 100 else "%.1f" % x


def fmt_us(us):
    if us >= 10000:
        return "%.0f ms" % (us / 1000)
    if us >= 1000:
        return "%.1f ms" % (us / 1000)
    return "%.0f µs" % us


def cmd_table(raw, meta):
    """raw.tsv: endpoint conns server run rps p50_us p99_us requests errors."""
    cells = {}
    order = []
    with open(raw) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 9 or p[0] == "endpoint":
                continue
            key = (p[0], int(p[1]))
            if key not in order:
                order.append(key)
            d = cells.setdefault(key + (p[2],), {"rps": [], "p50": [],
                                                 "p99": [], "err": 0, "req": 0})
            d["rps"].append(float(p[4]))
            d["p50"].append(float(p[5]))
            d["p99"].append(float(p[6]))
            d["req"] += int(p[7])
            d["err"] += int(p[8])
    notes = {}
    if os.path.exists(meta):
        with open(meta) as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                notes[k] = v
    servers = ["a", "b", "c", "d"]
    print("| endpoint | conns | " + " | ".join(
        "(%s) req/s · p50 · p99" % s for s in servers)
        + " | a/b | a/c | a/d |")
    print("|---|---:|" + "---:|" * len(servers) + "---:|---:|---:|")
    footnotes = []
    for ep, c in order:
        row = ["%s" % ep, str(c)]
        med = {}
        for s in servers:
            d = cells.get((ep, c, s))
            if not d or not d["rps"]:
                row.append(notes.get("skip:%s:%s" % (ep, s), "n/a"))
                continue
            r = statistics.median(d["rps"])
            med[s] = r
            txt = "%s · %s · %s" % (fmt_rps(r), fmt_us(statistics.median(d["p50"])),
                                    fmt_us(statistics.median(d["p99"])))
            if d["err"]:
                txt += " (%d err)" % d["err"]
                footnotes.append("%s c%d (%s): %d socket/status errors in %d "
                                 "requests" % (ep, c, s, d["err"], d["req"]))
            row.append(txt)
        for s in ("b", "c", "d"):
            if "a" in med and s in med and med[s] > 0:
                row.append("%.2f×" % (med["a"] / med[s]))
            else:
                row.append("–")
        print("| " + " | ".join(row) + " |")
    if footnotes:
        print()
    for fn in footnotes:
        print("- " + fn)


def cmd_medians(path):
    cols = {}
    with open(path) as f:
        for line in f:
            name, *nums = line.split()
            if nums:
                cols.setdefault(name, []).append([float(x) for x in nums])
    for name, rows in cols.items():
        print(name, " ".join(str(statistics.median(c)) for c in zip(*rows)))


def cpu_times():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]  # idle + iowait
    return sum(v) - idle, sum(v)


def cmd_settle(max_s="15"):
    """A server still working through a backlog after wrk stopped (json-
    server at -c64 keeps a core busy for seconds) would otherwise slow
    down whichever server is measured next."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < float(max_s):
        b0, t0_ = cpu_times()
        time.sleep(0.25)
        b1, t1_ = cpu_times()
        if t1_ > t0_ and (b1 - b0) / (t1_ - t0_) < 0.10:
            break
    print("%.2f" % (time.monotonic() - t0))


def main(argv):
    if not argv:
        sys.exit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "freeports":
        cmd_freeports(*args)
    elif cmd == "discover":
        cmd_discover(*args)
    elif cmd == "startup":
        i = args.index("--")
        cmd_startup(args[0], args[1], args[i + 1:])
    elif cmd == "idle":
        cmd_idle(*args)
    elif cmd == "rss":
        cmd_rss(*args)
    elif cmd == "coldwalk":
        cmd_coldwalk(args[0], args[1], args[2:])
    elif cmd == "pctl":
        cmd_pctl(args)
    elif cmd == "settle":
        cmd_settle(*args)
    elif cmd == "table":
        cmd_table(*args)
    elif cmd == "medians":
        cmd_medians(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
