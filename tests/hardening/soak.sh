#!/usr/bin/env bash
# Soak: SOAK_SECONDS (default 600) of mixed wrk load at -c256 against the
# real server, with a data reload (SIGHUP, alternating two good stores)
# every 30 s. Passes when wrk saw zero socket errors, every answer was 200
# or 304, every reload was taken, and RSS grew less than 5% after the
# warm-up: the peak RSS of the last 60 s against the peak of the warm-up
# (90 s; a sixth of a short run). Peaks, because RSS steps up and down with
# the store loaded (the two alternate stores differ in size); each window
# spans both.
# Figures go to tests/out/hardening/soak/.
#
# Usage: tests/hardening/soak.sh   (PF_BIN, PF_DBFILE, SOAK_SECONDS,
#                                   SOAK_CONNECTIONS, SOAK_THREADS)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/server.sh
BIN=${PF_BIN:-build/policyfacts}
DB=${PF_DBFILE:-build/policyfacts.db}
SECS=${SOAK_SECONDS:-600}
CONNS=${SOAK_CONNECTIONS:-256}
WT=${SOAK_THREADS:-2}
# warm-up: three reloads (both stores loaded, caches and pools filled)
WARM=$(( SECS >= 600 ? 90 : SECS / 6 ))
W=tests/out/hardening/soak
rm -rf "$W"; mkdir -p "$W"
command -v wrk >/dev/null || { echo "soak: wrk is not installed (tools/deps.sh bench)"; exit 2; }
ulimit -n 65536 2>/dev/null || ulimit -n 8192

# two good stores to alternate: the bundled data, and the bundled data plus
# 2,000 generated facts
python3 tests/hardening/gen_facts.py data "$W/gen" 2000 7 >/dev/null
cp data/facts_*.csv "$W/gen/"
"$BIN" load "$W/gen" -o "$W/b.db" --quiet || exit 1
cp "$DB" "$W/a.db"
cp "$W/a.db" "$W/live.db"

LOG="$W/server.log"
# --log-level warn leaves out the start line (and the request lines, which
# would fill the disk): the port is chosen here and given to the server
PF_BIN=$BIN pf_serve "$LOG" --db "$W/live.db" --port "$(pf_free_port)" --log-level warn ||
    { echo "soak: server did not start"; exit 1; }
PID=$PF_PID PORT=$PF_PORT BASE=$PF_URL
trap 'kill -9 $PID 2>/dev/null' EXIT

# every path of the mix must be valid before the load starts
for p in $(grep -o '"/[^"]*"' tests/hardening/soak.lua | tr -d '"'); do
    c=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$p")
    [ "$c" = 200 ] || { echo "soak: $p answers $c before the load; fix the mix"; exit 1; }
done

rss() { awk '/VmRSS/ {print $2}' /proc/$PID/status; }
echo "soak: ${SECS}s of wrk -t$WT -c$CONNS on $BASE, reload every 30 s (pid $PID)"
nice -n 0 wrk -t"$WT" -c"$CONNS" -d"${SECS}s" --timeout 10s --latency \
    -s tests/hardening/soak.lua "$BASE" > "$W/wrk.out" 2>&1 &
WRK=$!

t0=$(date +%s)
reloads=0
next_reload=30
rss_warm=""
: > "$W/rss.tsv"
while kill -0 $WRK 2>/dev/null; do
    sleep 1
    el=$(( $(date +%s) - t0 ))
    r=$(rss)
    printf '%d\t%s\n' "$el" "$r" >> "$W/rss.tsv"
    if [ "$el" -ge "$next_reload" ] && [ "$el" -lt "$SECS" ]; then
        src=$([ $((reloads % 2)) -eq 0 ] && echo b || echo a)
        cp "$W/$src.db" "$W/live.new" && mv "$W/live.new" "$W/live.db"
        kill -HUP $PID
        reloads=$((reloads + 1))
        next_reload=$((next_reload + 30))
    fi
done
wait $WRK
sleep 1
# the access log is off (--log-level warn): count reloads from /metrics
metrics=$(curl -s "$BASE/metrics")
taken=$(printf '%s\n' "$metrics" | awk '/^policyfacts_reloads_total/ {print $2}')
refused=$(printf '%s\n' "$metrics" | awk '/^policyfacts_reload_failures_total/ {print $2}')
src=0; pf_stop $PID || src=$?
trap - EXIT

cat "$W/wrk.out"
fail=0
reqs=$(grep -o '^ *[0-9]* requests in' "$W/wrk.out" | grep -o '[0-9]*' | head -1)
rps=$(grep -o 'Requests/sec: *[0-9.]*' "$W/wrk.out" | grep -o '[0-9.]*$')
serr=$(grep '^socket errors' "$W/wrk.out")
non=$(grep '^status ' "$W/wrk.out" | awk '$2 != 200 && $2 != 304 {s += $3} END {print s + 0}')
wrkerr=$(grep -c 'Socket errors\|Non-2xx' "$W/wrk.out")
rss_warm=$(awk -v w="$WARM" '$1 <= w && $2 > m {m = $2} END {print m + 0}' "$W/rss.tsv")
rss_end=$(awk -v e="$((SECS - 60))" '$1 >= e && $2 > m {m = $2} END {print m + 0}' "$W/rss.tsv")
growth=$(awk -v a="${rss_warm:-0}" -v b="$rss_end" 'BEGIN {if (a > 0) printf "%.2f", (b - a) * 100 / a; else print "nan"}')
maxrss=$(cut -f2 "$W/rss.tsv" | sort -n | tail -1)
echo "soak: $reqs requests ($rps/s); statuses: $(grep '^status ' "$W/wrk.out" | sort | awk '{printf "%s=%s ", $2, $3}')"
echo "soak: $serr"
echo "soak: reloads $reloads sent, $taken taken, $refused refused"
minrss=$(cut -f2 "$W/rss.tsv" | sort -n | head -1)
echo "soak: RSS peak $rss_warm kB in the ${WARM}s warm-up -> peak $rss_end kB in the last 60 s (${growth}%); range $minrss..$maxrss kB"
echo "soak: server exit status $src"
[ "$wrkerr" -eq 0 ] || { echo "  FAIL: wrk reports socket errors or non-2xx/3xx answers"; fail=1; }
echo "$serr" | grep -q 'connect 0 read 0 write 0 timeout 0' || { echo "  FAIL: socket errors"; fail=1; }
[ "$non" -eq 0 ] || { echo "  FAIL: $non answers other than 200/304"; fail=1; }
[ "$taken" -eq "$reloads" ] && [ "$refused" -eq 0 ] || { echo "  FAIL: not every reload was taken"; fail=1; }
awk -v g="$growth" 'BEGIN {exit !(g != "nan" && g < 5)}' || { echo "  FAIL: RSS grew ${growth}%"; fail=1; }
[ "$src" -eq 0 ] || { echo "  FAIL: server exit status $src"; fail=1; }
printf '{"seconds":%s,"connections":%s,"requests":%s,"rps":%s,"non_200_304":%s,"reloads":%s,"reloads_taken":%s,"rss_warm_kb":%s,"rss_end_kb":%s,"rss_growth_pct":%s,"rss_max_kb":%s}\n' \
    "$SECS" "$CONNS" "${reqs:-0}" "${rps:-0}" "$non" "$reloads" "$taken" "${rss_warm:-0}" "$rss_end" "$growth" "$maxrss" > "$W/soak.json"
if [ $fail -eq 0 ]; then echo "soak: 1 passed, 0 failed"; else echo "soak: 0 passed, 1 failed"; fi
exit $fail
