#!/bin/sh
# Runs each libFuzzer target for SECONDS, one at a time, at nice 19.
# Usage: tests/fuzz/run.sh SECONDS TARGET...   (FUZZ_DIR: build/fuzz)
# Prints one summary line per target (executions, cov, ft, corpus) and
# exits non-zero when any target found a crash, leak or broken invariant.
set -u
secs=$1
shift
dir=${FUZZ_DIR:-build/fuzz}
mkdir -p "$dir/artifacts"
fail=0
for t in "$@"; do
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
    echo "fuzz_$t: ${secs}s runs=${runs:-?} cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} rc=$rc"
    if [ $rc -ne 0 ]; then
        echo "fuzz_$t: FAILED; see $log and $dir/artifacts/" >&2
        grep -m5 -E 'ERROR|invariant failed|SUMMARY' "$log" >&2
        fail=$((fail + 1))
    fi
done
echo "fuzz: $(($# - fail)) passed, $fail failed"
exit $fail
