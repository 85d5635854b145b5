# Shared by tests/container/run.sh and compose.sh (sourced, not run).
# Gets podman working on a registry-less, Docker-less Debian 12 machine:
# packages, a private containers.conf, local Debian base images, the image.
# Expects: ROOT (repo top), TMP (a temp dir), die, step.
# shellcheck shell=bash

BASE_IMAGE=localhost/debian:12
RUNTIME_IMAGE=localhost/debian:12-slim

# podman buildah runc debootstrap (+ extra packages given as arguments) from
# apt, if their commands are missing. Needs root.
pf_install() {
    local missing=() pair
    for pair in podman:podman buildah:buildah runc:runc debootstrap:debootstrap curl:curl "$@"; do
        command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
    done
    ((${#missing[@]})) || return 0
    step "installing ${missing[*]}"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}" uidmap slirp4netns aardvark-dns; } \
        >"$TMP/apt.log" 2>&1 || { tail -n 20 "$TMP/apt.log" >&2; die "apt-get install failed"; }
}

# Our own containers.conf via CONTAINERS_CONF, so the machine's podman setup
# is untouched: runc (crun fails in this sandbox) and ulimits no higher than
# our own hard limits (podman's default nofile=1048576 is refused here with
# "error setting rlimit type 7: operation not permitted").
pf_containers_conf() {
    local nofile nproc
    nofile=$(ulimit -Hn); [[ $nofile == unlimited ]] && nofile=1048576
    nproc=$(ulimit -Hu);  [[ $nproc == unlimited ]] && nproc=65536
    ((nofile > 65536)) && nofile=65536
    ((nproc > 4096)) && nproc=4096
    cat >"$TMP/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
CONF
    export CONTAINERS_CONF=$TMP/containers.conf
    step "podman $(podman version --format '{{.Client.Version}}'), runc, ulimits nofile=$nofile nproc=$nproc"
}

# podman build of docker/Dockerfile on the local base images -> $1.
# --format docker keeps HEALTHCHECK (the OCI format has no such field).
# The --label flags repeat what the Dockerfile's LABEL does with the build
# args: buildah 1.28 reuses a cached LABEL layer even when the build-arg
# values changed, which would leave the previous version on the image.
pf_build_image() {
    local image=$1 version revision
    version=$(git -C "$ROOT" describe --tags --always --dirty 2>/dev/null || echo dev)
    revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
    # shellcheck disable=SC2034 # read by the caller
    PF_VERSION=$version
    podman build --format docker --pull=never --isolation "${PF_BUILD_ISOLATION:-oci}" \
        --build-arg BASE_IMAGE="$BASE_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" \
        --build-arg VERSION="$version" --build-arg REVISION="$revision" \
        --label org.opencontainers.image.version="$version" \
        --label org.opencontainers.image.revision="$revision" \
        -f "$ROOT/docker/Dockerfile" -t "$image" "$ROOT" >"$TMP/build.log" 2>&1 || {
        tail -n 30 "$TMP/build.log" >&2
        die "podman build failed (full log: $TMP/build.log)"
    }
}

# A TCP port for the host side of a published port: below the kernel's
# ephemeral range (so no client socket or TIME-WAIT holds it), nothing
# listening on it now.
pf_free_port() {
    local lo p
    lo=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    for _ in $(seq 200); do
        p=$((10000 + RANDOM % (lo - 10000)))
        if ! (: </dev/tcp/127.0.0.1/"$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    die "no free port"
}
