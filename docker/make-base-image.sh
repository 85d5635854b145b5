#!/usr/bin/env bash
# Build local Debian 12 base images for podman without any container registry.
#
#   docker/make-base-image.sh [--force]
#
# Produces two images in podman's local storage:
#   localhost/debian:12        debootstrap --variant=minbase bookworm (build stage)
#   localhost/debian:12-slim   same tree without docs/man/locales, plus the
#                              dpkg path-excludes the official -slim image uses
# Pass them to the Dockerfile with
#   --build-arg BASE_IMAGE=localhost/debian:12 --build-arg RUNTIME_IMAGE=localhost/debian:12-slim
#
# Why: no registry is reachable on our machines, but the Debian mirror that apt
# uses is. The packages come from that same mirror, so the images match what
# `debian:12` from a registry would contain closely enough for our Dockerfile.
#
# Needs root (debootstrap), debootstrap and podman. The rootfs tarball is cached
# in $PF_BASE_CACHE (default /var/tmp/policyfacts-base) so a rerun costs seconds.
# Honours CONTAINERS_CONF like any podman command.
set -euo pipefail

SUITE=bookworm
TAG_FULL=${PF_BASE_IMAGE:-localhost/debian:12}
TAG_SLIM=${PF_RUNTIME_IMAGE:-localhost/debian:12-slim}
CACHE=${PF_BASE_CACHE:-/var/tmp/policyfacts-base}
FORCE=0
[[ ${1:-} == --force ]] && FORCE=1

log() { printf 'make-base-image: %s\n' "$*" >&2; }

# The first URI apt is configured with for suite $1 (deb822 .sources files
# first, then one-line sources.list); prints nothing if there is none.
detect_uri() {
    local SUITE=$1 f uri
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        # a deb822 stanza: take URIs of the stanza whose Suites mention $SUITE
        uri=$(awk -v suite="$SUITE" '
            /^[[:space:]]*$/ { if (u != "" && s ~ ("(^| )" suite "( |$)")) { print u; exit } u=""; s=""; next }
            /^URIs:/   { u=$2 }
            /^Suites:/ { $1=""; s=$0 }
            END { if (u != "" && s ~ ("(^| )" suite "( |$)")) print u }' "$f" | head -n1)
        [[ -n $uri ]] && { echo "$uri"; return; }
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $f ]] || continue
        uri=$(awk -v suite="$SUITE" '$1 == "deb" && $0 ~ (" " suite " ") {
                  for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$f" | head -n1)
        [[ -n $uri ]] && { echo "$uri"; return; }
    done
}

image_exists() { podman image exists "$1"; }

if [[ $FORCE == 0 ]] && image_exists "$TAG_FULL" && image_exists "$TAG_SLIM"; then
    log "$TAG_FULL and $TAG_SLIM already present (use --force to rebuild)"
    exit 0
fi

[[ $(id -u) == 0 ]] || { log "must run as root (debootstrap)"; exit 1; }
command -v debootstrap >/dev/null || { log "debootstrap not installed"; exit 1; }
command -v podman >/dev/null || { log "podman not installed"; exit 1; }

MIRROR=${PF_DEBIAN_MIRROR:-$(detect_uri "$SUITE")}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${PF_DEBIAN_SECURITY:-$(detect_uri "$SUITE-security")}
SECURITY=${SECURITY:-${MIRROR%/debian}/debian-security}
mkdir -p "$CACHE"
TARBALL=$CACHE/debian-$SUITE-minbase.tar

if [[ $FORCE == 1 || ! -s $TARBALL ]]; then
    WORK=$(mktemp -d "$CACHE/rootfs.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    ROOT=$WORK/rootfs
    log "debootstrap $SUITE from $MIRROR (minbase)"
    debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
        tail -n 20 "$WORK/debootstrap.log" >&2; log "debootstrap failed"; exit 1; }

    # apt in the image uses the same mirrors as the host, with updates and
    # security like a stock image.
    rm -f "$ROOT/etc/apt/sources.list"
    cat >"$ROOT/etc/apt/sources.list.d/debian.sources" <<SRC
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    # What the official images do: no recommends, no stale package lists.
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
        >"$ROOT/etc/apt/apt.conf.d/90container-no-recommends"
    chroot "$ROOT" apt-get clean
    rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/log/*.log \
        "$ROOT"/var/cache/debconf/*-old "$ROOT"/tmp/* "$ROOT"/root/.bash_history
    # A container gets its own resolv.conf and hostname from the engine.
    : >"$ROOT/etc/resolv.conf"; : >"$ROOT/etc/hostname"

    tar --numeric-owner --xattrs -C "$ROOT" -cf "$TARBALL.tmp" .
    mv "$TARBALL.tmp" "$TARBALL"
    rm -rf "$WORK"; trap - EXIT
else
    log "reusing cached rootfs $TARBALL"
fi

log "podman import -> $TAG_FULL"
podman import --quiet --change 'CMD ["/bin/bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --message "debootstrap minbase $SUITE from $MIRROR" "$TARBALL" "$TAG_FULL" >/dev/null

# The slim variant: drop docs, man pages and translations, and keep dpkg from
# installing them later (same path-exclude list as the official -slim images).
SLIM=$CACHE/debian-$SUITE-slim.tar
if [[ $FORCE == 1 || ! -s $SLIM || $SLIM -ot $TARBALL ]]; then
    WORK=$(mktemp -d "$CACHE/slim.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    tar --numeric-owner --xattrs -C "$WORK" -xf "$TARBALL"
    cat >"$WORK/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
# as in the official debian:*-slim images
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
DPKG
    find "$WORK/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    find "$WORK/usr/share/doc" -mindepth 1 -type d -empty -delete
    rm -rf "$WORK"/usr/share/man/* "$WORK"/usr/share/groff/* "$WORK"/usr/share/info/* \
        "$WORK"/usr/share/lintian/* "$WORK"/usr/share/linda/*
    find "$WORK/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
    tar --numeric-owner --xattrs -C "$WORK" -cf "$SLIM.tmp" .
    mv "$SLIM.tmp" "$SLIM"
    rm -rf "$WORK"; trap - EXIT
fi
log "podman import -> $TAG_SLIM"
podman import --quiet --change 'CMD ["/bin/bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --message "debootstrap minbase $SUITE from $MIRROR, slimmed" "$SLIM" "$TAG_SLIM" >/dev/null
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -F "${TAG_FULL%%:*}" >&2 || true
