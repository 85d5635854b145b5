#!/usr/bin/env python3
"""Conditional requests: a 304 stands for the 200 the same request would get.

For each server given (one with the response cache, one without) and each
kind of cached route (a fact page, a GDP series, the OpenAPI document, the
dashboard), in both representations (gzip and identity):

- If-None-Match with the 200's tag, and If-Modified-Since with its date,
  answer 304 with no body and the 200's ETag, Vary and Cache-Control;
- HEAD with the tag answers the same 304;
- the tag of the other representation does not match: 200, because the
  client holds different bytes (RFC 9110 8.8.3).

And the headers the reply layer adds by the answer's type: the dashboard's
HTML carries the Content-Security-Policy and Referrer-Policy the browser
test checks against; JSON answers carry neither; every answer says nosniff.

Usage: conditional.py BASE [BASE ...]
"""
import http.client
import sys
import urllib.parse

PATHS = [
    "/v1/facts?kind=gdp_share&limit=10",
    "/v1/gdp-shares?country=CHN&component=household_consumption",
    "/openapi.json",
    "/",
]
ENCODINGS = ["gzip", "identity"]

failures = []


def check(cond, msg):
    print(("  ok: " if cond else "  FAIL: ") + msg)
    if not cond:
        failures.append(msg)
    return cond


def fetch(base, path, headers, method="GET"):
    u = urllib.parse.urlparse(base)
    c = http.client.HTTPConnection(u.netloc, timeout=10)
    c.request(method, path, headers=headers)
    r = c.getresponse()
    raw = r.read()
    h = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    return r.status, h, raw


def one(base, path, enc):
    ae = {"Accept-Encoding": enc}
    st, h, _ = fetch(base, path, ae)
    name = f"{base}{path} ({enc})"
    if not check(st == 200 and h.get("etag"), f"{name}: 200 with an ETag"):
        return None
    tag = h["etag"]
    zipped = h.get("content-encoding") == "gzip"
    check(zipped == (enc == "gzip"), f"{name}: encoding as asked")
    conds = [("If-None-Match", tag, "GET"), ("If-None-Match", tag, "HEAD")]
    if h.get("last-modified"):
        conds.append(("If-Modified-Since", h["last-modified"], "GET"))
    for hdr, val, method in conds:
        st2, h2, raw2 = fetch(base, path, dict(ae, **{hdr: val}), method)
        what = f"{name}: {method} {hdr}"
        check(st2 == 304 and raw2 == b"", f"{what}: 304 without a body")
        check(h2.get("etag") == tag, f"{what}: the 200's ETag ({h2.get('etag')})")
        # 0 or none, not the 200's length: see send_representation
        # (src/http/http_pipeline.c)
        check(h2.get("content-length") in (None, "0"),
              f"{what}: Content-Length {h2.get('content-length')}, not a body's")
        check(h2.get("vary") == h.get("vary"), f"{what}: the 200's Vary")
        check(h2.get("cache-control") == h.get("cache-control"),
              f"{what}: the 200's Cache-Control")
    return tag


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")


def security_headers(base):
    for path, enc in [("/", "identity"), ("/", "gzip")]:
        st, h, _ = fetch(base, path, {"Accept-Encoding": enc})
        name = f"{base}{path} ({enc})"
        check(st == 200 and h.get("content-type", "").startswith("text/html"),
              f"{name}: 200 text/html")
        check(h.get("content-security-policy") == CSP,
              f"{name}: Content-Security-Policy ({h.get('content-security-policy')})")
        check(h.get("referrer-policy") == "no-referrer",
              f"{name}: Referrer-Policy ({h.get('referrer-policy')})")
        check(h.get("x-content-type-options") == "nosniff", f"{name}: nosniff")
    for path in ["/v1", "/v1/facts?limit=1", "/v1/nope", "/healthz", "/assets/app.js"]:
        st, h, _ = fetch(base, path, {})
        name = f"{base}{path}"
        check("content-security-policy" not in h and "referrer-policy" not in h,
              f"{name} ({st}): no page policies on a {h.get('content-type')}")
        check(h.get("x-content-type-options") == "nosniff", f"{name}: nosniff")


def main():
    for base in sys.argv[1:]:
        security_headers(base)
        for path in PATHS:
            tags = {enc: one(base, path, enc) for enc in ENCODINGS}
            if None in tags.values() or tags["gzip"] == tags["identity"]:
                check(False, f"{base}{path}: one tag per representation")
                continue
            for held, asked in (("gzip", "identity"), ("identity", "gzip")):
                st, _, _ = fetch(base, path, {"Accept-Encoding": asked,
                                              "If-None-Match": tags[held]})
                check(st == 200, f"{base}{path}: the {held} tag asking for "
                      f"{asked} gets 200 (got {st})")
    if failures:
        print(f"conditional: {len(failures)} FAILED")
        sys.exit(1)
    print("conditional: OK")


if __name__ == "__main__":
    main()
