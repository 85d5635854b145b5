#!/usr/bin/env bash
# bench/run.sh: the benchmark behind `make bench` (see bench/README.md).
#
# Starts four servers side by side on free loopback ports:
#   (a) policyfacts serving the bundled database
#   (b) bench/floor: libmicrohttpd returning the same bytes as (a), fixed body
#   (c) nginx serving the same bytes as static files, with open_file_cache
#   (d) json-server 0.17.4 (npm) over the same facts as a db.json
# then runs wrk on each endpoint at each connection count, RUNS times,
# alternating the servers, and prints medians and ratios of (a) to the others.
# Afterwards: policyfacts' peak RSS (also with 1,000 idle connections), its
# start-up time, and the filtered-page latency on the 1,000,000-fact database
# (build/facts-1m.db, made by `make bench-data`) against the bundled one.
#
# Environment (defaults in brackets):
#   BENCH_SECONDS [5]   length of each wrk run      BENCH_RUNS [3]
#   BENCH_CONNS ["1 64 256"]                        BENCH_WARMUP [1] seconds
#   BENCH_ENDPOINTS ["fact page page_nocache world_nocache gdp tariff
#                       revalidate csv"]
#                       *_nocache: on a second policyfacts with its response
#                       cache off (PF_CACHE_BYTES=0); world_nocache: one
#                       measure and year across every economy (compare
#                       entities=all)
#   BENCH_THREADS [nproc]  policyfacts/floor threads, nginx workers
#   BENCH_IDLE [1000]   idle connections for the RSS figure
#   BENCH_WALK_ROUNDS [3]  fresh processes per database for the 1M
#                       first-time walk (each warm and, as root, cold)
#   BENCH_FLOOR_HEADERS [1]  1: (b) also sends (a)'s response headers (all
#                       but Date, Content-Length, Connection), so that the
#                       client parses the same bytes from both; 0: (b) sends
#                       only Content-Type and ETag
#   BENCH_STUB [0]      1: stand bench/floor in for policyfacts (to test the
#                       harness before the server exists; figures mean nothing)
#   PF_BIN [build/policyfacts] PF_DB [build/policyfacts.db]
#   PF_1M_DB [build/facts-1m.db] FLOOR_BIN [build/bench/floor]
#   BENCH_DATA [data]   BENCH_OUT [bench/out]   BENCH_FACT_ID [discovered]
#   BENCH_PF_ARGS []    extra `policyfacts serve` flags (e.g. --log-level warn)
#   BENCH_LOGS [0]      1: keep the servers' output in bench/out/*.log
#                       (default: /dev/null; policyfacts still formats and
#                       writes its access log line per request)
# Every process this script starts is stopped by its own pid on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-5}
RUNS=${BENCH_RUNS:-3}
WALK_ROUNDS=${BENCH_WALK_ROUNDS:-3}
CONNS=${BENCH_CONNS:-1 64 256}
WARMUP=${BENCH_WARMUP:-1}
ENDPOINTS=${BENCH_ENDPOINTS:-fact page page_nocache world_nocache gdp tariff revalidate csv}
THREADS=${BENCH_THREADS:-$(nproc)}
IDLE_N=${BENCH_IDLE:-1000}
STUB=${BENCH_STUB:-0}
PF_ARGS=${BENCH_PF_ARGS:-}
KEEP_LOGS=${BENCH_LOGS:-0}
FLOOR_HEADERS=${BENCH_FLOOR_HEADERS:-1}
PF_BIN=${PF_BIN:-build/policyfacts}
PF_DB=${PF_DB:-build/policyfacts.db}
PF_1M_DB=${PF_1M_DB:-build/facts-1m.db}
FLOOR_BIN=${FLOOR_BIN:-build/bench/floor}
DATA=${BENCH_DATA:-data}
OUT=${BENCH_OUT:-bench/out}
U="python3 bench/bench_util.py"

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

