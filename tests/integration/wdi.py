"""The World Bank WDI files of data/wdi/, read straight from disk with
Python's csv and json modules (never through the server), as the facts,
sources and entities the loader must make of them. What each manifest
column means is in data/wdi/README.md; the tests compare the API with
what this module reads.
"""
import csv
import json
import os


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def load(data_dir):
    """{"facts": {id: row}, "sources": {id: row}, "entities": {code: row},
    "manifest": [row], "rows": {code: [(line, raw row)]}} for data_dir/wdi."""
    wdi = os.path.join(data_dir, "wdi")
    out = {"facts": {}, "sources": {}, "entities": {}, "manifest": [],
           "rows": {}}
    if not os.path.isdir(wdi):
        return out
    aggregates = {r["code"] for r in _read(os.path.join(wdi, "aggregates.csv"))}
    for m in _read(os.path.join(wdi, "manifest.csv")):
        with open(os.path.join(wdi, m["datapackage"]), encoding="utf-8") as f:
            dp = json.load(f)
        m = dict(m, title=dp["title"])
        out["manifest"].append(m)
        out["sources"][m["source_id"]] = {
            "id": m["source_id"],
            "title": "World Development Indicators %s: %s, %s at commit %s"
                     % (m["code"], dp["title"], m["repository"],
                        m["commit"][:12]),
            "url": "https://github.com/%s/blob/%s/%s"
                   % (m["repository"], m["commit"], m["path"]),
            "published": m["published"], "published_kind": "vintage",
            "license": m["license"]}
        rows = out["rows"].setdefault(m["code"], [])
        with open(os.path.join(wdi, m["file"]), encoding="utf-8",
                  newline="") as f:
            reader = csv.DictReader(f)
            for r in reader:
                line = reader.line_num  # one physical line per record here
                if r["Value"] == "":
                    continue  # a missing value is a missing fact
                rows.append((line, r))
                code = r["Country Code"]
                out["entities"].setdefault(code, {
                    "id": code, "name": r["Country Name"],
                    "type": "aggregate" if code in aggregates else "country"})
                fid = "%s.%s.%s" % (m["id_prefix"], code.lower(), r["Year"])
                out["facts"][fid] = {
                    "id": fid, "kind": m["kind"], "subject": code,
                    "object": "", "measure": m["measure"], "series": "",
                    "label": "%s, %s %s" % (dp["title"], r["Country Name"],
                                            r["Year"]),
                    "value": r["Value"], "value_low": "", "value_high": "",
                    "value_text": "", "qualifier": "exact",
                    "period": r["Year"], "valid_from": "", "valid_to": "",
                    "target_year": "", "known_from": "",
                    "known_from_rule": "", "rank": "", "rank_reason": "",
                    "source_id": m["source_id"], "evidence": "data",
                    "quote": "", "data_file": "%s@%s:%s" % (
                        m["repository"], m["commit"], m["path"]),
                    "data_row": str(line), "locator": "", "statement": "",
                    "notes": "", "code": m["code"]}
    return out
