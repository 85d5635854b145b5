#!/usr/bin/env bash
# Container test: build docker/Dockerfile with podman and prove the image works.
#
# Our machines have no Docker engine and reach no image registry, but Debian's
# podman/buildah run here, and the Debian mirror apt uses is reachable. So:
#   1. install podman buildah runc debootstrap if missing (apt-get, needs root)
#   2. a private containers.conf: runc (crun fails in this sandbox) and
#      ulimits no higher than ours (podman's default nofile=1048576 is refused:
#      "error setting rlimit type 7: operation not permitted")
#   3. local debian:12 and debian:12-slim base images: docker/make-base-image.sh
#      (debootstrap + podman import; cached after the first run)
#   4. podman build --format docker (keeps HEALTHCHECK) of docker/Dockerfile
#   5. run it read-only, without capabilities, and check: /healthz, /readyz,
#      /v1, the dashboard and Chart.js, the image HEALTHCHECK, non-root user, read-only
#      root fs, SIGHUP reload, and `podman stop` (SIGTERM) -> exit code 0
#      with a shutdown log line.
#
# Needs root (debootstrap, and rootful podman is what works in this sandbox).
# Debian packages: podman buildah runc debootstrap curl (1 installs the first four).
#
# Env: PF_IMAGE (default localhost/policyfacts:test), PF_BUILD_ISOLATION
#      (oci|chroot, default oci), PF_KEEP_IMAGE=0 removes the image at the end,
#      KEEP_TMP=1 keeps the temp dir.
set -euo pipefail

T0=$(date +%s)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
IMAGE=${PF_IMAGE:-localhost/policyfacts:test}
NAME=pf-ctest-$$

PASS=0
FAIL=0
ok()   { PASS=$((PASS + 1)); printf 'ok   - %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL - %s\n' "$*"; }
die()  { printf 'container-test: %s\n' "$*" >&2; exit 1; }
step() { printf '# [%3ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
check() { # check "description" command...
    local what=$1; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

[[ $(id -u) == 0 ]] || die "run as root (debootstrap and rootful podman)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pf-container.XXXXXX")
cleanup() {
    local rc=$?
    podman rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
    if [[ ${PF_KEEP_IMAGE:-1} == 0 ]]; then podman rmi -f "$IMAGE" >/dev/null 2>&1 || true; fi
    if [[ $rc != 0 || ${KEEP_TMP:-0} == 1 ]]; then echo "container-test: files kept in $TMP" >&2
    else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=tests/container/lib.sh
. "$ROOT/tests/container/lib.sh"

# shellcheck disable=SC2119 # no extra packages
pf_install                      # 1. packages
pf_containers_conf              # 2. runc, ulimits
step "base images $BASE_IMAGE, $RUNTIME_IMAGE"
"$ROOT/docker/make-base-image.sh"   # 3. cached after the first run

step "podman build (isolation ${PF_BUILD_ISOLATION:-oci}) -> $IMAGE"
tb=$(date +%s)
pf_build_image "$IMAGE"         # 4. sets PF_VERSION
version=$PF_VERSION
ok "podman build of docker/Dockerfile in $(($(date +%s) - tb))s ($(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"

inspect() { podman image inspect --format "$1" "$IMAGE"; }
check "image runs as a non-root user ($(inspect '{{.Config.User}}'))" \
    test "$(inspect '{{.Config.User}}' | cut -d: -f1)" != 0 -a -n "$(inspect '{{.Config.User}}')"
check "image declares HEALTHCHECK ($(inspect '{{.Config.Healthcheck.Test}}'))" \
    grep -q 'policyfacts healthcheck' <<<"$(inspect '{{.Config.Healthcheck.Test}}')"
check "image STOPSIGNAL is SIGTERM" test "$(inspect '{{.Config.StopSignal}}')" = SIGTERM
check "image exposes 8080/tcp" grep -q 8080 <<<"$(inspect '{{.Config.ExposedPorts}}')"
check "OCI labels version=$version, licenses, source" test \
    "$(inspect '{{index .Config.Labels "org.opencontainers.image.version"}}')" = "$version" \
    -a -n "$(inspect '{{index .Config.Labels "org.opencontainers.image.licenses"}}')" \
    -a -n "$(inspect '{{index .Config.Labels "org.opencontainers.image.source"}}')"

# --------------------------------------------------------------- 5. run
port=$(pf_free_port)
URL=http://127.0.0.1:$port

# How an operator should run it: read-only root fs (podman adds tmpfs on
# /tmp, /var/tmp and /run), no capabilities, no privilege escalation.
step "podman run --read-only --cap-drop=ALL -p 127.0.0.1:$port:8080"
# podman schedules the periodic HEALTHCHECK with systemd timers; there is no
# systemd here, so it logs "unable to get systemd connection" (harmless, the
# check is run by hand below). That noise goes to run.err.
podman run -d --name "$NAME" --read-only --cap-drop=ALL \
    --security-opt no-new-privileges \
    -p "127.0.0.1:$port:8080" "$IMAGE" >/dev/null 2>"$TMP/run.err" \
    || { cat "$TMP/run.err" >&2; die "podman run failed"; }
for _ in $(seq 150); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL/healthz" || true) == 200 ]] && break
    [[ $(podman inspect --format '{{.State.Running}}' "$NAME") == true ]] || break
    sleep 0.2
done

code() { curl -s -o "$TMP/body" -w '%{http_code}' --max-time 5 "$@" || true; }
check "GET /healthz -> 200" test "$(code "$URL/healthz")" = 200
check "GET /readyz -> 200" test "$(code "$URL/readyz")" = 200
res=$(code "$URL/v1")
check "GET /v1 -> 200 JSON ($(head -c 80 "$TMP/body" | tr -d '\n')...)" \
    test "$res" = 200 -a "$(head -c 1 "$TMP/body")" = "{"
res=$(code "$URL/v1/facts?limit=2")
check "GET /v1/facts?limit=2 -> 200 with data" test "$res" = 200 -a -n "$(grep -o '"data"' "$TMP/body")"
res=$(code "$URL/metrics")
check "GET /metrics -> 200 Prometheus text ($(grep -c '^# TYPE' "$TMP/body" || true) metric families)" \
    test "$res" = 200 -a -n "$(grep -m1 '^# TYPE' "$TMP/body")"
# The dashboard and the spec are optional parts of the repo; when present,
# the image must carry them (the Dockerfile copies them if they exist).
if [[ -d $ROOT/web ]]; then
    check "GET / (dashboard from web/) -> 200" test "$(code "$URL/")" = 200
else
    echo "skip - GET / (dashboard): no web/ in this tree"
fi
if [[ -r $ROOT/api-spec/openapi.json ]]; then
    check "GET /openapi.json -> 200" test "$(code "$URL/openapi.json")" = 200
else
    echo "skip - GET /openapi.json: no api-spec/openapi.json in this tree"
fi
# Chart.js comes from Debian's libjs-chart.js in the runtime stage.
check "GET /vendor/chart.js (libjs-chart.js) -> 200" test "$(code "$URL/vendor/chart.js")" = 200

# The image's own HEALTHCHECK, run by the engine, and by hand.
hc=$(podman healthcheck run "$NAME" 2>&1) && hc_rc=0 || hc_rc=$?
check "podman healthcheck run -> exit 0 (${hc:-healthy})" test "$hc_rc" = 0
check "health status is healthy ($(podman inspect --format '{{.State.Health.Status}}' "$NAME" 2>/dev/null || podman inspect --format '{{.State.Healthcheck.Status}}' "$NAME"))" \
    test "$(podman inspect --format '{{.State.Health.Status}}' "$NAME" 2>/dev/null || podman inspect --format '{{.State.Healthcheck.Status}}' "$NAME")" = healthy

uid=$(podman exec "$NAME" id -u)
check "server process runs as uid $uid (non-root)" test "$uid" != 0
puser=$(podman top "$NAME" user comm | awk 'NR > 1 && $2 ~ /policyfacts/ { print $1; exit }')
check "podman top: policyfacts process user is '$puser'" test -n "$puser" -a "$puser" != root
check "root fs is read-only (ReadonlyRootfs=$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$NAME"))" \
    test "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$NAME")" = true
