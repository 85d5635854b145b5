#!/usr/bin/env python3
"""Writes a valid data directory with N generated facts (plus the bundled
reference tables), big enough that `policyfacts load` takes a while.

Usage: gen_facts.py SRC_DATA_DIR OUT_DIR N [SEED]
       gen_facts.py --links SRC_DATA_DIR OUT_DIR   (outcome_links.csv only)

Without data/wdi/, outcome_links.csv keeps only the links whose outcome
measure measures.csv has (a link to a measure only the WDI adapter gives,
such as the World Bank proxies, would name an unknown measure).

Each fact is a gdp_share value for one (country, measure, year): the
questions are all distinct, so the loader's cross-row checks pass.
Deterministic for a given SEED."""
import csv
import os
import random
import shutil
import sys

HEADER = ("id,kind,subject,object,measure,series,label,value,value_low,"
          "value_high,value_text,qualifier,period,valid_from,valid_to,"
          "target_year,known_from,rank,source_id,quote,locator,statement,"
          "notes,evidence").split(",")
REFERENCE_FILES = ("sources.csv", "entities.csv", "measures.csv", "series.csv",
                   "outcome_links.csv")


def write_links(src, out):
    """src's outcome_links.csv into out, without the links to a measure
    that src's measures.csv lacks (one only data/wdi/ gives)."""
    with open(os.path.join(src, "measures.csv"), newline="", encoding="utf-8") as f:
        measures = {r["id"] for r in csv.DictReader(f)}
    with open(os.path.join(src, "outcome_links.csv"), newline="",
              encoding="utf-8") as f:
        r = csv.DictReader(f)
        fields, links = r.fieldnames, list(r)
    with open(os.path.join(out, "outcome_links.csv"), "w", newline="",
              encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(x for x in links if x["outcome_measure"] in measures)


def main():
    if sys.argv[1:2] == ["--links"]:
        write_links(sys.argv[2], sys.argv[3])
        return
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    os.makedirs(out, exist_ok=True)
    for t in REFERENCE_FILES:
        shutil.copy(os.path.join(src, t), os.path.join(out, t))
    write_links(src, out)
    with open(os.path.join(src, "entities.csv"), newline="", encoding="utf-8") as f:
        countries = [r["id"] for r in csv.DictReader(f) if r["type"] == "country"]
    with open(os.path.join(src, "measures.csv"), newline="", encoding="utf-8") as f:
        measures = [r["id"] for r in csv.DictReader(f)
                    if r["unit"] == "percent of GDP" and r["min"] and r["max"]]
    # a dated source: the facts' knowledge time is its publication date
    with open(os.path.join(src, "sources.csv"), newline="", encoding="utf-8") as f:
        source = next(r for r in csv.DictReader(f) if r["published"])["id"]
    combos = [(c, m) for c in countries for m in measures]
    if n > len(combos) * 9000:
        sys.exit("at most %d facts" % (len(combos) * 9000))
    with open(os.path.join(out, "facts_generated.csv"), "w", newline="",
              encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(n):
            c, m = combos[i % len(combos)]
            year = 1000 + i // len(combos)
            row = dict.fromkeys(HEADER, "")
            row.update(id="gen.%s.%s.%d" % (c.lower(), m, year), kind="gdp_share",
                       subject=c, measure=m, value="%.2f" % rnd.uniform(1, 90),
                       qualifier="exact", period=str(year), source_id=source,
                       quote="generated value %d for %s, %s" % (i, c, m),
                       evidence="text")
            w.writerow([row[h] for h in HEADER])


if __name__ == "__main__":
    main()
