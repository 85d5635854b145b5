#!/usr/bin/env bash
# tests/suites.sh MODE BUILD SUITE[=cmd,cmd...]...: runs the test suites
# for `make test` (MODE test) and `make check` (MODE check), each as
# `$MAKE SUITE` in its own make, so that one failing does not stop the rest.
#
# Before a suite runs, the commands it needs (after the =) must be on PATH.
# When one is missing the suite is skipped with one line saying which:
# in check mode that is all (check promises no root and no network); in
# test mode it is a failure, since `make test` installed them.
# Whatever happened before, the run ends with tools/sanitizer_logs.sh over
# the server logs this run wrote, then a table: each suite, its result and
# its wall time. Exit status 0 only if every suite and that check passed.
#
# Env: MAKE (the make to call; MAKEFLAGS carries SAN= and the rest),
#      TEST_NOTE (lines printed under the table: suites not run, and why).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
mode=${1:?usage: tests/suites.sh test|check BUILD SUITE...}
build=${2:?usage: tests/suites.sh test|check BUILD SUITE...}
shift 2
MAKE=${MAKE:-make}
# nginx and promtool live in /usr/sbin or /usr/bin; a user's PATH may lack sbin
export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin

mkdir -p "$build"
stamp=$build/.test-start
touch "$stamp"
T0=$SECONDS
results=()
failed=()

for arg in "$@"; do
    suite=${arg%%=*}
    tools=""
    [[ $arg == *=* ]] && tools=${arg#*=}
    missing=""
    for t in ${tools//,/ }; do
        command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
    done
    if [[ -n $missing ]]; then
        if [[ $mode == check ]]; then
            echo "skip $suite: needs$missing (make test installs it)"
            results+=("$suite|skipped: needs$missing|-")
        else
            echo "FAIL $suite: cannot run, needs$missing (tools/deps.sh did not install it)"
            results+=("$suite|FAILED: needs$missing|-")
            failed+=("$suite")
        fi
        continue
    fi
    printf '\n=== %s\n' "$suite"
    t0=$SECONDS
    if $MAKE --no-print-directory "$suite"; then r=ok; else r=FAILED; failed+=("$suite"); fi
    results+=("$suite|$r|$((SECONDS - t0)) s")
done

printf '\n=== sanitizer-logs\n'
t0=$SECONDS
if tools/sanitizer_logs.sh "$stamp"; then r=ok; else r=FAILED; failed+=(sanitizer-logs); fi
results+=("sanitizer-logs|$r|$((SECONDS - t0)) s")

printf '\n=== make %s: %d suites in %d s\n' "$mode" "${#results[@]}" "$((SECONDS - T0))"
for row in "${results[@]}"; do
    IFS='|' read -r s r t <<<"$row"
    printf '  %-16s %-8s %s\n' "$s" "$t" "$r"
done
[[ -n ${TEST_NOTE:-} ]] && printf '  %s\n' "$TEST_NOTE"
if ((${#failed[@]})); then
    echo "make $mode: FAILED: ${failed[*]}"
    exit 1
fi
echo "make $mode: OK"
