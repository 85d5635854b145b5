#!/usr/bin/env python3
"""Links behind a reverse proxy, without the proxy: a server started with
--base-path and --trusted-proxies 127.0.0.1 must build every absolute link
from X-Forwarded-Proto/Host/Prefix or Forwarded, and a server that does not
trust us must ignore them (a forged header must not change links).

Usage: proxy_headers.py TRUSTING_BASE UNTRUSTING_BASE
"""
import http.client
import json
import sys
import urllib.parse

failures = []


def check(cond, msg):
    print(("  ok: " if cond else "  FAIL: ") + msg)
    if not cond:
        failures.append(msg)


def get(base, path, headers):
    u = urllib.parse.urlparse(base)
    c = http.client.HTTPConnection(u.netloc, timeout=5)
    c.request("GET", path, headers=headers)
    r = c.getresponse()
    body = r.read()
    h = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    return r.status, h, body


trusting, untrusting = sys.argv[1], sys.argv[2]
xf = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "data.example.org",
      "X-Forwarded-Prefix": "/policyfacts"}

# the proxy strips the prefix and says so in X-Forwarded-Prefix
s, h, b = get(trusting, "/v1", xf)
links = json.loads(b)["links"]
check(links["facts"] == "https://data.example.org/policyfacts/v1/facts",
      "index links from X-Forwarded-*")
s, h, b = get(trusting, "/v1/facts?limit=2", xf)
check(h["link"].startswith("<https://data.example.org/policyfacts/v1/facts?"),
      "Link header behind the proxy")
s, h, b = get(trusting, "/openapi.json", xf)
check(json.loads(b)["servers"][0]["url"] ==
      "https://data.example.org/policyfacts", "OpenAPI servers behind the proxy")
# RFC 7239 Forwarded
s, h, b = get(trusting, "/v1", {"Forwarded": 'for=10.0.0.1;proto=https;host="api.example.net"'})
check(json.loads(b)["links"]["self"] == "https://api.example.net/pf/v1",
      "Forwarded header (prefix from --base-path)")
# the proxy forwards the prefix unchanged: --base-path strips it
s, h, b = get(trusting, "/pf/v1/facts?limit=1", {"Host": "h.example:8443"})
check(s == 200 and json.loads(b)["links"]["self"].startswith(
      "http://h.example:8443/pf/v1/facts"), "--base-path prefix stripped and kept in links")
# an untrusted client cannot forge links
s, h, b = get(untrusting, "/v1", xf)
check(not json.loads(b)["links"]["facts"].startswith("https://data.example.org"),
      "forwarded headers ignored from untrusted addresses")
s, h, b = get(trusting, "/v1", {"X-Forwarded-Host": "evil.com/x y",
                                "X-Forwarded-Prefix": "/../etc"})
check("evil.com" not in b.decode() and "/../" not in b.decode(),
      "malformed forwarded values ignored")
print("proxy headers: %d failed" % len(failures))
sys.exit(1 if failures else 0)