# ---------------------------------------------------------------- tools
need() { # command debian-package
    command -v "$1" >/dev/null 2>&1 && return 0
    [ "$(id -u)" = 0 ] || die "$1 is missing: apt-get install $2"
    say "bench: installing $2"
    apt-get install -y -q "$2" >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; } ||
        die "cannot install $2"
}
need wrk wrk
need nginx nginx
need node nodejs
need npm npm
need curl curl
if [ ! -f bench/node_modules/json-server/package.json ]; then
    say "bench: npm ci in bench/ (json-server 0.17.4)"
    (cd bench && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
JSON_SERVER=bench/node_modules/json-server/lib/cli/bin.js
[ -x "$FLOOR_BIN" ] || die "$FLOOR_BIN is missing: make bench-floor"
[ -d "$DATA" ] && ls "$DATA"/facts_*.csv >/dev/null 2>&1 ||
    die "no $DATA/facts_*.csv (set BENCH_DATA)"
if [ "$STUB" != 1 ]; then
    [ -x "$PF_BIN" ] || die "$PF_BIN is missing (make), or BENCH_STUB=1"
    [ -f "$PF_DB" ] || die "$PF_DB is missing (make)"
fi
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

# ---------------------------------------------------------------- setup
WORK=$(mktemp -d /tmp/pf-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers may run as another user
mkdir -p "$OUT" "$WORK/www" "$WORK/nginx/tmp"
RAW=$OUT/raw.tsv
META=$OUT/meta.tsv
: >"$RAW"
: >"$META"
# shellcheck source=bench/lib.sh
. bench/lib.sh # PIDS, cleanup on exit, wait_http

stop_pid() { # pid: stop one server we started and forget it
    local p=$1 i
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
    for i in "${!PIDS[@]}"; do [ "${PIDS[$i]}" = "$p" ] && unset 'PIDS[i]'; done
    return 0
}

eval "$($U discover "$DATA")"
FACT_ID=${BENCH_FACT_ID:-$FACT_ID}
[ -n "$FACT_ID" ] || die "no fact id found in $DATA"
read -r PA PB PC PD PX P1M PN < <($U freeports 7)

# Endpoints: policyfacts (a) path, json-server (d) path, nginx file name.
declare -A A_PATH D_PATH FILE CTYPE
A_PATH[fact]="/v1/facts/$FACT_ID"
A_PATH[page]="/v1/facts?kind=gdp_share&subject=CHN&limit=100"
A_PATH[page_nocache]=${A_PATH[page]}
A_PATH[world_nocache]="/v1/compare?measure=gdp_growth&entities=all&period=2020"
A_PATH[gdp]="/v1/gdp-shares?country=CHN&component=household_consumption"
A_PATH[tariff]="/v1/tariffs/USA/CHN?on=2025-04-20"
A_PATH[revalidate]="/v1/facts/$FACT_ID"
A_PATH[csv]="/v1/facts?format=csv&limit=100"
D_PATH[fact]="/facts/$FACT_ID?_expand=source"
D_PATH[page]="/facts?kind=gdp_share&subject=CHN&_limit=100&_expand=source"
D_PATH[page_nocache]=${D_PATH[page]}
# json-server cannot rank or tell economies from aggregates: the year's
# facts of the measure, highest first
D_PATH[world_nocache]="/facts?measure=gdp_growth&period=2020&_sort=value&_order=desc&_expand=source"
D_PATH[gdp]="/facts?kind=gdp_share&subject=CHN&measure=$GDP_MEASURE&_sort=period&_expand=source"
D_PATH[tariff]="/facts?kind=tariff_rate&subject=USA&object=CHN&valid_from_lte=2025-04-20&valid_to_gte=2025-04-20&_expand=source"
D_PATH[revalidate]=${D_PATH[fact]}
D_PATH[csv]="/facts?_limit=100&_expand=source" # json-server has no CSV
for ep in fact page page_nocache world_nocache gdp tariff revalidate; do FILE[$ep]=$ep.json; CTYPE[$ep]=application/json; done
FILE[revalidate]=fact.json
FILE[page_nocache]=page.json
FILE[csv]=export.csv
CTYPE[csv]=text/csv
for ep in $ENDPOINTS; do
    [ -n "${A_PATH[$ep]:-}" ] || die "unknown endpoint '$ep'"
done

# ---------------------------------------------------------------- servers
if [ "$STUB" = 1 ]; then
    say "bench: BENCH_STUB=1: bench/floor stands in for policyfacts"
    printf '{"stub":true,"note":"BENCH_STUB=1: floor in place of policyfacts"}\n' >"$WORK/stub.json"
    pf_cmd() { # port db
        echo "$FLOOR_BIN" "$WORK/stub.json" --port "$1" --threads "$THREADS" --etag '"stub"'
    }
else
    pf_cmd() { # port db
        echo "$PF_BIN" serve --db "$2" --bind 127.0.0.1 --port "$1" --threads "$THREADS" $PF_ARGS
    }
fi

start_bg() { # logname cmd...: start a server, remember its pid in LAST_PID
    local log=$1
    shift
    if [ "$KEEP_LOGS" = 1 ]; then
        "$@" >"$OUT/$log.log" 2>&1 &
    else
        "$@" >/dev/null 2>&1 &
    fi
    LAST_PID=$!
    PIDS+=("$LAST_PID")
}

# shellcheck disable=SC2046
start_bg a $(pf_cmd "$PA" "$PF_DB")
PID_A=$LAST_PID
wait_http "$PA" /healthz
# The same server with its response cache off, for the *_nocache endpoints
# and the 1M comparison: what a request costs when the cache cannot answer
# it. (env execs the server, so $! is the server itself.)
if [[ " $ENDPOINTS " == *"_nocache "* ]]; then
    # shellcheck disable=SC2046
    start_bg n env PF_CACHE_BYTES=0 $(pf_cmd "$PN" "$PF_DB")
    wait_http "$PN" /healthz
fi

# Bodies for (b) and (c): the bytes (a) sends; and (a)'s headers for (b).
mkdir -p "$WORK/hdr"
for ep in $ENDPOINTS; do
    curl -s -o /dev/null -D "$WORK/hdr/$ep" "http://127.0.0.1:$PA${A_PATH[$ep]}"
    [ "$ep" = revalidate ] && continue
    code=$(curl -s -o "$WORK/www/${FILE[$ep]}" -w '%{http_code}' \
        "http://127.0.0.1:$PA${A_PATH[$ep]}")
    if [ "$code" != 200 ]; then
        say "bench: (a) ${A_PATH[$ep]} -> HTTP $code; (b) and (c) serve that body"
    fi
done
if [[ " $ENDPOINTS " == *" revalidate "* && ! -f $WORK/www/fact.json ]]; then
    curl -s -o "$WORK/www/fact.json" "http://127.0.0.1:$PA${A_PATH[fact]}"
fi
etag_of() { # url
    curl -s -D - -o /dev/null "$1" | tr -d '\r' |
        awk 'tolower($1) == "etag:" { sub(/^[^:]*: */, ""); print; exit }'
}
ETAG_A=$(etag_of "http://127.0.0.1:$PA${A_PATH[revalidate]}")

# (c) nginx, own prefix under $WORK, no root needed (as root, workers run as
# nobody; $WORK is world-readable for them).
NGX=$WORK/nginx
{
    if [ "$(id -u)" = 0 ]; then
        echo "user nobody $(id -gn nobody 2>/dev/null || echo nogroup);"
    fi
    cat <<EOF
worker_processes $THREADS;
daemon off;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 4096; }
http {
    types { application/json json; text/csv csv; }
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 100000000;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
    open_file_cache_min_uses 1;
    open_file_cache_errors on;
    etag on;
    client_body_temp_path $NGX/tmp/body;
    proxy_temp_path $NGX/tmp/proxy;
    fastcgi_temp_path $NGX/tmp/fastcgi;
    uwsgi_temp_path $NGX/tmp/uwsgi;
    scgi_temp_path $NGX/tmp/scgi;
    server {
        listen 127.0.0.1:$PC;
        root $WORK/www;
    }
}
EOF
} >"$NGX/nginx.conf"
chmod -R a+rX "$WORK"
start_bg c nginx -p "$NGX" -e "$NGX/error.log" -c "$NGX/nginx.conf"
wait_http "$PC" /

# (d) json-server over db.json made from the same CSVs.
python3 bench/make_db_json.py "$DATA" "$WORK/db.json" >&2
start_bg d node "$JSON_SERVER" "$WORK/db.json" --host 127.0.0.1 --port "$PD" --quiet --read-only
wait_http "$PD" /facts/"$FACT_ID" 120 # ~6 s to read 173k facts

ETAG_C=$(etag_of "http://127.0.0.1:$PC/fact.json")
ETAG_D=$(etag_of "http://127.0.0.1:$PD${D_PATH[revalidate]}")

url_of() { # server endpoint
    case $1 in
    a) if [[ $2 == *_nocache ]]; then
           echo "http://127.0.0.1:$PN${A_PATH[$2]}"
       else
           echo "http://127.0.0.1:$PA${A_PATH[$2]}"
       fi ;;
    b) echo "http://127.0.0.1:$PB/" ;;
    c) echo "http://127.0.0.1:$PC/${FILE[$2]}" ;;
    d) echo "http://127.0.0.1:$PD${D_PATH[$2]}" ;;
    esac
}
hdr_of() { # server endpoint
    [ "$2" = revalidate ] || return 0
    case $1 in
    a | b) echo "If-None-Match: $ETAG_A" ;;
    c) echo "If-None-Match: $ETAG_C" ;;
    d) echo "If-None-Match: $ETAG_D" ;;
    esac
}

