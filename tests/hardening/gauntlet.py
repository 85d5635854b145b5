#!/usr/bin/env python3
"""Bad-input gauntlet and limits tests against the real server on loopback.

Usage: gauntlet.py [BIN [DB]]   (defaults: $PF_BIN or build/policyfacts,
                                 $PF_DBFILE or build/policyfacts.db)

Part 1 sends several hundred hostile requests over raw sockets: broken
percent-encoding, NUL and control bytes, invalid and overlong UTF-8, huge
and negative numbers, NaN/Inf, SQL and FTS5 syntax in every parameter of
every route (names taken from the C parameter tables, the spec the server
validates against, plus api-spec/openapi.json when present), path
traversal, repeated parameters, unknown methods, absurd headers, HTTP/1.0,
pipelining, oversize URL (414) and headers (431), queries of hundreds of
parameters (414 at once), content on methods that take none (413, or 405
for other methods, at once and closing) and lying lengths (Content-Length
larger or smaller than the content, with Transfer-Encoding, malformed;
answered at once). Every answer must be a
well-formed 4xx application/problem+json naming the parameter at fault
(when one is), or, for requests broken at the HTTP level that never reach
the application, libmicrohttpd's own 4xx/505 or a clean close. Never a 5xx,
a crash or a hang. The server must be alive afterwards with RSS within 10%
of its value after the first of the three hostile runs (which fills the
caches).

Part 2, limits: /healthz answers within 100 ms while 1,000 idle
connections are open; a slowloris client (silent, and trickling a header
byte at a time) is dropped after --timeout; connections over --max-per-ip
and --max-connections are closed cleanly (or answered 503) while the
others keep working.

Prints one line per failure, a summary per group and a closing
'N passed, N failed' line; exits non-zero on any failure.
"""

import glob
import json
import os
import re
import socket
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from pfserver import (Closed, Reader, Server, Timeout, connect,  # noqa: E402
                      exchange, get, raise_fd_limit)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "out", "hardening")

PASSED = 0
FAILED = 0
GROUPS = {}
ANSWERS = {}  # how hostile requests were answered


def tally(kind):
    ANSWERS[kind] = ANSWERS.get(kind, 0) + 1


def note(group, ok, what, why=""):
    global PASSED, FAILED
    g = GROUPS.setdefault(group, [0, 0])
    if ok:
        PASSED += 1
        g[0] += 1
    else:
        FAILED += 1
        g[1] += 1
        print("  FAIL [%s] %s: %s" % (group, what[:160], why[:300]))


# ---- the parameter tables ------------------------------------------------

def c_param_tables():
    """Route pattern -> [(param, type)] from src/api/router.c and the
    struct pf_pspec tables in src/**/*.c and include/api/params.h."""
    common = []
    with open(os.path.join(ROOT, "include", "api", "params.h")) as f:
        txt = f.read()
    m = re.search(r"#define PARAMS_FACT_COMMON(.*?)\n\n", txt, re.S)
    if m:
        common = re.findall(r'\{\s*"(\w+)",\s*(P_\w+)', m.group(1))
    tables = {}
    for path in glob.glob(os.path.join(ROOT, "src", "**", "*.c"), recursive=True):
        with open(path) as f:
            txt = f.read()
        for m in re.finditer(r"const struct pf_pspec (\w+)\[\]\s*=\s*\{(.*?)\};", txt, re.S):
            rows = re.findall(r'\{\s*"(\w+)",\s*(P_\w+)', m.group(2))
            if "PARAMS_FACT_COMMON" in m.group(2):
                rows += common
            tables[m.group(1)] = rows
    routes = []
    with open(os.path.join(ROOT, "src", "api", "router.c")) as f:
        txt = f.read()
    for m in re.finditer(r'\{"(/[^"]*)",\s*"(\w+)",\s*\w+,\s*(\w+),', txt):
        routes.append((m.group(1), m.group(2), tables.get(m.group(3), [])))
    return routes


def spec_params():
    """Extra parameter names per path from the OpenAPI document."""
    path = os.path.join(ROOT, "api-spec", "openapi.json")
    out = {}
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return out
    comps = doc.get("components", {}).get("parameters", {})
    for p, item in doc.get("paths", {}).items():
        names = []
        for op in [item] + [v for k, v in item.items() if k == "get"]:
            for prm in op.get("parameters", []) if isinstance(op, dict) else []:
                if "$ref" in prm:
                    prm = comps.get(prm["$ref"].split("/")[-1], {})
                if prm.get("in") == "query" and prm.get("name"):
                    names.append(prm["name"])
        out[p] = names
    return out


def first_csv_id(name):
    with open(os.path.join(ROOT, "data", name), encoding="utf-8") as f:
        f.readline()
        return f.readline().split(",", 1)[0]


def concrete(pattern):
    fills = {
        "/v1/facts/{id}": "/v1/facts/" + first_csv_id("facts_tariffs.csv"),
        "/v1/sources/{id}": "/v1/sources/" + first_csv_id("sources.csv"),
        "/v1/entities/{id}": "/v1/entities/CHN",
        "/v1/measures/{id}": "/v1/measures/" + first_csv_id("measures.csv"),
        "/v1/tariffs/{imposer}/{target}": "/v1/tariffs/USA/CHN",
        "/assets/{file}": "/assets/app.js",
    }
    return fills.get(pattern, pattern)


# ---- checking one answer -------------------------------------------------

def pct(s):
    out = []
    for b in s.encode("utf-8") if isinstance(s, str) else s:
        c = chr(b)
        if c.isalnum() or c in "-._~,":
            out.append(c)
        else:
            out.append("%%%02X" % b)
    return "".join(out)


def check_problem(r, param=None, head=False):
    """A 4xx from the application: problem+json, consistent, naming param
    (a HEAD's answer has the headers only)."""
    ct = r.header("content-type", "")
    if not ct.startswith("application/problem+json"):
        return "4xx with Content-Type %r" % ct
    if head:
        return None if r.status != 405 or r.header("allow") else "405 without Allow"
    try:
        doc = r.json()
    except Exception as e:  # noqa: BLE001
        return "problem body is not JSON: %s" % e
    if doc.get("status") != r.status or not doc.get("type") or not doc.get("title"):
        return "problem document incomplete: %r" % doc
    if r.status == 405 and not r.header("allow"):
        return "405 without Allow"
    if param is not None:
        named = [e.get("param") for e in doc.get("errors", []) if isinstance(e, dict)]
        if param not in named and not str(doc.get("detail", "")).startswith(param + ":"):
            return "problem does not name %r: %r" % (param, doc)
    return None


