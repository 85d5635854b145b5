#!/usr/bin/env bash
# make fresh-test: the README's two commands on a fresh Debian 12 machine,
# proved in fresh containers (podman, root):
#   1. podman, buildah, runc, debootstrap from apt if missing, and the local
#      localhost/debian:12 image (docker/make-base-image.sh: debootstrap
#      minbase from the mirror apt uses; cached) -- as tests/container does;
#   2. two clean clones of HEAD (commit first: changes not committed are not
#      tested);
#   3. container 1 (the image + make, nothing else): `make run`; /v1 and the
#      tariffs in effect on 2025-04-20 must come back; then it is stopped;
#   4. container 2 (the same, from scratch): `make test` must pass, every
#      suite run, on Debian's own Node.js 18; a second install step must
#      have nothing to install.
# tests/fresh/inside.sh is what runs in the containers. Each timed command
# prints its wall time; the table at the end repeats them.
#
# The containers reach the same package registries as this machine: they get
# its apt configuration (/etc/apt: sources, proxies, keys), npm configuration
# (/etc/npmrc, ~/.npmrc) and extra CA certificates
# (/usr/local/share/ca-certificates) read-only, and its http(s)_proxy and
# no_proxy variables. Behind a corporate proxy that is all a user needs too.
#
# Env: PF_FRESH_ONLY=run|test (one container only), KEEP_TMP=1 (keep the
#      clones and logs), PF_FRESH_ANY_NODE=1 (accept a Node.js other than
#      Debian's 18, when this machine's apt sources bring one).
set -euo pipefail

T0=$(date +%s)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
die()  { printf 'fresh-test: %s\n' "$*" >&2; exit 1; }
step() { printf '# [%4ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
[[ $(id -u) == 0 ]] || die "run as root (debootstrap and rootful podman, as make container-test)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pf-fresh.XXXXXX")
NAMES=()
cleanup() {
    local rc=$? n
    for n in "${NAMES[@]}"; do podman rm -f -t 0 "$n" >/dev/null 2>&1 || true; done
    if [[ $rc != 0 || ${KEEP_TMP:-0} == 1 ]]; then echo "fresh-test: files kept in $TMP" >&2
    else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=tests/container/lib.sh
. "$ROOT/tests/container/lib.sh"
pf_install
pf_containers_conf
step "base image $BASE_IMAGE"
"$ROOT/docker/make-base-image.sh"

head=$(git -C "$ROOT" rev-parse HEAD)
[[ -z $(git -C "$ROOT" status --porcelain --untracked-files=no) ]] ||
    echo "fresh-test: NOTE: the worktree has changes not committed; the test uses HEAD ($head) without them"

# What the containers get from this machine, read-only.
carry=(-v /etc/apt:/etc/apt:ro)
[[ -r /etc/npmrc ]] && carry+=(-v /etc/npmrc:/etc/npmrc:ro)
[[ -r $HOME/.npmrc ]] && carry+=(-v "$HOME/.npmrc:/root/.npmrc:ro")
[[ -d /usr/local/share/ca-certificates ]] &&
    carry+=(-v /usr/local/share/ca-certificates:/usr/local/share/ca-certificates:ro)
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [[ -n ${!v:-} ]] && carry+=(--env "$v")
done
[[ -n ${PF_FRESH_ANY_NODE:-} ]] && carry+=(--env PF_FRESH_ANY_NODE)
step "carried into the containers: ${carry[*]}"

# fresh MODE: a clean clone and a new container running inside.sh MODE.
fresh() {
    local mode=$1 name=pf-fresh-$1-$$ rc=0
    git clone -q --no-hardlinks "$ROOT" "$TMP/$mode"
    git -C "$TMP/$mode" checkout -q --detach "$head"
    NAMES+=("$name")
    step "container $name: clean clone of $(git -C "$TMP/$mode" log -1 --format='%h %s' | cut -c1-70)"
    # --shm-size: a machine's /dev/shm, not podman's 64 MB (Chromium uses it)
    podman run --name "$name" --pull=never --shm-size=1g "${carry[@]}" \
        -v "$TMP/$mode:/src" -w /src "$BASE_IMAGE" bash tests/fresh/inside.sh "$mode" \
        2>&1 | tee "$TMP/$mode.log" | sed -u "s/^/$mode| /" || rc=$?
    podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
    grep '^fresh-time: ' "$TMP/$mode.log" | sed "s/^fresh-time: /  $mode: /" >>"$TMP/times"
    if ! grep -q "^fresh: make $mode: OK" "$TMP/$mode.log"; then
        echo "fresh-test: make $mode FAILED in a fresh container (log: $TMP/$mode.log)"
        return 1
    fi
    return $rc
}

: >"$TMP/times"
fail=0
if [[ ${PF_FRESH_ONLY:-run} == run ]]; then fresh run || fail=1; fi
if [[ ${PF_FRESH_ONLY:-test} == test ]]; then fresh test || fail=1; fi

echo "fresh-test: wall times on a fresh Debian 12 container ($(nproc) CPUs here):"
cat "$TMP/times"
echo "fresh-test: $( ((fail == 0)) && echo OK || echo FAILED) in $(($(date +%s) - T0)) s"
exit $fail
