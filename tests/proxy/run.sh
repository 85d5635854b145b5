#!/usr/bin/env bash
# Reverse-proxy test: the compose topology without containers.
#
# Two policyfacts replicas on loopback, nginx in front of them with the very
# docker/nginx.conf that docker/compose.yaml uses (only the small
# environment-specific include files are generated here), then:
#   - requests are spread over both replicas
#   - a replica killed mid-run costs no failed request
#   - the proxy cache shows MISS then HIT in X-Cache-Status
#   - links in /policyfacts/v1 and the Link header carry the proxy's
#     host:port and the /policyfacts prefix (also for a second host name)
#   - If-None-Match through the proxy answers 304 with no body
#   - /policyfacts/metrics is not exposed through the proxy
#
# Debian packages needed (installed by the project's deps step, not here):
#   nginx   (or nginx-light; provides /usr/sbin/nginx)
#   curl
# Runs as any user; nothing is written outside a temp dir.
#
# Env: PF_BIN (default build/policyfacts), PF_DBFILE (default build/policyfacts.db),
#      NGINX (default: nginx on PATH or /usr/sbin/nginx), KEEP_TMP=1 keeps the temp dir.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PF_BIN=${PF_BIN:-$ROOT/build/policyfacts}
PF_DBFILE=${PF_DBFILE:-$ROOT/build/policyfacts.db}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
PREFIX=/policyfacts

PASS=0
FAIL=0
ok()   { PASS=$((PASS + 1)); printf 'ok   - %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL - %s\n' "$*"; }
die()  { printf 'proxy-test: %s\n' "$*" >&2; exit 1; }
check() { # check "description" command... : ok if the command succeeds
    local what=$1; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

[[ -x $PF_BIN ]] || die "no server binary at $PF_BIN (set PF_BIN or run make)"
[[ -r $PF_DBFILE ]] || die "no database at $PF_DBFILE (set PF_DBFILE or run make)"
[[ -x $NGINX ]] || die "nginx not found (Debian package nginx)"
command -v curl >/dev/null || die "curl not found (Debian package curl)"

# shellcheck source=tests/lib/server.sh
. "$ROOT/tests/lib/server.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pf-proxy.XXXXXX")
# nginx started as root runs its workers as nobody, who must reach the cache
# and temp dirs below; nothing secret lives here.
chmod 0755 "$TMP"
mkdir -p "$TMP/conf" "$TMP/logs" "$TMP/temp" "$TMP/cache"

