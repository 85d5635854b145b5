#!/usr/bin/env bash
# bench/smoke.sh FLOOR_BIN PF_BIN: a few seconds' check that the benchmark's
# own parts still work, run by `make test` (target bench-smoke):
#   - floor answers with its body, keeps the connection alive across two
#     requests, answers a matching If-None-Match with 304, and sends the
#     extra headers it is given (on the 200 and the 304); --work-ns delays
#     each answer by at least that much;
#   - gen_facts.py writes a data directory that `policyfacts load` accepts,
#     with the requested number of facts;
#   - coldwalk follows links.next and pctl pools the latencies it wrote;
#   - medians groups rows by name and takes each column's median;
#   - make_db_json.py turns data/ into JSON with every fact in it.
# Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
floor=${1:-build/bench/floor}
pf=${2:-build/policyfacts}
pass=0 fail=0
. tests/lib/server.sh
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
tmp=$(mktemp -d)
fpid=
cleanup() {
    [ -n "$fpid" ] && kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# --- floor
printf '{"smoke":true}' >"$tmp/body.json"
read -r port < <(python3 bench/bench_util.py freeports 1)
"$floor" "$tmp/body.json" --port "$port" --threads 2 --etag '"e1"' \
    --header 'X-Smoke: one, two' --header 'Cache-Control: public, max-age=7' >/dev/null 2>&1 &
fpid=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.05
done
out=$(curl -sv "http://127.0.0.1:$port/a" "http://127.0.0.1:$port/b" 2>&1)
body=$(curl -s "http://127.0.0.1:$port/x")
[ "$body" = '{"smoke":true}' ] && ok "floor serves the file's bytes" ||
    bad "floor body: '$body'"
grep -q 'Re-using existing connection' <<<"$out" &&
    ! grep -qi '^< Connection: close' <<<"$out" &&
    ok "floor keeps the connection alive" || bad "floor closed the connection"
grep -qi '^< Content-Type: application/json' <<<"$out" &&
    ok "floor sends Content-Type application/json" || bad "floor Content-Type"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "e1"' "http://127.0.0.1:$port/")
[ "$code" = 304 ] && ok "floor answers If-None-Match with 304" ||
    bad "floor revalidation: $code"
grep -qi '^< X-Smoke: one, two' <<<"$out" &&
    grep -qi '^< Cache-Control: public, max-age=7' <<<"$out" &&
    ok "floor sends the --header headers" || bad "floor --header missing"
h304=$(curl -s -D - -o /dev/null -H 'If-None-Match: "e1"' "http://127.0.0.1:$port/")
grep -qi '^X-Smoke: one, two' <<<"$h304" &&
    ok "floor's 304 carries the --header headers" || bad "floor 304 headers: $h304"
kill "$fpid" 2>/dev/null && wait "$fpid" 2>/dev/null
fpid=
# --work-ns: every answer waits at least that long (lower bound only, so
# a slow machine cannot fail it); a value that is not a number is refused.
"$floor" "$tmp/body.json" --port "$port" --threads 1 --work-ns 30000000 >/dev/null 2>&1 &
fpid=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.05
done
t=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/")
awk -v t="$t" 'BEGIN { exit !(t >= 0.030) }' &&
    ok "floor --work-ns 30 ms: an answer takes ${t} s" ||
    bad "floor --work-ns 30 ms: an answer took ${t} s"
"$floor" "$tmp/body.json" --work-ns 1x >/dev/null 2>&1
[ $? = 2 ] && ok "floor refuses --work-ns 1x" || bad "floor accepted --work-ns 1x"

# --- generator and loader
if [ -x "$pf" ]; then
    if python3 bench/gen_facts.py --data data --out "$tmp/gen" --facts 3000 \
        --per-file 1000 >/dev/null &&
        "$pf" load "$tmp/gen" -o "$tmp/gen.db" >"$tmp/load.log" 2>&1; then
        n=$(sqlite3 "$tmp/gen.db" 'SELECT count(*) FROM facts' 2>/dev/null ||
            grep -o '[0-9]* facts' "$tmp/load.log" | cut -d' ' -f1)
        [ "$n" = 3000 ] && ok "gen_facts.py data loads: 3000 facts" ||
            bad "gen_facts.py data loaded $n facts, not 3000"
    else
        bad "gen_facts.py data does not load: $(head -5 "$tmp/load.log")"
    fi
else
    bad "$pf is missing"
fi

# --- the first-time walk: follows links.next, pools its latencies
if [ -f "$tmp/gen.db" ]; then
    # started as every test starts it (tests/lib/server.sh)
    PF_BIN=$pf pf_serve "$tmp/walk-server.log" --db "$tmp/gen.db" --cache-bytes 0 ||
        bad "policyfacts serve of the generated data did not start"
    wport=$PF_PORT wpid=$PF_PID
    w1=$(python3 bench/bench_util.py coldwalk "127.0.0.1:$wport" 5 --raw "$tmp/walk" '/v1/facts?limit=100')
    w2=$(python3 bench/bench_util.py coldwalk "127.0.0.1:$wport" 3 --raw "$tmp/walk" '/v1/facts?limit=7')
    pf_stop "$wpid"
    lines=$(wc -l <"$tmp/walk")
    pooled=$(python3 bench/bench_util.py pctl "$tmp/walk")
    # 5 pages of 100 then 3 of 7 (3,000 facts: next links all the way)
    [ "${w1%% *}" = 5 ] && [ "${w2%% *}" = 3 ] && [ "$lines" = 8 ] &&
        [ "${pooled%% *}" = 8 ] &&
        ok "coldwalk follows links.next and pools its latencies ($pooled)" ||
        bad "coldwalk: '$w1' '$w2', $lines lines, pctl '$pooled'"
fi

# --- medians (bench/tail.sh's table): per name, in order of first appearance
printf 'b 3 30\na 5 1\nb 1 10\na 7 2\nb 2 20\na 6 9\n' >"$tmp/med"
med=$(python3 bench/bench_util.py medians "$tmp/med" | tr '\n' ';')
[ "$med" = "b 2.0 20.0;a 6.0 2.0;" ] && ok "medians: per name and column ($med)" ||
    bad "medians: '$med'"

# --- json-server's db.json, from a copy of data/ whose World Bank files
# keep their first 400 lines (the whole of them is 133 MB of JSON and
# 10 s written and read again; the code path is the same)
small="$tmp/small"
mkdir -p "$small/wdi"
for f in data/*; do [ "$f" = data/wdi ] || ln -s "$PWD/$f" "$small/"; done
for f in data/wdi/*; do
    case "$f" in
    *.datapackage.json | data/wdi/manifest.csv | data/wdi/aggregates.csv | *.md)
        ln -s "$PWD/$f" "$small/wdi/" ;;
    *.csv) head -n 400 "$f" >"$small/wdi/${f##*/}" ;;
    esac
done
if python3 bench/make_db_json.py "$small" "$tmp/db.json" >/dev/null; then
    # the CSV facts and the World Bank files' values (an empty one is no
    # fact)
    want=$(python3 -c '
import csv, glob, sys
d = sys.argv[1]
rows = lambda f: csv.DictReader(open(f, newline="", encoding="utf-8-sig"))
wdi = [m["file"] for m in rows(d + "/wdi/manifest.csv")]
print(sum(1 for f in glob.glob(d + "/facts_*.csv") for _ in rows(f))
      + sum(1 for f in wdi for r in rows(d + "/wdi/" + f) if r["Value"]))' "$small")
    got=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["facts"]))' "$tmp/db.json")
    [ "$got" = "$want" ] && [ "$got" -gt 2000 ] && ok "make_db_json.py: $got facts" ||
        bad "make_db_json.py: $got facts, data has $want"
else
    bad "make_db_json.py failed"
fi

echo "bench-smoke: $pass passed, $fail failed"
[ "$fail" = 0 ]
