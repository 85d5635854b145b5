#!/usr/bin/env bash
# Integration tests: starts the real server on a free loopback port against
# the bundled database, runs the HTTP tests (tests/integration/test_api.py)
# and the client checks below, then stops it with SIGTERM and expects a
# clean exit. Exchanges are recorded in tests/out/responses.jsonl for the
# contract tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib.sh

BIN=${PF_BIN:-build/policyfacts}
DB=${PF_DBFILE:-build/policyfacts.db}
OUT=tests/out
mkdir -p "$OUT"
: > "$OUT/responses.jsonl"
LOG="$OUT/integration-server.log"

"$BIN" serve --db "$DB" --port 0 --log-level info 2> "$LOG" &
PID=$!
trap 'kill -9 $PID 2>/dev/null || true' EXIT

PORT=$(pf_port "$LOG" $PID)
[ -n "$PORT" ] || { cat "$LOG"; echo "server did not start"; exit 1; }
BASE="http://127.0.0.1:$PORT"
echo "server on $BASE (pid $PID)"

fail=0
python3 tests/integration/test_api.py "$BASE" data "$OUT/responses.jsonl" || fail=1

# Clients people use: curl --compressed and wget.
echo "clients"
body=$(curl -sS --compressed -H 'Accept-Encoding: gzip' "$BASE/v1/facts?limit=30")
if ! printf '%s' "$body" | jq -e '.meta.count == 30' >/dev/null; then
    echo "  FAIL: curl --compressed"; fail=1; fi
if ! wget -q -O - "$BASE/v1/gdp-shares?country=CHN&component=investment&format=csv" \
        | head -1 | grep -q '^country,component,indicator_code'; then
    echo "  FAIL: wget csv"; fail=1; fi

# The metrics exposition is valid Prometheus text.
if ! curl -sS "$BASE/metrics" | promtool check metrics; then
    echo "  FAIL: promtool check metrics"; fail=1; fi

# Every request so far is in the access log with its request id.
if ! grep -q '"event":"request".*"request_id":"abc-123"' "$LOG"; then
    echo "  FAIL: access log line with the echoed request id"; fail=1; fi

# Links behind a proxy: a second server that trusts loopback as a proxy.
echo "proxy headers"
"$BIN" serve --db "$DB" --port 0 --base-path /pf --trusted-proxies 127.0.0.1/32 \
    2> "$OUT/proxy-server.log" &
PPID2=$!
for _ in $(seq 1 100); do
    PPORT=$(grep -o '"port":[0-9]*' "$OUT/proxy-server.log" 2>/dev/null | cut -d: -f2 || true)
    [ -n "$PPORT" ] && break; sleep 0.05
done
python3 tests/integration/proxy_headers.py "http://127.0.0.1:$PPORT" "$BASE" || fail=1
kill -TERM $PPID2; wait $PPID2 || true

# Conditional requests answer 304 as the 200 would, with the response cache
# and without it (a third server, cache off).
echo "conditional requests"
"$BIN" serve --db "$DB" --port 0 --cache-bytes 0 2> "$OUT/nocache-server.log" &
NPID=$!
NPORT=$(pf_port "$OUT/nocache-server.log" $NPID)
python3 tests/integration/conditional.py "$BASE" "http://127.0.0.1:$NPORT" || fail=1
kill -TERM $NPID; wait $NPID || true

# The access log loses nothing: 400 requests with ids of our own, sent
# over one connection, then the stop; each id must be in the log once,
# whole, before the "stopped" line.
for i in $(seq 1 400); do
    printf 'next\nurl = "%s/v1/facts/seed.01"\nheader = "X-Request-Id: burst-%d"\noutput = /dev/null\n' "$BASE" "$i"
done > "$OUT/burst.curl"
curl -sS -K "$OUT/burst.curl"

# Graceful stop: SIGTERM -> exit 0 and a shutdown log line.
kill -TERM $PID
rc=0
wait $PID || rc=$?
trap - EXIT
if [ $rc -ne 0 ]; then echo "  FAIL: exit status $rc after SIGTERM"; fail=1; fi
grep -q '"event":"stopped"' "$LOG" || { echo "  FAIL: no stopped log line"; fail=1; }
burst=$(sed -n '/"event":"stopped"/q;p' "$LOG" | grep -c '^{"time":"[^"]*","level":"info","event":"request","request_id":"burst-[0-9]*",.*}$' || true)
distinct=$({ grep -o '"request_id":"burst-[0-9]*"' "$LOG" || true; } | sort -u | wc -l)
if [ "$burst" -ne 400 ] || [ "$distinct" -ne 400 ]; then
    echo "  FAIL: access log has $burst whole lines / $distinct ids of the 400 requests before the stop"; fail=1; fi

# Reloads under load, bad files, draining on SIGTERM (own server processes).
echo "lifecycle"
"$BIN" load tests/fixtures/good -o "$OUT/fixture.db" --quiet
python3 tests/integration/lifecycle.py "$BIN" "$DB" "$OUT/fixture.db" "$OUT/lifecycle" || fail=1

[ $fail -eq 0 ] && echo "integration: OK" || echo "integration: FAILED (server log: $LOG)"
exit $fail