# Even root inside the container cannot write outside the tmpfs mounts.
w=$(podman exec --user 0 "$NAME" sh -c 'touch /usr/share/policyfacts/probe 2>&1' || true)
check "writes to the image fail even as root in the container ($w)" grep -qi 'read-only' <<<"$w"

# SIGHUP reloads the database file; the service keeps answering.
podman kill --signal HUP "$NAME" >/dev/null
sleep 1
check "after SIGHUP: still running and /v1 -> 200" \
    test "$(podman inspect --format '{{.State.Running}}' "$NAME")" = true -a "$(code "$URL/v1")" = 200
check "after SIGHUP: a reload log line" grep -qi 'reload' <<<"$(podman logs "$NAME" 2>&1)"

# ---------------------------------------------------------------- 6. stop
# podman stop sends the image's STOPSIGNAL (SIGTERM) and waits up to 20 s
# before SIGKILL; a graceful drain exits 0 well within that.
step "podman stop (SIGTERM)"
ts=$(date +%s)
podman stop --time 20 "$NAME" >/dev/null 2>"$TMP/stop.err" || true
rc=$(podman inspect --format '{{.State.ExitCode}}' "$NAME")
check "stopped by SIGTERM in $(($(date +%s) - ts))s with exit code $rc (want 0, no SIGKILL)" \
    test "$rc" = 0 -a -z "$(grep -i sigkill "$TMP/stop.err")"
podman logs "$NAME" >"$TMP/container.log" 2>&1 || true
last=$(grep -iE 'shutdown|stopp|exit' "$TMP/container.log" | tail -n 1)
check "shutdown log line: ${last:0:160}" test -n "$last"

echo "container-test: $PASS passed, $FAIL failed in $(($(date +%s) - T0))s"
((FAIL == 0))
