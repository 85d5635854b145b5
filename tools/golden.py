#!/usr/bin/env python3
"""golden: record a server's full answers to a fixed request set, and diff two
recordings. Used to prove that a restructuring changed no behaviour: record
before, record after (same database file), diff.

  tools/golden.py record BASE_URL DATA_DIR OUT.jsonl
  tools/golden.py diff BEFORE.jsonl AFTER.jsonl

Record both servers on the same port (the reference uses 18080): the port is
part of every link and of the data ETags (the base URL is in the cache key).

Each record holds the request (method, target, headers sent), the status, the
response headers (all but Date and X-Request-Id, names lower-cased, in
order) and the body (gzip bodies decompressed, marked). The request set is
built from data/*.csv: every route, every representation, errors,
conditional and preflight requests. stdlib only.
"""
import csv
import gzip
import http.client
import json
import os
import sys
import urllib.parse

SKIP_HEADERS = {"date", "x-request-id"}


def ids(data, name):
    with open(os.path.join(data, name), newline="", encoding="utf-8") as f:
        return [r["id"] for r in csv.DictReader(f)]


def column(data, name, col):
    with open(os.path.join(data, name), newline="", encoding="utf-8") as f:
        return [r[col] for r in csv.DictReader(f)]


def cases(data):
    """(method, target, headers) triples, in a fixed order."""
    out = []

    def get(t, **h):
        out.append(("GET", t, h))

    for t in ["/", "/assets/app.js", "/assets/style.css", "/assets/favicon.svg",
              "/vendor/chart.js", "/assets/nope.js", "/v1", "/v1/dataset",
              "/openapi.json", "/healthz", "/readyz"]:
        get(t)
    facts = [
        "", "?limit=5", "?limit=1000", "?kind=tariff_rate", "?kind=target,statement",
        "?subject=CHN&limit=20", "?object=CHN", "?measure=average_tariff_rate",
        "?series=usa-chn-reciprocal", "?source=seed-news-report-2025-05",
        "?from=2025-01-01&to=2025-06-30", "?on=2025-04-20", "?on=2019-06-01",
        "?as_of=2025-05-31", "?as_of=2019", "?on=2025-05-20&as_of=2025-05-31",
        "?q=Geneva", "?q=tariff%20AND%20China", "?q=%22made%20in%20china%22",
        "?rank=all&kind=tariff_rate", "?rank=deprecated", "?rank=preferred,normal",
        "?sort=-id&limit=7", "?sort=valid_from&limit=9", "?sort=-valid_from&limit=9",
        "?sort=known_from&limit=9", "?sort=-known_from&limit=9",
        "?format=csv&kind=tariff_rate", "?format=ndjson&kind=target",
        "?format=csv&source=seed-news-report-2025-05", "?subject=USA&object=CHN&on=2025-04-10",
        "?kind=gdp_share&subject=CHN&from=2020&to=2023", "?measure=household_consumption_share_of_gdp&limit=50",
        "?limit=3&sort=valid_from&kind=tariff_rate",
    ]
    for q in facts:
        get("/v1/facts" + q)
    for q in ["?limit=50", "?kind=tariff_rate&limit=10", "?sort=-valid_from&limit=4"]:
        out.append(("FOLLOW", "/v1/facts" + q, {}))
    get("/v1/facts?limit=10", Accept="text/csv")
    get("/v1/facts?limit=10", Accept="application/x-ndjson")
    get("/v1/facts?limit=10", Accept="application/json;q=0.5, text/csv;q=0.9")
    get("/v1/facts?limit=10", Accept="*/*")
    get("/v1/facts?limit=10", Accept="image/png")
    for name in ["facts_tariffs.csv", "facts_targets.csv", "facts_seed_article.csv"]:
        for i in ids(data, name):
            get("/v1/facts/" + urllib.parse.quote(i, safe=""))
    gdp = ids(data, "facts_gdp_shares.csv")
    for i in gdp[:: max(1, len(gdp) // 25)]:
        get("/v1/facts/" + urllib.parse.quote(i, safe=""))
    get("/v1/facts/no.such.fact")
    get("/v1/facts/seed.01?format=csv")
    get("/v1/facts/seed.01?format=ndjson")
    for q in ["", "?programme=MIC2025", "?programme=CHN_NEXT_FYP", "?subject=CHN",
              "?measure=gdp_growth_target", "?deadline=2025", "?deadline=2049",
              "?format=csv", "?format=ndjson&programme=MIC2025", "?as_of=2016",
              "?programme=MIC2025&sort=-id&limit=3"]:
        get("/v1/targets" + q)
    for q in ["", "?imposer=USA&target=CHN", "?imposer=CHN&target=USA", "?kind=average",
              "?kind=total,additional", "?kind=effective", "?series=usa-chn-fentanyl",
              "?imposer=USA&from=2025-01-01", "?format=csv&imposer=USA&target=CHN",
              "?format=ndjson&kind=average", "?target=WLD", "?limit=5&sort=-valid_from"]:
        get("/v1/tariffs" + q)
    days = set()
    for name in ["facts_tariffs.csv"]:
        for col in ["valid_from", "valid_to"]:
            for d in column(data, name, col):
                if len(d) == 10:
                    days.add(d)
    for d in sorted(days):
        get("/v1/tariffs/USA/CHN?on=" + d)
    for d in ["2018-01-01", "2019-06-01", "2025-02-10", "2025-04-12", "2025-05-20"]:
        get("/v1/tariffs/CHN/USA?on=" + d)
    for q in ["?on=2025-05-20&as_of=2025-05-31", "?on=2025-04-20&as_of=2025-04-01",
              "?on=2025-04-20&format=csv", "?on=2025-04-20&format=ndjson",
              "?on=2026-03-01", "?on=2025-11-15"]:
        get("/v1/tariffs/USA/CHN" + q)
    get("/v1/tariffs/USA/WLD?on=2025-06-01")
    get("/v1/tariffs/USA/JPN?on=2025-09-01")
    for q in ["", "?country=CHN", "?country=CHN,USA&component=investment",
              "?country=CHN&component=household_consumption&latest=5",
              "?component=NE.CON.PRVT.ZS&from=2010&to=2015", "?country=DEU&format=csv",
              "?country=JPN&format=ndjson", "?country=CHN&as_of=2026-01-01",
              "?country=WLD,EUU&component=exports", "?country=IND&component=manufacturing&latest=3"]:
        get("/v1/gdp-shares" + q)
    for q in ["?measure=gross_capital_formation_share_of_gdp&entities=USA,CHN",
              "?measure=household_consumption_share_of_gdp&entities=CHN,USA,DEU,JPN,GBR,FRA&period=2023",
              "?measure=exports_share_of_gdp&entities=CHN,WLD,EUU",
              "?measure=gross_capital_formation_share_of_gdp&entities=CHN,USA&period=2010",
              "?measure=gross_capital_formation_share_of_gdp&entities=CHN,USA&format=csv",
              "?measure=gross_capital_formation_share_of_gdp&entities=CHN,USA&as_of=2026-01-01"]:
        get("/v1/compare" + q)
    for coll, name in [("sources", "sources.csv"), ("entities", "entities.csv"),
                       ("measures", "measures.csv")]:
        get("/v1/" + coll)
        get("/v1/%s?limit=3" % coll)
        get("/v1/%s?format=csv" % coll)
        for i in ids(data, name):
            get("/v1/%s/%s" % (coll, urllib.parse.quote(i, safe="")))
        get("/v1/%s/zzz-none" % coll)
    # errors
    for t in ["/v1/facts?bogus=1", "/v1/facts?on=2025-13-01", "/v1/facts?limit=0",
              "/v1/facts?limit=100000", "/v1/facts?subject=XXX", "/v1/facts?kind=nope",
              "/v1/facts?rank=best", "/v1/facts?sort=value", "/v1/facts?cursor=garbage",
              "/v1/facts?q=%22unbalanced", "/v1/facts?from=2025&to=2024",
              "/v1/facts?limit=5&limit=6", "/v1/facts?%ZZ=1", "/v1/nope", "/v1/facts/",
              "/v2", "/v1/tariffs/USA/CHN", "/v1/tariffs/USA/XXX?on=2025-01-01",
              "/v1/tariffs/USA/CHN?on=2025", "/v1/gdp-shares?component=nope",
              "/v1/gdp-shares?latest=0", "/v1/compare?measure=x&entities=CHN,USA",
              "/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=CHN",
              "/v1/compare?entities=CHN,USA", "/v1/targets?deadline=abc",
              "/v1/facts?format=xml", "/%2e%2e/etc/passwd", "/v1/facts%00",
              "/v1/facts?q=" + "a" * 300, "/v1/facts?" + "&".join("kind=target" for _ in range(40))]:
        get(t)
    get("/v1/facts?limit=1&x=" + "y" * 9000)
    get("/v1/facts?limit=2", **{"X-Big": "z" * 12000})
    for t in ["/v1/facts", "/v1", "/"]:
        out.append(("POST", t, {}))
        out.append(("DELETE", t, {}))
        out.append(("HEAD", t, {}))
    for t in ["/v1/facts?limit=2", "/v1/tariffs/USA/CHN?on=2025-04-20"]:
        out.append(("OPTIONS", t, {"Origin": "https://example.org",
                                   "Access-Control-Request-Method": "GET"}))
    get("/v1/facts?limit=2", Origin="https://example.org")
    # gzip and conditional
    for t in ["/v1/facts", "/v1/facts?format=csv", "/", "/assets/app.js", "/v1/facts/seed.01",
              "/v1/gdp-shares?country=CHN"]:
        get(t, **{"Accept-Encoding": "gzip"})
        out.append(("COND", t, {}))
        out.append(("COND", t, {"Accept-Encoding": "gzip"}))
    get("/v1/facts?limit=2", **{"If-None-Match": '"nope"'})
    get("/v1/facts?limit=2", **{"If-Modified-Since": "Sun, 06 Nov 2044 08:49:37 GMT"})
    get("/v1/facts?limit=2", **{"If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"})
    get("/v1/facts?limit=2", **{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"})
    return out


def fetch(host, port, method, target, headers):
    c = http.client.HTTPConnection(host, port, timeout=20)
    try:
        c.putrequest(method, target, skip_accept_encoding=True)
        for k, v in headers.items():
            c.putheader(k, v)
        c.endheaders()
        r = c.getresponse()
        body = r.read() if method != "HEAD" else b""
        hs = [(k.lower(), v) for k, v in r.getheaders() if k.lower() not in SKIP_HEADERS]
        return r.status, hs, body
    finally:
        c.close()


def record_one(host, port, method, target, headers):
    status, hs, body = fetch(host, port, method, target, headers)
    # the server's own address appears in links: recorded as HOST, so that
    # recordings of servers on different ports compare
    here = ("%s:%d" % (host, port)).encode()
    body = body.replace(here, b"HOST")
    hs = [(k, v.replace(here.decode(), "HOST")) for k, v in hs]
    enc = dict(hs).get("content-encoding")
    if enc == "gzip" and body:
        body = gzip.decompress(body).replace(here, b"HOST")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = "base64:" + __import__("base64").b64encode(body).decode()
    return {"method": method, "target": target, "sent": headers, "status": status,
            "headers": hs, "body": text}


def record(base, data, path):
    u = urllib.parse.urlsplit(base)
    host, port = u.hostname, u.port
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for method, target, headers in cases(data):
            recs = []
            if method == "FOLLOW":  # a collection and the pages after it
                t = target
                for _ in range(4):
                    r = record_one(host, port, "GET", t, headers)
                    recs.append(r)
                    nxt = json.loads(r["body"])["links"]["next"] if r["status"] == 200 else None
                    if not nxt:
                        break
                    t = urllib.parse.urlsplit(nxt)
                    t = t.path + "?" + t.query
            elif method == "COND":  # the 200's ETag sent back
                r = record_one(host, port, "GET", target, headers)
                etag = dict(r["headers"]).get("etag")
                recs.append(r)
                if etag:
                    recs.append(record_one(host, port, "GET", target,
                                           dict(headers, **{"If-None-Match": etag})))
            else:
                recs.append(record_one(host, port, method, target, headers))
            for r in recs:
                out.write(json.dumps(r, sort_keys=True) + "\n")
                n += 1
    print("golden: %d exchanges -> %s" % (n, path))


def diff(a, b):
    ra = [json.loads(l) for l in open(a, encoding="utf-8")]
    rb = [json.loads(l) for l in open(b, encoding="utf-8")]
    key = lambda r: (r["method"], r["target"], json.dumps(r["sent"], sort_keys=True))
    ib = {}
    for r in rb:
        ib.setdefault(key(r), []).append(r)
    ndiff = 0
    for r in ra:
        others = ib.get(key(r))
        if not others:
            print("MISSING after: %s %s" % (r["method"], r["target"]))
            ndiff += 1
            continue
        s = others.pop(0)
        for field in ["status", "headers", "body"]:
            if r[field] != s[field]:
                ndiff += 1
                print("DIFF %s %s %s [%s]" % (r["method"], r["target"][:120],
                                             json.dumps(r["sent"])[:80], field))
                if field == "headers":
                    print("   before:", r[field])
                    print("   after: ", s[field])
                elif field == "status":
                    print("   %s -> %s" % (r[field], s[field]))
                else:
                    x, y = r[field], s[field]
                    i = next((k for k in range(min(len(x), len(y))) if x[k] != y[k]), min(len(x), len(y)))
                    print("   before: ...%s" % x[max(0, i - 80):i + 120])
                    print("   after:  ...%s" % y[max(0, i - 80):i + 120])
    print("golden: %d exchanges compared, %d difference(s)" % (len(ra), ndiff))
    return 1 if ndiff else 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "diff":
        sys.exit(diff(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
