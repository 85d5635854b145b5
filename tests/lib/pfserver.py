"""Starting and stopping `policyfacts serve` from a Python test, and the raw
HTTP/1.1 helpers the hardening tests use (send anything over a socket, read
one response strictly), and a process's RSS. Python 3 standard library only.

Server follows the contract every test language shares (tests/README.md;
tests/lib/server.sh and tests/lib/server.cjs are the shell and Node.js
helpers): `serve --bind 127.0.0.1 --port 0`, the port read from the start
log line, ready once GET /healthz answers 200, stopped by SIGTERM and a wait
(SIGKILL only after a timeout). Import it with
    sys.path.insert(0, os.path.join(ROOT, "tests", "lib")); import pfserver
"""

import json
import os
import re
import resource
import select
import signal
import socket
import subprocess
import threading
import time


def raise_fd_limit(want=8192):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))


class Server:
    """A `policyfacts serve` child process on 127.0.0.1 and a free port,
    ready (GET /healthz answered 200) once the constructor returns; raises
    RuntimeError with the log's end if it is not within `timeout` seconds.
    Its output goes to log_path (appended to when append is true)."""

    def __init__(self, binary, db, args=(), log_path=None, env=None,
                 append=False, timeout=30):
        self.log = open(log_path or os.devnull, "ab" if append else "wb",
                        buffering=0)
        raise_fd_limit()
        cmd = [binary, "serve", "--db", db, "--bind", "127.0.0.1",
               "--port", "0"] + list(args)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, env=env)
        self.port = None
        self._lines = []
        fd = self.proc.stderr.fileno()
        pending = b""
        deadline = time.time() + timeout
        while time.time() < deadline and self.port is None:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                self.log.write(chunk)
                pending += chunk
                self._lines.append(chunk)
                m = re.search(rb'"event":"start"[^\n]*"port":(\d+)', pending)
                if m:
                    self.port = int(m.group(1))
            if self.proc.poll() is not None:
                break
        # keep draining stderr so the server never blocks on a full pipe
        self._drain = threading.Thread(target=self._pump, daemon=True)
        if self.port is not None:
            self._drain.start()
            while time.time() < deadline and self.proc.poll() is None:
                if healthy(self.port):
                    return
                time.sleep(0.05)
        self.stop(timeout=2)
        raise RuntimeError("server did not become ready: %r"
                           % b"".join(self._lines)[-2000:])

    def _pump(self):
        fd = self.proc.stderr.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            try:
                self.log.write(chunk)
            except ValueError:
                return

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def rss_kb(self):
        return rss_kb(self.proc.pid)

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        try:
            self.log.flush()
        except ValueError:
            pass
        return self.proc.returncode


def healthy(port):
    """True when GET /healthz on 127.0.0.1:port answers 200."""
    try:
        return get(port, "/healthz", timeout=2).status == 200
    except (OSError, Closed, Timeout, ValueError):
        return False


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Response:
    def __init__(self, status, reason, headers, body, version):
        self.status = status
        self.reason = reason
        self.headers = headers  # lower-case name -> last value
        self.body = body
        self.version = version

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class Closed(Exception):
    """The server closed the connection before a full response."""


class Timeout(Exception):
    """No complete response within the time allowed (a hang)."""


def connect(port, timeout=5.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


class Reader:
    """Reads HTTP/1.x responses from a socket, strictly."""

    def __init__(self, sock, deadline_s=5.0):
        self.sock = sock
        self.buf = b""
        self.deadline_s = deadline_s

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise Timeout()
        self.sock.settimeout(left)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            raise Timeout()
        except (ConnectionResetError, BrokenPipeError):
            chunk = b""
        if not chunk:
            raise Closed()
        self.buf += chunk

    def _line(self, deadline):
        while b"\r\n" not in self.buf:
            if len(self.buf) > 1 << 20:
                raise ValueError("header line too long")
            self._fill(deadline)
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n, deadline):
        while len(self.buf) < n:
            self._fill(deadline)
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def read(self, head=False):
        deadline = time.monotonic() + self.deadline_s
        while True:
            r = self._read_one(head, deadline)
            if not 100 <= r.status < 200:  # skip interim answers (100-continue)
                return r

    def _read_one(self, head, deadline):
        status_line = self._line(deadline)
        m = re.match(rb"^(HTTP/1\.[01]) (\d{3}) ?(.*)$", status_line)
        if not m:
            raise ValueError("bad status line %r" % status_line[:100])
        version, status, reason = m.group(1).decode(), int(m.group(2)), m.group(3)
        headers = {}
        while True:
            line = self._line(deadline)
            if line == b"":
                break
            if b":" not in line:
                raise ValueError("bad header line %r" % line[:100])
            k, v = line.split(b":", 1)
            headers[k.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
        body = b""
        if head or status in (204, 304) or 100 <= status < 200:
            pass
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int(self._line(deadline).split(b";")[0], 16)
                if size == 0:
                    while self._line(deadline) != b"":
                        pass
                    break
                body += self._exact(size, deadline)
                if self._exact(2, deadline) != b"\r\n":
                    raise ValueError("bad chunk end")
        elif "content-length" in headers:
            body = self._exact(int(headers["content-length"]), deadline)
        else:
            # body until close
            try:
                while True:
                    self._fill(deadline)
            except Closed:
                pass
            body, self.buf = self.buf, b""
        return Response(status, reason, headers, body, version)


def exchange(port, raw, timeout=5.0, head=False):
    """Sends raw bytes on a new connection and reads one response.
    Returns a Response, or raises Closed / Timeout."""
    s = connect(port, timeout)
    try:
        try:
            s.sendall(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return Reader(s, timeout).read(head=head)
    finally:
        s.close()


def get(port, target, headers=None, timeout=5.0, method="GET"):
    h = {"Host": "127.0.0.1:%d" % port}
    h.update(headers or {})
    raw = ("%s %s HTTP/1.1\r\n" % (method, target)).encode("latin-1")
    for k, v in h.items():
        raw += ("%s: %s\r\n" % (k, v)).encode("latin-1")
    raw += b"Connection: close\r\n\r\n"
    return exchange(port, raw, timeout, head=(method == "HEAD"))
