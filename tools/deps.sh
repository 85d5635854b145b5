#!/bin/sh
# Installs the Debian 12 packages a target needs, only those missing, and
# says what it does: the packages it installs, apt's own progress lines, and
# on failure apt's last lines and the command to run again.
#
# Usage: tools/deps.sh [--check] GROUP...
#   groups: build run test e2e bench fuzz
#   --check  install nothing: print the missing packages and exit 1 if any
#
# An entry "pkg:cmd" is satisfied by the installed package or by cmd on PATH
# (a machine may bring its own Node.js, for example). Nothing is printed when
# nothing is missing. apt-get runs as root: directly, or through sudo.
# The full apt output of the last install is kept in $PF_DEPS_LOG
# (default build/deps-apt.log).
# shellcheck disable=SC2034 # the pkgs_ lists below are read through eval
set -eu

pkgs_build="gcc make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libcsv-dev libxxhash-dev zlib1g-dev"
# curl and jq: the README's tour uses them against the running server
pkgs_run="libjs-chart.js curl jq"
pkgs_test="curl jq python3:python3 nginx wget prometheus valgrind nodejs:node npm:npm libjs-chart.js clang-format"
pkgs_e2e="chromium"
pkgs_bench="wrk nginx nodejs:node npm:npm"
pkgs_fuzz="clang libclang-rt-14-dev"

check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
[ $# -gt 0 ] || { echo "usage: tools/deps.sh [--check] GROUP... (build run test e2e bench fuzz)" >&2; exit 2; }

want=""
for g in "$@"; do
    case $g in build | run | test | e2e | bench | fuzz) ;;
    *) echo "tools/deps.sh: unknown group '$g'" >&2; exit 2 ;; esac
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

if [ $check = 1 ]; then
    echo "tools/deps.sh: missing for $*:$missing"
    exit 1
fi

rerun="tools/deps.sh $*"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then
    SUDO="sudo"; rerun="$rerun   (it runs apt-get through sudo)"
else
    echo "tools/deps.sh: these Debian packages are missing:$missing" >&2
    echo "tools/deps.sh: installing them needs root; as root run: $rerun" >&2
    exit 1
fi

LOG=${PF_DEPS_LOG:-build/deps-apt.log}
mkdir -p "$(dirname "$LOG")"
: >"$LOG"
n=$(echo $missing | wc -w)
t0=$(date +%s)
echo "tools/deps.sh: installing $n Debian packages for '$*' (and what they depend on):$missing"

# apt's own lines, one or two per package: "Get:" while downloading,
# "Setting up" while installing; the rest (unpacking, triggers) is only in
# the log. Returns apt-get's exit status.
apt() {
    { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Progress-Fancy=0 \
        -o APT::Color=0 "$@" 2>&1 && echo "::rc 0" || echo "::rc $?"; } | tee -a "$LOG" | {
        rc=1
        while IFS= read -r line; do
            case $line in
            "::rc "*) rc=${line#::rc } ;;
            Get:* | "Setting up "* | E:* | W:* | Err:* | *" newly installed"* | "Need to get "*)
                echo "  $line" ;;
            esac
        done
        exit "$rc"
    }
}

# Refresh the package lists first when there are none (a fresh machine or
# image) or when apt does not know a package; once more if the install
# fails (lists older than the mirror).
if ! apt-get -s -q install --no-install-recommends $missing >/dev/null 2>&1; then
    echo "tools/deps.sh: apt-get update (package lists missing or out of date)"
    apt update || true
fi
if ! apt install -y --no-install-recommends $missing; then
    echo "tools/deps.sh: apt-get install failed; apt-get update, then once more"
    apt update || true
    if ! apt install -y --no-install-recommends $missing; then
        echo "tools/deps.sh: FAILED to install:$missing" >&2
        echo "---- last lines of apt's output ($LOG):" >&2
        tail -n 25 "$LOG" | grep -v '^::rc ' >&2
        echo "----" >&2
        echo "tools/deps.sh: fix the cause above, then run again: $rerun" >&2
        exit 1
    fi
fi
echo "tools/deps.sh: installed:$missing in $(($(date +%s) - t0)) s (apt's full output: $LOG)"
