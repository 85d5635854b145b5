#!/usr/bin/env bash
# bench/tail.sh: how much work per request the p99 latency tolerates on this
# machine, with wrk sharing the cores (`make bench-tail`, bench/README.md).
#
# Serves the GDP series answer of policyfacts (a) and, with the same bytes
# and headers, bench/floor spinning TAIL_WORK ns on each request before it
# answers (floor --work-ns). Runs wrk on each, alternating, TAIL_ROUNDS
# times, and prints medians of req/s, p50 and p99, and how often the
# server's worker threads went to sleep (voluntary context switches) and
# were preempted (involuntary ones) per 1,000 requests: a worker that has
# no time to sleep waits for the CPU in time slices, which is what moves
# p99 from about one millisecond to several.
#
# Environment (defaults in brackets): TAIL_WORK ["0 500 1000 2000 4000"]
# TAIL_ROUNDS [3] TAIL_SECONDS [4] TAIL_CONNS [64] TAIL_THREADS [nproc]
# PF_BIN [build/policyfacts] PF_DB [build/policyfacts.db]
# FLOOR_BIN [build/bench/floor]
set -euo pipefail
cd "$(dirname "$0")/.."

WORK_NS=${TAIL_WORK:-0 500 1000 2000 4000}
ROUNDS=${TAIL_ROUNDS:-3}
SECS=${TAIL_SECONDS:-4}
CONNS=${TAIL_CONNS:-64}
THREADS=${TAIL_THREADS:-$(nproc)}
PF_BIN=${PF_BIN:-build/policyfacts}
PF_DB=${PF_DB:-build/policyfacts.db}
FLOOR_BIN=${FLOOR_BIN:-build/bench/floor}
U="python3 bench/bench_util.py"
GDP="/v1/gdp-shares?country=CHN&component=household_consumption"

die() {
    echo "tail: $*" >&2
    exit 1
}
for b in "$PF_BIN" "$FLOOR_BIN"; do [ -x "$b" ] || die "$b missing (make bench-floor)"; done
command -v wrk >/dev/null || die "wrk missing (tools/deps.sh bench)"

WORK=$(mktemp -d /tmp/pf-tail.XXXXXX)
# shellcheck source=bench/lib.sh
. bench/lib.sh # PIDS, cleanup on exit, wait_http

# Server name -> port and pid. "a" is policyfacts, "wN" the floor at N ns.
declare -A PORT PID URL
names=(a)
read -r -a ports < <($U freeports $((1 + $(wc -w <<<"$WORK_NS"))))
PORT[a]=${ports[0]}
"$PF_BIN" serve --db "$PF_DB" --bind 127.0.0.1 --port "${PORT[a]}" \
    --threads "$THREADS" >/dev/null 2>&1 &
PID[a]=$!
PIDS+=("${PID[a]}")
URL[a]="http://127.0.0.1:${PORT[a]}$GDP"
wait_http "${PORT[a]}" /healthz

# The floor sends the same body and headers as (a), as in bench/run.sh.
curl -s -o "$WORK/body" -D "$WORK/hdr" "${URL[a]}"
fargs=(--threads "$THREADS" --content-type "application/json; charset=utf-8")
while IFS= read -r line; do
    fargs+=(--header "$line")
done < <(tr -d '\r' <"$WORK/hdr" | awk -F': ' 'NR > 1 && NF > 1 &&
    tolower($1) !~ /^(date|content-length|content-type|etag|connection)$/')
i=1
for ns in $WORK_NS; do
    n=w$ns
    names+=("$n")
    PORT[$n]=${ports[$i]}
    i=$((i + 1))
    "$FLOOR_BIN" "$WORK/body" --port "${PORT[$n]}" --work-ns "$ns" \
        "${fargs[@]}" >/dev/null 2>&1 &
    PID[$n]=$!
    PIDS+=("${PID[$n]}")
    URL[$n]="http://127.0.0.1:${PORT[$n]}/"
    wait_http "${PORT[$n]}" /
done

switches() { # pid -> "voluntary involuntary", summed over worker threads
    local t v=0 nv=0 a b
    for t in /proc/"$1"/task/*; do
        grep -q MHD-worker "$t/comm" 2>/dev/null || continue
        read -r a b < <(awk '/^voluntary_ctxt/ { v = $2 }
            /^nonvoluntary_ctxt/ { n = $2 } END { print v, n }' "$t/status")
        v=$((v + a))
        nv=$((nv + b))
    done
    echo "$v $nv"
}

RAW=$WORK/raw
: >"$RAW"
for r in $(seq "$ROUNDS"); do
    for n in "${names[@]}"; do
        $U settle >/dev/null
        read -r v0 nv0 < <(switches "${PID[$n]}")
        read -r rps p50 p99 reqs _ < <(wrk -t2 -c"$CONNS" -d"${SECS}s" \
            --timeout 5s -s bench/wrk_report.lua "${URL[$n]}" 2>&1 |
            awk '$1 == "WRK" { print $2, $3, $4, $5, $6 }')
        read -r v1 nv1 < <(switches "${PID[$n]}")
        echo "$n $rps $p50 $p99 $(((v1 - v0) * 1000 / reqs)) $(((nv1 - nv0) * 1000 / reqs))" >>"$RAW"
        printf '  round %s %-6s %8.0f req/s  p50 %6.0f µs  p99 %6.0f µs\n' \
            "$r" "$n" "$rps" "$p50" "$p99"
    done
done

echo
echo "wrk -t2 -c$CONNS, ${SECS} s, medians of $ROUNDS; $THREADS server threads; $(nproc) cores"
echo "| server | req/s | p50 | p99 | sleeps / 1k req | preemptions / 1k req |"
echo "|---|---:|---:|---:|---:|---:|"
$U medians "$RAW" | awk '{
    label = $1 == "a" ? "policyfacts (gdp series)" : "floor, --work-ns " substr($1, 2)
    printf "| %s | %.0f | %.0f µs | %.1f ms | %.0f | %.0f |\n", label, $2, $3, $4 / 1000, $5, $6
}'
