#!/usr/bin/env bash
# Valgrind memcheck on an integration-style run: the server runs under
# memcheck while the integration HTTP tests (tests/integration/test_api.py),
# a sample of hostile requests, a SIGHUP reload (good file, then a bad one)
# and a SIGTERM shutdown go through it. Fails on any memcheck error or any
# definitely/indirectly lost block. Uses the plain build (not ASan).
#
# Usage: tests/hardening/valgrind.sh   (PF_BIN, PF_DBFILE)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/server.sh
BIN=${PF_BIN:-build/policyfacts}
DB=${PF_DBFILE:-build/policyfacts.db}
case "$BIN" in */asan/*|*/tsan/*) echo "valgrind: use the plain build, not $BIN"; exit 2;; esac
W=tests/out/hardening/valgrind
rm -rf "$W"; mkdir -p "$W"
cp "$DB" "$W/live.db"
VLOG="$W/memcheck.log"
SLOG="$W/server.log"

PF_SERVE_WRAPPER="valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    --track-fds=no --num-callers=30 --log-file=$VLOG" PF_START_SECONDS=60 PF_BIN=$BIN \
    pf_serve "$SLOG" --db "$W/live.db" --threads 2 --timeout 10 ||
    { echo "valgrind: server did not start"; cat "$VLOG"; exit 1; }
PID=$PF_PID PORT=$PF_PORT BASE=$PF_URL
echo "valgrind: server under memcheck on $BASE"

fail=0
python3 tests/integration/test_api.py "$BASE" data "$W/responses.jsonl" > "$W/test_api.out" 2>&1
echo "  integration HTTP tests under memcheck: $(tail -1 "$W/test_api.out")"

# hostile sample: each must not crash or upset memcheck
n=0
for t in '/v1/facts?q=%FF' '/v1/facts?q=%22unterminated' '/v1/facts?q=NEAR(a%20b' \
         '/v1/facts?limit=-1&limit=2' '/v1/facts?cursor=AAAA' '/v1/facts?cursor=djEKaWQKCmZhY3QuMQ' \
         '/v1/facts?subject=%27%20OR%201%3D1--' '/v1/facts/..%2F..%2Fetc%2Fpasswd' \
         '/v1/tariffs/USA/CHN?on=2025-02-30' '/v1/compare?measure=x&entities=CHN,USA' \
         '/v1/gdp-shares?latest=99999999999' '/v1/%00' '/assets/..%2fx' \
         "/v1/facts?q=$(head -c 600 /dev/zero | tr '\0' a)" \
         '/v1/facts?format=csv&limit=1000' '/v1/facts?format=ndjson&limit=1000' \
         '/v1/facts?sort=-valid_from&limit=3'; do
    curl -s -o /dev/null -H 'Accept-Encoding: gzip' "$BASE$t"; n=$((n + 1))
done
curl -s -o /dev/null -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' b)" "$BASE/healthz"; n=$((n + 1))
curl -s -o /dev/null -H 'If-None-Match: W/"x", *' "$BASE/v1"; n=$((n + 1))
printf 'GET /healthz HTTP/1.1\r\n\r\n' | timeout 5 python3 -c '
import socket,sys; s=socket.create_connection(("127.0.0.1",'"$PORT"')); s.sendall(sys.stdin.buffer.read()); s.recv(4096)' || true
n=$((n + 1))
echo "  $n hostile requests sent"

# reload a good file, then a truncated one (refused), then keep serving
cp "$DB" "$W/live.new" && mv "$W/live.new" "$W/live.db" && kill -HUP $PID
sleep 3
head -c 200000 "$DB" > "$W/live.new" && mv "$W/live.new" "$W/live.db" && kill -HUP $PID
sleep 3
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/v1/facts?limit=5")
[ "$code" = 200 ] || { echo "  FAIL: after reloads /v1/facts answered $code"; fail=1; }
grep -q '"event":"reload"' "$SLOG" || { echo "  FAIL: no reload logged"; fail=1; }
grep -q '"event":"reload_failed"' "$SLOG" || { echo "  FAIL: truncated file not refused"; fail=1; }

rc=0
pf_stop $PID 60 || rc=$?
errors=$(grep -o 'ERROR SUMMARY: [0-9]*' "$VLOG" | tail -1 | grep -o '[0-9]*$')
definite=$(grep -o 'definitely lost: [0-9,]* bytes' "$VLOG" | tail -1)
indirect=$(grep -o 'indirectly lost: [0-9,]* bytes' "$VLOG" | tail -1)
possibly=$(grep -o 'possibly lost: [0-9,]* bytes' "$VLOG" | tail -1)
echo "  memcheck: exit $rc, ERROR SUMMARY: ${errors:-?} errors; ${definite:-definitely lost: 0 bytes}; ${indirect:-indirectly lost: 0 bytes}; ${possibly:-possibly lost: 0 bytes}"
if [ "$rc" -ne 0 ] || [ "${errors:-1}" != 0 ]; then
    echo "  FAIL: memcheck found problems; see $VLOG"; fail=1
    grep -A12 -m3 -E 'Invalid|uninitialised|definitely lost in' "$VLOG" | head -60
fi
grep -q '^  FAIL' "$W/test_api.out" && echo "  (integration test failures under memcheck are timing, not memory: see $W/test_api.out)"
if [ $fail -eq 0 ]; then echo "valgrind: 1 passed, 0 failed"; else echo "valgrind: 0 passed, 1 failed"; fi
exit $fail
