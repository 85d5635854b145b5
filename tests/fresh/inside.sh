#!/usr/bin/env bash
# Runs inside a fresh Debian 12 container for tests/fresh/run.sh (do not run
# it on your own machine: it installs packages). The container is the
# minbase image with nothing added; /src is a clean clone of the repository.
#
#   inside.sh run    install make, then the README's `make run`: wait for the
#                    server, fetch /v1 and the tariffs of 2025-04-20 with the
#                    curl and jq `make run` installed, stop it
#   inside.sh test   install make, then the README's `make test`, which must
#                    pass with every suite run, on Debian's own Node.js 18;
#                    then `make test-deps` again must install nothing
#
# Each timed command prints "fresh-time: WHAT: N s" for the host script.
set -uo pipefail
mode=${1:?usage: inside.sh run|test}
cd /src || exit 1
export DEBIAN_FRONTEND=noninteractive
OUT=/src/build/fresh   # in the clone, so that the host keeps the logs (not tests/out:
                      # the sanitizer-log check reads every log there)
mkdir -p $OUT
say() { printf 'fresh: %s\n' "$*"; }
die() { printf 'fresh: FAILED: %s\n' "$*"; exit 1; }
timed() { printf 'fresh-time: %s: %d s\n' "$1" "$2"; }

# What a user has before the README's first command: make (and, only if
# apt's sources are https, ca-certificates, which apt needs to reach them).
pre="make"
cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -v '^[[:space:]]*#' | grep -q 'https://' && pre="make ca-certificates"
t0=$SECONDS
{ apt-get update -q && apt-get install -y -q --no-install-recommends $pre; } >$OUT/pre.log 2>&1 ||
    { tail -n 20 $OUT/pre.log; die "apt-get install $pre"; }
timed "apt-get install $pre (before the README's commands)" $((SECONDS - t0))
# an apt that has just run is what a user has too; but no other package
for c in gcc pkg-config node curl jq; do
    command -v $c >/dev/null && die "the image is not bare: it has $c"
done
say "$(dpkg-query -W -f='${Status}\n' | grep -c 'install ok installed') packages installed; no compiler, pkg-config, curl, jq or Node.js"

if [[ $mode == run ]]; then
    . tests/lib/server.sh   # pf_healthy: plain bash, works before curl exists
    t0=$SECONDS
    set -m                  # make run gets its own process group, to stop it
    make run >$OUT/make-run.log 2>&1 &
    job=$!
    set +m
    until pf_healthy 8080; do
        kill -0 $job 2>/dev/null || { tail -n 40 $OUT/make-run.log; die "make run exited before the server answered"; }
        ((SECONDS - t0 < 1800)) || { tail -n 40 $OUT/make-run.log; die "no answer on :8080 after 30 min"; }
        sleep 1
    done
    timed "make run (until http://127.0.0.1:8080 answers)" $((SECONDS - t0))
    # what a user saw: what was installed, how many packages, the last lines
    grep '^tools/deps.sh' $OUT/make-run.log | cut -c1-300 | sed 's/^/  make run| /'
    say "make run: $(grep -c '^  Setting up ' $OUT/make-run.log) packages set up by apt, $(grep -c '^cc ' $OUT/make-run.log) cc commands; its last lines:"
    tail -n 3 $OUT/make-run.log | cut -c1-200 | sed 's/^/  make run| /'
    grep -q 'undefined reference' $OUT/make-run.log && die "the link step of make run reported undefined references"
    fail=0
    command -v curl >/dev/null && command -v jq >/dev/null || { say "make run did not install curl and jq (the README's tour needs them)"; fail=1; }
    index=$(curl -sS --max-time 10 http://127.0.0.1:8080/v1 | jq -r '.dataset_version // empty')
    [[ -n $index ]] && say "GET /v1: dataset_version $index" || { say "GET /v1: no dataset_version"; fail=1; }
    headline=$(curl -sS --max-time 10 'http://127.0.0.1:8080/v1/tariffs/USA/CHN?on=2025-04-20' | jq -r '.headline_total.value // empty')
    [[ $headline == 145 ]] && say "GET /v1/tariffs/USA/CHN?on=2025-04-20: headline_total 145" ||
        { say "GET /v1/tariffs/USA/CHN?on=2025-04-20: headline_total '$headline', not 145"; fail=1; }
    kill -TERM -- -"$job" 2>/dev/null   # Ctrl-C's signal, to make and the server
    wait "$job" 2>/dev/null
    for _ in $(seq 100); do pf_healthy 8080 || break; sleep 0.2; done
    pf_healthy 8080 && { say "the server still answers 20 s after SIGTERM"; fail=1; }
    grep -q '"event":"stopped"' $OUT/make-run.log && say "stopped: $(grep -o '"event":"stopped"[^}]*' $OUT/make-run.log | head -c 120)" ||
        { say "no stopped log line after SIGTERM"; fail=1; }
    ((fail == 0)) || die "make run"
    say "make run: OK"
    exit 0
fi

[[ $mode == test ]] || die "unknown mode $mode"
t0=$SECONDS
make test 2>&1 | tee $OUT/make-test.log
rc=${PIPESTATUS[0]}
timed "make test (exit $rc)" $((SECONDS - t0))
fail=0
((rc == 0)) || { say "make test exited $rc"; fail=1; }
node=$(node -v 2>/dev/null)
nodepkg=$(dpkg-query -W -f='${Version}' nodejs 2>/dev/null)
say "Node.js $node (Debian package nodejs $nodepkg), npm $(npm -v 2>/dev/null)"
[[ $node == v18.* ]] || [[ ${PF_FRESH_ANY_NODE:-0} == 1 ]] ||
    { say "expected Debian 12's Node.js 18, got '$node' (apt sources with another nodejs? PF_FRESH_ANY_NODE=1 accepts it)"; fail=1; }
# every suite ran: none skipped, format-check and the sanitizer logs included
grep -Eq '^  (format-check|sanitizer-logs) +[0-9]+ s +ok$' $OUT/make-test.log &&
    [[ $(grep -Ec '^  (format-check|sanitizer-logs) +[0-9]+ s +ok$' $OUT/make-test.log) == 2 ]] ||
    { say "format-check or the sanitizer-log check did not run and pass"; fail=1; }
grep -Eq '^  [a-z-]+ +- +(skipped|FAILED)' $OUT/make-test.log && { say "a suite was skipped"; fail=1; }

# A second make test installs nothing: its install step (the same
# tools/deps.sh call and npm rules) must have nothing left to do.
t0=$SECONDS
make --no-print-directory test-deps >$OUT/test-deps.log 2>&1 || { cat $OUT/test-deps.log; fail=1; }
timed "make test-deps again (what a second make test installs)" $((SECONDS - t0))
if grep -Eq 'installing|npm ci' $OUT/test-deps.log; then
    say "a second make test would install again:"; cat $OUT/test-deps.log; fail=1
else
    say "a second make test installs nothing ($(wc -l <$OUT/test-deps.log) lines of output)"
fi
((fail == 0)) || die "make test"
say "make test: OK"
