#!/usr/bin/env python3
"""Turn a policyfacts data directory into a json-server db.json.

Collections: facts, sources, entities, measures. Every CSV row becomes one
object with the same field names; empty cells become null and the numeric
fact fields (value, value_low, value_high, target_year) become numbers. Each
fact also gets `sourceId` (= source_id), json-server's foreign-key spelling,
so `/facts/ID?_expand=source` returns the fact with its source inline, as
policyfacts does. The World Bank files of DATA_DIR/wdi/ add their facts,
sources and entities as the loader makes them (read by the integration
tests' model, tests/integration/wdi.py), so both servers hold the same
facts.

Usage: make_db_json.py DATA_DIR OUT_FILE      (python3 standard library only)
"""

import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "integration"))
import wdi  # noqa: E402  (tests/integration/wdi.py)

NUMERIC = ("value", "value_low", "value_high")
INTEGER = ("target_year",)


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            yield {k: (v if v != "" else None) for k, v in r.items()}


def num(s, conv):
    if s is None:
        return None
    try:
        return conv(s)
    except ValueError:
        return s


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    data, out = argv
    db = {}
    for name in ("sources", "entities", "measures"):
        db[name] = list(rows(os.path.join(data, name + ".csv")))
    for m in db["measures"]:
        for k in ("min", "max"):
            m[k] = num(m.get(k), float)
    facts = []
    for name in sorted(os.listdir(data)):
        if not (name.startswith("facts_") and name.endswith(".csv")):
            continue
        for r in rows(os.path.join(data, name)):
            for k in NUMERIC:
                r[k] = num(r.get(k), float)
            for k in INTEGER:
                r[k] = num(r.get(k), int)
            r["sourceId"] = r.get("source_id")
            facts.append(r)
    w = wdi.load(data)
    known = {e["id"] for e in db["entities"]}
    db["entities"] += [dict(e, notes=None) for c, e in sorted(w["entities"].items())
                       if c not in known]
    db["sources"] += [dict(v, publisher="World Bank") for _, v in sorted(w["sources"].items())]
    for r in w["facts"].values():
        r = {k: (v if v != "" else None) for k, v in r.items() if k != "code"}
        y = r["period"]
        r.update(value=float(r["value"]), valid_from=y + "-01-01",
                 valid_to=y + "-12-31", known_from=w["manifest"][0]["published"],
                 known_from_rule="vintage", sourceId=r["source_id"])
        facts.append(r)
    db["facts"] = facts
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        # one line: 173k facts indented cost seconds and 40 MB
        json.dump(db, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, out)
    print("make_db_json: %s: %d facts, %d sources, %d entities, %d measures"
          % (out, len(facts), len(db["sources"]), len(db["entities"]),
             len(db["measures"])))


if __name__ == "__main__":
    main(sys.argv[1:])
