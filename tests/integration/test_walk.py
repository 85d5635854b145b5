#!/usr/bin/env python3
"""The walk of issue 17: /v1/tariffs/{imposer}/{target}?on=D[&as_of=K] on
every day a tariff layer or estimate of the pair starts or ends, the day
before and after each, for USA->CHN and CHN->USA, without as_of and with
as_of on each knowledge date and the days either side of it.

Every expectation is computed here from data/*.csv (facts, series.csv,
measures.csv, sources.csv) by the rules data/README.md states, never from
the server's own answers. Invariants on every answer:
  - no deprecated fact is an answer;
  - no estimate older than a change in the rates in force is served without
    stale: true (and the observation served is the latest one known);
  - no replaced layer is listed;
  - the headline equals the sum of its listed parts where computed;
  - as_of never shows a fact with known_from after it.
Then the issue's named wrong answers, each now right.

Usage: test_walk.py BASE_URL DATA_DIR RECORD_FILE
"""
import calendar
import csv
import datetime
import http.client
import json
import os
import sys
import urllib.parse

BASE, DATA, RECORD = sys.argv[1], sys.argv[2], sys.argv[3]
HOST = urllib.parse.urlparse(BASE).netloc
record = open(RECORD, "a", encoding="utf-8")
failures = []
checks = 0
conn = http.client.HTTPConnection(HOST, timeout=10)
recorded = 0


def check(cond, msg):
    global checks
    checks += 1
    if not cond:
        failures.append(msg)
        if len(failures) <= 60:
            print("  FAIL:", msg)


def get(path, keep_record=False):
    """GET over one kept-alive connection; a sample is recorded for the
    contract tests."""
    global recorded
    conn.request("GET", path)
    r = conn.getresponse()
    text = r.read().decode("utf-8")
    if keep_record and recorded < 200:
        recorded += 1
        record.write(json.dumps({
            "method": "GET", "target": path, "status": r.status,
            "headers": {k.lower(): v for k, v in r.getheaders()},
            "body": text}) + "\n")
    check(r.status == 200, f"{path}: status {r.status}")
    return json.loads(text) if r.status == 200 else None


