#!/usr/bin/env python3
"""Integration tests: the real server over real HTTP on loopback.

Served values are checked against the CSV files in data/ (read here with
Python's csv module), never against the server's own output. Every exchange
is recorded to a JSONL file so the contract tests can validate each response
against api-spec/openapi.json.

Usage: test_api.py BASE_URL DATA_DIR RECORD_FILE [-k PATTERN]
  -k PATTERN  run only the test_ functions whose name contains PATTERN
"""
import calendar
import csv
import datetime
import gzip
import http.client
import io
import json
import os
import re
import sys
import threading
import traceback
import urllib.parse

BASE, DATA, RECORD = sys.argv[1], sys.argv[2], sys.argv[3]
PATTERN = sys.argv[5] if sys.argv[4:5] == ["-k"] else ""
HOST = urllib.parse.urlparse(BASE).netloc
record = open(RECORD, "a", encoding="utf-8")
failures = []
checks = 0


def check(cond, msg):
    global checks
    checks += 1
    if not cond:
        failures.append(msg)
        print("  FAIL:", msg)


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-cased names
        self.body = body

    def json(self):
        return json.loads(self.body)

    def h(self, name):
        return self.headers.get(name.lower())


def request(path, method="GET", headers=None, conn=None, record_it=True):
    own = conn is None
    if own:
        conn = http.client.HTTPConnection(HOST, timeout=10)
    conn.request(method, path, headers=headers or {})
    r = conn.getresponse()
    raw = r.read()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    body = raw
    if hdrs.get("content-encoding") == "gzip":
        body = gzip.decompress(raw)
    text = body.decode("utf-8") if body else ""
    if record_it:
        record.write(json.dumps({
            "method": method, "target": path, "status": r.status,
            "headers": hdrs,
            "body": None if method == "HEAD" or r.status == 304 else text,
        }) + "\n")
    if own:
        conn.close()
    return Resp(r.status, hdrs, text)


def get(path, **kw):
    return request(path, **kw)


