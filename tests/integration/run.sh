#!/usr/bin/env bash
# Integration tests: the real server on a free loopback port against the
# bundled database, in named parts:
#   api            tests/integration/test_api.py (one part per test_ function)
#   walk           issue 17's walk of on-date answers (test_walk.py)
#   clients        curl --compressed and wget, as people use them
#   metrics        /metrics is valid Prometheus text (promtool)
#   access_log     a request's id is in the access log
#   proxy_headers  a second server behind a trusted proxy (proxy_headers.py)
#   conditional    304s with and without the response cache (conditional.py)
#   shutdown       400 requests then SIGTERM: exit 0, every line logged first
#   lifecycle      reloads under load, bad files, drain (lifecycle.py)
# Servers are started as tests/lib/server.sh says (tests/README.md).
#
# Usage: tests/integration/run.sh [-k PATTERN] [--record FILE] [--list]
#   -k PATTERN     run only the parts (and test_api.py functions) whose name
#                  contains PATTERN; fails if none does
#   --record FILE  where test_api.py records its exchanges (JSONL, for the
#                  contract tests; default tests/out/responses.jsonl)
# Env: PF_BIN, PF_DBFILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/server.sh

BIN=${PF_BIN:-build/policyfacts}
DB=${PF_DBFILE:-build/policyfacts.db}
export PF_BIN=$BIN
OUT=tests/out
RECORD=$OUT/responses.jsonl
PATTERN=""
PARTS="api walk clients metrics access_log proxy_headers conditional shutdown lifecycle"
API_TESTS=$(grep -o '^def test_[A-Za-z0-9_]*' tests/integration/test_api.py | cut -c5-)
while (($#)); do
    case $1 in
    -k) PATTERN=${2:?-k needs a pattern}; shift 2 ;;
    --record) RECORD=${2:?--record needs a file}; shift 2 ;;
    --list) printf '%s\n' $PARTS $API_TESTS; exit 0 ;;
    *) echo "usage: tests/integration/run.sh [-k PATTERN] [--record FILE] [--list]" >&2; exit 2 ;;
    esac
done

# want PART: the part is selected (no pattern, or its name contains it)
want() { [[ -z $PATTERN || $1 == *"$PATTERN"* ]]; }
api_args=()
run_api=0
if want api; then run_api=1
elif grep -q -- "$PATTERN" <<<"$API_TESTS"; then run_api=1; api_args=(-k "$PATTERN"); fi
n=$run_api
for p in $PARTS; do [[ $p != api ]] && want "$p" && n=$((n + 1)); done
if ((n == 0)); then
    echo "integration: no part matches -k '$PATTERN'; the parts: $(echo $PARTS $API_TESTS)"
    exit 1
fi

mkdir -p "$OUT" "$(dirname "$RECORD")"
: >"$RECORD"
LOG="$OUT/integration-server.log"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done' EXIT
fail=0

needs_main=0
for p in api walk clients metrics access_log proxy_headers conditional shutdown; do
    { [[ $p == api ]] && ((run_api)); } || { [[ $p != api ]] && want "$p"; } && needs_main=1
done
if ((needs_main)); then
    pf_serve "$LOG" --db "$DB" --log-level info || exit 1
    PID=$PF_PID BASE=$PF_URL
    PIDS+=("$PID")
    echo "server on $BASE (pid $PID)"
fi

if ((run_api)); then
    python3 tests/integration/test_api.py "$BASE" data "$RECORD" "${api_args[@]}" || fail=1
fi

if want walk; then
    echo "walk"
    python3 tests/integration/test_walk.py "$BASE" data "$RECORD" || fail=1
fi

if want clients; then
    echo "clients"
    body=$(curl -sS --compressed -H 'Accept-Encoding: gzip' "$BASE/v1/facts?limit=30")
    if ! printf '%s' "$body" | jq -e '.meta.count == 30' >/dev/null; then
        echo "  FAIL: curl --compressed"; fail=1; fi
    # read whole first: `| head -1` would close the pipe on a long body
    # and fail wget under pipefail
    csv=$(wget -q -O - "$BASE/v1/gdp-shares?country=CHN&component=investment&format=csv" || true)
    if ! printf '%s\n' "$csv" | sed -n 1p | grep -q '^country,component,indicator_code'; then
        echo "  FAIL: wget csv"; fail=1; fi
