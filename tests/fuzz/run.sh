#!/bin/sh
# Runs each libFuzzer target for SECONDS, FUZZ_JOBS (default nproc) at a
# time, at nice 19.
# Usage: tests/fuzz/run.sh SECONDS TARGET...   (FUZZ_DIR: build/fuzz)
# Prints one summary line per target (executions, cov, ft, corpus) and
# exits non-zero when any target found a crash, leak or broken invariant.
set -u
secs=$1
shift
dir=${FUZZ_DIR:-build/fuzz}
mkdir -p "$dir/artifacts"
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}

# one target: SECONDS of libFuzzer; its summary line in $dir/$t.summary,
# exit status non-zero on a finding
run_one() {
    t=$1
    bin="$dir/fuzz_$t"
    work="$dir/corpus/$t"
    seeds="tests/fuzz/corpus/$t"
    log="$dir/$t.log"
    mkdir -p "$work"
    dict=""
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    # a fresh checkout may lack a seed dir: the fuzzer starts from nothing
    [ -d "$seeds" ] || seeds=""
    nice -n 19 "$bin" -max_total_time="$secs" -print_final_stats=1 \
        -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -artifact_prefix="$dir/artifacts/$t-" $dict "$work" $seeds \
        >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    echo "fuzz_$t: ${secs}s runs=${runs:-?} cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} rc=$rc" >"$dir/$t.summary"
    return $rc
}

# Targets run $jobs at a time (default: one per CPU): each still gets its
# SECONDS of one whole core, and make test waits half as long on two.
fail=0
total=$#
while [ $# -gt 0 ]; do
    batch=""
    pids=""
    i=0
    while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
        run_one "$1" &
        pids="$pids $!"
        batch="$batch $1"
        shift
        i=$((i + 1))
    done
    n=0
    for pid in $pids; do
        n=$((n + 1))
        t=$(echo $batch | cut -d' ' -f$n)
        if wait "$pid"; then rc=0; else rc=1; fi
        cat "$dir/$t.summary"
        if [ $rc -ne 0 ]; then
            echo "fuzz_$t: FAILED; see $dir/$t.log and $dir/artifacts/" >&2
            grep -m5 -E 'ERROR|invariant failed|SUMMARY' "$dir/$t.log" >&2
            fail=$((fail + 1))
        fi
    done
done
echo "fuzz: $((total - fail)) passed, $fail failed"
exit $fail
