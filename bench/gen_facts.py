#!/usr/bin/env python3
"""Write a large, valid policyfacts data directory for load and scaling tests.

The output directory gets the bundled reference tables (sources.csv,
entities.csv, measures.csv) and the bundled fact files copied byte for byte
from --data, plus generated fact files that bring the total number of facts
to --facts (default 1,000,000). The World Bank files (--data's wdi/) are
not copied: outcome links to measures only they give are left out.

Each generated fact is a copy of a real bundled fact (taken round-robin over a
shuffled list, so the mix of kinds, entities, measures and sources is the
bundled one) with:
  - a new unique id `gen-NNNNNNN`;
  - a series value of its own (`gen-NNNNNNN`), so every generated fact is the
    only member of its (measure, subject, object, series, period, target_year)
    group and is ranked `preferred`;
  - its numbers moved by up to +-10 % and kept inside the measure's min/max
    (a range keeps value_low <= value_high);
  - a note saying it is generated and from which real fact.
Dates, entities, measures, sources, quotes and qualifiers are the template's,
so every rule the loader checks for the real row holds for the copy.

python3 standard library only. Deterministic for a given --seed.
"""

import argparse
import csv
import os
import random
import shutil
import sys

FACT_COLUMNS = [
    "id", "kind", "subject", "object", "measure", "series", "label", "value",
    "value_low", "value_high", "value_text", "qualifier", "period",
    "valid_from", "valid_to", "target_year", "known_from", "known_from_rule",
    "rank", "rank_reason", "source_id", "evidence", "quote", "data_file",
    "data_row", "locator", "statement", "notes",
]
REFERENCE_FILES = ["sources.csv", "entities.csv", "measures.csv",
                   "series.csv", "outcome_links.csv"]
# The loader's hedge words (src/load/rules_provenance.c): an 'exact' value
# whose quote has one is kept as it is, since a moved number would no
# longer be the one the quote states.
HEDGES = ["around", "about", "roughly", "approximately", "nearly", "almost",
          "more than", "less than", "at least", "up to", "over", "above",
          "under", "below", "within", "some", "~"]


def read_csv(path):
    # utf-8-sig drops a BOM if there is one; newline='' lets csv handle CRLF
    # and newlines inside quoted fields.
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def parse_float(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def decimals_of(s):
    """Number of digits after the point in a numeric string, at most 6."""
    if "e" in s.lower() or "." not in s:
        return 0
    return min(6, len(s.split(".", 1)[1]))


def fmt(x, ndigits):
    if ndigits == 0:
        return str(int(round(x)))
    return "%.*f" % (ndigits, x)


def jitter(row, bounds, rng):
    """Move the numeric fields of row by one common factor, inside bounds."""
    lo, hi = bounds
    factor = 1.0 + rng.uniform(-0.10, 0.10)
    out = {}
    for col in ("value", "value_low", "value_high"):
        s = row.get(col, "")
        x = parse_float(s)
        if x is None:
            continue
        nd = decimals_of(s)
        y = x * factor
        if nd == 0 and x == int(x):
            y = round(y)
        if lo is not None:
            y = max(lo, y)
        if hi is not None:
            y = min(hi, y)
        out[col] = fmt(y, nd)
    # One factor for both ends keeps low <= high, but rounding and clamping
    # can still cross them when they are close: restore the order.
    if "value_low" in out and "value_high" in out:
        a, b = float(out["value_low"]), float(out["value_high"])
        if a > b:
            out["value_low"], out["value_high"] = out["value_high"], out["value_low"]
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="data",
                    help="bundled data directory (default: data)")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--facts", type=int, default=1_000_000,
                    help="total facts in the output, bundled ones included "
                         "(default 1000000)")
    ap.add_argument("--per-file", type=int, default=100_000,
                    help="generated facts per facts_gen_NN.csv (default 100000)")
    ap.add_argument("--seed", type=int, default=20250520)
    args = ap.parse_args(argv)

    for name in REFERENCE_FILES:
        if not os.path.isfile(os.path.join(args.data, name)):
            sys.exit("gen_facts: %s/%s is missing" % (args.data, name))
    fact_files = sorted(
        n for n in os.listdir(args.data)
        if n.startswith("facts_") and n.endswith(".csv"))
    if not fact_files:
        sys.exit("gen_facts: no facts_*.csv in %s" % args.data)

    measures = read_csv(os.path.join(args.data, "measures.csv"))
    bounds = {m["id"]: (parse_float(m.get("min")), parse_float(m.get("max")))
              for m in measures}

    templates = []
    for name in fact_files:
        for row in read_csv(os.path.join(args.data, name)):
            templates.append(row)
    n_real = len(templates)
    n_gen = args.facts - n_real
    if n_gen < 0:
        sys.exit("gen_facts: --facts %d is less than the %d bundled facts"
                 % (args.facts, n_real))
    ids = {r["id"] for r in templates}

    os.makedirs(args.out, exist_ok=True)
    for name in REFERENCE_FILES + fact_files:
        shutil.copyfile(os.path.join(args.data, name),
                        os.path.join(args.out, name))
    # without wdi/, a link to a measure only the WDI adapter gives would
    # name an unknown measure
    measures = {r["id"] for r in read_csv(os.path.join(args.data,
                                                        "measures.csv"))}
    links = read_csv(os.path.join(args.data, "outcome_links.csv"))
    if links:
        with open(os.path.join(args.out, "outcome_links.csv"), "w",
                  newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(links[0]),
                               lineterminator="\r\n")
            w.writeheader()
            w.writerows(r for r in links if r["outcome_measure"] in measures)
    # a generated tariff fact gets a series of its own (a copy of its
    # template's series.csv row): the loader wants it there
    series_rows = read_csv(os.path.join(args.data, "series.csv"))
    series = {r["id"]: r for r in series_rows}
    series_out = open(os.path.join(args.out, "series.csv"), "a", newline="",
                      encoding="utf-8")
    series_w = csv.DictWriter(series_out, fieldnames=list(series_rows[0]),
                              lineterminator="\r\n")

    rng = random.Random(args.seed)
    order = list(range(n_real))
    rng.shuffle(order)

    written = 0
    file_no = 0
    while written < n_gen:
        path = os.path.join(args.out, "facts_gen_%02d.csv" % file_no)
        chunk = min(args.per_file, n_gen - written)
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(FACT_COLUMNS)
            for _ in range(chunk):
                t = templates[order[written % n_real]]
                fid = "gen-%07d" % written
                if fid in ids:
                    sys.exit("gen_facts: generated id %s clashes with a "
                             "bundled fact" % fid)
                row = {c: t.get(c, "") or "" for c in FACT_COLUMNS}
                quote = row["quote"].lower()
                if not (row["qualifier"] == "exact" and
                        any(h in quote for h in HEDGES)):
                    row.update(jitter(t, bounds.get(t.get("measure", ""),
                                                    (None, None)), rng))
                if row["kind"] == "tariff_rate":
                    series_w.writerow(dict(series[t["series"]], id=fid))
                row["id"] = fid
                row["series"] = fid
                row["rank"] = "preferred"
                row["notes"] = "generated by bench/gen_facts.py from %s" % t["id"]
                w.writerow([row[c] for c in FACT_COLUMNS])
                written += 1
        file_no += 1
    series_out.close()

    print("gen_facts: %s: %d bundled + %d generated = %d facts in %d files"
          % (args.out, n_real, n_gen, n_real + n_gen,
             len(fact_files) + file_no))


if __name__ == "__main__":
    main(sys.argv[1:])
