#!/usr/bin/env python3
"""Operations tests against the real server process:

1. zero-downtime reload: clients hammer the API while the database file is
   replaced and SIGHUP is sent ten times; no request may fail, and the
   served dataset version must follow the file;
2. a corrupt file given to a reload is refused and the old data keeps
   serving (counted in /metrics);
3. a truncated or foreign file given to `serve` fails at start with a clear
   message;
4. graceful shutdown: requests in flight at SIGTERM (slow readers of large
   bodies) all complete, new connections are refused, exit status is 0.

Usage: lifecycle.py BIN DB_A DB_B WORKDIR
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from pfserver import Server  # noqa: E402

BIN, DB_A, DB_B, WORK = sys.argv[1:5]
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("  FAIL:", msg)
    else:
        print("  ok:", msg)


SERVERS = []  # every server started, killed on the way out


def start(db, *extra):
    """A server as tests/lib/pfserver.py starts it: (Popen, port)."""
    srv = Server(BIN, db, ["--drain-timeout", "20", *extra],
                 log_path=os.path.join(WORK, "lifecycle-server.log"),
                 append=True, timeout=10)
    SERVERS.append(srv.proc)
    return srv.proc, srv.port


def version(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/v1/dataset")
    v = json.loads(c.getresponse().read())["version"]
    c.close()
    return v


def metric(port, name):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/metrics")
    body = c.getresponse().read().decode()
    c.close()
    m = re.search(r"^%s (\d+)" % re.escape(name), body, re.M)
    return int(m.group(1)) if m else None


def reload_under_load():
    print("reload under load")
    live = os.path.join(WORK, "live.db")
    shutil.copyfile(DB_A, live)
    p, port = start(live)
    check(port is not None, "server started")
    v_a = version(port)
    stop = threading.Event()
    stats = {"ok": 0, "bad": 0, "errors": 0}
    lock = threading.Lock()
    paths = ["/v1/facts?limit=20", "/v1/sources", "/v1/dataset",
             "/v1/facts?limit=5&format=csv", "/healthz"]

    def hammer(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        n = 0
        while not stop.is_set():
            try:
                conn.request("GET", paths[(i + n) % len(paths)])
                r = conn.getresponse()
                r.read()
                with lock:
                    stats["ok" if r.status == 200 else "bad"] += 1
            except Exception:
                with lock:
                    stats["errors"] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port,
                                                  timeout=10)
            n += 1
        conn.close()

    # daemon threads, stopped in `finally`: a failing check below must end
    # the test, not leave the clients hammering forever
    threads = [threading.Thread(target=hammer, args=(i,), daemon=True)
               for i in range(8)]
    for t in threads:
        t.start()
    versions = set()
    try:
        for i in range(10):
            src = DB_B if i % 2 == 0 else DB_A
            tmp = live + ".new"
            shutil.copyfile(src, tmp)
            os.rename(tmp, live)  # how a new data release is shipped
            p.send_signal(signal.SIGHUP)
            time.sleep(0.4)
            versions.add(version(port))
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    print("  load:", stats)
    check(stats["ok"] > 500, f"clients kept getting answers ({stats['ok']})")
    check(stats["bad"] == 0 and stats["errors"] == 0,
          "no failed request across ten reloads")
    check(metric(port, "policyfacts_reloads_total") == 10, "10 reloads counted")
    check(len(versions) == 2, "served version followed the file")

    # a corrupt file: refused, old data keeps serving
    before = version(port)
    with open(live + ".new", "wb") as f:
        f.write(open(DB_A, "rb").read()[:20000])
    os.rename(live + ".new", live)
    p.send_signal(signal.SIGHUP)
    time.sleep(0.5)
    check(metric(port, "policyfacts_reload_failures_total") == 1,
          "corrupt file refused and counted")
    check(version(port) == before, "old data keeps serving")
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/readyz")
    check(c.getresponse().status == 200, "still ready")
    c.close()
    p.send_signal(signal.SIGTERM)
    check(p.wait(timeout=30) == 0, "exit 0")
    return v_a


def bad_files_at_start():
    print("bad database files at start")
    trunc = os.path.join(WORK, "truncated.db")
    with open(trunc, "wb") as f:
        f.write(open(DB_A, "rb").read()[:50000])
    foreign = os.path.join(WORK, "foreign.db")
    with open(foreign, "w") as f:
        f.write("id,name\n1,not a database\n")
    for path, want in ((trunc, "damaged or truncated"),
                       (foreign, "not an SQLite database"),
                       (os.path.join(WORK, "missing.db"), "cannot open")):
        r = subprocess.run([BIN, "serve", "--db", path, "--port", "0"],
                           capture_output=True, text=True, timeout=20)
        check(r.returncode != 0 and want in r.stderr,
              f"serve refuses {os.path.basename(path)}: {want}")


def drain_on_sigterm():
    print("graceful shutdown with requests in flight")
    p, port = start(DB_A)
    results = []
    ready = threading.Barrier(7)
    sigterm_sent = threading.Event()

    def read_all(s):
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                return data
            data += chunk
            time.sleep(0.01)

    def complete(data):
        head, _, body = data.partition(b"\r\n\r\n")
        m = re.search(rb"Content-Length: (\d+)", head, re.I)
        return (head.startswith(b"HTTP/1.1 200") and m is not None
                and int(m.group(1)) == len(body))

    def slow_sender(i):
        # The request line is in (the request is in flight), the rest of
        # the headers only arrive after SIGTERM.
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /v1/facts?limit=%d HTTP/1.1\r\nHost: x\r\n" % (i + 1))
        ready.wait()
        sigterm_sent.wait()
        time.sleep(0.5)
        s.sendall(b"Connection: close\r\n\r\n")
        results.append(complete(read_all(s)))
        s.close()

    def slow_reader(i):
        # A large body read slowly.
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        s.connect(("127.0.0.1", port))
        s.sendall(("GET /v1/facts?limit=1000&sort=%s HTTP/1.1\r\n"
                   "Host: x\r\nConnection: close\r\n\r\n" %
                   ["id", "-id", "valid_from"][i]).encode())
        ready.wait()
        results.append(complete(read_all(s)))
        s.close()

    threads = [threading.Thread(target=slow_sender, args=(i,)) for i in range(3)]
    threads += [threading.Thread(target=slow_reader, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    ready.wait()
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    sigterm_sent.set()
    time.sleep(0.2)
    refused = False
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        refused = True
    check(refused, "new connections refused after SIGTERM")
    for t in threads:
        t.join()
    rc = p.wait(timeout=30)
    log = open(os.path.join(WORK, "lifecycle-server.log")).read()
    m = re.findall(r'"event":"shutdown".*"in_flight":(\d+)', log)
    check(m and int(m[-1]) >= 3, f"requests were in flight at SIGTERM ({m[-1:]})")
    check(len(results) == 6 and all(results),
          f"all in-flight requests completed ({sum(results)}/6)")
    check(rc == 0, "exit 0 after draining")


def main():
    os.makedirs(WORK, exist_ok=True)
    # this run's servers append to one log: start it empty
    open(os.path.join(WORK, "lifecycle-server.log"), "w").close()
    try:
        reload_under_load()
        bad_files_at_start()
        drain_on_sigterm()
    except Exception as e:  # a broken answer fails the test, never hangs it
        check(False, f"lifecycle stopped by {type(e).__name__}: {e}")
    finally:
        for p in SERVERS:
            if p.poll() is None:
                p.kill()
    print("lifecycle: %d failed" % len(failures))
    sys.exit(1 if failures else 0)


main()