def judge(group, what, raw, expect="4xx", param=None, head=False,
          statuses=None, timeout=5.0, port=None):
    """expect: '4xx'   -> app 4xx problem+json (naming param if given)
               'ok4xx' -> 2xx/304 or an app 4xx problem (never 5xx)
               'proto' -> HTTP-level garbage: any 4xx/505 or a clean close
    """
    try:
        r = exchange(port or PORT, raw, timeout=timeout, head=head)
    except Closed:
        tally("clean close, no answer")
        note(group, expect == "proto", what, "connection closed without an answer")
        return None
    except Timeout:
        note(group, False, what, "no answer within %.0f s (hang)" % timeout)
        return None
    except (ValueError, OSError) as e:
        note(group, False, what, "malformed response: %s" % e)
        return None
    if r.status >= 500 and r.status != 505:
        note(group, False, what, "status %d: %r" % (r.status, r.body[:200]))
        return r
    if r.status == 505 and expect != "proto":
        note(group, False, what, "505 for a request that is not HTTP-level garbage")
        return r
    if statuses and r.status not in statuses:
        note(group, False, what, "status %d, expected %s" % (r.status, statuses))
        return r
    if b"root:x:" in r.body or b"[boot loader]" in r.body:
        note(group, False, what, "file content leaked")
        return r
    if r.status >= 400:
        is_problem = r.header("content-type", "").startswith("application/problem+json")
        tally("%d %s" % (r.status, "problem+json" if is_problem else
                         "from libmicrohttpd (%s)" % r.header("content-type", "no type")))
    else:
        tally("%d (valid despite odd input)" % r.status)
    if 400 <= r.status < 500:
        why = None
        if expect == "proto" and not is_problem:
            why = None  # libmicrohttpd's own answer to a broken request
        else:
            why = check_problem(r, param, head)
        note(group, why is None, what, why or "")
        return r
    if expect == "4xx":
        note(group, False, what, "status %d, expected a 4xx problem" % r.status)
        return r
    note(group, True, what)
    return r


def req(target, method="GET", headers=None, version="HTTP/1.1", host=True):
    if isinstance(target, str):
        target = target.encode("latin-1")
    raw = method.encode("latin-1") + b" " + target + b" " + version.encode() + b"\r\n"
    if host:
        raw += b"Host: 127.0.0.1\r\n"
    for k, v in (headers or []):
        raw += (k if isinstance(k, bytes) else k.encode("latin-1")) + b": " + \
            (v if isinstance(v, bytes) else v.encode("latin-1")) + b"\r\n"
    return raw + b"Connection: close\r\n\r\n"


# ---- part 1: hostile requests ---------------------------------------------

SQL_FTS = [
    "' OR 1=1--",
    "\"; DROP TABLE facts;--",
    "1) UNION SELECT name, sql FROM sqlite_master--",
    "x' ; ATTACH DATABASE '/tmp/pwn' AS p;--",
    "NEAR(tariff china, 2",
    "tariff OR",
    "\"unterminated",
    "*",
    "quote:tariff",
    "^china AND (",
    "{subject quote}: x",
    "a\" OR \"1\"=\"1",
    "%' AND randomblob(1000000000)--",
    "-- ; /* */",
]


def param_value_for(ptype):
    return {
        "P_TOKEN": "CHN", "P_SET": "CHN", "P_LIST": "CHN,USA", "P_DATE": "2024",
        "P_DAY": "2025-04-20", "P_YEAR": "2020", "P_INT": "5", "P_ENUM": None,
        "P_TEXT": "tariff", "P_CURSOR": None,
    }.get(ptype)


