#!/bin/sh
# Installs the Debian 12 packages a target needs, only those missing.
# Usage: tools/deps.sh GROUP...   (groups: build run test e2e bench fuzz)
# An entry "pkg:cmd" is satisfied by an installed package or by cmd on PATH
# (a machine may bring its own Node.js, for example).
# Runs apt-get as root (directly, or through sudo when available).
set -eu

pkgs_build="gcc make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libcsv-dev libxxhash-dev zlib1g-dev"
pkgs_run="libjs-chart.js"
pkgs_test="curl jq python3:python3 nginx wget prometheus valgrind nodejs:node npm:npm libjs-chart.js"
pkgs_e2e="chromium"
pkgs_bench="wrk nginx nodejs:node npm:npm"
pkgs_fuzz="clang libclang-rt-14-dev"

want=""
for g in "$@"; do
    eval "want=\"\$want \$pkgs_$g\""
done

missing=""
for entry in $want; do
    p=${entry%%:*}
    cmd=${entry#*:}
    [ "$cmd" != "$entry" ] && command -v "$cmd" >/dev/null 2>&1 && continue
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        case " $missing " in *" $p "*) ;; *) missing="$missing $p" ;; esac
    fi
done
[ -z "$missing" ] && exit 0

echo "tools/deps.sh: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "tools/deps.sh: need root to install:$missing" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once if they are missing or a package is unknown.
if ! $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