declare -A PID=()
cleanup() {
    local rc=$?
    if [[ -s $TMP/nginx.pid ]]; then kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true; fi
    for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ $rc != 0 || ${KEEP_TMP:-0} == 1 ]]; then
        echo "proxy-test: logs kept in $TMP" >&2
        if [[ $rc != 0 ]]; then tail -n 5 "$TMP"/logs/*.log >&2 2>/dev/null || true; fi
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nothing listens on now, below the kernel's ephemeral range so that
# no client socket (or TIME-WAIT left by one) holds it. Racy in theory, fine
# on a test machine; wait_http below fails loudly if someone grabbed it.
declare -A TAKEN=()
EPHEMERAL_LO=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
free_port() {
    local p
    for _ in $(seq 200); do
        p=$((10000 + RANDOM % (EPHEMERAL_LO - 10000)))
        [[ -n ${TAKEN[$p]:-} ]] && continue
        if ! (: </dev/tcp/127.0.0.1/"$p") 2>/dev/null; then TAKEN[$p]=1; echo "$p"; return; fi
    done
    die "no free port found"
}

wait_http() { # wait_http URL: until it answers 200, 10 s at most
    for _ in $(seq 100); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1" || true) == 200 ]] && return 0
        sleep 0.1
    done
    return 1
}

# ---------------------------------------------------------------- replicas
PORT_A=$(free_port)
PORT_B=$(free_port)
PORT_N=$(free_port)
# Fixed ports (nginx's upstream names them): started as tests/lib/server.sh
# says, ready once /healthz answers.
start_replica() { # start_replica NAME PORT
    # Only nginx on loopback may set X-Forwarded-*; the prefix comes from
    # nginx's X-Forwarded-Prefix (the proxy strips it from the path).
    pf_serve "$TMP/logs/replica-$1.log" --db "$PF_DBFILE" --port "$2" \
        --trusted-proxies 127.0.0.1/32 --log-level info ||
        die "replica $1 did not become healthy on :$2"
    PID[$1]=$PF_PID
}
start_replica a "$PORT_A"
start_replica b "$PORT_B"
echo "# replicas a=127.0.0.1:$PORT_A b=127.0.0.1:$PORT_B"

# ------------------------------------------------------------------- nginx
# The main config is ours (paths under $TMP so no root is needed); the
# policyfacts part is docker/nginx.conf, included as is.
cat >"$TMP/conf/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/logs/error.log info;
events { worker_connections 256; }
http {
    client_body_temp_path $TMP/temp/client;
    proxy_temp_path       $TMP/temp/proxy;
    fastcgi_temp_path     $TMP/temp/fastcgi;
    uwsgi_temp_path       $TMP/temp/uwsgi;
    scgi_temp_path        $TMP/temp/scgi;
    access_log off;
    include $ROOT/docker/nginx.conf;
}
EOF
# The two environment-specific includes docker/nginx.conf expects next to
# the main config (compose's versions: docker/nginx-upstream.conf, -server.conf).
cat >"$TMP/conf/policyfacts-upstream.conf" <<EOF
upstream policyfacts_backends {
    server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=5s;
    keepalive 16;
}
proxy_cache_path $TMP/cache levels=1:2 keys_zone=policyfacts_cache:10m max_size=64m
                 inactive=10m use_temp_path=off;
EOF
cat >"$TMP/conf/policyfacts-server.conf" <<EOF
listen 127.0.0.1:$PORT_N;
access_log $TMP/logs/nginx-access.log policyfacts;
EOF
"$NGINX" -t -q -p "$TMP/" -e "$TMP/logs/error.log" -c "$TMP/conf/nginx.conf" \
    || die "nginx -t rejected the config (see $TMP/logs/error.log)"
"$NGINX" -p "$TMP/" -e "$TMP/logs/error.log" -c "$TMP/conf/nginx.conf"
PROXY=http://127.0.0.1:$PORT_N
BASE=$PROXY$PREFIX
wait_http "$BASE/healthz" || die "nginx did not answer on :$PORT_N"
echo "# nginx $PROXY (prefix $PREFIX)"

# Response headers of one request, as "name: value" lines with lower-case
# names and no CRs.
headers() { curl -s -D - -o /dev/null "$@" | tr -d '\r' | sed -E 's/^([^:]+):/\L\1:/'; }
header() { # header NAME curl-args...: the value of one header
    local name=$1; shift
    headers "$@" | sed -n "s/^${name,,}: //p" | head -n1
}

# ------------------------------------------------ 1. load is spread over both
# Each request carries its own X-Request-Id; nginx passes it on and each
# replica logs it, so every id must show up in exactly one replica's log.
# /healthz is not cacheable, so every request reaches a replica.
N=20
for i in $(seq "$N"); do
    curl -s -o /dev/null -H "X-Request-Id: pfproxy-spread-$i" "$BASE/healthz"
done
sleep 0.2 # let the replicas flush their log lines
in_a=$(grep -c 'pfproxy-spread-' "$TMP/logs/replica-a.log" || true)
in_b=$(grep -c 'pfproxy-spread-' "$TMP/logs/replica-b.log" || true)
check "requests spread over both replicas (replica logs: a=$in_a b=$in_b of $N)" \
    test "$in_a" -gt 0 -a "$in_b" -gt 0 -a $((in_a + in_b)) -eq "$N"
up_a=$(grep -c "upstream=127.0.0.1:$PORT_A " "$TMP/logs/nginx-access.log" || true)
up_b=$(grep -c "upstream=127.0.0.1:$PORT_B " "$TMP/logs/nginx-access.log" || true)
check "nginx's log agrees (upstream a=$up_a b=$up_b)" test "$up_a" -gt 0 -a "$up_b" -gt 0

# ---------------------------------------------------- 2. cache: MISS then HIT
URL="$BASE/v1/facts?limit=3"
s1=$(header x-cache-status "$URL")
s2=$(header x-cache-status "$URL")
check "X-Cache-Status MISS then HIT for $PREFIX/v1/facts?limit=3 (got '$s1' then '$s2')" \
    test "$s1" = MISS -a "$s2" = HIT
cc=$(header cache-control "$URL")
check "Cache-Control from the service passes through ('$cc')" grep -q 'max-age=' <<<"$cc"

# -------------------------------------------- 3. links carry prefix and host
# Every absolute URL in the /v1 index must point back through the proxy.
links_ok() { # links_ok BASE curl-args...: body has absolute links, all under BASE
    local want=$1; shift
    local body urls bad
    body=$(curl -s "$@")
    urls=$(grep -oE '"https?://[^"]*"' <<<"$body" | tr -d '"' || true)
    [[ -n $urls ]] || { echo "  no absolute links in: ${body:0:200}"; return 1; }
    bad=$(grep -vF "$want/" <<<"$urls" || true)
    [[ -z $bad ]] || { echo "  links not under $want/:"; sed 's/^/    /' <<<"$bad" | head -n 5; return 1; }
}
check "links in $PREFIX/v1 are under $BASE/" links_ok "$BASE" "$BASE/v1"
link=$(header link "$BASE/v1/facts?limit=2")
check "Link header on $PREFIX/v1/facts is under $BASE/ ('$link')" \
    grep -qF "<$BASE/" <<<"$link"
# The same path reached by another host name (through the now warm cache)
# must not serve links built for the first name.
ALT=http://localhost:$PORT_N$PREFIX
check "links for Host: localhost:$PORT_N are under $ALT/ (cache keyed by host)" \
    links_ok "$ALT" -H "Host: localhost:$PORT_N" "$BASE/v1"

# ------------------------------------------------ 4. conditional request: 304
etag=$(header etag "$BASE/v1")
check "ETag through the proxy is strong ('$etag')" grep -qE '^"[^"]+"$' <<<"$etag"
: >"$TMP/body304" # curl writes no file for an empty body
res=$(curl -s -o "$TMP/body304" -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/v1")
check "If-None-Match through the proxy: 304 with an empty body (got $res, $(wc -c <"$TMP/body304") bytes)" \
    test "$res" = 304 -a ! -s "$TMP/body304"
# And on a URL nginx has not cached yet: nginx strips conditionals on the way
# up (it wants a full body to cache) and must still answer the client 304.
# The tag is taken from a replica directly, with the headers nginx would send,
# since the body (and so the tag) depends on the forwarded host and prefix.
etag2=$(header etag -H "X-Forwarded-Proto: http" -H "X-Forwarded-Host: 127.0.0.1:$PORT_N" \
    -H "X-Forwarded-Prefix: $PREFIX" -H "Host: 127.0.0.1:$PORT_N" "http://127.0.0.1:$PORT_A/v1/facts?limit=4")
res=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag2" "$BASE/v1/facts?limit=4")
check "If-None-Match on an uncached URL through the proxy: 304 (got $res)" test "$res" = 304

# Metrics are scraped per replica, never through the balancer.
res=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/metrics")
check "$PREFIX/metrics is not exposed through the proxy (got $res)" test "$res" = 404

# ---------------------------------- 5. a replica dies mid-run: no failed request
# 300 requests in a background loop, half to the uncacheable /healthz and half
# to collection pages with varying limits (cache misses, so replicas work).
# Replica a is SIGKILLed (a crash, no draining) once 60 have completed.
codes=$TMP/failover-codes
: >"$codes"
(
    for i in $(seq 300); do
        if ((i % 2)); then u="$BASE/healthz"; else u="$BASE/v1/facts?limit=$((i / 2 + 4))"; fi
        curl -s -o /dev/null --max-time 5 -w '%{http_code}\n' "$u" >>"$codes" || echo 000 >>"$codes"
    done
) &
loop=$!
for _ in $(seq 200); do
    (($(wc -l <"$codes") >= 60)) && break
    sleep 0.05
done
before=$(wc -l <"$codes")
kill -KILL "${PID[a]}"
wait "${PID[a]}" 2>/dev/null || true
unset 'PID[a]'
wait "$loop"
total=$(wc -l <"$codes")
bad=$(grep -vc '^200$' "$codes" || true)
check "replica a killed after $before requests: $total requests, $bad not 200" \
    test "$total" -eq 300 -a "$bad" -eq 0
[[ $bad -eq 0 ]] || sort "$codes" | uniq -c | sed 's/^/  /'
res=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/v1/facts?limit=999")
check "after the kill, an uncached request is served by replica b (got $res)" test "$res" = 200

echo "proxy-test: $PASS passed, $FAIL failed"
((FAIL == 0))