def part_hostile(routes):
    # SQL and FTS5 syntax in every parameter of every route
    for pattern, name, params in routes:
        path = concrete(pattern)
        for pname, ptype in params:
            for payload in SQL_FTS:
                target = "%s?%s=%s" % (path, pname, pct(payload))
                what = "%s %s=%r" % (path, pname, payload)
                if ptype == "P_TEXT":
                    # free text: a search that finds nothing, or a 400 for q
                    judge("sql-fts", what, req(target), "ok4xx", param=pname,
                          statuses=(200, 400))
                else:
                    judge("sql-fts", what, req(target), "4xx", param=pname,
                          statuses=(400,))
        # every route: an unknown parameter carrying SQL is named
        judge("sql-fts", "%s unknown param" % path,
              req("%s?%s=1" % (path, pct("x' OR '1'='1"))), "4xx",
              param="x' OR '1'='1", statuses=(400,))

    facts = "/v1/facts"
    # broken percent-encoding, in names, values and the path
    for bad in ["%", "%4", "%ZZ", "%%", "%G0", "%0", "a%", "%%41", "%-1", "%+1"]:
        judge("percent", "value %s" % bad, req(facts + "?q=" + bad), "4xx",
              param="q", statuses=(400,))
        judge("percent", "name %s" % bad, req(facts + "?" + bad + "=1"), "4xx",
              param="query", statuses=(400,))
        judge("percent", "path %s" % bad, req("/v1/" + bad), "4xx", statuses=(400,))

    # NUL and control bytes, escaped and raw
    for ctl in ["%00", "a%00b", "%01", "%07", "%08", "%1B%5B2J", "%0D%0AX-Injected:%201",
                "%0A", "%09", "%7F"]:
        judge("control", "q=%s" % ctl, req(facts + "?q=" + ctl), "4xx",
              param="q", statuses=(400,))
        judge("control", "subject=%s" % ctl, req(facts + "?subject=" + ctl), "4xx",
              param="subject", statuses=(400,))
        judge("control", "path %s" % ctl, req("/v1/facts/" + ctl), "4xx",
              statuses=(400, 404))
    for raw_ctl in [b"\x00", b"\x01", b"\x1b", b"\x7f", b"\r", b"\x0b", b"\x0c"]:
        judge("control", "raw %r in target" % raw_ctl,
              req(b"/v1/facts?q=a" + raw_ctl + b"b"), "proto")
        judge("control", "raw %r in header" % raw_ctl,
              req(facts, headers=[("X-Test", b"a" + raw_ctl + b"b")]), "proto")

    # invalid and overlong UTF-8
    for bad in ["%C0%AF", "%C0%80", "%E0%80%AF", "%F0%80%80%AF", "%ED%A0%80",
                "%ED%BF%BF", "%F4%90%80%80", "%F8%88%80%80%80", "%FC%84%80%80%80%80",
                "%FF", "%FE%FF", "%E2%82", "%80", "%C3", "%C3%28", "%E2%28%A1"]:
        judge("utf8", "q=%s" % bad, req(facts + "?q=" + bad), "4xx", param="q",
              statuses=(400,))
        judge("utf8", "path /v1/entities/%s" % bad, req("/v1/entities/" + bad), "4xx",
              statuses=(400,))
    for raw in [b"\xc0\xaf", b"\xff\xfe", b"\xed\xa0\x80", b"\xe2\x82"]:
        judge("utf8", "raw %r in path" % raw, req(b"/v1/entities/" + raw), "proto",
              statuses=(400, 404))
        judge("utf8", "raw %r in query" % raw, req(b"/v1/facts?q=" + raw), "proto",
              statuses=(400,))

    # numbers: huge, negative, fractional, NaN, Inf, hex, spaces
    numbers = ["-1", "0", "1001", "100001", "99999999999999999999", "-99999999999",
               "9223372036854775808", "-9223372036854775809", "1e3", "1.5", "0x10",
               "+5", "%205", "5%20", "NaN", "nan", "Inf", "-Inf", "Infinity",
               "-0", "00000000001", "1%2C2", "", "%E2%88%9E"]
    for n in numbers:
        judge("numbers", "limit=%s" % n, req(facts + "?limit=" + n), "ok4xx",
              param="limit", statuses=(200, 400))
    for n in ["-1", "0", "1001", "99999999999999999999", "NaN", "Inf", "1e2", "-Inf"]:
        judge("numbers", "latest=%s" % n, req("/v1/gdp-shares?latest=" + n), "4xx",
              param="latest", statuses=(400,))
        judge("numbers", "sources limit=%s" % n, req("/v1/sources?limit=" + n),
              "4xx", param="limit", statuses=(400,))
    for d in ["NaN", "Inf", "-2025", "99999", "0000", "0999-01-01", "2025-02-30",
              "2025-13", "2025-00-10", "2025-1-1", "20250101", "2025-04-20T00:00:00Z",
              "9999999999-01-01", "2024-02-29x"]:
        judge("numbers", "on=%s" % d, req(facts + "?on=" + pct(d)), "4xx", param="on",
              statuses=(400,))
        judge("numbers", "gdp from=%s" % d, req("/v1/gdp-shares?from=" + pct(d)), "4xx",
              param="from", statuses=(400,))

    # cursors: garbage, truncated, another sort's cursor, huge
    for c in ["!!!", "A", "AB=", "djEKaWQ", "djEKaWQKCg", "_" * 2000, "A" * 1025,
              "djEKLWlkCmsKeA"]:
        judge("cursor", "cursor=%s" % c[:30], req(facts + "?cursor=" + pct(c)), "4xx",
              param="cursor", statuses=(400,))

    # path traversal
    for p in ["/../etc/passwd", "/v1/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
              "/assets/..%2f..%2f..%2fetc%2fpasswd", "/assets/%2e%2e", "/assets/..",
              "/assets/....//....//etc/passwd", "/vendor/chart.js/../../../etc/passwd",
              "//etc/passwd", "/v1/facts/..%2F..%2Fetc%2Fpasswd",
              "/assets/%2e%2e%5c%2e%2e%5cwindows%5cwin.ini", "/assets/.htaccess",
              "/assets/%252e%252e%252fetc%252fpasswd", "/./v1/./facts",
              "/v1/facts/%2e", "/assets/%00../../etc/passwd", "/assets/~root"]:
        judge("traversal", p, req(p), "4xx", statuses=(400, 404))
    judge("traversal", "absolute-form target",
          req("http://127.0.0.1/../../etc/passwd"), "proto", statuses=(400, 404))
    judge("traversal", "asterisk target", req("*"), "proto", statuses=(400, 404))

    # repeated parameters: each named
    for pattern, name, params in routes:
        if not params:
            continue
        pname, ptype = params[0]
        v = param_value_for(ptype) or "json"
        if ptype == "P_ENUM":
            v = "json" if pname == "format" else "id"
        judge("repeated", "%s %s twice" % (pattern, pname),
              req("%s?%s=%s&%s=%s" % (concrete(pattern), pname, v, pname, v)), "4xx",
              param=pname, statuses=(400,))
    judge("repeated", "limit x40", req(facts + "?" + "&".join(["limit=1"] * 40)),
          "4xx", statuses=(400,))
    judge("repeated", "65 distinct params", req(facts + "?" + "&".join(
        "p%d=1" % i for i in range(65))), "4xx", param="query", statuses=(400,))
    judge("repeated", "empty pieces", req(facts + "?&&&&=&=&&"), "4xx",
          statuses=(400,))
    judge("repeated", "51 set items", req(facts + "?subject=" + ",".join(
        ["CHN"] * 51)), "4xx", param="subject", statuses=(400,))
    judge("repeated", "q of 501 bytes", req(facts + "?q=" + "a" * 501), "4xx",
          param="q", statuses=(400,))
    judge("repeated", "code of 101 chars", req(facts + "?subject=" + "A" * 101),
          "4xx", param="subject", statuses=(400,))

    # methods
    for m in ["POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND",
              "FOO", "get", "BREW", "M" * 200]:
        judge("methods", "%s /v1/facts" % m[:20], req(facts, method=m), "proto",
              statuses=(400, 405, 501))
        r = exchange(PORT, req(facts, method=m)) if m == "DELETE" else None
        if r is not None:
            note("methods", r.status == 405 and "GET" in r.header("allow", ""),
                 "DELETE -> 405 with Allow", "got %d" % r.status)
    judge("methods", "POST with a 1 MB body",
          b"POST /v1/facts HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n"
          b"Connection: close\r\n\r\n" + b"x" * 1048576, "proto",
          statuses=(405, 413, 400))
    judge("methods", "GET with a body", b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
          b"Content-Length: 5\r\nConnection: close\r\n\r\nhello", "4xx",
          statuses=(413,))
    judge("methods", "chunked GET with a bad chunk",
          b"GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
          b"Connection: close\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n", "proto")

    # absurd headers
    absurd = [
        ("Accept", "garbage"), ("Accept", "*/*;q=NaN"), ("Accept", ",;,;,;q=="),
        ("Accept", ", ".join(["text/x%d;q=0.%d" % (i, i % 10) for i in range(300)])),
        ("Accept", "application/json;q=1e309"), ("Accept-Encoding", "gzip;q=NaN"),
        ("Accept-Encoding", "*" * 4000), ("If-None-Match", "\"" * 500),
        ("If-None-Match", "W/" * 300), ("If-None-Match", "*, *, *"),
        ("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"),
        ("If-Modified-Since", "yesterday"), ("Forwarded", "for=\"" + "\\" * 500),
        ("Forwarded", "host=evil.example;proto=gopher"),
        ("X-Forwarded-Prefix", "/../../admin"), ("X-Forwarded-Host", "evil\"<>"),
        ("X-Forwarded-For", "1.2.3.4, " * 100), ("X-Request-Id", "x" * 1000),
        ("X-Request-Id", "<script>alert(1)</script>"), ("Origin", "null"),
        ("Range", "bytes=0-0,1-1,2-2"), ("Expect", "100-continue"),
        ("Upgrade", "websocket"), ("Cookie", "a=" + "b" * 3000),
        ("Content-Length", "-1"), ("Content-Length", "99999999999999999999999"),
        ("Content-Type", "application/json; charset=\x7f"), ("Authorization", "Basic Og=="),
        ("X-" + "A" * 2000, "v"), ("Host", "a" * 300),
    ]
    for k, v in absurd:
        judge("headers", "%s: %s" % (k[:40], v[:40]),
              req(facts + "?limit=1", headers=[(k, v)]), "proto",
              statuses=(200, 304, 400, 406, 411, 413, 417, 431))
    for raw in [b"GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
                b"GET /healthz HTTP/1.1\r\nHost: x\r\n folded: continuation\r\n\r\n",
                b"GET /healthz HTTP/1.1\r\nHost: x\r\nX: a\r\n\tfolded\r\n\r\n",
                b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
                b"GET /healthz HTTP/1.1\r\n: empty-name\r\nHost: x\r\n\r\n",
                b"GET /healthz HTTP/1.1\nHost: x\nConnection: close\n\n",
                b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                b"GET  /healthz  HTTP/1.1\r\nHost: x\r\n\r\n",
                b"\r\n\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                b"GET /healthz HTTP/1.1\r\n" + b"X-Many: 1\r\n" * 150 + b"\r\n"]:
        judge("headers", "raw %r" % raw[:50], raw, "proto")

    # protocol versions
    judge("versions", "HTTP/1.0 no Host", req("/healthz", version="HTTP/1.0", host=False),
          "ok4xx", statuses=(200,))
    judge("versions", "HTTP/1.0 hostile query",
          req(facts + "?limit=-5", version="HTTP/1.0", host=False), "4xx",
          param="limit", statuses=(400,))
    judge("versions", "HTTP/1.0 keep-alive", b"GET /healthz HTTP/1.0\r\n"
          b"Connection: keep-alive\r\n\r\n", "ok4xx", statuses=(200,))
    judge("versions", "HTTP/1.1 without Host", req("/healthz", host=False), "proto",
          statuses=(400,))
    for v in ["HTTP/2.0", "HTTP/9.9", "HTTP/1.2", "HTTP/1", "HTTPS/1.1", "http/1.1",
              "HTTP/1.1 extra", "HTTP/01.1"]:
        judge("versions", v, req("/healthz", version=v), "proto")
    judge("versions", "HTTP/0.9 simple request", b"GET /healthz\r\n\r\n", "proto")
    judge("versions", "random bytes", os.urandom(512) + b"\r\n\r\n", "proto")

    # oversize URL and headers
    big = facts + "?q=" + "a" * 4100
    judge("oversize", "URL of 4.1 KB (limit 4096)", req(big), "4xx", statuses=(414,))
    judge("oversize", "URL of 64 KB", req(facts + "?q=" + "a" * 65536), "proto",
          statuses=(414,))
    judge("oversize", "URL of 1 MB", req("/" + "a" * (1 << 20)), "proto",
          statuses=(414,))
    judge("oversize", "header of 9 KB (limit 8192)",
          req("/healthz", headers=[("X-Big", "b" * 9000)]), "4xx", statuses=(431,))
    judge("oversize", "120 small headers",
          req("/healthz", headers=[("X-H%d" % i, "v") for i in range(120)]), "4xx",
          statuses=(431,))
    judge("oversize", "header of 256 KB",
          req("/healthz", headers=[("X-Big", "b" * (256 << 10))]), "proto",
          statuses=(431, 413))
    judge("oversize", "request line without end (64 KB)", b"GET /" + b"a" * 65536,
          "proto", statuses=(414, 400))


# ---- part 1b: many parameters, content where none is taken, lying lengths --
# Each must be answered at once (AT_ONCE seconds, far below the server's
# 30 s timeout: a hang until the timeout fails), never a 5xx.

AT_ONCE = 3.0


def closes(group, what, r):
    """An answer given before the request's content must close."""
    if r is not None:
        note(group, (r.header("connection") or "").lower() == "close",
             "%s: Connection: close" % what, "Connection: %r" % r.header("connection"))


def raw_req(method, target, headers, body=b""):
    raw = ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n" % (method, target)).encode("latin-1")
    for k, v in headers:
        raw += ("%s: %s\r\n" % (k, v)).encode("latin-1")
    return raw + b"\r\n" + body


def part_many_params():
    facts = "/v1/facts"
    many = lambda n, fmt="p%d=1": "&".join(fmt % i for i in range(n))  # noqa: E731
    # over --max-params (32) but not absurd: 400 naming the query
    for n in (33, 100, 256):
        judge("params", "%d parameters" % n, req(facts + "?" + many(n)), "4xx",
              param="query", statuses=(400,), timeout=AT_ONCE)
    # several hundred: the request target is too long (this used to hold the
    # connection until the timeout: MHD ran out of its per-connection pool)
    for n in (257, 300, 500, 1000):
        judge("params", "%d parameters" % n, req(facts + "?" + many(n)), "4xx",
              statuses=(414, 431), timeout=AT_ONCE)
    judge("params", "600 repeated kind=target",
          req(facts + "?" + "&".join(["kind=target"] * 600)), "4xx",
          statuses=(414, 431), timeout=AT_ONCE)
    judge("params", "2000 one-letter pieces", req(facts + "?" + "&".join(["a"] * 2000)),
          "4xx", statuses=(414, 431), timeout=AT_ONCE)
    judge("params", "2000 empty pieces", req(facts + "?" + "&" * 2000), "ok4xx",
          statuses=(200, 400), timeout=AT_ONCE)
    judge("params", "700 '=' pieces", req(facts + "?" + "&".join(["="] * 700)), "4xx",
          statuses=(400, 414, 431), timeout=AT_ONCE)
    for path in ("/healthz", "/v1/tariffs/USA/CHN", "/v1/nope", "/"):
        judge("params", "%s with 400 parameters" % path, req(path + "?" + many(400)),
              "4xx", statuses=(404, 414, 431), timeout=AT_ONCE)
    judge("params", "HEAD with 400 parameters", req(facts + "?" + many(400), method="HEAD"),
          "4xx", statuses=(414, 431), head=True, timeout=AT_ONCE)
    judge("params", "OPTIONS with 400 parameters",
          req(facts + "?" + many(400), method="OPTIONS"), "ok4xx",
          statuses=(204, 414, 431), timeout=AT_ONCE)
    judge("params", "400 parameters of 9 bytes each", req(facts + "?" + many(400, "x%05d=1")),
          "4xx", statuses=(414, 431), timeout=AT_ONCE)
    # the same in headers: libmicrohttpd parses cookies into its pool too
    for n in (300, 1000):
        cookies = "; ".join("c%d=1" % i for i in range(n))
        judge("params", "%d cookies" % n, req("/healthz", headers=[("Cookie", cookies)]),
              "proto", statuses=(200, 431), timeout=AT_ONCE)


def part_bodies():
    """Content on methods that take none (GET, HEAD, OPTIONS): 413 at once,
    and other methods 405 at once, both closing the connection."""
    small = [("Content-Length", "5")]
    for m, st in (("GET", 413), ("HEAD", 413), ("OPTIONS", 413), ("POST", 405),
                  ("PUT", 405), ("PATCH", 405), ("DELETE", 405)):
        what = "%s with a 5-byte body" % m
        r = judge("bodies", what, raw_req(m, "/v1/facts?limit=1", small, b"hello"),
                  "4xx", statuses=(st,), head=(m == "HEAD"), timeout=AT_ONCE)
        closes("bodies", what, r)
    for m, st in (("GET", 413), ("POST", 405)):
        what = "chunked %s" % m
        r = judge("bodies", what, raw_req(m, "/healthz", [("Transfer-Encoding", "chunked")],
                                          b"5\r\nhello\r\n0\r\n\r\n"),
                  "4xx", statuses=(st,), timeout=AT_ONCE)
        closes("bodies", what, r)
    r = judge("bodies", "GET /nope with a body",
              raw_req("GET", "/nope", small, b"hello"), "4xx", statuses=(404,),
              timeout=AT_ONCE)
    closes("bodies", "GET /nope with a body", r)
    # Content-Length: 0 is no content: served as usual
    judge("bodies", "GET with Content-Length: 0",
          raw_req("GET", "/healthz", [("Content-Length", "0"), ("Connection", "close")]),
          "ok4xx", statuses=(200,), timeout=AT_ONCE)
    judge("bodies", "POST with Content-Length: 0",
          raw_req("POST", "/healthz", [("Content-Length", "0"), ("Connection", "close")]),
          "4xx", statuses=(405,), timeout=AT_ONCE)


def part_lying_lengths():
    """Lengths that do not match what is sent: answered at once, closed."""
    cases = [
        ("POST, Content-Length 100 MB, 3 bytes sent", "POST",
         [("Content-Length", "100000000")], b"abc", (405,)),
        ("PUT, Content-Length 2^63-1, nothing sent", "PUT",
         [("Content-Length", "9223372036854775807")], b"", (405, 400, 413)),
        ("POST, Expect: 100-continue and 1 GB", "POST",
         [("Content-Length", "1000000000"), ("Expect", "100-continue")], b"", (405, 417)),
        ("GET, Content-Length 1 MB, 3 bytes sent", "GET",
         [("Content-Length", "1000000")], b"abc", (413,)),
        ("HEAD, Content-Length 1 MB, nothing sent", "HEAD",
         [("Content-Length", "1000000")], b"", (413,)),
        ("GET, Content-Length 2, 5 bytes sent", "GET",
         [("Content-Length", "2")], b"hello", (413,)),
        ("POST, Content-Length 2, a pipelined request after", "POST",
         [("Content-Length", "2")], b"hiGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", (405,)),
        ("GET, Content-Length and Transfer-Encoding", "GET",
         [("Content-Length", "3"), ("Transfer-Encoding", "chunked")], b"0\r\n\r\n",
         (400, 413)),
        ("POST, Transfer-Encoding and Content-Length", "POST",
         [("Transfer-Encoding", "chunked"), ("Content-Length", "100000")], b"5\r\nab",
         (400, 405)),
        ("GET, chunked, the chunk never ends", "GET",
         [("Transfer-Encoding", "chunked")], b"ffffff\r\nabc", (400, 413)),
        ("GET, chunked with a bad size", "GET",
         [("Transfer-Encoding", "chunked")], b"ZZ\r\nhello\r\n0\r\n\r\n", (400, 413)),
        ("GET, Transfer-Encoding: gzip, chunked", "GET",
         [("Transfer-Encoding", "gzip, chunked")], b"0\r\n\r\n", (400, 413, 501)),
        ("GET, Transfer-Encoding: identity", "GET",
         [("Transfer-Encoding", "identity")], b"", (400, 413, 501)),
        ("GET, Content-Length twice, different", "GET",
         [("Content-Length", "5"), ("Content-Length", "6")], b"hello", (400, 413)),
        ("GET, Content-Length: abc", "GET", [("Content-Length", "abc")], b"", (400, 413)),
        ("GET, Content-Length: -5", "GET", [("Content-Length", "-5")], b"", (400, 413)),
        ("GET, Content-Length: 1e9", "GET", [("Content-Length", "1e9")], b"", (400, 413)),
    ]
    for what, m, headers, body, statuses in cases:
        r = judge("lengths", what, raw_req(m, "/v1/facts?limit=1", headers, body), "proto",
                  statuses=statuses, head=(m == "HEAD"), timeout=AT_ONCE)
        closes("lengths", what, r)
    # content is never read, so nothing after it is taken for a request:
    # one answer, then the close
    s = connect(PORT)
    try:
        s.sendall(raw_req("POST", "/v1/facts", [("Content-Length", "2")],
                          b"hiGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"))
        rd = Reader(s, AT_ONCE)
        r1 = rd.read()
        try:
            r2 = rd.read()
            note("lengths", False, "nothing answered after unread content",
                 "second answer %d" % r2.status)
        except Closed:
            note("lengths", r1.status == 405, "nothing answered after unread content",
                 "first answer %d" % r1.status)
    except (Closed, Timeout, ValueError) as ex:
        note("lengths", False, "nothing answered after unread content", repr(ex))
    finally:
        s.close()


def part_pipelined():
    """Several requests in one write on one keep-alive connection: every
    answer comes back, in order, the hostile ones as 4xx problems."""
    targets = ["/healthz", "/v1/facts?limit=1", "/v1/facts?limit=-1", "/v1/nope",
               "/v1/facts?q=%FF", "/readyz", "/v1/facts?kind=x%27--"]
    expect = [200, 200, 400, 404, 400, 200, 400]
    for rounds in (1, 8):
        raw = b""
        exp = []
        for _ in range(rounds):
            for t, e in zip(targets, expect):
                raw += ("GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % t).encode()
                exp.append(e)
        raw += b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        exp.append(200)
        s = connect(PORT)
        try:
            s.sendall(raw)
            rd = Reader(s, 10.0)
            for i, e in enumerate(exp):
                what = "pipelined x%d #%d" % (rounds, i)
                try:
                    r = rd.read()
                except (Closed, Timeout, ValueError) as ex:
                    note("pipelined", False, what, "no answer: %r" % ex)
                    break
                ok = r.status == e and (r.status < 400 or check_problem(r) is None)
                note("pipelined", ok, what, "status %d, expected %d" % (r.status, e))
        finally:
            s.close()
    # pipelined request after a request the server refuses to parse
    s = connect(PORT)
    try:
        s.sendall(b"GET /v1/facts?q=%00 HTTP/1.1\r\nHost: x\r\n\r\n"
                  b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        rd = Reader(s, 5.0)
        r1, r2 = rd.read(), rd.read()
        note("pipelined", r1.status == 400 and r2.status == 200,
             "400 then 200 on one connection", "%d, %d" % (r1.status, r2.status))
    except (Closed, Timeout, ValueError) as ex:
        note("pipelined", False, "400 then 200 on one connection", repr(ex))
    finally:
        s.close()


def valid_requests(routes):
    """Valid requests for warm-up and liveness: every route, some filters."""
    out = []
    for pattern, name, params in routes:
        if pattern.startswith("/assets/"):
            continue
        out.append(concrete(pattern))
    out += ["/v1/facts?kind=tariff_rate&limit=20", "/v1/facts?q=tariff&limit=5",
            "/v1/tariffs/USA/CHN?on=2025-04-20", "/v1/gdp-shares?country=CHN&latest=3",
            "/v1/facts?format=csv&limit=50", "/v1/facts?sort=-valid_from&limit=10"]
    return out


def warm(valid, rounds):
    bad = 0
    for _ in range(rounds):
        for t in valid:
            try:
                r = get(PORT, t)
                bad += r.status >= 500
            except (Closed, Timeout, ValueError, OSError):
                bad += 1
    return bad


# ---- part 2: limits -------------------------------------------------------

def open_idle(n, port, src="127.0.0.1"):
    socks = []
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((src, 0))
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        socks.append(s)
    return socks


def still_open(s):
    """A connected socket the server has not closed or reset."""
    try:
        s.setblocking(False)
        return s.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def timed_healthz(port, n=20):
    times = []
    for _ in range(n):
        t0 = time.monotonic()
        try:
            r = get(port, "/healthz", timeout=2.0)
            ok = r.status == 200
        except (Closed, Timeout, OSError):
            ok = False
        times.append((time.monotonic() - t0) * 1000 if ok else float("inf"))
    return times


def open_connections(port):
    """policyfacts_open_connections from /metrics (asked from 127.0.0.9;
    this request's own connection is not counted), or -1."""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=3,
                                     source_address=("127.0.0.9", 0))
        s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        r = Reader(s, 3.0).read()
        s.close()
        m = re.search(rb"^policyfacts_open_connections (\d+)", r.body, re.M)
        return int(m.group(1)) - 1 if m else -1
    except (Closed, Timeout, OSError, ValueError):
        return -1


def recovered(srv, what, name):
    """After a limit test: /healthz answers 200 again and srv is alive."""
    time.sleep(0.5)
    try:
        r = get(srv.port, "/healthz", timeout=3.0)
        note("limits", r.status == 200, what, "status %d" % r.status)
    except (Closed, Timeout, OSError) as e:
        note("limits", False, what, repr(e))
    note("limits", srv.alive(), "%s alive" % name, "exited")


def wait_closed(sock, limit, trickle=None):
    """Seconds until the server closes sock (None if not within limit).
    With trickle=(interval, bytes) the client keeps sending."""
    t0 = time.monotonic()
    next_send = t0 + (trickle[0] if trickle else 1e9)
    sock.setblocking(True)
    while time.monotonic() - t0 < limit:
        sock.settimeout(0.05)
        try:
            data = sock.recv(4096)
            if not data:
                return time.monotonic() - t0
            # a response (e.g. 408) followed by close also counts as dropped
        except socket.timeout:
            pass
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - t0
        if trickle and time.monotonic() >= next_send:
            try:
                sock.send(trickle[1])
            except (BrokenPipeError, ConnectionResetError):
                return time.monotonic() - t0
            next_send += trickle[0]
    return None


def part_limits(binary, db):
    # 1,000 idle connections on the main server
    idle = open_idle(1000, PORT)
    time.sleep(1.0)
    times = timed_healthz(PORT, 20)
    med, worst = statistics.median(times), max(times)
    print("  1000 idle connections open: /healthz median %.1f ms, max %.1f ms"
          % (med, worst))
    RESULTS["idle_1000_healthz_ms"] = {"median": round(med, 1), "max": round(worst, 1)}
    note("limits", worst < 100, "/healthz within 100 ms with 1000 idle connections",
         "max %.1f ms" % worst)
    for s in idle:
        s.close()

    # slowloris and connection limits on a server with a short timeout
    timeout = 2
    srv = Server(binary, db, ["--timeout", str(timeout), "--threads", "2"],
                 log_path=os.path.join(OUT, "limits-server.log"))
    try:
        # (result key, what it does, first bytes, trickle, wait at most)
        slowloris = [
            ("silent", "silent after a partial request",
             b"GET /healthz HTTP/1.1\r\nHost: x\r\n", None, timeout + 5),
            ("trickle", "one header byte every 0.5 s",
             b"GET /healthz HTTP/1.1\r\nHost: x\r\n", (0.5, b"X"), timeout + 8),
            ("request_line", "request line a byte every 0.5 s",
             b"G", (0.5, b"E"), timeout + 8),
        ]
        for key, what, first, trickle, wait in slowloris:
            s = connect(srv.port)
            s.sendall(first)
            took = wait_closed(s, wait, trickle=trickle)
            s.close()
            RESULTS["slowloris_%s_drop_s" % key] = took and round(took, 2)
            print("  slowloris (%s): dropped after %s s (--timeout %d)"
                  % (what, took and "%.2f" % took, timeout))
            note("limits", took is not None and took <= timeout + 1.5,
                 "slowloris (%s) dropped after --timeout" % what, "took %r" % took)

        # requests that never complete are closed after --timeout, whatever
        # the bytes: an empty line, a TLS ClientHello, half a request line
        incomplete = [b"\r\n\r\n", bytes.fromhex("16030100a5010000a10303") + bytes(64),
                      b"GET /healthz HTTP/1.1", b"GET /healthz HTTP/1.1\r\nHost: x\r\n",
                      b"GET /v1/facts?q=" + b"a" * 3000, b"\x00" * 100]
        socks = []
        for raw in incomplete:
            s = connect(srv.port)
            s.sendall(raw)
            socks.append((raw, s, time.monotonic()))
        for raw, s, t0 in socks:
            took = wait_closed(s, timeout + 5 - (time.monotonic() - t0))
            took = took and time.monotonic() - t0
            s.close()
            note("limits", took is not None and took <= timeout + 1.5,
                 "incomplete request %r closed after --timeout" % raw[:30],
                 "took %r" % took)

        recovered(srv, "served again once connections close", "limits server")
    finally:
        srv.stop()


def part_total_limit(binary, db):
    """--max-per-ip 16 and --max-connections 40 (timeout 10 s): the 17th
    connection from one address is refused while another address is served;
    then 60 idle connections from four addresses: those beyond the limit are
    closed within about a second, and a request over the limit is answered
    503 with Retry-After (or closed)."""
    srv2 = Server(binary, db, ["--timeout", "10", "--max-connections", "40",
                               "--max-per-ip", "16", "--threads", "2"],
                  log_path=os.path.join(OUT, "limits2-server.log"))
    try:
        # per-IP limit (here, where idle connections are not timed out
        # while the test waits): 16 from 127.0.0.1 held, the 17th refused
        held = open_idle(16, srv2.port, "127.0.0.1")
        # wait until the server has accepted all 16 (asked from another
        # address, which the per-IP count does not include): two readings
        # in a row, since the previous /metrics connection may still be
        # counted for a moment after it closed, and a 17th that raced a held
        # one for the server's two accepting threads could take its place
        steady = 0
        for _ in range(100):
            time.sleep(0.1)
            steady = steady + 1 if open_connections(srv2.port) >= 16 else 0
            if steady == 2:
                break
        try:
            r = get(srv2.port, "/healthz", timeout=3.0)
            over = "answered %d" % r.status
            ok = r.status == 503 and r.header("retry-after")
            if r.status == 200:
                # the 17th may win the race for a slot against a held one
                # still in the listen backlog: the cap is kept if that one
                # was refused instead
                dead = sum(1 for h in held if not still_open(h))
                over += " (%d held connection(s) refused, %d counted open)" % (
                    dead, open_connections(srv2.port))
                ok = dead >= 1
        except Closed:
            over, ok = "closed", True
        except Timeout:
            over, ok = "hung", False
        except OSError as e:
            over, ok = "refused (%s)" % e.__class__.__name__, True
        print("  17th connection from one address over --max-per-ip 16: %s" % over)
        RESULTS["over_per_ip"] = over
        note("limits", ok, "over --max-per-ip: clean close or 503", over)
        # another address still gets in
        try:
            s2 = socket.create_connection(("127.0.0.1", srv2.port), timeout=3,
                                          source_address=("127.0.0.2", 0))
            s2.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            r = Reader(s2, 3.0).read()
            s2.close()
            note("limits", r.status == 200, "another address is served at the per-IP cap",
                 "status %d" % r.status)
        except (Closed, Timeout, OSError) as e:
            note("limits", False, "another address is served at the per-IP cap", repr(e))
        for s in held:
            s.close()
        time.sleep(0.3)
        # total limit: 60 more connections from other addresses; at most 40
        # stay open in all, the rest are closed cleanly
        more = []
        for a in ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"):
            more += open_idle(15, srv2.port, a)
        # the extra ones are closed within a second of being accepted (those
        # still in the listen backlog are accepted as others go): poll until
        # at most 40 remain, well inside the 10 s idle timeout
        t_open = time.monotonic()
        alive = len(more)
        while time.monotonic() - t_open < 8.0:
            time.sleep(0.5)
            alive = sum(1 for s in more if still_open(s))
            if alive <= 40:
                break
        RESULTS["over_total_settle_s"] = round(time.monotonic() - t_open, 1)
        RESULTS["over_total"] = "%d of %d connections kept open" % (alive, len(more))
        print("  %d connections from 4 addresses with --max-connections 40: %d kept open"
              % (len(more), alive))
        note("limits", 0 < alive <= 40, "never more than --max-connections open",
             "%d open" % alive)
        # a request over the limit: 503 with Retry-After, or a clean close
        t0 = time.monotonic()
        try:
            s3 = socket.create_connection(("127.0.0.1", srv2.port), timeout=5,
                                          source_address=("127.0.0.6", 0))
            s3.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            r = Reader(s3, 5.0).read()
            over = "answered %d (Retry-After: %s, Connection: %s)" % (
                r.status, r.header("retry-after"), r.header("connection"))
            ok = r.status == 503 and r.header("retry-after") and \
                check_problem(r) is None
            s3.close()
        except Closed:
            over, ok = "closed", True
        except Timeout:
            over, ok = "no answer in 5 s", False
        except OSError as e:
            over, ok = "refused (%s)" % e.__class__.__name__, True
        over += " after %.2f s" % (time.monotonic() - t0)
        print("  a request over --max-connections 40: %s" % over)
        RESULTS["over_total_request"] = over
        note("limits", ok, "over --max-connections: 503 with Retry-After or a clean close",
             over)
        for s in more:
            s.close()
        recovered(srv2, "served again under the connection limit",
                  "connection-limit server")
    finally:
        srv2.stop()


RESULTS = {}
PORT = None
SANITIZED = False


def main():
    global PORT
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PF_BIN", "build/policyfacts")
    db = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("PF_DBFILE", "build/policyfacts.db")
    global SANITIZED
    SANITIZED = "/asan/" in binary or "/tsan/" in binary or \
        os.environ.get("SAN", "") != ""
    os.makedirs(OUT, exist_ok=True)
    raise_fd_limit(8192)
    routes = c_param_tables()
    extra = spec_params()
    for i, (pattern, name, params) in enumerate(routes):
        known = {p for p, _ in params}
        for p in extra.get(pattern, []):
            if p not in known:
                params.append((p, "P_TEXT"))
    print("gauntlet: %d routes, %d parameters from the spec tables"
          % (len(routes), sum(len(p) for _, _, p in routes)))
    t_start = time.monotonic()
    # one malloc arena: with one per thread, RSS after a run depends on
    # which thread happened to answer the big valid answers (52 or 59 MB
    # after the same third run), which the leak check below would misread
    srv = Server(binary, db, ["--threads", "2"],
                 log_path=os.path.join(OUT, "gauntlet-server.log"),
                 env=dict(os.environ, MALLOC_ARENA_MAX="1"))
    PORT = srv.port
    try:
        valid = valid_requests(routes)
        warm(valid, 5)
        n0 = PASSED + FAILED
        part_hostile(routes)
        part_many_params()
        part_bodies()
        part_lying_lengths()
        part_pipelined()
        nhostile = PASSED + FAILED - n0
        RESULTS["answers"] = dict(sorted(ANSWERS.items()))
        print("  answers to the hostile requests:")
        for k, v in sorted(ANSWERS.items()):
            print("    %5d  %s" % (v, k))
        # the same hostile run twice more: memory must not grow with it.
        # The first runs fill the response cache and SQLite's page caches
        # with their valid answers (megabytes at 173k facts), and how much
        # of it the allocator has handed back when RSS is read varies
        # (after the second run: 37 to 59 MB, ending at 59 MB every time).
        # A leak grows with every run, so the third must end no higher than
        # 10% over the highest of the two before it
        rss_runs = [srv.rss_kb()]
        part_hostile(routes)
        rss_runs.append(srv.rss_kb())
        rss0 = max(rss_runs)
        part_hostile(routes)
        bad = warm(valid, 5)
        note("liveness", bad == 0, "valid requests after the gauntlet", "%d failed" % bad)
        time.sleep(0.5)
        rss1 = srv.rss_kb()
        growth = (rss1 - rss0) / rss0 * 100 if rss0 else 0
        RESULTS["hostile_requests"] = nhostile
        RESULTS["rss_kb"] = {"before": rss0, "after": rss1, "growth_pct": round(growth, 1)}
        print("  hostile requests: %d distinct (sent 3 times); RSS %d kB (the highest of"
              " the first two runs) -> %d kB (%+.1f%%)" % (nhostile, rss0, rss1, growth))
        note("liveness", nhostile >= 300, "at least 300 hostile requests", "%d" % nhostile)
        if SANITIZED:
            print("  (RSS not judged: sanitizer builds keep freed memory in quarantine)")
        else:
            note("liveness", growth <= 10, "RSS within 10% after the gauntlet",
                 "%+.1f%% (after the first two runs: %s kB)"
                 % (growth, ", ".join(str(r) for r in rss_runs)))
        part_limits(binary, db)
        part_total_limit(binary, db)
        try:
            r = get(PORT, "/healthz")
            note("liveness", r.status == 200, "main server answers at the end",
                 "status %d" % r.status)
        except (Closed, Timeout, OSError) as e:
            note("liveness", False, "main server answers at the end", repr(e))
        note("liveness", srv.alive(), "main server process alive", "exited")
    finally:
        rc = srv.stop()
    note("liveness", rc == 0, "clean exit on SIGTERM", "exit status %r" % rc)
    for g, (p, f) in sorted(GROUPS.items()):
        print("  %-10s %4d passed, %d failed" % (g, p, f))
    RESULTS["seconds"] = round(time.monotonic() - t_start, 1)
    with open(os.path.join(OUT, "gauntlet.json"), "w") as f:
        json.dump(RESULTS, f, indent=1)
    print("gauntlet: %d passed, %d failed" % (PASSED, FAILED))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