run_wrk() { # server endpoint conns seconds -> "rps p50 p99 requests errors"
    local s=$1 ep=$2 c=$3 d=$4 t=2 hdr
    [ "$c" -lt 2 ] && t=1
    # Start on an idle machine: the previous server may still be busy.
    $U settle >/dev/null
    hdr=$(hdr_of "$s" "$ep")
    local args=(-t"$t" -c"$c" -d"${d}s" --timeout 5s -s bench/wrk_report.lua)
    [ -n "$hdr" ] && args+=(-H "$hdr")
    wrk "${args[@]}" "$(url_of "$s" "$ep")" 2>&1 |
        awk '$1 == "WRK" { print $2, $3, $4, $5, $6; found = 1 }
             END { if (!found) print "0 0 0 0 -1" }'
}

# ---------------------------------------------------------------- machine
{
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
    echo "- machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), kernel $(uname -r)"
    echo "- tools: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), $(nginx -v 2>&1 | sed 's/.*: //'), node $(node --version), json-server $(node -p "require('./bench/node_modules/json-server/package.json').version"), libmicrohttpd $(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?')"
    echo "- settings: wrk -t2 (-t1 at -c1), ${SECS} s per run, ${RUNS} runs, medians; server threads/workers: $THREADS; fact id: $FACT_ID"
    echo "- policyfacts: \`serve --threads $THREADS${PF_ARGS:+ $PF_ARGS}\`, otherwise defaults (access log on, written to /dev/null)"
    if [ "$FLOOR_HEADERS" = 1 ]; then
        echo "- (b) sends (a)'s response headers too (BENCH_FLOOR_HEADERS=1): the client parses the same bytes from both"
    else
        echo "- (b) sends only Content-Type and ETag besides libmicrohttpd's own headers (BENCH_FLOOR_HEADERS=0)"
    fi
    if [ "$STUB" = 1 ]; then
        echo "- **BENCH_STUB=1: (a) is bench/floor, not policyfacts: these figures test the harness only**"
    fi
} >"$OUT/machine.md"
cat "$OUT/machine.md" >&2
if awk '{ exit !($1 > 1.0) }' /proc/loadavg; then
    say "bench: WARNING: load average $(cut -d' ' -f1 /proc/loadavg): other processes share these $(nproc) cores; figures will be noisy"