fi

if want metrics; then
    echo "metrics"
    if ! curl -sS "$BASE/metrics" | promtool check metrics; then
        echo "  FAIL: promtool check metrics"; fail=1; fi
fi

if want access_log; then
    echo "access_log"
    curl -sS -o /dev/null -H 'X-Request-Id: abc-123' "$BASE/v1"
    found=0
    for _ in $(seq 1 40); do   # lines are written within 50 ms
        grep -q '"event":"request".*"request_id":"abc-123"' "$LOG" && { found=1; break; }
        sleep 0.05
    done
    ((found)) || { echo "  FAIL: access log line with the echoed request id"; fail=1; }
fi

# Links behind a proxy: a second server that trusts loopback as a proxy.
if want proxy_headers; then
    echo "proxy headers"
    if pf_serve "$OUT/proxy-server.log" --db "$DB" --base-path /pf --trusted-proxies 127.0.0.1/32; then
        PIDS+=("$PF_PID")
        python3 tests/integration/proxy_headers.py "$PF_URL" "$BASE" || fail=1
        pf_stop "$PF_PID" || true
    else fail=1; fi
fi

# Conditional requests answer 304 as the 200 would, with the response cache
# and without it (a third server, cache off).
if want conditional; then
    echo "conditional requests"
    if pf_serve "$OUT/nocache-server.log" --db "$DB" --cache-bytes 0; then
        PIDS+=("$PF_PID")
        python3 tests/integration/conditional.py "$BASE" "$PF_URL" || fail=1
        pf_stop "$PF_PID" || true
    else fail=1; fi
fi

if want shutdown; then
    # The access log loses nothing: 400 requests with ids of our own, sent
    # over one connection, then the stop; each id must be in the log once,
    # whole, before the "stopped" line.
    echo "shutdown"
    for i in $(seq 1 400); do
        printf 'next\nurl = "%s/v1/facts/seed.01"\nheader = "X-Request-Id: burst-%d"\noutput = /dev/null\n' "$BASE" "$i"
    done >"$OUT/burst.curl"
    curl -sS -K "$OUT/burst.curl"
    # Graceful stop: SIGTERM -> exit 0 and a shutdown log line.
    rc=0
    pf_stop "$PID" || rc=$?
    if [ $rc -ne 0 ]; then echo "  FAIL: exit status $rc after SIGTERM"; fail=1; fi
    grep -q '"event":"stopped"' "$LOG" || { echo "  FAIL: no stopped log line"; fail=1; }
    burst=$(sed -n '/"event":"stopped"/q;p' "$LOG" | grep -c '^{"time":"[^"]*","level":"info","event":"request","request_id":"burst-[0-9]*",.*}$' || true)
    distinct=$({ grep -o '"request_id":"burst-[0-9]*"' "$LOG" || true; } | sort -u | wc -l)
    if [ "$burst" -ne 400 ] || [ "$distinct" -ne 400 ]; then
        echo "  FAIL: access log has $burst whole lines / $distinct ids of the 400 requests before the stop"; fail=1; fi
elif ((needs_main)); then
    pf_stop "$PID" || { echo "  FAIL: exit status $? after SIGTERM"; fail=1; }
fi

# Reloads under load, bad files, draining on SIGTERM (own server processes).
if want lifecycle; then
    echo "lifecycle"
    "$BIN" load tests/fixtures/good -o "$OUT/fixture.db" --quiet
    python3 tests/integration/lifecycle.py "$BIN" "$DB" "$OUT/fixture.db" "$OUT/lifecycle" || fail=1
fi

[ $fail -eq 0 ] && echo "integration: OK${PATTERN:+ (-k $PATTERN)}" || echo "integration: FAILED (server log: $LOG)"
exit $fail