def read_csv(name):
    with open(os.path.join(DATA, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# ---- the data, by data/README.md's rules -----------------------------------

def day(s):
    return datetime.date.fromisoformat(s)


def plus(s, n):
    return (day(s) + datetime.timedelta(days=n)).isoformat()


def period_end(p):
    if len(p) == 4:
        return p + "-12-31"
    if len(p) == 7:
        y, m = int(p[:4]), int(p[5:])
        return "%s-%02d" % (p, calendar.monthrange(y, m)[1])
    return p


def period_start(p):
    return p + ("-01-01" if len(p) == 4 else "-01" if len(p) == 7 else "")


SOURCES = {r["id"]: r for r in read_csv("sources.csv")}
MEASURES = {r["id"]: r for r in read_csv("measures.csv")}
SERIES = {r["id"]: r for r in read_csv("series.csv")}
RANK = {"preferred": 0, "normal": 1, "deprecated": 2}
FACTS = {}
ORDER = []
for name in sorted(os.listdir(DATA)):
    if name.startswith("facts_") and name.endswith(".csv"):
        for row in read_csv(name):
            FACTS[row["id"]] = row
            ORDER.append(row["id"])


def known_by(row):
    """The day by which the fact was surely known (knowledge-time rules)."""
    if row["known_from"]:
        return period_end(row["known_from"])
    pub = SOURCES[row["source_id"]]["published"]
    end = period_end(pub) if pub else ""
    nature = MEASURES[row["measure"]]["nature"]
    if (nature == "in_force" and row["kind"] == "tariff_rate"
            and row["valid_from"] and (not pub or row["valid_from"] < end)):
        return row["valid_from"]
    return end


class Fact:
    def __init__(self, row):
        self.id = row["id"]
        self.row = row
        self.series = row["series"]
        self.object = row["object"]
        self.measure = row["measure"]
        self.rank = RANK[row["rank"] or "preferred"]
        self.estimate = MEASURES[row["measure"]]["nature"] == "estimate"
        self.vf = row["valid_from"] or (period_start(row["period"])
                                         if row["period"] else None)
        self.stated = row["valid_to"] or None
        if not self.stated and row["period"] and (self.estimate
                                                  or not row["series"]):
            self.stated = period_end(row["period"])
        if not self.stated and self.estimate:
            self.stated = self.vf
        self.known = known_by(row)
        self.vt = self.stated
        self.ender = None
        self.value = float(row["value"]) if row["value"] else None
        sr = SERIES.get(self.series, {})
        self.layer = sr.get("combines", "stacks") != "none"


def pair_facts(imp, tgt):
    fs = [Fact(FACTS[i]) for i in ORDER
          if FACTS[i]["kind"] == "tariff_rate" and FACTS[i]["subject"] == imp
          and FACTS[i]["object"] in (tgt, "WLD")]
    # a value of a series ends the day before the next non-deprecated
    # value starts (the best-ranked of those starting first ends it)
    for f in fs:
        if f.rank == 2 or not f.vf:
            continue
        nxt = sorted((g for g in fs if g.series == f.series and g.rank < 2
                      and g.measure == f.measure and g.object == f.object
                      and g.vf and g.vf > f.vf),
                     key=lambda g: (g.vf, g.rank))
        if nxt:
            derived = plus(nxt[0].vf, -1)
            if not f.vt or f.vt > derived:
                f.vt, f.ender = derived, nxt[0]
    return fs


def end_for(f, k):
    if f.estimate:
        return f.stated
    if f.ender and k and f.ender.known > k:
        return f.stated
    return f.vt


def known(f, k):
    return not k or f.known <= k


def start_for(f, fs, k):
    if f.vf or f.estimate:
        return f.vf
    end = end_for(f, k)
    starts = [g.vf for g in fs if g.series == f.series and g is not f
              and g.rank < 2 and g.vf and known(g, k)
              and (not end or g.vf <= end)]
    return min(starts) if starts else None


def in_force(f, fs, d, k):
    if not known(f, k) or f.estimate:
        return False
    s, e = start_for(f, fs, k), end_for(f, k)
    if f.vf is None and s is None and not f.estimate:
        s = "0000-00-00"
    return s is not None and s <= d and (not e or e >= d)


def series_answers(fs, d, k):
    """Series with a non-deprecated fact in force on d."""
    return {f.series for f in fs if f.rank < 2 and in_force(f, fs, d, k)}


# ---- the invariants ---------------------------------------------------------

def answers_of(doc):
    out = [a for a in doc["measures"] + doc["also_applicable"]
           + doc["effective"]]
    if doc["average"]:
        out.append(doc["average"])
    if doc["headline_total"]["stated"]:
        out.append(doc["headline_total"]["stated"])
    return out


def every_fact(doc):
    for a in answers_of(doc):
        yield a
        yield from a["other_sources"]
    yield from doc["deprecated"]


def replaced_for(fs, tgt, d, k):
    """Series replaced on d by a layer of the pair in force then."""
    on = series_answers(fs, d, k)
    return {SERIES[s]["replaces"] for s in on
            if s in SERIES and SERIES[s]["combines"] == "replaces"}


def changes(fs, tgt, after, upto, k):
    """Ids of the in-force layers that started or ended in (after, upto]."""
    out = set()
    for f in fs:
        if f.rank == 2 or f.estimate or not f.layer or not known(f, k):
            continue
        days = []
        if f.vf:
            days.append(f.vf)
        e = end_for(f, k)
        if e:
            days.append(plus(e, 1))
        for c in days:
            if after < c <= upto and (f.object == tgt or f.series not in
                                      replaced_for(fs, tgt, c, k)):
                out.add(f.id)
    return out


def latest_observation(fs, series, d, k):
    obs = [f.vf for f in fs if f.series == series and f.estimate
           and f.rank < 2 and known(f, k) and f.vf and f.vf <= d]
    return max(obs) if obs else None


def check_answer(imp, tgt, fs, d, k, doc):
    where = f"{imp}/{tgt} on={d} as_of={k}"
    by_id = {f.id: f for f in fs}
    # no deprecated fact is an answer
    for a in answers_of(doc):
        check(a["rank"] != "deprecated", f"{where}: deprecated answer {a['id']}")
    # as_of never shows a fact known later
    for f in every_fact(doc):
        check(known(by_id[f["id"]], k),
              f"{where}: {f['id']} known {by_id[f['id']].known} after as_of")
    # no replaced layer is listed
    listed = {a["series"] for a in doc["measures"] + doc["also_applicable"]}
    gone = replaced_for(fs, tgt, d, k)
    check(not (listed & gone), f"{where}: replaced layers listed {listed & gone}")
    # the headline is the sum of its parts, and the parts are the listed
    # all-goods additional layers
    h = doc["headline_total"]
    parts = {p["series"] for p in h["parts"]}
    want = {a["series"] for a in doc["measures"] + doc["also_applicable"]
            if SERIES.get(a["series"], {}).get("scope") == "all_goods"
            and MEASURES[a["measure"]]["category"] == "additional"}
    check(parts == want, f"{where}: headline parts {parts} != {want}")
    if h["parts"]:
        check(abs(h["value"] - sum(p["value"] for p in h["parts"])) < 1e-9,
              f"{where}: headline {h['value']} != sum of parts")
    else:
        check(h["value"] is None, f"{where}: headline without parts")
    # estimates: the latest observation known, stale after any change
    for est in ([doc["average"]] if doc["average"] else []) + doc["effective"]:
        obs = latest_observation(fs, est["series"], d, k)
        check(est["observed_on"] == obs,
              f"{where}: {est['series']} observed {est['observed_on']} != {obs}")
        moved = changes(fs, tgt, est["observed_on"], d, k)
        check(est["stale"] == bool(moved),
              f"{where}: {est['id']} stale {est['stale']}, changes {moved}")
        check(set(est["stale_because"]) == moved,
              f"{where}: stale_because {est['stale_because']} != {sorted(moved)}")


def walk(imp, tgt):
    fs = pair_facts(imp, tgt)
    days = set()
    for f in fs:
        for x in (f.vf, f.vt if not f.estimate else f.stated):
            if x:
                days.update({plus(x, -1), x, plus(x, 1)})
    readers = {None}
    for f in fs:
        readers.update({plus(f.known, -1), f.known, plus(f.known, 1)})
    n = 0
    for d in sorted(days):
        for k in sorted(readers, key=lambda x: x or ""):
            # a reader before the day's facts could be known sees them too:
            # every (day, reader) pair, but each reader within the span
            q = f"/v1/tariffs/{imp}/{tgt}?on={d}" + (f"&as_of={k}" if k else "")
            doc = get(q, keep_record=(k is None))
            if doc:
                check_answer(imp, tgt, fs, d, k, doc)
            n += 1
    print(f"  walked {imp}->{tgt}: {len(days)} days x {len(readers)} readers"
          f" = {n} answers")
    return fs


# ---- the named wrong answers ---------------------------------------

def named(fs):
    def avg(d, k=None):
        doc = get(f"/v1/tariffs/USA/CHN?on={d}" + (f"&as_of={k}" if k else ""),
                  keep_record=True)
        return doc, doc["average"]

    for d in ("2025-11-15", "2026-03-01"):
        _, a = avg(d)
        check(a["value"] == 51.1 and a["stale"] is True,
              f"51.1% on {d} is served stale: {a and (a['value'], a['stale'])}")
    _, a = avg("2025-04-10")
    check(a["value"] == 20.8 and a["stale"] is True, "20.8% on 2025-04-10 is stale")
    # 2019: each month answers from the latest estimate known in 2019
    est = sorted(f.vf for f in fs if f.series == "usa-chn-average"
                 and f.rank < 2 and f.vf)
    for m in range(1, 13):
        d = "2019-%02d-28" % m
        _, a = avg(d)
        want = max(x for x in est if x <= d)
        check(a["observed_on"] == want, f"{d}: average from {want}")
        if any(x.startswith("2019") and x <= d for x in est):
            check(a["observed_on"].startswith("2019"),
                  f"{d}: a 2019 month answers from a 2019 estimate")
        elif a["observed_on"] < "2019":
            check(a["stale"] or not changes(fs, "CHN", a["observed_on"], d,
                                            None), f"{d}: an old estimate is stale")
    # the worldwide 10% baseline is never listed for China
    for d in ("2025-04-05", "2025-04-20", "2025-05-20", "2025-11-15"):
        doc = get(f"/v1/tariffs/USA/CHN?on={d}")
        listed = {x["series"] for x in doc["measures"] + doc["also_applicable"]}
        check("usa-wld-ieepa-reciprocal-baseline" not in listed,
              f"{d}: the baseline is not listed for China")
        check(any(x["series"] == "usa-wld-ieepa-reciprocal-baseline"
                  and x["replaced_by"] == "usa-chn-ieepa-reciprocal"
                  for x in doc["not_applicable"]), f"{d}: baseline replaced")
    # after Geneva the computed headline is 30, not 40
    doc = get("/v1/tariffs/USA/CHN?on=2025-05-20")
    check(doc["headline_total"]["value"] == 30.0, "post-Geneva headline 30")
    check(doc["headline_total"]["matches_stated"] is True,
          "the computed 30 matches the stated 30")
    # the deprecated 10% reciprocal row is never the answer on 2025-04-20
    readers = {None} | {f.known for f in fs} | {plus(f.known, 1) for f in fs}
    for k in sorted(readers, key=lambda x: x or ""):
        doc = get("/v1/tariffs/USA/CHN?on=2025-04-20" + (f"&as_of={k}" if k else ""))
        for m in doc["measures"]:
            check(m["rank"] != "deprecated",
                  f"2025-04-20 as_of {k}: deprecated {m['id']} answers")
    # Section 232 steel and aluminium 25% up to 2025-06-03, start unknown
    steel = next(f for f in fs if f.series == "usa-wld-s232-steel-aluminum"
                 and not f.vf)
    for d, served in (("2019-01-01", True), ("2025-06-03", True),
                      ("2025-06-04", False)):
        doc = get(f"/v1/tariffs/USA/CHN?on={d}", keep_record=True)
        a = next((x for x in doc["also_applicable"]
                  if x["series"] == steel.series), None)
        check((a is not None and a["id"] == steel.id) == served,
              f"{d}: steel {steel.value}% served={served}")
        if served and a:
            check(a["valid_from"] is None and a["start_unknown"] is True
                  and a["valid_to"] == "2025-06-03", f"{d}: steel start unknown")
    # both undated Section 301 layers are reachable
    doc = get("/v1/tariffs/USA/CHN?on=2025-04-20")
    undated = [f.id for f in fs if f.series.startswith("usa-chn-s301")
               and not f.vf and not any(g.vf for g in fs
                                        if g.series == f.series)]
    shown = {x["id"] for x in doc["measures"]}
    check(len(undated) >= 2 and set(undated) <= shown,
          f"undated Section 301 layers {undated} served")
    # gdp-shares as_of=2026-01-01: the series known by then
    k = "2026-01-01"
    doc = get(f"/v1/gdp-shares?country=CHN&as_of={k}", keep_record=True)
    served = {p["fact_id"] for s in doc["data"] for p in s["points"]}
    want = {i for i, r in FACTS.items() if r["kind"] == "gdp_share"
            and r["subject"] == "CHN" and len(r["period"]) == 4
            and MEASURES[r["measure"]]["code"] and r["rank"] != "deprecated"
            and known_by(r) <= k}
    check(served and served <= want, "gdp-shares as_of: only facts known by then")
    wanted = {(FACTS[i]["measure"], FACTS[i]["period"]) for i in want}
    got = {(FACTS[i]["measure"], FACTS[i]["period"]) for i in served}
    check(wanted == got, f"gdp-shares as_of: every year known, missing "
                         f"{sorted(wanted - got)[:5]}")


def main():
    print("walk USA->CHN")
    fs = walk("USA", "CHN")
    print("walk CHN->USA")
    walk("CHN", "USA")
    print("named answers")
    named(fs)
    print(f"walk: {checks} checks, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