def read_csv(name):
    with open(os.path.join(DATA, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


CSV_FACTS = {}
for name in sorted(os.listdir(DATA)):
    if name.startswith("facts_") and name.endswith(".csv"):
        for row in read_csv(name):
            CSV_FACTS[row["id"]] = row
SOURCES = {r["id"]: r for r in read_csv("sources.csv")}
# The World Bank files of data/wdi/, read here as the loader must read them
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wdi  # noqa: E402
WDI = wdi.load(DATA)
FACTS = dict(CSV_FACTS, **WDI["facts"])
SOURCES.update(WDI["sources"])
MEASURES = {r["id"]: r for r in read_csv("measures.csv")}


def known_from(row, src):
    """(known_from, known_from_rule) as data/README.md's knowledge-time
    rules derive them from the CSV: the row's own, else a tariff layer in
    force is known from its effective date when that precedes the source's
    publication (end of a partial date), else the source's date (a
    statistics source's vintage)."""
    if row["known_from"]:
        return row["known_from"], row["known_from_rule"]
    pub = src["published"]
    end = pub + ("-12-31" if len(pub) == 4 else "")
    if len(pub) == 7:  # the last day of that month
        end = "%s-%02d" % (pub, calendar.monthrange(int(pub[:4]),
                                                     int(pub[5:]))[1])
    if (MEASURES[row["measure"]]["nature"] == "in_force"
            and row["kind"] == "tariff_rate" and row["valid_from"]
            and (not pub or row["valid_from"] < end)):
        return row["valid_from"], "effective"
    return pub, ("vintage" if src["published_kind"] == "vintage"
                 else "source_published")


def num(s):
    return float(s) if s not in ("", None) else None


def is_problem(r, status, param=None):
    check(r.status == status, f"status {r.status} != {status} ({r.body[:200]})")
    check((r.h("content-type") or "").startswith("application/problem+json"),
          f"problem content type, got {r.h('content-type')}")
    try:
        doc = r.json()
    except ValueError:
        check(False, "problem body is JSON")
        return
    for k in ("type", "title", "status", "detail", "instance"):
        check(k in doc, f"problem has {k}: {doc}")
    check(doc.get("status") == status, "problem status matches")
    if param:
        params = [e.get("param") for e in doc.get("errors", [])]
        check(param in params or param in doc.get("detail", ""),
              f"problem names {param}: {doc}")


# ---------------------------------------------------------------------------

def test_health_and_index():
    r = get("/healthz")
    check(r.status == 200 and r.json()["status"] == "ok", "healthz")
    check(r.h("cache-control") == "no-store", "healthz not cached")
    r = get("/readyz")
    check(r.status == 200 and r.json()["status"] == "ready", "readyz")
    r = get("/v1")
    check(r.status == 200, "index 200")
    doc = r.json()
    for k in ("facts", "targets", "tariffs", "gdp_shares", "compare",
              "sources", "entities", "measures", "dataset", "openapi"):
        check(k in doc["links"], f"index links {k}")
        check(doc["links"][k].startswith(BASE), f"absolute link {k}")
    r = get("/v1/dataset")
    d = r.json()
    total = len(FACTS)
    check(d["counts"]["facts"] == total, f"dataset counts facts {total}")
    check(d["counts"]["sources"] == len(SOURCES), "dataset counts sources")
    check(re.fullmatch(r"[0-9a-f]{32}", d["content_hash"]) is not None,
          "content hash")
    check("CC-BY-4.0" in d["licenses"], "licenses listed")


def test_fact_values_equal_csv():
    """Every fact served by id equals its CSV row."""
    conn = http.client.HTTPConnection(HOST, timeout=10)
    ids = sorted(CSV_FACTS)
    # all non-GDP facts, and every 25th GDP point: all kinds of rows (the
    # World Bank files' facts: test_wdi_*)
    sample = [i for i in ids if not i.startswith("gdp.")] + \
        [i for i in ids if i.startswith("gdp.")][::25]
    for fid in sample:
        row = CSV_FACTS[fid]
        r = request("/v1/facts/" + urllib.parse.quote(fid), conn=conn,
                    record_it=fid == sample[0])
        if r.status != 200:
            check(False, f"fact {fid}: {r.status}")
            continue
        f = r.json()["data"]
        for col in ("value", "value_low", "value_high"):
            check(f[col] == num(row[col]),
                  f"{fid} {col}: served {f[col]} csv {row[col]!r}")
        for col in ("kind", "subject", "measure", "quote", "value_text",
                    "label", "series", "statement", "qualifier", "evidence",
                    "data_file", "data_row", "rank_reason"):
            want = row[col] or None
            check(f[col] == want, f"{fid} {col}: {f[col]!r} != {want!r}")
        check(f["object"] == (row["object"] or None), f"{fid} object")
        check(f["nature"] == MEASURES[row["measure"]]["nature"], f"{fid} nature")
        src = SOURCES[row["source_id"]]
        check(f["source"]["id"] == src["id"], f"{fid} source id")
        check(f["source"]["url"] == (src["url"] or None), f"{fid} source url")
        check(f["source"]["title"] == src["title"], f"{fid} source title")
        want = known_from(row, src)
        check((f["known_from"], f["known_from_rule"]) == want,
              f"{fid} known_from {f['known_from']} {f['known_from_rule']} "
              f"!= {want}")
    conn.close()


def test_china_household_consumption_2023():
    row = next(r for r in FACTS.values()
               if r["measure"] == "household_consumption_share_of_gdp"
               and r["subject"] == "CHN" and r["period"] == "2023")
    r = get("/v1/gdp-shares?country=CHN&component=household_consumption")
    check(r.status == 200, "gdp-shares 200")
    series = r.json()["data"]
    check(len(series) == 1, "one series")
    pts = {p["year"]: p for p in series[0]["points"]}
    check(pts[2023]["value"] == float(row["value"]),
          f"CHN 2023 household consumption {pts[2023]['value']} == {row['value']}")
    check(series[0]["measure"]["code"] == "NE.CON.PRVT.ZS", "WDI code")
    check(series[0]["sources"][0]["license"] == "CC-BY-4.0", "WDI license")
    # all points equal the CSV
    for y, p in pts.items():
        src = FACTS[p["fact_id"]]
        check(p["value"] == float(src["value"]) and src["period"] == str(y),
              f"point {y}")
    # WDI code accepted as component; latest=N keeps the last N
    r = get("/v1/gdp-shares?country=CHN&component=NE.CON.PRVT.ZS&latest=3")
    pts = r.json()["data"][0]["points"]
    years = sorted(int(x["period"]) for x in FACTS.values()
                   if x["measure"] == "household_consumption_share_of_gdp"
                   and x["subject"] == "CHN" and len(x["period"]) == 4)
    check([p["year"] for p in pts] == years[-3:], "latest=3")
    r = get("/v1/gdp-shares?country=CHN,USA,DEU&component=investment&from=2020&to=2022")
    data = r.json()["data"]
    check(len(data) == 3, "three investment series")
    check(all(2020 <= p["year"] <= 2022 for s in data for p in s["points"]),
          "from/to years")


def test_tariffs_on_day():
    r = get("/v1/tariffs/USA/CHN?on=2025-04-20")
    check(r.status == 200, "tariffs on day 200")
    d = r.json()
    want = next(x for x in FACTS.values()
                if x["measure"] == "headline_total_tariff_rate"
                and x["valid_from"] == "2025-04-10" and x["rank"] == "preferred")
    h = d["headline_total"]
    check(h["value"] == 145.0 and h["computed"] is True,
          "USA->CHN computed headline 145% on 2025-04-20")
    check(sorted(p["value"] for p in h["parts"]) == [20.0, 125.0],
          f"its parts: fentanyl 20 + reciprocal 125: {h['parts']}")
    stated = h["stated"]
    check(stated["value"] == float(want["value"]) == 145.0
          and h["matches_stated"] is True, "the stated 145% beside it")
    check(stated["source"]["url"] == SOURCES[want["source_id"]]["url"],
          "stated headline source url")
    check(any(o["id"] == "seed.01" for o in stated["other_sources"]),
          "the news report's 145% listed beside it")
    avg = d["average"]
    check(avg["value"] == 124.1 and avg["observed_on"] == "2025-04-11",
          "PIIE average of 2025-04-11 on 2025-04-20")
    check(avg["age_days"] == 9 and avg["stale"] is False
          and avg["stale_because"] == [], "current: nothing changed since")
    series = {m["series"]: m["value"] for m in d["measures"]}
    check(series.get("usa-chn-ieepa-reciprocal") == 125.0, "reciprocal 125%")
    check(series.get("usa-chn-ieepa-fentanyl") == 20.0, "fentanyl 20%")
    check(series.get("usa-chn-s301-list3") == 25.0, "301 list 3")
    check(all("layer" in m and "start_unknown" in m for m in d["measures"]),
          "each layer with its series row and start flag")
    check([x["series"] for x in d["not_applicable"]]
          == ["usa-wld-ieepa-reciprocal-baseline"], "the baseline replaced")

    r = get("/v1/tariffs/USA/CHN?on=2025-05-20")
    d = r.json()
    check(d["headline_total"]["value"] == 30.0, "post-Geneva total 30%")
    avg = d["average"]
    check(avg["value"] == 51.1 and avg["rank"] == "preferred",
          "post-Geneva preferred average 51.1 (PIIE)")
    others = sorted((o["value"], o["source"]["id"]) for o in avg["other_sources"])
    check([v for v, _ in others] == [40.0, 40.0],
          f"disagreeing sources side by side: {others}")
    check({"seed-news-report-2025-05", "fcglobal-bloomberg-2025-05-27"} ==
          {s for _, s in others}, "news report and Bloomberg")

    # knowledge time: PIIE's post-Geneva version shows no date, but its
    # 51.1% was quoted on a page of 2025-05-23 (a bound): by 2025-05-31 the
    # record said 51.1% (PIIE), with Bloomberg and the news report beside
    r = get("/v1/tariffs/USA/CHN?on=2025-05-20&as_of=2025-05-31")
    d = r.json()
    check(d["average"] is not None and d["average"]["value"] == 51.1,
          f"as_of answer 51.1: {d['average'] and d['average']['value']}")
    check(d["average"]["known_from_rule"] == "bound", "known by a bound")
    r = get("/v1/tariffs/USA/CHN?on=2025-05-20&as_of=2025-05-24")
    check([o["id"] for o in r.json()["average"]["other_sources"]] == [],
          "as_of 2025-05-24: nobody else had said it yet")

    r = get("/v1/tariffs/CHN/USA?on=2025-04-20")
    d = r.json()
    check({m["series"]: m["value"] for m in d["measures"]}
          .get("chn-usa-retaliation-all-goods") == 125.0, "China 125%")
    r = get("/v1/tariffs?imposer=USA&target=CHN&kind=total")
    check(all(f["category"] == "total" for f in r.json()["data"]), "kind=total")
    r = get("/v1/tariffs/USA/CHN?on=2025-04-20&format=csv")
    check(r.h("content-type").startswith("text/csv"), "tariffs csv")
    rows = list(csv.DictReader(io.StringIO(r.body)))
    check(any(x["role"] == "headline_total" and x["answer"] == "true"
              and float(x["value"]) == 145 for x in rows), "csv headline row")
    check(any(x["role"] == "not_applicable" for x in rows),
          "csv: the replaced layer's fact with its role")
    avg_rows = [x for x in rows if x["role"] == "average"]
    check(avg_rows and all(x["observed_on"] == "2025-04-11" for x in avg_rows),
          "csv: the average's observation")


def test_compare():
    r = get("/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=USA,CHN&period=2024")
    check(r.status == 200, "compare 200")
    d = r.json()
    vals = {x["entity"]["id"]: x for x in d["data"]}
    usa = float(FACTS["gdp.investment.usa.2024"]["value"])
    chn = float(FACTS["gdp.investment.chn.2024"]["value"])
    check(vals["USA"]["value"] == usa and vals["CHN"]["value"] == chn,
          "compare values equal the CSV")
    check(abs(vals["CHN"]["ratio_to_first"] - chn / usa) < 1e-9,
          "ratio to first")
    check(1.8 < vals["CHN"]["ratio_to_first"] < 2.0, "roughly twice")
    check(vals["CHN"]["rank"] == 1 and vals["USA"]["rank"] == 2, "ranks")
    check(vals["CHN"]["fact"]["source"]["license"] == "CC-BY-4.0", "input source")
    r = get("/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=CHN,USA")
    check(r.json()["period"] == "2024", "latest common period")
    is_problem(get("/v1/compare?measure=nope&entities=CHN,USA"), 400, "measure")
    is_problem(get("/v1/compare?measure=exports_share_of_gdp"), 400, "entities")


def test_targets():
    r = get("/v1/targets?programme=MIC2025&limit=1000")
    data = r.json()["data"]
    ids = {f["id"] for f in data}
    want = {i for i, f in FACTS.items()
            if (f["subject"] == "MIC2025" or f["object"] == "MIC2025")
            and f["kind"] in ("target", "growth_target")}
    check(ids == want, f"MIC2025 targets: missing {want - ids}, extra {ids - want}")
    m = next(f for f in data if f["id"] == "target.mic2025.domestic-content.2025")
    check(m["deadline"] == 2025 and m["value"] == 70.0, "70% by 2025")
    check(m["programme"]["id"] == "MIC2025", "programme")
    check(m["quote"] == FACTS[m["id"]]["quote"], "quote verbatim")
    r = get("/v1/targets?programme=CHN_NEXT_FYP")
    check(len(r.json()["data"]) >= 3, "next Five-Year Plan targets")
    # the Government Work Reports' growth targets 2004-2026, one a year,
    # and the Five-Year Plans' targets, as data/*.csv has them
    for prog in ("CHN_GWR", "CHN_FYP14", "CHN_FYP15"):
        r = get("/v1/targets?programme=%s&limit=1000" % prog)
        ids = {f["id"] for f in r.json()["data"]}
        want = {i for i, f in FACTS.items()
                if prog in (f["subject"], f["object"])
                and f["kind"] in ("target", "growth_target")}
        check(ids == want and want, f"{prog} targets: missing {want - ids}, "
              f"extra {ids - want}")
    years = sorted(int(f["target_year"]) for f in FACTS.values()
                   if f["subject"] == "CHN_GWR")
    check(years == list(range(2004, 2027)), f"growth targets 2004-2026: {years}")
    r = get("/v1/targets?deadline=2049")
    words = {f["wording"] for f in r.json()["data"]}
    check({"leading manufacturing power", "major manufacturing power"} <= words,
          "both sources' wording for 2049")
    # every target has an outcome; its status follows the rule of its
    # 'same' link (outcome_links.csv), judged here from the CSV: a proxy
    # link never decides (data/README.md, "Outcome links")
    links = {}
    for l in sorted(read_csv("outcome_links.csv"),
                    key=lambda l: (l["outcome_measure"], l["subject"])):
        if l["match"] == "same":
            links.setdefault(l["target_measure"], l)
    r = get("/v1/targets?limit=1000")
    items = r.json()["data"]
    check(all(t["outcome"]["status"] in ("met", "missed", "pending", "no_data")
              for t in items), "every target has an outcome status")
    for t in items:
        o, link = t["outcome"], links.get(t["measure"])
        if not link:
            check(o["status"] == "no_data", f"{t['id']}: no link, no_data")
            continue
        check(o["match"] == link["match"] and o["status_rule"]["code"]
              == link["status_rule"], f"{t['id']}: the link's match and rule")
        if o["fact_id"] is None:
            check(o["status"] in ("pending", "no_data"), f"{t['id']}: pending")
            continue
        fig = FACTS[o["fact_id"]]
        check(fig["measure"] == link["outcome_measure"]
              and fig["period"] == str(t["deadline"])
              and float(fig["value"]) == o["value"],
              f"{t['id']}: the outcome figure is the CSV's")
        bound = (t["value_low"] if t["value_low"] is not None
                 else t["value"]) if link["status_rule"] == "at_least_low" \
            else t["value"]
        met = (o["value"] >= bound - 1e-9
               if link["status_rule"] == "at_least_low"
               else o["value"] <= bound + 1e-9)
        check(o["status"] == ("met" if met else "missed"),
              f"{t['id']}: {o['value']} against {bound}: {o['status']}")
        check(abs(o["margin"] - (o["value"] - bound)) < 1e-6,
              f"{t['id']}: margin")
    for status in ("met", "missed", "pending", "no_data"):
        want = {t["id"] for t in items if t["outcome"]["status"] == status}
        got = {t["id"] for t in get(f"/v1/targets?status={status}&limit=1000")
               .json()["data"]}
        check(got == want, f"status={status} filter")
    # the 2007 growth outcome as first reported, where the data has it
    g2007 = [t for t in items if t["id"] == "growth.target.2007"]
    if g2007 and g2007[0]["outcome"]["fact_id"]:
        figs = sorted((known_from(r, SOURCES[r["source_id"]])[0], i)
                      for i, r in FACTS.items()
                      if r["measure"] == "gdp_growth" and r["period"] == "2007"
                      and r["subject"] == "CHN")
        first_day = figs[0][0]
        r = get(f"/v1/targets/growth.target.2007?as_of={first_day}")
        check(r.json()["data"]["outcome"]["fact_id"] == figs[0][1],
              "2007: the outcome known on its first report")
    one = items[0]
    r = get(f"/v1/targets/{urllib.parse.quote(one['id'])}")
    check(r.status == 200 and r.json()["data"]["outcome"] == one["outcome"],
          "GET /v1/targets/{id} gives the collection's item")
    r = get("/v1/targets/tariff.usa-chn-average.2018-09-25.piie")
    is_problem(r, 404)
    is_problem(get("/v1/targets?status=late"), 400, "status")


def proxy_figures(measure, subject, year):
    """The non-deprecated facts of measure and subject for year, read from
    the CSVs and the raw World Bank files."""
    return [f for f in FACTS.values()
            if f["measure"] == measure and f["subject"] == subject
            and f["period"] == str(year) and f["rank"] != "deprecated"]


def wdi_raw_value(measure, country, year):
    """The raw file's value (data/wdi/, via its manifest row) of measure
    for country and year; None when the file has no such row."""
    code = next(m["code"] for m in WDI["manifest"] if m["measure"] == measure)
    vals = [float(r["Value"]) for _, r in WDI["rows"][code]
            if r["Country Code"] == country and r["Year"] == str(year)]
    return vals[0] if vals else None


def test_target_proxies():
    """outcome.proxies: each proxy link of outcome_links.csv with its
    figure beside the status, which only a 'same' link decides; the
    14th FYP's urbanisation, unemployment and forest targets against the
    raw World Bank files."""
    proxies = {}
    for l in sorted(read_csv("outcome_links.csv"),
                    key=lambda l: (l["outcome_measure"], l["subject"])):
        if l["match"] == "proxy":
            proxies.setdefault(l["target_measure"], []).append(l)
    check(any(proxies.values()), "outcome_links.csv has proxy links")
    items = get("/v1/targets?limit=1000").json()["data"]
    for t in items:
        got, want = t["outcome"]["proxies"], proxies.get(t["measure"], [])
        check([(p["measure"], p["subject"], p["match"], p["note"])
               for p in got] == [(l["outcome_measure"], l["subject"], "proxy",
                                  l["note"]) for l in want],
              f"{t['id']}: the proxy links of outcome_links.csv: {got}")
        for p, l in zip(got, want):
            check("status" not in p, f"{t['id']}: a proxy has no status")
            figs = proxy_figures(l["outcome_measure"], l["subject"],
                                 t["deadline"])
            if p["fact_id"] is None:
                check(not figs and p["value"] is None and p["margin"] is None,
                      f"{t['id']}: no {l['outcome_measure']} figure for "
                      f"{t['deadline']}")
                continue
            fig = FACTS[p["fact_id"]]
            check(fig in figs and float(fig["value"]) == p["value"]
                  and p["period"] == str(t["deadline"]),
                  f"{t['id']}: the proxy figure is the data's")
            bound = (t["value_low"] if t["value_low"] is not None
                     else t["value"]) if l["status_rule"] == "at_least_low" \
                else (t["value"] if t["value"] is not None
                      else t["value_high"])
            check(p["bound"] == bound
                  and abs(p["margin"] - (p["value"] - bound)) < 1e-6,
                  f"{t['id']}: proxy bound {p['bound']}, margin {p['margin']}")
    # the 14th FYP: urbanisation judged by NBS's own series, the World
    # Bank's urban population share beside it; unemployment and forest
    # coverage have only a proxy: no_data, the World Bank's figure beside
    fyp = {t["measure"]: t for t in items if t["subject"] == "CHN_FYP14"}
    urb = fyp["urbanisation_rate_target"]
    o, year = urb["outcome"], urb["deadline"]
    check(o["match"] == "same" and o["measure"] == "urbanisation_rate",
          f"urbanisation: judged by urbanisation_rate: {o['measure']}")
    nbs = proxy_figures("urbanisation_rate", "CHN", year)
    if nbs:
        check(o["fact_id"] in {f["id"] for f in nbs}
              and o["status"] in ("met", "missed"),
              f"urbanisation: the NBS figure decides: {o['status']}")
    else:
        check(o["status"] == "pending" and o["value"] is None,
              f"urbanisation: no NBS {year} figure: pending, {o['status']}")
    cases = [(urb, "urban_population_share"),
             (fyp["surveyed_urban_unemployment_rate_target"],
              "unemployment_rate_ilo"),
             (fyp["forest_coverage_rate_target"], "forest_area_share_of_land")]
    for t, measure in cases:
        p = t["outcome"]["proxies"][0]
        raw = wdi_raw_value(measure, "CHN", t["deadline"])
        check(p["measure"] == measure and p["value"] == raw,
              f"{t['id']}: {measure} {p['value']} is the raw file's {raw}")
        check(p["period"] == (str(t["deadline"]) if raw is not None else None),
              f"{t['id']}: proxy period {p['period']}")
        if t is not urb:
            o = t["outcome"]
            check(o["status"] == "no_data" and o["match"] is None
                  and o["value"] is None and o["status_rule"] is None,
                  f"{t['id']}: only a proxy: no_data, got {o['status']}")
        one = get("/v1/targets/" + t["id"]).json()["data"]["outcome"]
        check(one == t["outcome"], f"{t['id']}: the item's outcome")
        # before the World Bank file's vintage the proxy figure is unknown
        pub = next(m["published"] for m in WDI["manifest"]
                   if m["measure"] == measure)
        day = (datetime.date.fromisoformat(pub)
               - datetime.timedelta(days=1)).isoformat()
        then = get(f"/v1/targets/{t['id']}?as_of={day}").json()["data"]
        check(then["outcome"]["proxies"][0]["value"] is None,
              f"{t['id']}: as_of={day}: the proxy figure not known yet")
        check(then["outcome"]["status"] == t["outcome"]["status"]
              or t["outcome"]["status"] in ("met", "missed"),
              f"{t['id']}: as_of={day}: the proxy never decides the status")
    # status= lists the same targets as the items' statuses, proxies or not
    for status in ("no_data", "pending"):
        ids = {t["id"] for t in get(f"/v1/targets?status={status}&limit=1000")
               .json()["data"]}
        for t, _ in cases:
            check((t["id"] in ids) == (t["outcome"]["status"] == status),
                  f"status={status}: {t['id']}")


def test_facts_filters_and_paging():
    r = get("/v1/facts?kind=gdp_share&subject=CHN&limit=100")
    d = r.json()
    check(d["meta"]["count"] == 100 and d["meta"]["limit"] == 100, "page of 100")
    check(r.h("link") and 'rel="next"' in r.h("link"), "Link rel=next")
    seen = {f["id"] for f in d["data"]}
    url = d["links"]["next"]
    pages = 1
    while url:
        path = url[len(BASE):]
        d = get(path).json()
        for f in d["data"]:
            check(f["id"] not in seen, "no duplicates across pages")
            seen.add(f["id"])
        url = d["links"]["next"]
        pages += 1
    want = {i for i, f in FACTS.items() if f["kind"] == "gdp_share"
            and f["subject"] == "CHN"}
    check(seen == want, f"paging covers every CHN gdp_share fact ({len(seen)}/{len(want)})")
    r = get("/v1/facts?q=Geneva&limit=1000")
    hits = {f["id"] for f in r.json()["data"]}
    check("tariff.usa-chn-average.2025-05-14.piie" in hits, "full text Geneva")
    r = get("/v1/facts?rank=deprecated")
    check(all(f["rank"] == "deprecated" for f in r.json()["data"])
          and len(r.json()["data"]) == sum(1 for f in FACTS.values()
                                           if f["rank"] == "deprecated"),
          "rank=deprecated")
    r = get("/v1/facts?on=2025-04-20&measure=headline_total_tariff_rate")
    check({f["value"] for f in r.json()["data"]} == {145.0}, "on= filter")
    r = get("/v1/facts?sort=-valid_from&limit=1&kind=tariff_rate")

    def start(f):  # valid_from as the loader derives it
        return f["valid_from"] or (f["period"] if len(f["period"]) == 10 else "")
    latest = max(start(f) for f in FACTS.values()
                 if f["kind"] == "tariff_rate" and f["rank"] != "deprecated")
    check(r.json()["data"][0]["valid_from"] == latest,
          f"sort=-valid_from starts with {latest}")


def test_formats():
    r = get("/v1/facts?subject=CHN&measure=household_consumption_share_of_gdp&format=csv&limit=1000")
    check(r.h("content-type") == "text/csv; charset=utf-8; header=present",
          "csv content type")
    rows = list(csv.DictReader(io.StringIO(r.body)))
    check(len(rows) > 20, "csv rows")
    check("source.url" in rows[0] and "quote" in rows[0], "csv source columns")
    for x in rows:
        check(float(x["value"]) == float(FACTS[x["id"]]["value"]), f"csv value {x['id']}")
    r = get("/v1/facts?limit=5", headers={"Accept": "text/csv"})
    check(r.h("content-type").startswith("text/csv"), "Accept: text/csv")
    check("Accept" in (r.h("vary") or ""), "Vary: Accept when negotiated")
    r = get("/v1/facts?limit=5&format=ndjson")
    lines = r.body.strip().split("\n")
    check(len(lines) == 5 and all(json.loads(x)["id"] for x in lines), "ndjson")
    r = get("/v1/facts?limit=5", headers={"Accept": "application/x-ndjson"})
    check(r.h("content-type").startswith("application/x-ndjson"), "Accept ndjson")
    is_problem(get("/v1/facts", headers={"Accept": "image/png"}), 406)
    is_problem(get("/v1/dataset", headers={"Accept": "text/csv"}), 406)


def test_http_semantics():
    r = get("/v1/facts?kind=gdp_share&limit=10")
    etag = r.h("etag")
    check(etag and re.fullmatch(r'"[0-9a-f]{16}-[0-9a-f]{16}"', etag), f"strong etag {etag}")
    check(r.h("cache-control") == "public, max-age=300", "cache-control")
    check(r.h("last-modified") is not None, "last-modified")
    check(r.h("x-content-type-options") == "nosniff", "nosniff")
    check(r.h("content-type") == "application/json; charset=utf-8", "charset")
    # equivalent URL (order, defaults) -> same tag
    r2 = get("/v1/facts?limit=10&kind=gdp_share&sort=id")
    check(r2.h("etag") == etag, "equivalent requests share an ETag")
    r3 = get("/v1/facts?kind=gdp_share&limit=10", headers={"If-None-Match": etag})
    check(r3.status == 304 and r3.body == "", "304 on If-None-Match")
    check(r3.h("etag") == etag, "304 carries the ETag")
    r4 = get("/v1/facts?kind=gdp_share&limit=10",
             headers={"If-Modified-Since": r.h("last-modified")})
    check(r4.status == 304, "304 on If-Modified-Since")
    r5 = get("/v1/facts?kind=gdp_share&limit=10", headers={"If-None-Match": '"other"'})
    check(r5.status == 200, "200 on a stale tag")
    # gzip
    r = get("/v1/facts?limit=50", headers={"Accept-Encoding": "gzip"})
    check(r.h("content-encoding") == "gzip", "gzip when accepted")
    check("Accept-Encoding" in (r.h("vary") or ""), "Vary: Accept-Encoding")
    check(r.h("etag").endswith('-gzip"'), "gzip variant has its own tag")
    check(json.loads(r.body)["meta"]["count"] == 50, "gzip body decodes")
    # HEAD = GET without a body
    g = get("/v1/facts?limit=3")
    h = get("/v1/facts?limit=3", method="HEAD")
    check(h.status == 200 and h.body == "", "HEAD no body")
    check(h.h("content-length") == g.h("content-length"), "HEAD content-length")
    check(h.h("etag") == g.h("etag"), "HEAD etag")
    # CORS
    r = get("/v1/facts?limit=1", headers={"Origin": "https://example.org"})
    check(r.h("access-control-allow-origin") == "*", "CORS *")
    check("Link" in (r.h("access-control-expose-headers") or ""), "expose Link")
    r = get("/v1/facts", method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    check(r.status == 204, "preflight 204")
    check(r.h("access-control-max-age") is not None, "preflight max-age")
    check("GET" in (r.h("access-control-allow-methods") or ""), "preflight methods")
    check(r.h("access-control-allow-credentials") is None, "never credentials")
    # request id echoed or generated
    r = get("/healthz", headers={"X-Request-Id": "abc-123"})
    check(r.h("x-request-id") == "abc-123", "request id echoed")
    r = get("/healthz")
    check(re.fullmatch(r"[0-9a-f]{16}", r.h("x-request-id") or ""), "request id generated")


def test_cached_hits_concurrent():
    """Many concurrent hits on one cache entry, every third one a
    revalidation (304): each answer carries its own request id (once, the
    client's when given), and nothing else differs between answers of one
    status or leaks from one request into the next."""
    path = "/v1/facts?kind=gdp_share&subject=CHN&limit=5"
    tag = get(path).h("etag")
    seen, sets, bodies, errors = [], {200: set(), 304: set()}, set(), []
    lock = threading.Lock()

    def worker(k):
        conn = http.client.HTTPConnection(HOST, timeout=10)
        for i in range(150):
            mine = "t%d-%d" % (k, i) if i % 10 == 0 else None
            hdrs = {"X-Request-Id": mine} if mine else {}
            if i % 3 == 1:
                hdrs["If-None-Match"] = tag
            conn.request("GET", path, headers=hdrs)
            r = conn.getresponse()
            body = r.read()
            ids = [v for n, v in r.getheaders() if n.lower() == "x-request-id"]
            rest = tuple(sorted((n.lower(), v) for n, v in r.getheaders()
                                if n.lower() not in ("x-request-id", "date")))
            want = 304 if "If-None-Match" in hdrs else 200
            with lock:
                if r.status != want or len(ids) != 1 or (mine and ids[0] != mine):
                    errors.append((r.status, ids, mine))
                seen.extend(ids)
                sets.setdefault(r.status, set()).add(rest)
                if r.status == 200:
                    bodies.add(body)
        conn.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(not errors, f"one X-Request-Id per cached answer, echoed when given: {errors[:3]}")
    check(len(seen) == 1200 and len(set(seen)) == 1200,
          f"1200 answers, 1200 distinct request ids ({len(set(seen))})")
    check(len(sets[200]) == 1 and len(sets[304]) == 1,
          f"one header set per status over 1200 cached answers "
          f"({len(sets[200])} for 200, {len(sets[304])} for 304)")
    check(len(bodies) == 1, "one body")
    # the same entry asked for by an explicit format: no Vary: Accept there,
    # and the negotiated one keeps it (the built response is not shared)
    for _ in range(3):
        a = get(path + "&format=json")
        b = get(path)
        check("Accept" not in (a.h("vary") or "").split(", "), "format=json: no Vary: Accept")
        check("Accept" in (b.h("vary") or "").split(", "), "negotiated: Vary: Accept")


def test_errors():
    is_problem(get("/nope"), 404)
    is_problem(get("/v1/facts/nope"), 404)
    is_problem(get("/v1/sources/nope"), 404)
    is_problem(get("/v1/facts?bogus=1"), 400, "bogus")
    is_problem(get("/v1/facts?on=2025-13-01"), 400, "on")
    is_problem(get("/v1/facts?subject=ZZZ"), 400, "subject")
    is_problem(get("/v1/gdp-shares?country=XXX"), 400, "country")
    is_problem(get("/v1/facts?measure=nope"), 400, "measure")
    is_problem(get("/v1/facts?limit=0"), 400, "limit")
    is_problem(get("/v1/facts?limit=100000"), 400, "limit")
    r = get("/v1/facts?cursor=zzzz")
    is_problem(r, 400, "cursor")
    check(r.json().get("code") == "invalid-cursor", "bad cursor has its own code")
    is_problem(get("/v1/facts?q=%22open"), 400, "q")
    is_problem(get("/v1/facts?q=AND"), 400, "q")
    is_problem(get("/v1/facts?kind=a&kind=b"), 400, "kind")
    is_problem(get("/v1/facts?kind=%ZZ"), 400, "kind")
    r = get("/v1/facts", method="POST")
    is_problem(r, 405)
    check(r.h("allow") == "GET, HEAD, OPTIONS", "Allow header")
    is_problem(get("/v1/facts", method="DELETE"), 405)
    is_problem(get("/v1/facts?x=" + "a" * 5000), 414)
    is_problem(get("/v1/facts", headers={"X-Big": "b" * 9000}), 431)
    r = get("/v1/facts?bogus=1")
    check(r.h("cache-control") == "no-store", "4xx (not 404) is no-store")


def test_keep_alive():
    conn = http.client.HTTPConnection(HOST, timeout=10)
    for i in range(5):
        r = request("/v1/facts?limit=1", conn=conn, record_it=False)
        check(r.status == 200, "keep-alive request")
        check((r.h("connection") or "").lower() != "close",
              f"connection kept open (request {i})")
    conn.close()


def test_openapi():
    r = get("/openapi.json")
    check(r.status == 200, "openapi served")
    doc = r.json()
    check(doc.get("openapi", "").startswith("3.1"), "OpenAPI 3.1")
    check(doc["servers"][0]["url"] == BASE, "servers = where we were reached")
    for path in ("/v1/facts", "/v1/tariffs/{imposer}/{target}", "/v1/gdp-shares",
                 "/v1/compare", "/healthz"):
        check(path in doc.get("paths", {}), f"spec has {path}")


def schema_lists(path):
    """The X-macro word lists of include/store/fact_schema.h, read as text:
    {"PF_KINDS": ["target", ...], ...}, each in its order."""
    text = open(path, encoding="utf-8").read()
    out = {}
    for m in re.finditer(r"#define (PF_\w+)\(X\)((?:[^\n]*\\\n)*[^\n]*)", text):
        out[m.group(1)] = re.findall(r"\bX\((\w+)\)", m.group(2))
    return out


def test_vocabulary():
    header = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "..", "..", "include", "store", "fact_schema.h")
    want = schema_lists(header)
    check(len(want.get("PF_RANKS", [])) >= 3, "fact_schema.h parsed: ranks")
    r = get("/v1/vocabulary")
    check(r.status == 200 and r.h("content-type").startswith("application/json"),
          "vocabulary served as JSON")
    check(r.h("etag") is not None, "vocabulary has an ETag")
    doc = r.json()
    for key, macro in (("kinds", "PF_KINDS"), ("qualifiers", "PF_QUALIFIERS"),
                       ("entity_types", "PF_ENTITY_TYPES"),
                       ("tariff_categories", "PF_TARIFF_CATEGORIES")):
        check(doc.get(key) == want.get(macro),
              f"vocabulary {key} {doc.get(key)} == fact_schema.h {macro} {want.get(macro)}")
    ranks = [(x["id"], x["order"]) for x in doc.get("ranks", [])]
    check(ranks == [(w, i) for i, w in enumerate(want.get("PF_RANKS", []))],
          f"vocabulary ranks {ranks} in fact_schema.h's order")
    check(doc.get("links", {}).get("self") == BASE + "/v1/vocabulary", "links.self")
    # every fact the server gives carries words from the vocabulary
    facts = get("/v1/facts?rank=all&limit=1000").json()["data"]
    check(all(f["kind"] in doc["kinds"] and f["qualifier"] in doc["qualifiers"]
              and f["rank"] in [w for w, _ in ranks] for f in facts),
          "served facts use the vocabulary's words")
    check(get("/v1/vocabulary?x=1").status == 400, "vocabulary takes no parameters")


def metric_values(text):
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            out[name] = float(value)
    return out


def test_metrics():
    r = get("/metrics")
    check(r.status == 200 and r.h("content-type").startswith("text/plain"), "metrics")
    for name in ("policyfacts_http_requests_total", "policyfacts_http_request_duration_seconds_bucket",
                 "policyfacts_cache_hits_total", "policyfacts_dataset_info",
                 "policyfacts_open_connections"):
        check(name in r.body, f"metric {name}")
    # Counted exactly, however the requests spread over the worker threads:
    # 6 connections x 20 requests for one fact between two scrapes.
    before = metric_values(r.body)

    def worker():
        conn = http.client.HTTPConnection(HOST, timeout=10)
        for _ in range(20):
            request("/v1/facts/seed.01", conn=conn, record_it=False)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = metric_values(get("/metrics").body)

    def delta(name):
        return after.get(name, 0) - before.get(name, 0)

    check(delta('policyfacts_http_requests_total{route="fact",status="200"}') == 120,
          "requests_total counts 120 fact requests")
    check(delta('policyfacts_http_request_duration_seconds_count{route="fact"}') == 120,
          "duration histogram counts 120")
    check(delta('policyfacts_http_request_duration_seconds_bucket{route="fact",le="+Inf"}') == 120,
          "+Inf bucket counts 120")
    check(delta("policyfacts_cache_hits_total") + delta("policyfacts_cache_misses_total") == 120,
          "120 cache lookups")
    check(after.get("policyfacts_http_requests_in_flight") == 1,
          "in flight while scraping: the scrape itself")


# ---- every economy: the World Bank files against the API -------------------

def wdi_sample(code, n, seed):
    """n rows of one indicator's file, picked at random (seeded: a failure
    can be rerun), plus its first and last row."""
    import random
    rows = WDI["rows"][code]
    rng = random.Random("%s/%d" % (code, seed))
    return [rows[0], rows[-1]] + rng.sample(rows, min(n, len(rows)))


def test_wdi_values_from_raw_files():
    """Values read from data/wdi/*.csv equal the API's: each fact by id
    (value, subject, measure, year, label, source at the pinned commit,
    line as locator), and the same point of /v1/indicators/{code}."""
    conn = http.client.HTTPConnection(HOST, timeout=10)
    seed = int(os.environ.get("PF_WDI_SEED", "18"))
    for m in WDI["manifest"]:
        src = WDI["sources"][m["source_id"]]
        for line, raw in wdi_sample(m["code"], 12, seed):
            fid = "%s.%s.%s" % (m["id_prefix"], raw["Country Code"].lower(),
                                raw["Year"])
            r = request("/v1/facts/" + fid, conn=conn, record_it=False)
            if r.status != 200:
                check(False, f"{m['code']} line {line}: {fid} answered {r.status}")
                continue
            f = r.json()["data"]
            check(f["value"] == float(raw["Value"]),
                  f"{fid}: value {f['value']} != {raw['Value']} ({m['file']}:{line})")
            check((f["subject"], f["measure"], f["period"], f["kind"]) ==
                  (raw["Country Code"], m["measure"], raw["Year"], m["kind"]),
                  f"{fid}: subject, measure, period, kind")
            check((f["evidence"], f["data_file"], f["data_row"]) ==
                  ("data", FACTS[fid]["data_file"], str(line)),
                  f"{fid}: evidence {f['data_file']}:{f['data_row']}")
            check(f["nature"] == "estimate" and f["known_from_rule"] == "vintage",
                  f"{fid}: nature {f['nature']}, rule {f['known_from_rule']}")
            check(f["label"] == FACTS[fid]["label"], f"{fid}: label {f['label']}")
            check(f["source"]["url"] == src["url"] and m["commit"] in src["url"],
                  f"{fid}: source is the file at the pinned commit")
            check(f["source"]["license"] == "CC-BY-4.0" and
                  f["known_from"] == "2026-07-01", f"{fid}: license, knowledge time")
        line, raw = wdi_sample(m["code"], 1, seed)[-1]
        r = request("/v1/indicators/%s?country=%s&from=%s&to=%s"
                    % (m["code"], raw["Country Code"], raw["Year"], raw["Year"]),
                    conn=conn)
        pts = [p for sr in r.json()["data"] for p in sr["points"]]
        check(len(pts) == 1 and pts[0]["value"] == float(raw["Value"]),
              f"/v1/indicators/{m['code']} {raw['Country Code']} {raw['Year']}: {pts}")
    conn.close()


def test_wdi_former_csv_ids():
    """Every id the 514 GCF/exports rows of facts_gdp_shares.csv had still
    answers, with the same value and label (now from the raw files)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "fixtures", "wdi_legacy_facts.csv")
    with open(path, encoding="utf-8", newline="") as f:
        old = list(csv.DictReader(f))
    check(len(old) == 514, f"514 former ids listed ({len(old)})")
    conn = http.client.HTTPConnection(HOST, timeout=10)
    for row in old:
        r = request("/v1/facts/" + row["id"], conn=conn, record_it=False)
        if r.status != 200:
            check(False, f"former id {row['id']}: {r.status}")
            continue
        f = r.json()["data"]
        check(f["value"] == float(row["value"]) and f["label"] == row["label"]
              and f["measure"] == row["measure"] and f["period"] == row["period"],
              f"former id {row['id']}: {f['value']} {f['label']!r}")
    conn.close()
    # served once: one fact per (measure, economy, year) of these series
    r = get("/v1/facts?measure=gross_capital_formation_share_of_gdp&subject=CHN&limit=1000&rank=all")
    years = [f["period"] for f in r.json()["data"] if len(f["period"]) == 4]
    check(len(years) == len(set(years)), "one CHN investment fact per year")


def test_wdi_entities():
    r = get("/v1/entities?type=country&limit=1000")
    countries = {e["id"]: e for e in r.json()["data"]}
    r = get("/v1/entities?type=aggregate&limit=1000")
    aggregates = {e["id"]: e for e in r.json()["data"]}
    want_c = {c for c, e in WDI["entities"].items() if e["type"] == "country"}
    want_a = {c for c, e in WDI["entities"].items() if e["type"] == "aggregate"}
    check(len(want_c) == 217 and len(want_a) == 47, "217 economies, 47 aggregates in the files")
    check(set(countries) == want_c, f"type=country: {set(countries) ^ want_c}")
    check(set(aggregates) == want_a, f"type=aggregate: {set(aggregates) ^ want_a}")
    listed = {r["id"]: r for r in read_csv("entities.csv")}
    for code, e in WDI["entities"].items():
        served = countries.get(code) or aggregates.get(code) or {}
        want = listed[code]["name"] if code in listed else e["name"]
        check(served.get("name") == want, f"{code}: name {served.get('name')!r} != {want!r}")
    check(all(e["type"] == "country" for e in countries.values()), "type filter")
    r = get("/v1/entities?type=aggregate&limit=10")
    check(len(r.json()["data"]) == 10 and r.json()["links"]["next"], "type filter pages")
    is_problem(get("/v1/entities?type=planet"), 400, "type")


def compare_all_want(code, year):
    """Each entity's raw value of one indicator in one year."""
    return {raw["Country Code"]: float(raw["Value"])
            for _, raw in WDI["rows"][code] if raw["Year"] == year}


def test_compare_all():
    year, code = "2023", "NE.GDI.TOTL.ZS"
    r = get("/v1/compare?measure=%s&entities=all&period=%s" % (code, year))
    check(r.status == 200, f"compare all: {r.status}")
    d = r.json()
    vals = compare_all_want(code, year)
    econ = {c: v for c, v in vals.items() if WDI["entities"][c]["type"] == "country"}
    rows = {x["entity"]["id"]: x for x in d["data"]}
    ranked = [x for x in d["data"] if x["rank"] is not None]
    check({x["entity"]["id"] for x in ranked} == set(econ),
          f"every economy with a {year} value is ranked ({len(ranked)}/{len(econ)})")
    check(d["meta"]["ranked"] == len(econ), "meta.ranked")
    for c, v in econ.items():
        x = rows.get(c, {})
        above = sum(1 for w in econ.values() if w > v)
        below = sum(1 for w in econ.values() if w < v)
        check(x.get("value") == v and x.get("rank") == above + 1,
              f"{c}: value {x.get('value')} rank {x.get('rank')} (want {v}, {above + 1})")
        check(abs(x.get("percentile", -1) - 100.0 * below / (len(econ) - 1)) <= 0.05,
              f"{c}: percentile {x.get('percentile')}")
    refs = [x for x in d["data"] if x["rank"] is None]
    check({x["entity"]["id"] for x in refs} ==
          {c for c in ("WLD", "HIC", "UMC", "LMC", "LIC", "EUU", "OED") if c in vals},
          f"reference aggregates: {[x['entity']['id'] for x in refs]}")
    check(all(x["entity"]["type"] == "aggregate" and x["percentile"] is None
              and x["value"] == vals[x["entity"]["id"]] for x in refs),
          "aggregates are never ranked")
    values = [x["value"] for x in d["data"]]
    check(values == sorted(values, reverse=True), "in value order")
    check(rows.get("CHN", {}).get("fact", {}).get("id") == "gdp.investment.chn.2023",
          "each row carries its fact")
    # an explicit list may mix economies and aggregates; only economies rank
    r = get("/v1/compare?measure=%s&entities=USA,WLD,CHN,HIC&period=%s" % (code, year))
    ranks = {x["entity"]["id"]: x["rank"] for x in r.json()["data"]}
    check(ranks == {"CHN": 1, "USA": 2, "WLD": None, "HIC": None},
          f"explicit list ranks economies only: {ranks}")
    r = get("/v1/compare?measure=gdp_growth&entities=all&period=2020&references=EAS,WLD")
    check({x["entity"]["id"] for x in r.json()["data"] if x["rank"] is None} == {"EAS", "WLD"},
          "references=")
    r = get("/v1/compare?measure=gdp_growth&entities=all&period=2020&format=csv")
    head = r.body.split("\r\n")[0].split(",")
    check(head[:6] == ["entity.id", "entity.name", "entity.type", "value", "rank", "percentile"],
          f"compare all as CSV: {head[:6]}")
    is_problem(get("/v1/compare?measure=gdp_growth&entities=all"), 400, "period")
    is_problem(get("/v1/compare?measure=gdp_growth&entities=all&period=2020&references=CHN"),
               400, "references")


def test_indicators():
    code = "NY.GDP.MKTP.KD.ZG"
    want = {int(raw["Year"]): float(raw["Value"]) for _, raw in WDI["rows"][code]
            if raw["Country Code"] == "CHN"}
    for key in (code, "gdp_growth"):
        r = get("/v1/indicators/%s?country=CHN" % key)
        check(r.status == 200, f"indicators {key}: {r.status}")
        sr = r.json()["data"]
        check(len(sr) == 1 and sr[0]["country"] == {"id": "CHN", "name": "China", "type": "country"},
              "one CHN series")
        got = {p["year"]: p for p in sr[0]["points"]}
        check(set(want) <= set(got), f"a point for every year of the file ({len(got)}/{len(want)})")
        # each year's preferred answer: the World Bank's figure, or where
        # the CSV facts give one (NBS vintages) the one they prefer
        for y, p in got.items():
            fid = p["fact_id"]
            if fid in WDI["facts"]:
                check(p["value"] == want.get(y), f"CHN {y}: {p['value']} != file {want.get(y)}")
            else:
                row = CSV_FACTS.get(fid, {})
                check(row.get("measure") == "gdp_growth" and row.get("rank") == "preferred"
                      and p["value"] == num(row.get("value")) and row.get("period") == str(y),
                      f"CHN {y}: {fid} is a preferred CSV fact of that year")
        check(sr[0]["measure"]["code"] == code and
              any(x["license"] == "CC-BY-4.0" for x in sr[0]["sources"]), "measure and source")
    r = get("/v1/indicators/gdp_growth?country=CHN,WLD&latest=3")
    check([len(x["points"]) for x in r.json()["data"]] == [3, 3], "latest=3 per series")
    check([x["points"][-1]["year"] for x in r.json()["data"]][0] == max(want), "latest year")
    usa = {raw["Year"]: float(raw["Value"]) for _, raw in WDI["rows"][code]
           if raw["Country Code"] == "USA"}
    r = get("/v1/indicators/gdp_growth?country=USA&from=2019&to=2020&format=csv")
    rows = list(csv.DictReader(io.StringIO(r.body)))
    check([(x["year"], float(x["value"])) for x in rows] ==
          [("2019", usa["2019"]), ("2020", usa["2020"])], "indicators as CSV")
    is_problem(get("/v1/indicators/no_such_measure"), 404)
    is_problem(get("/v1/indicators/gdp_growth?country=ZZZ"), 400, "country")
    # GDP shares grow: imports, industry, agriculture, savings
    r = get("/v1/gdp-shares?country=CHN&component=imports,industry,agriculture,savings&latest=1")
    comps = {x["component"]: x["points"][0]["value"] for x in r.json()["data"]}
    for comp, c in (("imports", "NE.IMP.GNFS.ZS"), ("industry", "NV.IND.TOTL.ZS"),
                    ("agriculture", "NV.AGR.TOTL.ZS"), ("savings", "NY.GNS.ICTR.ZS")):
        last = max((int(raw["Year"]), float(raw["Value"])) for _, raw in WDI["rows"][c]
                   if raw["Country Code"] == "CHN")
        check(comps.get(comp) == last[1], f"gdp-shares {comp}: {comps.get(comp)} != {last}")
    # a WDI code names its measure wherever a measure is asked for
    a = get("/v1/facts?measure=NE.IMP.GNFS.ZS&subject=CHN&limit=5").json()["data"]
    b = get("/v1/facts?measure=imports_share_of_gdp&subject=CHN&limit=5").json()["data"]
    check([f["id"] for f in a] == [f["id"] for f in b] and len(a) == 5, "measure= by code")
    check(get("/v1/measures/NE.IMP.GNFS.ZS").json()["data"]["id"] == "imports_share_of_gdp",
          "/v1/measures/{code}")


def main():
    tests = [v for k, v in sorted(globals().items())
             if k.startswith("test_") and PATTERN in k]
    for t in tests:
        print(t.__name__)
        try:
            t()
        except Exception:
            failures.append(f"{t.__name__} raised")
            traceback.print_exc()
    print(f"integration: {checks} checks, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
