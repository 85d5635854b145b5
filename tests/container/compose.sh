#!/usr/bin/env bash
# Compose test: docker/compose.yaml brought up for real with podman-compose.
#
# No Docker engine and no registry here, so: the policyfacts image is built
# from docker/Dockerfile on local Debian base images (as in run.sh), nginx is
# Debian's nginx on the same base (tests/container/nginx.Dockerfile, laid out
# like the official image), and podman-compose (Debian 12: 1.0.3) runs the
# file. Then, through nginx on a free host port:
#   - /policyfacts/v1 answers, with links to http://127.0.0.1:PORT/policyfacts/
#     (so the replicas trust nginx's X-Forwarded-* on the backend network)
#   - X-Cache-Status MISS then HIT
#   - both replicas serve (nginx's log shows two upstream addresses)
#   - with api1 stopped, every request still succeeds
#
# podman-compose 1.0.3 quirks worked around here: it ignores `ipam` (so the
# backend network is created first with the subnet compose.yaml names) and
# the depends_on health conditions (so we wait for health ourselves).
#
# Needs root. Debian packages: podman buildah runc debootstrap podman-compose
# aardvark-dns curl (installed if missing).
# Env: PF_IMAGE (default localhost/policyfacts:test), KEEP_TMP=1.
set -euo pipefail

T0=$(date +%s)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
IMAGE=${PF_IMAGE:-localhost/policyfacts:test}
NGINX_IMAGE=localhost/nginx-debian:test
PROJECT=pfcompose$$
SUBNET=172.28.0.0/24        # as in docker/compose.yaml

PASS=0
FAIL=0
ok()   { PASS=$((PASS + 1)); printf 'ok   - %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL - %s\n' "$*"; }
die()  { printf 'compose-test: %s\n' "$*" >&2; exit 1; }
step() { printf '# [%3ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
check() {
    local what=$1; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

[[ $(id -u) == 0 ]] || die "run as root (debootstrap and rootful podman)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pf-compose.XXXXXX")
compose() {
    podman-compose -p "$PROJECT" -f "$ROOT/docker/compose.yaml" "$@" >>"$TMP/compose.log" 2>&1
}
cleanup() {
    local rc=$?
    compose down -t 5 || true
    podman network rm -f "${PROJECT}_backend" >/dev/null 2>&1 || true
    if [[ $rc != 0 || ${KEEP_TMP:-0} == 1 ]]; then echo "compose-test: files kept in $TMP" >&2
    else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=tests/container/lib.sh
. "$ROOT/tests/container/lib.sh"
pf_install podman-compose:podman-compose
pf_containers_conf
step "base images"
"$ROOT/docker/make-base-image.sh"
step "podman build -> $IMAGE"
pf_build_image "$IMAGE"
step "podman build -> $NGINX_IMAGE"
podman build --format docker --pull=never --build-arg BASE_IMAGE="$RUNTIME_IMAGE" \
    -f "$ROOT/tests/container/nginx.Dockerfile" -t "$NGINX_IMAGE" "$ROOT/tests/container" \
    >"$TMP/nginx-build.log" 2>&1 || { tail -n 20 "$TMP/nginx-build.log" >&2; die "nginx image build failed"; }

port=$(pf_free_port)
podman network create --subnet "$SUBNET" "${PROJECT}_backend" >/dev/null
step "podman-compose up (project $PROJECT, port $port)"
export PF_IMAGE=$IMAGE NGINX_IMAGE PF_HTTP_PORT=$port
# Only the replicas first: compose.yaml gates nginx on their health, which
# podman-compose 1.0.3 does not do by itself.
compose up -d --no-build api1 api2 || { tail -n 20 "$TMP/compose.log" >&2; die "compose up (api) failed"; }
healthy=0
for _ in $(seq 60); do
    healthy=0
    for s in api1 api2; do
        podman healthcheck run "${PROJECT}_${s}_1" >/dev/null 2>&1 && healthy=$((healthy + 1))
    done
    ((healthy == 2)) && break
    sleep 0.5
done
check "both replicas healthy before nginx starts ($healthy/2)" test "$healthy" = 2
compose up -d --no-build nginx || { tail -n 20 "$TMP/compose.log" >&2; die "compose up (nginx) failed"; }

BASE=http://127.0.0.1:$port/policyfacts
for _ in $(seq 100); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/healthz" || true) == 200 ]] && break
    sleep 0.1
done
res=$(curl -s -o "$TMP/v1" -w '%{http_code}' "$BASE/v1")
check "GET /policyfacts/v1 through nginx -> $res" test "$res" = 200
urls=$(grep -oE '"https?://[^"]*"' "$TMP/v1" | tr -d '"' || true)
check "links in /v1 are under $BASE/ ($(grep -c . <<<"$urls" || true) links)" \
    test -n "$urls" -a -z "$(grep -vF "$BASE/" <<<"$urls")"
c1=$(curl -s -D - -o /dev/null "$BASE/v1/facts?limit=5" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache-[Ss]tatus: //p')
c2=$(curl -s -D - -o /dev/null "$BASE/v1/facts?limit=5" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache-[Ss]tatus: //p')
check "X-Cache-Status $c1 then $c2" test "$c1" = MISS -a "$c2" = HIT
for i in $(seq 20); do curl -s -o /dev/null "$BASE/healthz"; done
# Cache hits log upstream=- ; count the distinct replica addresses.
ups=$(podman logs "${PROJECT}_nginx_1" 2>/dev/null | grep -oE 'upstream=[0-9.]+:[0-9]+' | sort -u | wc -l)
check "nginx spread requests over $ups replicas" test "$ups" -ge 2

step "stopping api1 (SIGTERM)"
podman stop -t 20 "${PROJECT}_api1_1" >/dev/null 2>&1
rc=$(podman inspect --format '{{.State.ExitCode}}' "${PROJECT}_api1_1")
check "api1 exited $rc after SIGTERM" test "$rc" = 0
bad=0
for i in $(seq 40); do
    c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/v1/facts?limit=$((i + 10))" || true)
    [[ $c == 200 ]] || bad=$((bad + 1))
done
check "with api1 down, 40 uncached requests: $bad failed" test "$bad" = 0

echo "compose-test: $PASS passed, $FAIL failed in $(($(date +%s) - T0))s"
((FAIL == 0))
