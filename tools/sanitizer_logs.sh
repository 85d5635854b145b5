#!/usr/bin/env bash
# tools/sanitizer_logs.sh STAMP: fails if a log the tests wrote after STAMP
# (a file touched when `make test` began) holds a sanitizer report.
#
# Why: the tests run the server as a child and check its answers; a
# ThreadSanitizer or AddressSanitizer report in the server's own log does
# not change those answers, and a server stopped by a signal does not
# always exit with the sanitizer's exit code. Without this a report could
# sit in tests/out unread (one did: server_stop closing the listening
# socket while a worker thread still used it).
set -uo pipefail
stamp=${1:?usage: tools/sanitizer_logs.sh STAMP}
cd "$(dirname "$0")/.." || exit 2
pattern='WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error: '
found=0
while IFS= read -r -d '' f; do
    if grep -Eq "$pattern" "$f"; then
        found=1
        echo "sanitizer report in $f:"
        grep -E -m3 -A12 "$pattern" "$f" | sed 's/^/    /'
    fi
done < <(find tests/out -type f -name '*.log' -newer "$stamp" -print0 2>/dev/null)
if [ $found = 1 ]; then
    echo "sanitizer-logs: FAILED (reports above)"
    exit 1
fi
echo "sanitizer-logs: no sanitizer report in the server logs of this run"