fi

# ---------------------------------------------------------------- the runs
expect_of() { [ "$1" = revalidate ] && echo 304 || echo 200; }
printf 'endpoint\tconns\tserver\trun\trps\tp50_us\tp99_us\trequests\terrors\n' >"$RAW"
for ep in $ENDPOINTS; do
    # (b) for this endpoint: floor with (a)'s bytes.
    fargs=("$WORK/www/${FILE[$ep]}" --port "$PB" --threads "$THREADS" --content-type "${CTYPE[$ep]}")
    [ -n "$ETAG_A" ] && fargs+=(--etag "$ETAG_A")
    if [ "$FLOOR_HEADERS" = 1 ]; then
        # (a)'s own headers for this endpoint, but for those libmicrohttpd
        # writes itself and the two given above.
        while IFS= read -r line; do
            fargs+=(--header "$line")
        done < <(tr -d '\r' <"$WORK/hdr/$ep" | awk -F': ' 'NR > 1 && NF > 1 &&
            tolower($1) !~ /^(date|content-length|content-type|etag|connection)$/')
    fi
    start_bg b "$FLOOR_BIN" "${fargs[@]}"
    PID_B=$LAST_PID
    wait_http "$PB" /

    active=()
    for s in a b c d; do
        hdr=$(hdr_of "$s" "$ep")
        code=$(curl -s -o /dev/null -w '%{http_code}' ${hdr:+-H "$hdr"} "$(url_of "$s" "$ep")")
        if [ "$code" = "$(expect_of "$ep")" ]; then
            active+=("$s")
        else
            say "bench: $ep: ($s) answers HTTP $code, not $(expect_of "$ep"): skipped"
            printf 'skip:%s:%s\tHTTP %s\n' "$ep" "$s" "$code" >>"$META"
        fi
    done
    if [ "$WARMUP" != 0 ]; then
        for s in "${active[@]}"; do run_wrk "$s" "$ep" 16 "$WARMUP" >/dev/null; done
    fi
    for c in $CONNS; do
        for ((r = 1; r <= RUNS; r++)); do
            n=${#active[@]}
            for ((k = 0; k < n; k++)); do
                s=${active[$(((k + r - 1) % n))]}
                read -r rps p50 p99 reqs errs < <(run_wrk "$s" "$ep" "$c" "$SECS")
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ep" "$c" "$s" "$r" \
                    "$rps" "$p50" "$p99" "$reqs" "$errs" >>"$RAW"
                say "$(printf '  %-10s c%-3s run %d (%s): %9.0f req/s  p50 %7.0f µs  p99 %7.0f µs  err %s' \
                    "$ep" "$c" "$r" "$s" "$rps" "$p50" "$p99" "$errs")"
            done
        done
    done
    stop_pid "$PID_B"
done

# ---------------------------------------------------------------- extras
kb_mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
EXTRA=$OUT/extra.md
: >"$EXTRA"
read -r rss hwm < <($U rss "$PID_A")
echo "- (a) after all the runs above: VmRSS $(kb_mb "$rss"), peak (VmHWM) $(kb_mb "$hwm")" >>"$EXTRA"

# Start-up: exec -> first 200 on /healthz, on a fresh process each time.
# shellcheck disable=SC2046
read -r st_med st_min st_max < <($U startup "$PX" 5 -- $(pf_cmd "$PX" "$PF_DB"))
echo "- (a) start-up, exec to first 200 on /healthz: median ${st_med} ms (min ${st_min}, max ${st_max}; 5 starts)" >>"$EXTRA"

# Peak RSS of a fresh process holding IDLE_N idle keep-alive connections.
# shellcheck disable=SC2046
start_bg x $(pf_cmd "$PX" "$PF_DB")
PID_X=$LAST_PID
wait_http "$PX" /healthz
read -r rss0 _ < <($U rss "$PID_X")
read -r ok open failed rss1 hwm1 < <($U idle "$PX" "$PID_X" "$IDLE_N" /healthz)
echo "- (a) fresh process: VmRSS $(kb_mb "$rss0") idle; with $IDLE_N connections opened ($ok answered 200, $open still open after 1 s, $failed refused): VmRSS $(kb_mb "$rss1"), peak (VmHWM) $(kb_mb "$hwm1")" >>"$EXTRA"
stop_pid "$PID_X"

# Filtered page on the 1,000,000-fact database against the bundled one.
PAGE=${A_PATH[page]}
if [ ! -f "$PF_1M_DB" ]; then
    echo "- 1,000,000 facts: skipped ($PF_1M_DB missing: make bench-data)" >>"$EXTRA"
else
    # First-time requests: each country's page with GDP data, then its next
    # pages (keyset cursors), once each, on a fresh process (response cache
    # off, SQLite's own cache empty), WALK_ROUNDS processes per database,
    # alternating, latencies pooled. On the 1M file the 60 requests are
    # China's first 60 pages; on the bundled one, all 19 pages there are.
    paths=()
    for cc in $GDP_COUNTRIES; do paths+=("/v1/facts?kind=gdp_share&subject=$cc&limit=100"); done
    walk() { # 1m|x warm|cold: one fresh process walking once
        local db=$PF_DB port=$PX
        [ "$1" = 1m ] && db=$PF_1M_DB port=$P1M
        if [ "$2" = cold ]; then
            sync
            echo 3 >/proc/sys/vm/drop_caches
        fi
        # shellcheck disable=SC2046
        start_bg w env PF_CACHE_BYTES=0 $(pf_cmd "$port" "$db")
        local pid=$LAST_PID
        wait_http "$port" /healthz 120
        $U coldwalk "127.0.0.1:$port" 60 --raw "$WORK/walk.$1.$2" "${paths[@]}" >/dev/null
        stop_pid "$pid"
    }
    # OS page cache warm: both files read once first, so the walk measures
    # the server's work, not the disk. Then, where the page cache can be
    # dropped (root, writable /proc/sys/vm/drop_caches), the same walk
    # from a cold page cache, dropped before each process.
    states=warm
    if [ -w /proc/sys/vm/drop_caches ] && sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
        states="warm cold"
    fi
    cat "$PF_1M_DB" "$PF_DB" >/dev/null
    for st in $states; do
        for ((r = 1; r <= WALK_ROUNDS; r++)); do
            walk 1m "$st"
            walk x "$st"
        done
    done
    t0=$(date +%s.%N)
    # Both with the response cache off, so every request reaches the store.
    # shellcheck disable=SC2046
    start_bg m env PF_CACHE_BYTES=0 $(pf_cmd "$P1M" "$PF_1M_DB")
    PID_M=$LAST_PID
    wait_http "$P1M" /healthz 120
    t1=$(date +%s.%N)
    # shellcheck disable=SC2046
    start_bg x env PF_CACHE_BYTES=0 $(pf_cmd "$PX" "$PF_DB")
    PID_X=$LAST_PID
    wait_http "$PX" /healthz
    # Repeated requests of the one page, alternating, -c1 and -c64.
    declare -A H
    for c in 1 64; do
        for ((r = 1; r <= RUNS; r++)); do
            for which in bundled 1m; do
                port=$PX
                [ $which = 1m ] && port=$P1M
                t=2; [ $c = 1 ] && t=1
                $U settle >/dev/null
                read -r rps p50 p99 _ < <(wrk -t$t -c$c -d"${SECS}s" --timeout 5s -s bench/wrk_report.lua \
                    "http://127.0.0.1:$port$PAGE" | awk '$1 == "WRK" { print $2, $3, $4, $5 }')
                H[$which:$c:rps]+="$rps "
                H[$which:$c:p50]+="$p50 "
                H[$which:$c:p99]+="$p99 "
            done
        done
    done
    med() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    {
        echo "- 1,000,000-fact database ($(du -h "$PF_1M_DB" | cut -f1), bundled $(du -h "$PF_DB" 2>/dev/null | cut -f1)); (a) on it answered /healthz $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s after exec"
        echo "  - response cache off (PF_CACHE_BYTES=0) in both processes"
        for st in warm cold; do
            [ -f "$WORK/walk.x.$st" ] || {
                echo "  - first-time walk from a cold OS page cache: skipped (needs root and a writable /proc/sys/vm/drop_caches)"
                continue
            }
            read -r n_x med_x p90_x _ < <($U pctl "$WORK/walk.x.$st")
            read -r n_m med_m p90_m _ < <($U pctl "$WORK/walk.1m.$st")
            echo "  - first-time walk ($PAGE, the other countries' pages and their next pages, once each; $WALK_ROUNDS fresh processes per file, alternating), OS page cache $([ $st = warm ] && echo "warm (both files read once before)" || echo "cold (dropped before each process)"): bundled median ${med_x} µs, p90 ${p90_x} µs ($n_x requests); 1M median ${med_m} µs, p90 ${p90_m} µs ($n_m requests); ratio $(awk -v a="$med_m" -v b="$med_x" 'BEGIN { printf "%.2f", a / b }')×"
        done
        for c in 1 64; do
            rb=$(echo "${H[bundled:$c:rps]}" | med); r1=$(echo "${H[1m:$c:rps]}" | med)
            pb=$(echo "${H[bundled:$c:p50]}" | med); p1=$(echo "${H[1m:$c:p50]}" | med)
            qb=$(echo "${H[bundled:$c:p99]}" | med); q1=$(echo "${H[1m:$c:p99]}" | med)
            echo "  - $PAGE repeated, -c$c: bundled $(printf '%.0f' "$rb") req/s, p50 $(printf '%.0f' "$pb") µs, p99 $(printf '%.0f' "$qb") µs; 1M $(printf '%.0f' "$r1") req/s, p50 $(printf '%.0f' "$p1") µs, p99 $(printf '%.0f' "$q1") µs; p50 ratio $(awk -v a="$p1" -v b="$pb" 'BEGIN { printf "%.2f", a / b }')×"
        done
    } >>"$EXTRA"
    stop_pid "$PID_M"
    stop_pid "$PID_X"
fi
if [ -f build/facts-1m.load.txt ]; then
    sed 's/^/- /' build/facts-1m.load.txt >>"$EXTRA"
fi

# ---------------------------------------------------------------- report
{
    echo "## Benchmark run"
    echo
    cat "$OUT/machine.md"
    echo
    echo "Servers: (a) policyfacts, (b) bench/floor (libmicrohttpd, same bytes), (c) nginx static + open_file_cache, (d) json-server 0.17.4."
    echo "Cells: median req/s · median p50 · median p99 of ${RUNS} runs; ratios are (a)'s median req/s over the other's."
    echo
    $U table "$RAW" "$META"
    echo
    sizes=()
    for ep in $ENDPOINTS; do
        [ "$ep" = revalidate ] && continue
        sizes+=("$ep $(stat -c %s "$WORK/www/${FILE[$ep]}")/$(curl -s "$(url_of d "$ep")" | wc -c)")
    done
    echo "Body sizes in bytes, (a)/(d): $(IFS=';'; echo "${sizes[*]}" | sed 's/;/; /g')."
    echo
    cat "$EXTRA"
    echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/results.md"
echo
cat "$OUT/results.md"
say "bench: raw figures in $RAW, report in $OUT/results.md"
